package org.netserv.controller.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.netserv.controller.container.ContainerManager;
import org.netserv.controller.container.ContainerStatus;
import org.netserv.controller.plane.ForwardingPlane;
import org.netserv.controller.state.ModuleRecord;

/**
 * The controller's Prometheus metrics ({@code GET /metrics} of the status endpoint).
 * Instrumented as they happen: NCMs by method and result code, module install latency. Read
 * at scrape time: modules per slot/publisher, each container's cgroup (CPU, memory, pids),
 * its STATUS relayed (packet loop, heap, per module packets/verdicts/errors and the
 * module's own {@code PktProcessor.STATUS} counters as typed samples), and the NetServ
 * classifier's per-rule hits read through the controller's forwarding-plane connection.
 * Containers run in their own network namespace, so their numbers come here, labelled
 * {@code slot}, {@code publisher}, {@code module}, instead of from an endpoint of their own.
 */
public final class ControllerMetrics {
    private static final System.Logger LOG = System.getLogger(ControllerMetrics.class.getName());

    /** What a scrape reads; all of it lives in the controller. */
    public interface Source {
        java.util.List<ModuleRecord> modules();

        ContainerManager containers();

        Map<Integer, ContainerStatus> containerStatuses();

        ForwardingPlane plane();

        int classifierOutputs();
    }

    /** Words of a module's STATUS line that are the container's, not the module's own. */
    private static final Set<String> DISPATCHER_FIELDS = Set.of("state", "seen", "forwarded", "dropped", "consumed",
            "errors", "error", "gauges", "status-error");

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter ncms = Counter.builder().name("netserv_controller_ncms_total")
            .help("NCMs handled, by method and response code").labelNames("method", "code").register(registry);
    private final Histogram installs = Histogram.builder().name("netserv_controller_module_install_duration_seconds")
            .help("SETUP of a new module: bundle fetch and install in the container, until filtered in")
            .classicOnly().classicUpperBounds(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)
            .labelNames("result").register(registry);
    private final CgroupStats cgroups = new CgroupStats();
    private final Map<Integer, String> cgroupWarned = new ConcurrentHashMap<>();

    public ControllerMetrics(final Supplier<Source> source) {
        registry.register((MultiCollector) () -> scrape(source.get()));
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    public void ncm(final String method, final int code) {
        ncms.labelValues(method, Integer.toString(code)).inc();
    }

    public void installed(final boolean ok, final long nanos) {
        installs.labelValues(ok ? "ok" : "failed").observe(nanos / 1e9);
    }

    MetricSnapshots scrape(final Source s) {
        final MetricFamilies f = new MetricFamilies();
        final Map<String, Integer> perSlot = new java.util.TreeMap<>();
        for (final ModuleRecord r : s.modules()) {
            perSlot.merge(r.slot() + "\u0000" + r.user() + "\u0000" + r.phase(), 1, Integer::sum);
        }
        perSlot.forEach((k, n) -> {
            final String[] p = k.split("\u0000");
            f.gauge("netserv_controller_modules", "Modules the controller holds, per slot, publisher and phase", n,
                    "slot", p[0], "publisher", p[1], "phase", p[2].toLowerCase(java.util.Locale.ROOT));
        });
        final Map<Integer, Map<String, Object>> described = s.containers().describe();
        final Map<Integer, ContainerStatus> statuses = s.containerStatuses();
        described.forEach((slot, d) -> containerMetrics(f, slot, d, statuses.get(slot)));
        classifier(f, s);
        return f.build();
    }

    private void containerMetrics(final MetricFamilies f, final int slot, final Map<String, Object> d, final ContainerStatus st) {
        final String sl = Integer.toString(slot);
        final String pub = String.valueOf(d.getOrDefault("user", ""));
        f.gauge("netserv_container_up", "1 when the slot's container is up (connected to the controller)",
                "UP".equals(String.valueOf(d.get("state"))) ? 1 : 0, "slot", sl, "publisher", pub);
        if (d.get("restarts") instanceof Number n) {
            f.counter("netserv_container_restarts", "Times the controller restarted the slot's container", n.doubleValue(),
                    "slot", sl, "publisher", pub);
        }
        final long pid = d.get("pid") instanceof Number n ? n.longValue() : -1;
        if (pid > 0) {
            final CgroupStats.Reading r = cgroups.read(pid);
            f.gauge("netserv_container_cgroup_readable", "1 when the container's cgroup could be read (0: see the log)",
                    r.readable() ? 1 : 0, "slot", sl, "publisher", pub);
            if (r.readable()) {
                cgroupWarned.remove(slot);
                f.counter("netserv_container_cpu_seconds", "CPU time of the container's cgroup", r.cpuSeconds(), "slot", sl, "publisher", pub);
                f.gauge("netserv_container_memory_bytes", "Memory charged to the container's cgroup", r.memoryBytes(), "slot", sl, "publisher", pub);
                f.gauge("netserv_container_pids", "Tasks in the container's cgroup", r.pids(), "slot", sl, "publisher", pub);
            } else if (!r.why().equals(cgroupWarned.put(slot, r.why()))) {
                LOG.log(System.Logger.Level.WARNING, "metrics: slot {0}: container cgroup not readable: {1}", slot, r.why());
            }
        }
        if (st == null) {
            return;
        }
        final Map<String, String> o = st.other();
        f.gauge("netserv_container_heap_used_bytes", "JVM heap in use in the container", num(o.get("heap-used")), "slot", sl, "publisher", pub);
        f.gauge("netserv_container_heap_max_bytes", "JVM heap limit of the container", num(o.get("heap-max")), "slot", sl, "publisher", pub);
        f.counter("netserv_container_packets_received", "Packets the container read from its channel",
                num(o.get("packets-in")), "slot", sl, "publisher", pub);
        for (final String v : new String[] {"forwarded", "dropped", "consumed"}) {
            f.counter("netserv_container_verdicts", "Packets of the container's loop by final verdict",
                    num(o.get("packets-" + v)), "slot", sl, "publisher", pub, "verdict", v);
        }
        f.counter("netserv_container_packets_injected", "Packets modules injected", num(o.get("packets-injected")), "slot", sl, "publisher", pub);
        f.counter("netserv_container_packets_malformed", "Packets read from the channel that were not IPv4",
                num(o.get("packets-malformed")), "slot", sl, "publisher", pub);
        f.counter("netserv_container_inject_failures", "Injections the channel refused", num(o.get("inject-failed")),
                "slot", sl, "publisher", pub);
        st.modules().forEach((id, m) -> moduleMetrics(f, sl, pub, id, m.fields()));
    }

    private static void moduleMetrics(final MetricFamilies f, final String sl, final String pub, final String id,
                                       final Map<String, String> w) {
        final String version = id.substring(id.lastIndexOf('_') + 1);
        f.gauge("netserv_module_info", "A module in a container: its version and state", 1, "slot", sl, "publisher", pub,
                "module", id, "version", version, "state", w.getOrDefault("state", "UNKNOWN"));
        f.counter("netserv_module_packets", "Packets the module was given", num(w.get("seen")), "slot", sl, "publisher", pub, "module", id);
        for (final String v : new String[] {"forwarded", "dropped", "consumed"}) {
            f.counter("netserv_module_verdicts", "The module's verdicts", num(w.get(v)), "slot", sl, "publisher", pub,
                    "module", id, "verdict", v);
        }
        f.counter("netserv_module_errors", "Packets on which the module threw", num(w.get("errors")), "slot", sl, "publisher", pub, "module", id);
        final Set<String> gauges = Set.of(w.getOrDefault("gauges", "").split(","));
        w.forEach((k, v) -> {
            if (DISPATCHER_FIELDS.contains(k)) {
                return;
            }
            final double x = num(v);
            if (Double.isNaN(x)) {
                return;   // words like listen=ADDR or algorithm=rate are not numbers
            }
            if (gauges.contains(k)) {
                f.gauge("netserv_module_status", "A module's own gauge (PktProcessor.STATUS, declared in STATUS_GAUGES)",
                        x, "slot", sl, "publisher", pub, "module", id, "name", k);
            } else {
                f.counter("netserv_module_status_events", "A module's own counter (PktProcessor.STATUS)", x,
                        "slot", sl, "publisher", pub, "module", id, "name", k);
            }
        });
    }

    private static void classifier(final MetricFamilies f, final Source s) {
        final ForwardingPlane plane = s.plane();
        final String el = plane.classifierElement();
        final int slots = s.classifierOutputs();
        try {
            for (final String l : plane.readHandler(el + ".hits").split("\n")) {
                final String[] w = l.trim().split("\\s+");
                if (w.length != 2) {
                    continue;
                }
                final int out = Integer.parseInt(w[0]);
                f.counter("netserv_classifier_rule_hits", "Packets the NetServ classifier sent to a rule's output "
                        + "(slot K's container, or forwarding)", Double.parseDouble(w[1]), "element", el, "output", w[0],
                        "target", slots >= 0 && out >= slots ? "forward" : "slot" + out);
            }
            f.gauge("netserv_classifier_readable", "1 when the classifier's hits handler could be read", 1, "element", el);
        } catch (IOException | RuntimeException e) {
            f.gauge("netserv_classifier_readable", "1 when the classifier's hits handler could be read", 0, "element", el);
        }
    }

    private static double num(final String v) {
        if (v == null) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
