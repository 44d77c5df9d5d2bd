package org.netserv.nsis.daemon;

import java.io.IOException;
import java.net.InetAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.netserv.nsis.gist.node.ChannelInterceptor;
import org.netserv.nsis.gist.node.GistConfig;
import org.netserv.nsis.gist.node.GistNode;
import org.netserv.nsis.gist.node.RedirectInterceptor;
import org.netserv.nsis.nslp.ControllerClient;
import org.netserv.nsis.nslp.NetServNslp;

/**
 * {@code netserv-nsisd}: the signaling daemon of a NetServ node — a GIST node
 * with the NetServ NSLP, talking to the local controller. Configuration is a
 * {@code key = value} file (see {@code nsis/README.md}); logs go to stderr.
 * A status socket, when configured, answers each connection with the
 * counters as {@code key: value} lines and a blank line.
 */
public final class NsisDaemon {
    private static final System.Logger LOG = System.getLogger("netserv-nsisd");

    private NsisDaemon() {}

    /** Reads {@code key = value} lines; '#' starts a comment. Unknown keys are an error. */
    static Map<String, String> readConfig(Path file) throws IOException {
        final Map<String, String> m = new LinkedHashMap<>();
        int n = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            n++;
            final String l = line.replaceAll("#.*", "").trim();
            if (l.isEmpty()) continue;
            final int eq = l.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException(file + ":" + n + ": expected key = value");
            final String k = l.substring(0, eq).trim();
            if (!KEYS.containsKey(k)) throw new IllegalArgumentException(file + ":" + n + ": unknown key '" + k + "' (known: " + String.join(", ", KEYS.keySet()) + ")");
            m.put(k, l.substring(eq + 1).trim());
        }
        return m;
    }

    static final Map<String, String> KEYS = new TreeMap<>(Map.ofEntries(
            Map.entry("node_id", "this node's id (node-id header)"),
            Map.entry("nslpid", "NetServ NSLPID, 32704-32767 (default 32767)"),
            Map.entry("address", "our interface address for the NLI (default: per route)"),
            Map.entry("bind", "bind address of the GIST sockets (default: all)"),
            Map.entry("interception", "none | redirect:PORT | channel (default none)"),
            Map.entry("devdir", "packet channel directory (default /run/netserv/dev or $NETSERV_DEVDIR)"),
            Map.entry("controller_socket", "controller UNIX socket (default /run/netserv/controller.sock)"),
            Map.entry("controller_timeout_ms", "controller answer timeout (default 10000)"),
            Map.entry("status_socket", "UNIX socket answering counters (default none)"),
            Map.entry("metrics", "ADDRESS:PORT of the Prometheus /metrics endpoint, e.g. 127.0.0.1:8471 (default none)"),
            Map.entry("tcp_port", "C-mode listening port (default 0 = ephemeral, -1 = none)"),
            Map.entry("t1_ms", "Query retransmission T1 (default 500)"),
            Map.entry("retry_limit_ms", "give up on a Query after (default 64000)"),
            Map.entry("state_validity_ms", "routing state validity we advertise (default 30000)"),
            Map.entry("ma_hold_ms", "MA hold time (default 180000)"),
            Map.entry("icmp_last_node", "yes|no: ICMP port unreachable ends the Query (default yes)"),
            Map.entry("response_timeout_ms", "wait for downstream answers (default retry_limit_ms + 15000)"),
            Map.entry("log_level", "INFO, FINE, ... (default INFO)"),
            Map.entry("max_routing_states", "routing states held at most (default 100000)"),
            Map.entry("max_state_lifetime_ms", "longest routing-state validity a peer may ask for (default 120000)"),
            Map.entry("max_tcp_connections", "TCP connections open at most (default 256)"),
            Map.entry("max_connections_per_address", "accepted TCP connections from one address (default 8)"),
            Map.entry("max_mas", "messaging associations bound to peers (default 128)"),
            Map.entry("ma_setup_timeout_ms", "an accepted connection must carry a verified Confirm within (default 10000)"),
            Map.entry("frame_timeout_ms", "a C-mode message must arrive whole within (default 5000)"),
            Map.entry("max_message_bytes", "largest C-mode message (default 65536)"),
            Map.entry("max_queued_bytes_per_ma", "bytes queued toward one MA peer (default 1048576)"),
            Map.entry("off_source_replies_per_s", "replies to an NLI address other than the Query's source, S flag clear (default 20)"),
            Map.entry("error_replies_per_s", "D-mode Errors sent per second (default 50)"),
            Map.entry("nslp_queue_limit", "GIST deliveries waiting for the NSLP worker (default 1024)")));

    /** --help: usage, every configuration key, exit codes, examples (docs/cli/netserv-nsisd.md is made from it). */
    static String usage() {
        final StringBuilder b = new StringBuilder()
                .append("Usage: netserv-nsisd --config FILE\n")
                .append("The NetServ signaling daemon: a GIST node with the NetServ NSLP, talking to the local controller.\n")
                .append("Runs in the foreground, logs on stderr.\n\n")
                .append("      --config FILE   key = value configuration ('#' comments); keys:\n");
        KEYS.forEach((k, v) -> b.append("                        ").append(k).append(" = ").append(v).append('\n'));
        return b.append("  -h, --help          Show this help message and exit.\n")
                .append("  -V, --version       Print version information and exit.\n\n")
                .append("Exit codes:\n")
                .append("  0   stopped by a signal\n")
                .append("  2   usage error or bad configuration\n\n")
                .append("Examples:\n")
                .append("  netserv-nsisd --config /etc/netserv/nsisd.conf\n")
                .append("  printf 'node_id = r1\\ninterception = channel\\n' > nsisd.conf && netserv-nsisd --config nsisd.conf\n")
                .toString();
    }

    public static void main(String[] args) {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.print(usage());
            return;
        }
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            System.out.println(org.netserv.ncm.cli.ProjectVersion.line("netserv-nsisd"));
            return;
        }
        if (args.length != 2 || !args[0].equals("--config")) {
            final String why = args.length == 0 || args[0].equals("--config") ? "--config FILE is required"
                    : "unknown argument '" + args[0] + "'";
            System.err.println("netserv-nsisd: " + why + "\nTry 'netserv-nsisd --help' for more information.");
            System.exit(2);
        }
        try {
            run(readConfig(Path.of(args[1])));
        } catch (java.nio.file.NoSuchFileException e) {
            System.err.println("netserv-nsisd: --config " + args[1] + ": no such file");
            System.exit(2);
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("netserv-nsisd: " + e.getMessage());
            System.exit(2);
        }
    }

    /**
     * The code logs through {@code System.Logger}, whose default backend is
     * java.util.logging: this only says where its records go (stderr, one
     * line each) and from which level ({@code log_level}, JUL names).
     */
    private static void configureLogBackend(String levelName) {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tL %4$s %3$s: %5$s%6$s%n");
        final Level level = Level.parse(levelName);
        final Logger root = Logger.getLogger("");
        for (var h : root.getHandlers()) root.removeHandler(h);
        final ConsoleHandler h = new ConsoleHandler();
        h.setLevel(level);
        h.setFormatter(new SimpleFormatter());
        root.addHandler(h);
        Logger.getLogger("org.netserv").setLevel(level);
        root.setLevel(level);
    }

    static void run(Map<String, String> c) throws IOException {
        configureLogBackend(c.getOrDefault("log_level", "INFO"));

        final String nodeId = c.getOrDefault("node_id", InetAddress.getLocalHost().getHostName());
        final GistConfig g = new GistConfig();
        final int nslpId = (int) num(c, "nslpid", 32767);
        if (nslpId < 1 || nslpId > 0xFFFF) throw new IllegalArgumentException("nslpid " + nslpId + " out of range");
        g.nslpIds = new int[] {nslpId};
        if (c.containsKey("address")) g.address = InetAddress.getByName(c.get("address"));
        if (c.containsKey("bind")) g.bindAddress = InetAddress.getByName(c.get("bind"));
        g.tcpPort = (int) num(c, "tcp_port", 0);
        if (g.tcpPort < -1 || g.tcpPort > 65535) throw new IllegalArgumentException("tcp_port " + g.tcpPort + " out of range");
        g.t1Ms = Math.max(1, num(c, "t1_ms", 500));
        g.retryLimitMs = num(c, "retry_limit_ms", 64_000);
        g.stateValidityMs = Math.max(1000, num(c, "state_validity_ms", 30_000));
        g.maHoldTimeMs = Math.max(300, num(c, "ma_hold_ms", 180_000));
        final String icmp = c.getOrDefault("icmp_last_node", "yes");
        if (!icmp.equals("yes") && !icmp.equals("no")) throw new IllegalArgumentException("icmp_last_node must be yes or no, not '" + icmp + "'");
        g.icmpLastNode = icmp.equals("yes");
        g.maxRoutingStates = (int) positive(c, "max_routing_states", g.maxRoutingStates);
        g.maxStateLifetimeMs = Math.max(1000, positive(c, "max_state_lifetime_ms", g.maxStateLifetimeMs));
        g.maxTcpConnections = (int) positive(c, "max_tcp_connections", g.maxTcpConnections);
        g.maxConnectionsPerAddress = (int) positive(c, "max_connections_per_address", g.maxConnectionsPerAddress);
        g.maxMessagingAssociations = (int) positive(c, "max_mas", g.maxMessagingAssociations);
        g.maSetupTimeoutMs = positive(c, "ma_setup_timeout_ms", g.maSetupTimeoutMs);
        g.frameTimeoutMs = positive(c, "frame_timeout_ms", g.frameTimeoutMs);
        g.maxMessageBytes = (int) Math.max(1024, positive(c, "max_message_bytes", g.maxMessageBytes));
        g.maxQueuedBytesPerMa = (int) Math.max(65_536, positive(c, "max_queued_bytes_per_ma", g.maxQueuedBytesPerMa));
        g.offSourceRepliesPerSecond = (int) num(c, "off_source_replies_per_s", g.offSourceRepliesPerSecond);
        g.errorRepliesPerSecond = (int) num(c, "error_replies_per_s", g.errorRepliesPerSecond);
        final long responseTimeout = num(c, "response_timeout_ms", g.retryLimitMs + 15_000);
        final String mode = c.getOrDefault("interception", "none");
        if (!mode.equals("none") && !mode.equals("channel") && !mode.matches("redirect:[0-9]{1,5}")) {
            throw new IllegalArgumentException("interception must be none, redirect:PORT or channel, not '" + mode + "'");
        }

        final Path ctlSock = Path.of(c.getOrDefault("controller_socket", "/run/netserv/controller.sock"));
        final ControllerClient controller = new ControllerClient(ctlSock, nodeId, Long.parseLong(c.getOrDefault("controller_timeout_ms", "10000")));
        final NetServNslp nslp = new NetServNslp(nodeId, nslpId, g.address, controller::exchange, responseTimeout)
                .workerQueueLimit((int) positive(c, "nslp_queue_limit", 1024));
        final GistNode node = new GistNode(g, nslp);
        nslp.bind(node);

        if (mode.startsWith("redirect:")) {
            node.addInterceptor(new RedirectInterceptor(Integer.parseInt(mode.substring("redirect:".length()))));
        } else if (mode.equals("channel")) {
            final String dev = c.getOrDefault("devdir", System.getenv().getOrDefault("NETSERV_DEVDIR", "/run/netserv/dev"));
            node.addInterceptor(new ChannelInterceptor(Path.of(dev), "S"));
        }
        node.start();
        LOG.log(System.Logger.Level.INFO, "netserv-nsisd " + nodeId + " up: NSLPID " + nslpId + ", UDP " + g.udpPort + ", C-mode TCP " + node.tcpPort()
                + ", interception " + mode + ", controller " + ctlSock + ", peer id " + node.peerIdHex());

        if (c.containsKey("status_socket")) startStatus(Path.of(c.get("status_socket")), node, nslp);
        if (c.containsKey("metrics")) {
            final var m = NsisMetrics.start(c.get("metrics"), node::counters, nslp::counters);
            LOG.log(System.Logger.Level.INFO, "metrics on http://" + c.get("metrics").substring(0, c.get("metrics").lastIndexOf(':')) + ":" + m.getPort() + "/metrics");
        }
        final CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.log(System.Logger.Level.INFO, "shutting down: " + node.counters());
            try {
                node.close();
            } catch (IOException ignored) {
                // exiting
            }
            nslp.close();
            controller.close();
            done.countDown();
        }));
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A numeric setting; the error names the key. */
    static long num(Map<String, String> c, String key, long dflt) {
        final String v = c.get(key);
        if (v == null) return dflt;
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, not '" + v + "'");
        }
    }

    /** A limit: a number from 1 to 2^31-1; the error names the key. */
    static long positive(Map<String, String> c, String key, long dflt) {
        final long v = num(c, key, dflt);
        if (v < 1 || v > Integer.MAX_VALUE) throw new IllegalArgumentException(key + " must be from 1 to " + Integer.MAX_VALUE + ", not " + v);
        return v;
    }

    private static void startStatus(Path path, GistNode node, NetServNslp nslp) throws IOException {
        Files.deleteIfExists(path);
        final ServerSocketChannel srv = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        srv.bind(UnixDomainSocketAddress.of(path));
        final Thread t = new Thread(() -> {
            while (srv.isOpen()) {
                try (SocketChannel s = srv.accept()) {
                    final StringBuilder sb = new StringBuilder();
                    node.counters().forEach((k, v) -> sb.append(k).append(": ").append(v).append('\n'));
                    nslp.counters().forEach((k, v) -> sb.append(k).append(": ").append(v).append('\n'));
                    sb.append('\n');
                    final ByteBuffer b = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
                    while (b.hasRemaining()) s.write(b);
                } catch (IOException e) {
                    if (!srv.isOpen()) return;
                }
            }
        }, "status");
        t.setDaemon(true);
        t.start();
    }
}
