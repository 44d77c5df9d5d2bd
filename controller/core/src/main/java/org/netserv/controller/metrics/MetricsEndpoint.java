package org.netserv.controller.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * {@code GET /metrics}: the Prometheus text format (0.0.4) of a registry, on an existing
 * {@link HttpServer} (the controller's status endpoint: management address only). Read-only
 * like the rest of that server: any other method is 405.
 */
public final class MetricsEndpoint {
    private MetricsEndpoint() {
    }

    public static void register(final HttpServer server, final PrometheusRegistry registry) {
        server.createContext("/metrics", ex -> serve(ex, registry));
    }

    static void serve(final HttpExchange ex, final PrometheusRegistry registry) throws IOException {
        try (ex) {
            if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD")) {
                ex.getResponseHeaders().add("Allow", "GET, HEAD");
                ex.sendResponseHeaders(405, -1);
                return;
            }
            if (!ex.getRequestURI().getPath().equals("/metrics")) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            final ByteArrayOutputStream b = new ByteArrayOutputStream();
            PrometheusTextFormatWriter.create().write(b, registry.scrape(), EscapingScheme.UNDERSCORE_ESCAPING);
            ex.getResponseHeaders().add("Content-Type", PrometheusTextFormatWriter.CONTENT_TYPE);
            if (ex.getRequestMethod().equals("HEAD")) {
                ex.sendResponseHeaders(200, -1);
                return;
            }
            ex.sendResponseHeaders(200, b.size());
            try (OutputStream o = ex.getResponseBody()) {
                b.writeTo(o);
            }
        }
    }
}
