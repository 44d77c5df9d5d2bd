package org.netserv.controller.metrics;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetAddress;
import org.netserv.controller.plane.ControlSocketPlane;

/**
 * {@code netserv-click-exporter --control unix:PATH [--listen 127.0.0.1:8472]}: Prometheus
 * metrics of a running netserv-click, read at each scrape from its handlers over its
 * ControlSocket ({@link EngineMetrics}). The engine is untouched: a scrape only reads. It
 * binds a loopback or management address, never a wildcard.
 */
public final class ClickExporter {
    private ClickExporter() {
    }

    public static void main(final String[] args) throws IOException {
        String control = null;
        String listen = "127.0.0.1:8472";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--control" -> control = i + 1 < args.length ? args[++i] : null;
                case "--listen" -> listen = i + 1 < args.length ? args[++i] : null;
                case "--help", "-h" -> {
                    System.out.println(USAGE);
                    return;
                }
                case "--version", "-V" -> {
                    System.out.println(org.netserv.ncm.cli.ProjectVersion.line("netserv-click-exporter"));
                    return;
                }
                default -> fail("unknown argument " + args[i]);
            }
        }
        if (control == null || listen == null) {
            fail("--control unix:PATH is required");
        }
        final int colon = listen.lastIndexOf(':');
        if (colon <= 0) {
            fail("--listen: expected ADDRESS:PORT, got " + listen);
        }
        final InetAddress addr = InetAddress.getByName(listen.substring(0, colon));
        if (addr.isAnyLocalAddress()) {
            fail("--listen " + listen + ": give one address (default 127.0.0.1), never a wildcard");
        }
        final ControlSocketPlane plane = new ControlSocketPlane(control, "ns");
        final PrometheusRegistry registry = new PrometheusRegistry();
        registry.register((MultiCollector) () -> {
            final MetricFamilies f = new MetricFamilies();
            try {
                EngineMetrics.all(plane::readHandler, f);
                f.gauge("netserv_click_up", "1 when the engine's ControlSocket answered this scrape", 1);
            } catch (IOException e) {
                System.err.println("netserv-click-exporter: " + e.getMessage());
                final MetricFamilies down = new MetricFamilies();
                down.gauge("netserv_click_up", "1 when the engine's ControlSocket answered this scrape", 0);
                return down.build();
            }
            return f.build();
        });
        final HTTPServer server = HTTPServer.builder().inetAddress(addr).port(Integer.parseInt(listen.substring(colon + 1)))
                .registry(registry).buildAndStart();
        System.err.println("netserv-click-exporter: http://" + listen.substring(0, colon) + ":" + server.getPort()
                + "/metrics from " + control);
        // the exporter's HTTP threads are daemon threads: main keeps the process alive until killed
        try {
            new java.util.concurrent.CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final String USAGE = String.join("\n",
            "Usage: netserv-click-exporter --control unix:PATH [--listen ADDRESS:PORT]",
            "Prometheus metrics of a running netserv-click, read from its handlers over its ControlSocket",
            "at each scrape. Binds one address (never a wildcard); runs until killed.",
            "      --control unix:PATH     the engine's ControlSocket (required)",
            "      --listen ADDRESS:PORT   where /metrics is served (default 127.0.0.1:8472)",
            "  -h, --help                  Show this help message and exit.",
            "  -V, --version               Print version information and exit.",
            "",
            "Exit codes:",
            "  0   --help, --version",
            "  2   usage error",
            "",
            "Examples:",
            "  netserv-click-exporter --control unix:/run/netserv/click.sock",
            "  netserv-click-exporter --control unix:/run/netserv/click.sock --listen 127.0.0.1:9100");

    private static void fail(final String why) {
        System.err.println("netserv-click-exporter: " + why + "\nTry 'netserv-click-exporter --help' for more information.");
        System.exit(2);
    }
}
