package org.netserv.controller.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.Executors;
import org.netserv.controller.Controller;

/**
 * Read-only JSON status over HTTP: {@code GET /status} (everything), {@code GET /modules};
 * Prometheus text at {@code GET /metrics} ({@code org.netserv.controller.metrics}).
 * Any other method is 405: nothing on this port can change the node.
 */
public final class StatusHttpServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final org.netserv.controller.dashboard.Dashboard dashboard;

    public StatusHttpServer(final InetSocketAddress bind, final Controller controller) throws IOException {
        server = HttpServer.create(bind, 16);
        server.createContext("/status", ex -> reply(ex, () -> controller.report().status()));
        server.createContext("/modules", ex -> reply(ex, () -> controller.report().moduleList(null, Map.of())));
        org.netserv.controller.metrics.MetricsEndpoint.register(server, controller.metrics().registry());
        dashboard = new org.netserv.controller.dashboard.Dashboard(controller).register(server);
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            final Thread t = new Thread(r, "status-http");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private interface Body {
        Object get();
    }

    private static void reply(final HttpExchange ex, final Body body) throws IOException {
        try (ex) {
            if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD")) {
                ex.getResponseHeaders().add("Allow", "GET, HEAD");
                ex.sendResponseHeaders(405, -1);
                return;
            }
            final String path = ex.getRequestURI().getPath();
            if (!path.equals("/status") && !path.equals("/modules")) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            final byte[] b = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(body.get());
            ex.getResponseHeaders().add("Content-Type", "application/json");
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

    @Override
    public void close() {
        dashboard.close();
        server.stop(0);
    }
}
