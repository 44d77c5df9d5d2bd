package org.netserv.netns;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A topology of network namespaces joined by veth pairs, for tests.
 *
 * <pre>
 * try (Topology t = Topology.create()) {
 *     t.host("a"); t.host("r"); t.host("b");
 *     t.link("a", "eth0", "r", "ra");
 *     t.addr("a", "eth0", "10.0.1.1/24");
 *     t.route("a", "default", "via", "10.0.1.254");
 *     t.forwarding("r", true);
 *     t.exec("a", "ping", "-c1", "10.0.2.1").assertOk();
 * }
 * </pre>
 *
 * Names follow the shell harness ({@code tests/netns/netns.sh}): {@code nsv-<owner pid>-<host>},
 * so either harness sweeps what a crashed run of the other left behind.
 */
public final class Topology implements AutoCloseable {
    public static final String PREFIX = "nsv";
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final String runId;
    private final Set<String> hosts = new LinkedHashSet<>();
    private final List<Process> background = new ArrayList<>();

    private Topology(String runId) {
        this.runId = runId;
    }

    /** Checks root, sweeps stale namespaces, and returns an empty topology owned by this JVM. */
    public static Topology create() {
        requireRoot();
        sweep();
        return new Topology(Long.toString(ProcessHandle.current().pid()));
    }

    /** Fails (never skips) with a clear message when the tests cannot create namespaces. */
    public static void requireRoot() {
        String uid = run(List.of("id", "-u"), Duration.ofSeconds(5)).out().trim();
        if (!"0".equals(uid)) {
            throw new IllegalStateException(
                    "network-namespace tests need root (ip netns add); run them as root — not skipping silently");
        }
    }

    /** Removes nsv-PID-* namespaces whose owner process is gone. */
    public static void sweep() {
        for (String ns : listNamespaces()) {
            String[] parts = ns.split("-", 3);
            if (parts.length < 3 || !parts[0].equals(PREFIX)) continue;
            long pid;
            try {
                pid = Long.parseLong(parts[1]);
            } catch (NumberFormatException e) {
                continue;
            }
            if (ProcessHandle.of(pid).isEmpty()) {
                deleteNamespace(ns);
            }
        }
    }

    public String nsName(String host) {
        return PREFIX + "-" + runId + "-" + host;
    }

    public Topology host(String name) {
        String ns = nsName(name);
        run(List.of("ip", "netns", "add", ns), DEFAULT_TIMEOUT).assertOk();
        hosts.add(name);
        run(List.of("ip", "-n", ns, "link", "set", "lo", "up"), DEFAULT_TIMEOUT).assertOk();
        return this;
    }

    public Topology link(String a, String ifA, String b, String ifB) {
        return link(a, ifA, b, ifB, 0);
    }

    /** A veth pair a:ifA <-> b:ifB, both ends up; mtu 0 keeps the default. */
    public Topology link(String a, String ifA, String b, String ifB, int mtu) {
        run(List.of("ip", "link", "add", ifA, "netns", nsName(a), "type", "veth",
                "peer", "name", ifB, "netns", nsName(b)), DEFAULT_TIMEOUT).assertOk();
        for (String[] end : new String[][] {{a, ifA}, {b, ifB}}) {
            if (mtu > 0) ip(end[0], "link", "set", end[1], "mtu", Integer.toString(mtu));
            ip(end[0], "link", "set", end[1], "up");
        }
        return this;
    }

    public Topology addr(String host, String dev, String cidr) {
        ip(host, "addr", "add", cidr, "dev", dev);
        return this;
    }

    public Topology route(String host, String... route) {
        List<String> args = new ArrayList<>(List.of("route", "add"));
        args.addAll(List.of(route));
        ip(host, args.toArray(String[]::new));
        return this;
    }

    public Topology forwarding(String host, boolean on) {
        exec(host, "sysctl", "-qw", "net.ipv4.ip_forward=" + (on ? 1 : 0)).assertOk();
        return this;
    }

    public Result ip(String host, String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "-n", nsName(host)));
        cmd.addAll(List.of(args));
        return run(cmd, DEFAULT_TIMEOUT).assertOk();
    }

    /** Runs a command inside a host and waits (60 s at most). */
    public Result exec(String host, String... cmd) {
        return exec(host, DEFAULT_TIMEOUT, cmd);
    }

    public Result exec(String host, Duration timeout, String... cmd) {
        return run(inNs(host, cmd), timeout);
    }

    /** Starts a command inside a host; it is ended when the topology closes. */
    public Process start(String host, String... cmd) throws IOException {
        Process p = new ProcessBuilder(inNs(host, cmd)).redirectErrorStream(true).start();
        background.add(p);
        return p;
    }

    private List<String> inNs(String host, String... cmd) {
        if (!hosts.contains(host)) throw new IllegalArgumentException("no host " + host + " in this topology");
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", nsName(host)));
        full.addAll(List.of(cmd));
        return full;
    }

    @Override
    public void close() {
        for (Process p : background) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
        for (Process p : background) {
            try {
                if (!p.waitFor(2, TimeUnit.SECONDS)) p.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
        for (String h : hosts) deleteNamespace(nsName(h));
        hosts.clear();
    }

    private static void deleteNamespace(String ns) {
        // processes left inside are ours: the namespace is ours
        String pids = run(List.of("ip", "netns", "pids", ns), Duration.ofSeconds(5)).out().trim();
        if (!pids.isEmpty()) {
            for (String pid : pids.split("\\s+")) {
                ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
        run(List.of("ip", "netns", "del", ns), Duration.ofSeconds(10));
    }

    private static List<String> listNamespaces() {
        List<String> out = new ArrayList<>();
        for (String line : run(List.of("ip", "netns", "list"), Duration.ofSeconds(5)).out().split("\n")) {
            if (!line.isBlank()) out.add(line.trim().split("\\s+")[0]);
        }
        return out;
    }

    static Result run(List<String> cmd, Duration timeout) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            // output is drained on a thread so a chatty command cannot block on a full pipe
            var out = new java.io.ByteArrayOutputStream();
            Thread drain = new Thread(() -> {
                try {
                    p.getInputStream().transferTo(out);
                } catch (IOException ignored) {
                    // the process went away; what was read is kept
                }
            });
            drain.start();
            boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                p.destroyForcibly().waitFor();
            }
            drain.join(2000);
            return new Result(cmd, done ? p.exitValue() : -1, out.toString(StandardCharsets.UTF_8), !done);
        } catch (IOException e) {
            return new Result(cmd, -1, e.toString(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(cmd, -1, "interrupted", false);
        }
    }

    /** Exit code and combined output of a command. */
    public record Result(List<String> cmd, int exitCode, String out, boolean timedOut) {
        public boolean ok() {
            return exitCode == 0;
        }

        public Result assertOk() {
            if (!ok()) {
                throw new IllegalStateException(String.join(" ", cmd)
                        + (timedOut ? " timed out" : " exited " + exitCode) + ": " + out.strip());
            }
            return this;
        }
    }
}
