/*
 * KeepAliveTrigger — makes the publisher's SIP server "NSIS-enabled" (paper §4.2):
 * "when an NSIS-enabled SIP server starts receiving NAT keep-alive traffic from a SIP
 * UA, it initiates NSIS signaling in order to find a NetServ router along the network
 * path to the SIP UA".
 *
 * Kamailio (apps/sip-server/kamailio.cfg) sends one datagram "KA <ua-address> <port>"
 * per UA whose keep-alives it answers. For each UA, the first such event runs the
 * signaling command with {ua} replaced by the UA's address — typically
 *   netserv-signal setup --dest {ua} --key publisher.pem --url http://.../keepalive.jar ...
 * A UA is not signaled again while an earlier SETUP toward it is still within --hold
 * seconds (set it to the module's TTL): once the module runs at the edge, the server
 * stops seeing that UA's keep-alives; when the TTL has passed and they come back, the
 * UA is signaled again.
 *
 *   netserv-sip-trigger [--listen 127.0.0.1:5699] [--hold 3600] -- COMMAND ARGS... ({ua} substituted)
 */
package org.netserv.apps.siptrigger;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "netserv-sip-trigger", mixinStandardHelpOptions = true,
        description = "Signals SETUP toward each SIP UA whose NAT keep-alives the SIP server starts receiving.")
public final class KeepAliveTrigger implements Callable<Integer> {
    @Option(names = "--listen", description = "address:port for the SIP server's events (default ${DEFAULT-VALUE})")
    String listen = "127.0.0.1:5699";
    @Option(names = "--hold", description = "seconds before the same UA is signaled again (default ${DEFAULT-VALUE})")
    long holdSeconds = 3600;
    @Option(names = "--timeout", description = "seconds one signaling command may take (default ${DEFAULT-VALUE})")
    long commandTimeout = 120;
    @Parameters(arity = "1..*", paramLabel = "COMMAND", description = "signaling command; {ua} is the UA's address")
    List<String> command;

    private final Map<String, Long> signaledAt = new HashMap<>();
    private final ExecutorService runner = Executors.newSingleThreadExecutor();
    private volatile boolean running = true;
    private DatagramSocket socket;
    private long events, signaled, failed, ignored;

    public static void main(String[] args) {
        System.exit(new CommandLine(new KeepAliveTrigger()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        open();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop));
        serve();
        return 0;
    }

    void open() throws IOException {
        int colon = listen.lastIndexOf(':');
        if (colon < 0) throw new CommandLine.ParameterException(new CommandLine(this), "--listen needs address:port");
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(listen.substring(0, colon)),
                Integer.parseInt(listen.substring(colon + 1))));
        log("listening on " + socket.getLocalSocketAddress() + " for keep-alive events");
    }

    int port() { return socket.getLocalPort(); }

    void serve() {
        byte[] buf = new byte[512];
        DatagramPacket d = new DatagramPacket(buf, buf.length);
        while (running) {
            try {
                socket.receive(d);
            } catch (IOException e) {
                if (running) log("receive: " + e);
                continue;
            }
            event(new String(d.getData(), 0, d.getLength(), StandardCharsets.US_ASCII).trim(), System.nanoTime());
        }
    }

    /** One event line from the SIP server. */
    synchronized void event(String line, long nowNanos) {
        events++;
        String[] f = line.split("\\s+");
        if (f.length != 3 || !f[0].equals("KA") || !isIpv4(f[1])) {
            ignored++;
            log("ignoring malformed event '" + line + "'");
            return;
        }
        String ua = f[1];
        Long last = signaledAt.get(ua);
        if (last != null && nowNanos - last < TimeUnit.SECONDS.toNanos(holdSeconds)) return;
        signaledAt.put(ua, nowNanos);
        signaled++;
        runner.submit(() -> signal(ua));
    }

    private void signal(String ua) {
        List<String> cmd = new ArrayList<>();
        for (String a : command) cmd.add(a.replace("{ua}", ua));
        log("keep-alives from " + ua + ": " + String.join(" ", cmd));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            boolean done = p.waitFor(commandTimeout, TimeUnit.SECONDS);
            if (!done) p.destroyForcibly();
            int rc = done ? p.exitValue() : -1;
            for (String l : out.split("\n")) if (!l.isBlank()) log("  " + l);
            if (rc != 0) {
                synchronized (this) {
                    failed++;
                    signaledAt.remove(ua);   // let the next keep-alive event try again
                }
                log("signaling toward " + ua + " failed (exit " + rc + ")");
            }
        } catch (IOException e) {
            synchronized (this) {
                failed++;
                signaledAt.remove(ua);
            }
            log("cannot run the signaling command: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    synchronized String counters() {
        return "events=" + events + " signaled=" + signaled + " failed=" + failed + " ignored=" + ignored;
    }

    void stop() {
        running = false;
        if (socket != null) socket.close();
        runner.shutdown();
        try {
            runner.awaitTermination(commandTimeout, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log("stopped: " + counters());
    }

    private static boolean isIpv4(String s) {
        String[] o = s.split("\\.");
        if (o.length != 4) return false;
        for (String x : o) {
            if (x.isEmpty() || x.length() > 3 || !x.chars().allMatch(Character::isDigit) || Integer.parseInt(x) > 255) return false;
        }
        return true;
    }

    private static final System.Logger LOG = System.getLogger("netserv.sip-trigger");

    private static void log(String s) {
        LOG.log(System.Logger.Level.INFO, "netserv-sip-trigger: {0}", s);
    }
}
