package org.netserv.controller.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.netserv.controller.Controller;
import org.netserv.controller.metrics.CgroupStats;
import org.netserv.controller.plane.ForwardingPlane;

/**
 * Dashboard — the node's live page, served read-only next to the status endpoint.
 *
 * <p>{@code GET /dashboard/} the page (HTML/JS/SVG from the jar, nothing fetched from
 * elsewhere), {@code GET /dashboard/snapshot} one JSON picture, {@code GET /dashboard/events}
 * the same picture as Server-Sent Events once a second. The picture: the Click graph from the
 * engine's {@code flatconfig} (re-read every {@link #GRAPH_EVERY} ticks, so an engine restart
 * with another graph shows), the counters of its elements ({@code count}, {@code length},
 * {@code drops} where the element has them), the status report (modules, containers,
 * forwarding plane), each container's cgroup resources and the recent NCMs. Only GET/HEAD: nothing here changes the node.
 *
 * <p>One ticker thread builds the picture while somebody watches; each SSE client has its
 * own writer thread (the status server's two threads stay free), at most
 * {@link #MAX_CLIENTS}.
 */
public final class Dashboard implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Dashboard.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int MAX_CLIENTS = 8;
    static final int GRAPH_EVERY = 10;
    /** Counter handlers shown on the graph, in order of preference for an edge label. */
    private static final List<String> COUNTERS = List.of("count", "length", "drops");
    private static final Map<String, String> FILES = Map.of("index.html", "text/html; charset=utf-8",
            "dashboard.js", "application/javascript; charset=utf-8", "dashboard.css", "text/css; charset=utf-8");

    private final Controller controller;
    private final ForwardingPlane plane;
    private final NcmLog ncms;
    private final CgroupStats cgroups = new CgroupStats();
    private final List<Client> clients = new CopyOnWriteArrayList<>();
    private final Thread ticker;
    private volatile boolean closed;
    private volatile byte[] latest;
    private final Object tick = new Object();
    private long ticks;
    private Map<String, Object> graph = Map.of("elements", List.of(), "connections", List.of());
    private Map<String, List<String>> counterHandlers = Map.of();
    private String graphError = "";

    public Dashboard(final Controller controller) {
        this.controller = controller;
        this.plane = controller.plane();
        this.ncms = controller.ncmLog();
        ncms.onRecord(this::wake);
        this.ticker = new Thread(this::run, "dashboard-ticker");
        ticker.setDaemon(true);
        ticker.start();
    }

    /** Adds the dashboard's paths to the status server. */
    public Dashboard register(final HttpServer server) {
        server.createContext("/dashboard", this::handle);
        return this;
    }

    private void handle(final HttpExchange ex) throws IOException {
        final String method = ex.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            ex.getResponseHeaders().add("Allow", "GET, HEAD");
            ex.sendResponseHeaders(405, -1);
            ex.close();
            return;
        }
        final String path = ex.getRequestURI().getPath();
        if (path.equals("/dashboard")) {
            ex.getResponseHeaders().add("Location", "/dashboard/");
            ex.sendResponseHeaders(302, -1);
            ex.close();
            return;
        }
        final String rest = path.substring("/dashboard/".length());
        switch (rest) {
            case "events" -> events(ex);
            case "snapshot" -> {
                final byte[] b = latest != null ? latest : build();
                send(ex, "application/json", b);
            }
            default -> {
                final String file = rest.isEmpty() ? "index.html" : rest;
                if (!FILES.containsKey(file)) {
                    ex.sendResponseHeaders(404, -1);
                    ex.close();
                    return;
                }
                try (InputStream in = Dashboard.class.getResourceAsStream(file)) {
                    if (in == null) {
                        throw new IOException("dashboard resource missing from the jar: " + file);
                    }
                    send(ex, FILES.get(file), in.readAllBytes());
                }
            }
        }
    }

    private static void send(final HttpExchange ex, final String type, final byte[] b) throws IOException {
        try (ex) {
            ex.getResponseHeaders().add("Content-Type", type);
            ex.getResponseHeaders().add("Cache-Control", "no-store");
            // the page runs no third-party code: only what this jar serves
            ex.getResponseHeaders().add("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'");
            if (ex.getRequestMethod().equals("HEAD")) {
                ex.sendResponseHeaders(200, -1);
                return;
            }
            ex.sendResponseHeaders(200, b.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(b);
            }
        }
    }

    private void events(final HttpExchange ex) throws IOException {
        if (clients.size() >= MAX_CLIENTS) {
            ex.sendResponseHeaders(503, -1);
            ex.close();
            return;
        }
        ex.getResponseHeaders().add("Content-Type", "text/event-stream");
        ex.getResponseHeaders().add("Cache-Control", "no-store");
        ex.sendResponseHeaders(200, 0);
        final Client c = new Client(ex);
        clients.add(c);
        synchronized (tick) {
            tick.notifyAll(); // a new watcher gets its first picture now, not after a full tick
        }
        final Thread t = new Thread(c::pump, "dashboard-sse");
        t.setDaemon(true);
        t.start();
    }

    /** One SSE client: writes each new picture, ends on a write error (the browser went away). */
    private final class Client {
        private final HttpExchange ex;
        private final OutputStream out;
        private byte[] sent;

        Client(final HttpExchange ex) {
            this.ex = ex;
            this.out = ex.getResponseBody();
        }

        void pump() {
            try {
                while (!closed) {
                    final byte[] b;
                    synchronized (tick) {
                        while (!closed && (latest == null || latest == sent)) {
                            tick.wait(15_000);
                            if (latest == sent) {
                                out.write(": keepalive\n\n".getBytes(StandardCharsets.US_ASCII));
                                out.flush();
                            }
                        }
                        b = latest;
                    }
                    if (b == null) {
                        break;
                    }
                    out.write("event: snapshot\ndata: ".getBytes(StandardCharsets.US_ASCII));
                    out.write(b); // compact JSON: one line, no newline inside
                    out.write("\n\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    sent = b;
                }
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "dashboard client gone: {0}", e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                clients.remove(this);
                ex.close();
            }
        }
    }

    /** Builds the next picture now (an NCM was answered: its module appears without waiting a tick). */
    private void wake() {
        synchronized (tick) {
            wakeup = true;
            tick.notifyAll();
        }
    }

    private boolean wakeup;

    private void run() {
        while (!closed) {
            try {
                if (!clients.isEmpty()) {
                    final byte[] b = build();
                    synchronized (tick) {
                        latest = b;
                        tick.notifyAll();
                    }
                } else {
                    latest = null;
                }
                synchronized (tick) {
                    if (!wakeup) {
                        tick.wait(1_000);
                    }
                    wakeup = false;
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "dashboard picture: {0}", e.toString());
            }
        }
    }

    /** One picture as compact JSON. */
    synchronized byte[] build() {
        if (ticks++ % GRAPH_EVERY == 0) {
            readGraph();
        }
        final Map<String, Object> s = new LinkedHashMap<>();
        s.put("time", System.currentTimeMillis());
        final Map<String, Object> status = controller.report().status();
        s.put("status", status);
        s.put("resources", resources(status));
        s.put("graph", graph);
        s.put("graph-error", graphError);
        s.put("counters", readCounters());
        s.put("ncms", ncms.recent());
        try {
            return JSON.writeValueAsBytes(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void readGraph() {
        try {
            final ClickGraph g = ClickGraph.parse(plane.readHandler("flatconfig"));
            final List<Map<String, Object>> els = new ArrayList<>();
            final Map<String, List<String>> handlers = new LinkedHashMap<>();
            for (final ClickGraph.Element e : g.elements()) {
                els.add(Map.of("name", e.name(), "class", e.klass(), "config", e.config()));
                final List<String> have = new ArrayList<>();
                try {
                    final Set<String> names = new java.util.HashSet<>();
                    for (final String line : plane.readHandler(e.name() + ".handlers").split("\n")) {
                        final String[] f = line.split("\t");
                        if (f.length == 2 && f[1].contains("r")) {
                            names.add(f[0]);
                        }
                    }
                    COUNTERS.stream().filter(names::contains).forEach(have::add);
                } catch (IOException x) {
                    LOG.log(System.Logger.Level.DEBUG, "{0}.handlers: {1}", e.name(), x.getMessage());
                }
                if (!have.isEmpty()) {
                    handlers.put(e.name(), have);
                }
            }
            final List<Map<String, Object>> conns = new ArrayList<>();
            for (final ClickGraph.Connection c : g.connections()) {
                conns.add(Map.of("from", c.from(), "fromPort", c.fromPort(), "to", c.to(), "toPort", c.toPort()));
            }
            graph = Map.of("elements", els, "connections", conns);
            counterHandlers = handlers;
            graphError = "";
        } catch (IOException | RuntimeException e) {
            graphError = "flatconfig from " + plane.describe() + ": " + e.getMessage();
        }
    }

    /** Each container's cgroup CPU, memory and pids, by slot (what the metrics endpoint exports too). */
    private Map<String, Map<String, Object>> resources(final Map<String, Object> status) {
        final Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        if (!(status.get("containers") instanceof Map<?, ?> cs)) {
            return out;
        }
        cs.forEach((slot, d) -> {
            if (!(d instanceof Map<?, ?> m) || !(m.get("pid") instanceof Number pid) || pid.longValue() <= 0) {
                return;
            }
            final CgroupStats.Reading r = cgroups.read(pid.longValue());
            final Map<String, Object> v = new LinkedHashMap<>();
            if (r.readable()) {
                v.put("cpu-seconds", Math.round(r.cpuSeconds() * 100) / 100.0);
                v.put("memory-bytes", (long) r.memoryBytes());
                v.put("pids", (long) r.pids());
                v.put("cgroup", r.version());
            } else {
                v.put("cgroup-unreadable", r.why());
            }
            out.put(String.valueOf(slot), v);
        });
        return out;
    }

    private Map<String, Map<String, String>> readCounters() {
        final Map<String, Map<String, String>> out = new LinkedHashMap<>();
        counterHandlers.forEach((el, hs) -> {
            final Map<String, String> v = new LinkedHashMap<>();
            for (final String h : hs) {
                try {
                    v.put(h, plane.readHandler(el + "." + h).trim());
                } catch (IOException e) {
                    v.put(h, "?");
                }
            }
            out.put(el, v);
        });
        return out;
    }

    @Override
    public void close() {
        closed = true;
        ticker.interrupt();
        synchronized (tick) {
            tick.notifyAll();
        }
    }
}
