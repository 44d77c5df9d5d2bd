/*
 * OverloadTrigger — the Receiving Entity's signaling side (paper §4.4): "when the load on
 * the SIP server exceeds a preconfigured threshold, the SIP server starts sending NSIS
 * signals towards the UAs ... to install the Sending Entity", and, ours, removes it again
 * once the load has stayed low.
 *
 * Kamailio (kamailio-overload.cfg) sends "OL <source> <port>" once per source while the
 * offered load is above its threshold, and "LOW" when it has stayed below for a while.
 * For each new source the --setup command runs with {ua} replaced by the source's address
 * (typically netserv-signal setup ... --dest {ua}); on LOW the --remove command runs for
 * every source signaled so far. A source is not signaled again within --hold seconds (the
 * module's TTL). Commands are split on spaces (no shell, no quoting).
 *
 *   netserv-overload-trigger [--listen 127.0.0.1:5698] [--hold 600] --setup 'CMD ...' --remove 'CMD ...'
 */
package org.netserv.apps.overload.publisher;

import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.netserv.apps.siptrigger.EventSocket;
import org.netserv.apps.siptrigger.SignalingCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "netserv-overload-trigger", mixinStandardHelpOptions = true,
        description = "Signals SETUP of the overload-control Sending Entity toward the sources of an overloaded SIP server, and REMOVE when its load is low again.")
public final class OverloadTrigger implements Callable<Integer> {
    @Option(names = "--listen", description = "address:port for the SIP server's events (default ${DEFAULT-VALUE})")
    String listen = "127.0.0.1:5698";
    @Option(names = "--hold", description = "seconds before the same source is signaled again (default ${DEFAULT-VALUE})")
    long holdSeconds = 600;
    @Option(names = "--timeout", description = "seconds one signaling command may take (default ${DEFAULT-VALUE})")
    long commandTimeout = 120;
    @Option(names = "--setup", required = true, description = "SETUP command; {ua} is the source's address")
    String setup;
    @Option(names = "--remove", required = true, description = "REMOVE command; {ua} is the source's address")
    String remove;

    private final Map<String, Long> signaledAt = new LinkedHashMap<>();
    private final ExecutorService runner = Executors.newSingleThreadExecutor();
    private EventSocket socket;
    private SignalingCommand setupCommand, removeCommand;
    private long events, setups, removes, failed, ignored;

    public static void main(String[] args) {
        System.exit(new CommandLine(new OverloadTrigger()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        open();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop));
        serve();
        return 0;
    }

    void serve() {
        socket.serve(line -> event(line, System.nanoTime()), OverloadTrigger::log);
    }

    void open() throws IOException {
        commands();
        socket = new EventSocket(listen);
        log("listening on " + socket.address() + " for overload events");
    }

    int port() { return socket.port(); }

    private void commands() {
        if (setupCommand == null) {
            setupCommand = new SignalingCommand(split(setup), commandTimeout, OverloadTrigger::log);
            removeCommand = new SignalingCommand(split(remove), commandTimeout, OverloadTrigger::log);
        }
    }

    private static List<String> split(String command) {
        return Arrays.asList(command.trim().split("\\s+"));
    }

    /** One event line from the SIP server. */
    synchronized void event(String line, long nowNanos) {
        commands();
        events++;
        String[] f = line.split("\\s+");
        if (f.length == 3 && f[0].equals("OL") && SignalingCommand.isIpv4(f[1])) {
            String ua = f[1];
            Long last = signaledAt.get(ua);
            if (last != null && nowNanos - last < TimeUnit.SECONDS.toNanos(holdSeconds)) return;
            signaledAt.put(ua, nowNanos);
            setups++;
            log("overload event for " + ua + " at " + Instant.now());
            runner.submit(() -> {
                int rc = setupCommand.run(Map.of("ua", ua), "SETUP toward " + ua);
                if (rc != 0) {
                    synchronized (this) {
                        failed++;
                        signaledAt.remove(ua);      // the next overload event tries again
                    }
                    log("SETUP toward " + ua + " failed (exit " + rc + ")");
                }
            });
        } else if (f.length == 1 && f[0].equals("LOW")) {
            List<String> uas = List.copyOf(signaledAt.keySet());
            signaledAt.clear();
            log("load low again at " + Instant.now() + ": REMOVE toward " + uas);
            for (String ua : uas) {
                removes++;
                runner.submit(() -> {
                    int rc = removeCommand.run(Map.of("ua", ua), "REMOVE toward " + ua);
                    if (rc != 0) {
                        synchronized (this) { failed++; }
                        log("REMOVE toward " + ua + " failed (exit " + rc + "); the module's TTL still ends it");
                    }
                });
            }
        } else {
            ignored++;
            log("ignoring malformed event '" + line + "'");
        }
    }

    synchronized String counters() {
        return "events=" + events + " setups=" + setups + " removes=" + removes + " failed=" + failed + " ignored=" + ignored;
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

    private static void log(String s) {
        System.err.println("netserv-overload-trigger: " + s);
    }
}
