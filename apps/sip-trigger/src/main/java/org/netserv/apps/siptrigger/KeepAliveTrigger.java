/*
 * KeepAliveTrigger — makes the publisher's SIP server "NSIS-enabled" (paper §4.2):
 * "when an NSIS-enabled SIP server starts receiving NAT keep-alive traffic from a SIP
 * UA, it initiates NSIS signaling in order to find a NetServ router along the network
 * path to the SIP UA".
 *
 * Kamailio (apps/sip-server/kamailio.cfg) sends one datagram "KA <ua-address> <port>"
 * per UA whose keep-alives it answers (apps/mediarelay/publisher's configuration sends
 * "REG <ua-address> <port>" per registering UA, the same way). For each UA, the first such event runs the
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
    private EventSocket socket;
    private volatile SignalingCommand signaling;
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
        try {
            socket = new EventSocket(listen);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
        }
        signaling = new SignalingCommand(command, commandTimeout, KeepAliveTrigger::log);
        log("listening on " + socket.address() + " for keep-alive events");
    }

    int port() { return socket.port(); }

    void serve() {
        socket.serve(line -> event(line, System.nanoTime()), KeepAliveTrigger::log);
    }

    /** One event line from the SIP server. */
    synchronized void event(String line, long nowNanos) {
        events++;
        String[] f = line.split("\\s+");
        // "KA": keep-alives from the UA (KeepAlive); "REG": the UA registered (Media Relay)
        if (f.length != 3 || !(f[0].equals("KA") || f[0].equals("REG")) || !SignalingCommand.isIpv4(f[1])) {
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
        if (signaling == null) signaling = new SignalingCommand(command, commandTimeout, KeepAliveTrigger::log);
        int rc = signaling.run(Map.of("ua", ua), "keep-alives from " + ua);
        if (rc != 0) {
            synchronized (this) {
                failed++;
                signaledAt.remove(ua);   // let the next keep-alive event try again
            }
            log("signaling toward " + ua + " failed (exit " + rc + ")");
        }
    }

    synchronized String counters() {
        return "events=" + events + " signaled=" + signaled + " failed=" + failed + " ignored=" + ignored;
    }

    void stop() {
        if (socket != null) socket.close();
        runner.shutdown();
        try {
            runner.awaitTermination(commandTimeout, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log("stopped: " + counters());
    }

    private static final System.Logger LOG = System.getLogger("netserv.sip-trigger");

    private static void log(String s) {
        LOG.log(System.Logger.Level.INFO, "netserv-sip-trigger: {0}", s);
    }
}
