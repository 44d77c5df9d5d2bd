/*
 * Board — what the visualizer knows: per reporting node, its latest cumulative
 * counts per (src, dst, TTL) flow and a short history of its packet rate.
 *
 * NetMonitor reports cumulative counts, possibly in several parts per report
 * (seq/part/parts); the board merges the parts of one report and derives the rate
 * between consecutive reports. A node is keyed by its reported name and the
 * address the reports come from, so two nodes with the same host name stay apart.
 */
package org.netserv.apps.visualizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.TreeMap;

public final class Board {
    static final int HISTORY = 120;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Node> nodes = new TreeMap<>();
    private long reports, rejected;

    /** One node's view. */
    static final class Node {
        final String name, address;
        final Map<String, Long> flows = new TreeMap<>();     // "src dst ttl" -> packets
        final ArrayDeque<double[]> rate = new ArrayDeque<>();  // [time_ms, packets/s]
        long packets, lastPackets = -1, lastTime, seq = -1, overflow, lastSeen;
        String module;

        Node(String name, String address) {
            this.name = name;
            this.address = address;
        }
    }

    /** Takes one datagram; false (and counted) when it is not a NetMonitor report. */
    public synchronized boolean accept(byte[] data, int len, String from, long now) {
        JsonNode r;
        try {
            r = JSON.readTree(new String(data, 0, len, java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            rejected++;
            return false;
        }
        if (r == null || !r.path("node").isTextual() || !r.path("seq").canConvertToLong()
                || !r.path("packets").canConvertToLong() || !r.path("flows").isArray()) {
            rejected++;
            return false;
        }
        String name = r.get("node").asText();
        Node n = nodes.computeIfAbsent(name + " @" + from, k -> new Node(name, from));
        long seq = r.get("seq").asLong();
        if (seq < n.seq && n.seq - seq < 1000) {  // late part of an old report; a restart begins again at 0
            return true;
        }
        if (seq != n.seq) {                        // first part of a new report
            n.seq = seq;
            long t = r.path("time_ms").asLong(now);
            long p = r.get("packets").asLong();
            if (n.lastPackets >= 0 && t > n.lastTime && p >= n.lastPackets) {
                n.rate.addLast(new double[] {t, (p - n.lastPackets) * 1000.0 / (t - n.lastTime)});
                while (n.rate.size() > HISTORY) n.rate.removeFirst();
            }
            n.lastPackets = p;
            n.lastTime = t;
            n.packets = p;
            n.overflow = r.path("overflow").asLong();
            n.module = r.path("module").asText("");
        }
        for (JsonNode f : r.get("flows")) {
            n.flows.put(f.path("src").asText() + " " + f.path("dst").asText() + " " + f.path("ttl").asInt(),
                    f.path("packets").asLong());
        }
        n.lastSeen = now;
        reports++;
        return true;
    }

    public synchronized long reports() { return reports; }

    public synchronized long rejected() { return rejected; }

    /** Total packets a node reported (the newest report), or -1 if unknown. */
    public synchronized long packets(String nodeName) {
        return nodes.values().stream().filter(n -> n.name.equals(nodeName)).mapToLong(n -> n.packets).max().orElse(-1);
    }

    /** The whole board as JSON, for the web page. */
    public synchronized String json(long now) {
        ObjectNode root = JSON.createObjectNode();
        root.put("time_ms", now).put("reports", reports).put("rejected", rejected);
        ArrayNode arr = root.putArray("nodes");
        for (Node n : nodes.values()) {
            ObjectNode o = arr.addObject();
            o.put("node", n.name).put("address", n.address).put("module", n.module)
                    .put("packets", n.packets).put("overflow", n.overflow).put("age_ms", now - n.lastSeen);
            ArrayNode rate = o.putArray("rate");
            for (double[] x : n.rate) rate.addArray().add((long) x[0]).add(Math.round(x[1] * 10) / 10.0);
            ArrayNode flows = o.putArray("flows");
            n.flows.forEach((k, v) -> {
                String[] s = k.split(" ");
                flows.addObject().put("src", s[0]).put("dst", s[1]).put("ttl", Integer.parseInt(s[2])).put("packets", v);
            });
        }
        return root.toString();
    }

    /** The live text view. */
    public synchronized String text(long now) {
        StringBuilder b = new StringBuilder();
        b.append(String.format("NetMonitor visualizer — %d node(s), %d reports%n", nodes.size(), reports));
        for (Node n : nodes.values()) {
            double rate = n.rate.isEmpty() ? 0 : n.rate.getLast()[1];
            b.append(String.format("%s (%s)  total %d packets  %.1f pkt/s  last report %d ms ago%n",
                    n.name, n.address, n.packets, rate, now - n.lastSeen));
            b.append(String.format("  %-15s %-15s %4s %12s%n", "source", "destination", "ttl", "packets"));
            n.flows.forEach((k, v) -> {
                String[] s = k.split(" ");
                b.append(String.format("  %-15s %-15s %4s %12d%n", s[0], s[1], s[2], v));
            });
        }
        return b.toString();
    }
}
