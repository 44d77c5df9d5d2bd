package org.netserv.nsis.daemon;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Prometheus metrics of netserv-nsisd ({@code metrics = ADDRESS:PORT} in its config), typed
 * from the GIST node's and the NSLP's counters at each scrape: GIST messages sent and
 * received by type and mode, Query retransmissions, routing states / messaging
 * associations / TCP connections (gauges), NSLP signaling sessions (pending requests,
 * refreshed sessions), requests, responses, and the results of the NCMs handed to the
 * controller by method and code. Counters without a typed family are kept as
 * {@code netserv_gist_events_total{event}} / {@code netserv_nslp_events_total{event}}.
 */
public final class NsisMetrics {
    private NsisMetrics() {
    }

    /** Starts the endpoint; refuses a wildcard address (the endpoint is for the node's operator). */
    public static HTTPServer start(String hostPort, Supplier<Map<String, Long>> gist, Supplier<Map<String, Long>> nslp) throws IOException {
        final int colon = hostPort.lastIndexOf(':');
        if (colon <= 0) throw new IllegalArgumentException("metrics: expected ADDRESS:PORT, got " + hostPort);
        final InetAddress a = InetAddress.getByName(hostPort.substring(0, colon));
        if (a.isAnyLocalAddress()) throw new IllegalArgumentException("metrics: " + hostPort + " is a wildcard; give one address (e.g. 127.0.0.1)");
        final PrometheusRegistry r = new PrometheusRegistry();
        r.register((MultiCollector) () -> snapshot(gist.get(), nslp.get()));
        return HTTPServer.builder().inetAddress(a).port(Integer.parseInt(hostPort.substring(colon + 1))).registry(r).buildAndStart();
    }

    private static final class Families {
        private record F(boolean counter, String help, Map<Labels, Double> points) {}
        private final Map<String, F> m = new LinkedHashMap<>();

        void add(boolean counter, String name, String help, double v, String... labels) {
            m.computeIfAbsent(name, k -> new F(counter, help, new LinkedHashMap<>())).points().merge(Labels.of(labels), v, Double::sum);
        }

        MetricSnapshots build() {
            final List<MetricSnapshot> out = new ArrayList<>();
            m.forEach((n, f) -> {
                if (f.counter()) {
                    final CounterSnapshot.Builder b = CounterSnapshot.builder().name(n).help(f.help());
                    f.points().forEach((l, v) -> b.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().labels(l).value(v).build()));
                    out.add(b.build());
                } else {
                    final GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(n).help(f.help());
                    f.points().forEach((l, v) -> b.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(l).value(v).build()));
                    out.add(b.build());
                }
            });
            return new MetricSnapshots(out);
        }
    }

    static MetricSnapshots snapshot(Map<String, Long> gist, Map<String, Long> nslp) {
        final Families f = new Families();
        // always present, so a scrape before any signaling already lists the families
        f.add(true, "netserv_gist_messages_received", "GIST messages received, by type", 0, "type", "Query");
        f.add(true, "netserv_gist_messages_sent", "GIST messages sent, by type and mode", 0, "type", "Query", "mode", "datagram");
        f.add(true, "netserv_gist_query_retransmissions", "GIST Queries sent again (no Response within T1, doubling)", 0);
        gist.forEach((k, v) -> {
            if (k.startsWith("rx/")) {
                f.add(true, "netserv_gist_messages_received", "GIST messages received, by type", v, "type", k.substring(3));
            } else if (k.startsWith("tx/")) {
                f.add(true, "netserv_gist_messages_sent", "GIST messages sent, by type and mode", v, "type", k.substring(3), "mode", "datagram");
            } else if (k.startsWith("tx-cmode/")) {
                f.add(true, "netserv_gist_messages_sent", "GIST messages sent, by type and mode", v, "type", k.substring(9), "mode", "connection");
            } else if (k.equals("tx-query-retransmit")) {
                f.add(true, "netserv_gist_query_retransmissions", "GIST Queries sent again (no Response within T1, doubling)", v);
            } else if (k.equals("routing-states")) {
                f.add(false, "netserv_gist_routing_states", "GIST routing states held", v);
            } else if (k.equals("messaging-associations")) {
                f.add(false, "netserv_gist_messaging_associations", "GIST messaging associations (C-mode) held", v);
            } else if (k.equals("tcp-connections")) {
                f.add(false, "netserv_gist_tcp_connections", "TCP connections open", v);
            } else {
                f.add(true, "netserv_gist_events", "Other GIST events and refusals, by name", v, "event", k);
            }
        });
        nslp.forEach((k0, v) -> {
            final String k = k0.startsWith("nslp-") ? k0.substring(5) : k0;
            if (k.startsWith("controller/")) {
                final String[] p = k.split("/");
                if (p.length == 3) {
                    f.add(true, "netserv_nslp_controller_results", "NCMs handed to the controller, by method and response code", v,
                            "method", p[1], "code", p[2]);
                }
            } else if (k.equals("pending")) {
                f.add(false, "netserv_nslp_sessions_pending", "Signaling sessions waiting for downstream answers", v);
            } else if (k.equals("refreshed-sessions")) {
                f.add(false, "netserv_nslp_sessions_refreshed", "Signaling sessions this node keeps refreshing", v);
            } else if (k.equals("requests")) {
                f.add(true, "netserv_nslp_requests", "NetServ NSLP requests received", v);
            } else if (k.equals("responses")) {
                f.add(true, "netserv_nslp_responses", "NetServ NSLP responses sent upstream", v);
            } else {
                f.add(true, "netserv_nslp_events", "Other NetServ NSLP events, by name", v, "event", k);
            }
        });
        return f.build();
    }
}
