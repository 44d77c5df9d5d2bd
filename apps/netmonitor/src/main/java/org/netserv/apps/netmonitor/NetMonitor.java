/*
 * NetMonitor — a packet-processing module that counts the packets it sees by
 * (source, destination, TTL) and reports the counts to the publisher's visualizer
 * every interval (paper §5 configuration 5, the GEC9 traffic visualization).
 *
 * Packets are only counted, never changed: the verdict is always FORWARD.
 *
 * Report: one UDP datagram per interval (split into parts when large), JSON:
 *   {"node":"r2","module":"NetServ.apps.NetMonitor_1.0.0","seq":17,"part":0,"parts":1,
 *    "time_ms":1764345600000,"interval_ms":500,"packets":12345,"overflow":0,
 *    "flows":[{"src":"10.0.1.1","dst":"10.0.2.1","ttl":63,"packets":100},...]}
 * Counts are cumulative since the module started; the visualizer derives rates.
 */
package org.netserv.apps.netmonitor;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.netserv.container.api.PacketContext;
import org.netserv.container.api.PktProcessor;
import org.netserv.container.api.Verdict;

public final class NetMonitor implements PktProcessor, Runnable {
    private static final System.Logger LOG = System.getLogger("netserv.netmonitor");
    /** Flows per datagram: keeps a report part well under a 1500-byte path MTU... x4. */
    static final int FLOWS_PER_PART = 40;

    private final FlowTable table;
    private final InetSocketAddress visualizer;
    private final long intervalMs;
    private final String node, module;
    private volatile boolean running = true;
    private long seq;
    private volatile long sent, sendErrors;   // written by the reporter, read by STATUS

    public NetMonitor(FlowTable table, InetSocketAddress visualizer, long intervalMs, String node, String module) {
        this.table = table;
        this.visualizer = visualizer;
        this.intervalMs = intervalMs;
        this.node = node;
        this.module = module;
    }

    @Override
    public Verdict process(ByteBuffer p, PacketContext context) {
        if (p.limit() >= 20) table.count(p.getInt(12), p.getInt(16), p.get(8) & 0xff);
        return Verdict.FORWARD;
    }

    /** The reporter loop: one report per interval until {@link #stop()}. */
    @Override
    public void run() {
        try (DatagramSocket socket = new DatagramSocket()) {
            long next = System.nanoTime();
            while (running) {
                next += intervalMs * 1_000_000L;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    synchronized (this) {
                        if (running) wait(wait / 1_000_000L, (int) (wait % 1_000_000L));
                    }
                } else {
                    next = System.nanoTime();    // fell behind: don't burst to catch up
                }
                if (running) report(socket);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "NetMonitor: cannot open the report socket: {0}", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public void stop() {
        running = false;
        synchronized (this) {
            notifyAll();
        }
    }

    public long reportsSent() { return sent; }

    public long sendErrors() { return sendErrors; }

    void report(DatagramSocket socket) {
        for (String part : reportParts(System.currentTimeMillis())) {
            byte[] b = part.getBytes(StandardCharsets.UTF_8);
            try {
                socket.send(new DatagramPacket(b, b.length, visualizer));
                sent++;
            } catch (IOException e) {
                sendErrors++;      // the visualizer may be away; keep counting
            }
        }
    }

    /** The JSON datagrams of one report. */
    java.util.List<String> reportParts(long now) {
        java.util.List<StringBuilder> flows = new java.util.ArrayList<>();
        int[] inPart = {FLOWS_PER_PART};
        table.forEach((src, dst, ttl, packets) -> {
            if (inPart[0] == FLOWS_PER_PART) {
                flows.add(new StringBuilder());
                inPart[0] = 0;
            }
            StringBuilder b = flows.get(flows.size() - 1);
            if (inPart[0]++ > 0) b.append(',');
            b.append("{\"src\":\"").append(dotted(src)).append("\",\"dst\":\"").append(dotted(dst))
                    .append("\",\"ttl\":").append(ttl).append(",\"packets\":").append(packets).append('}');
        });
        if (flows.isEmpty()) flows.add(new StringBuilder());
        long s = seq++;
        java.util.List<String> parts = new java.util.ArrayList<>(flows.size());
        for (int i = 0; i < flows.size(); i++) {
            parts.add("{\"node\":\"" + json(node) + "\",\"module\":\"" + json(module) + "\",\"seq\":" + s
                    + ",\"part\":" + i + ",\"parts\":" + flows.size() + ",\"time_ms\":" + now
                    + ",\"interval_ms\":" + intervalMs + ",\"packets\":" + table.packets()
                    + ",\"overflow\":" + table.overflow() + ",\"flows\":[" + flows.get(i) + "]}");
        }
        return parts;
    }

    static String dotted(int a) {
        return (a >>> 24) + "." + ((a >>> 16) & 0xff) + "." + ((a >>> 8) & 0xff) + "." + (a & 0xff);
    }

    private static String json(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.toString();
    }
}
