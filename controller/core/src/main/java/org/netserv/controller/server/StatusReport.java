package org.netserv.controller.server;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.netserv.controller.container.ContainerException;
import org.netserv.controller.container.ContainerManager;
import org.netserv.controller.container.ContainerStatus;
import org.netserv.controller.ncm.Ncm;
import org.netserv.controller.ncm.NcmResponse;
import org.netserv.controller.plane.ClassifierSync;
import org.netserv.controller.policy.Policy;
import org.netserv.controller.policy.Slot;
import org.netserv.controller.state.ModuleRecord;
import org.netserv.controller.state.ModuleTable;

/**
 * What the node tells about itself: the PROBE answer ({@code status}, {@code capabilities},
 * {@code resources}), the module list and the whole status of the HTTP endpoint and
 * {@code netserv-ctl status}. Reads the controller's state under {@code lock} (the
 * controller's); asks containers for STATUS outside it, all at once and waiting at most
 * {@link #STATUS_WAIT_MS}: a container that does not answer (its link busy with a hanging
 * install) is left out of this answer instead of holding up everybody's PROBE and the status
 * endpoint. At most one STATUS call per slot is in flight.
 */
public final class StatusReport {
    private static final System.Logger LOG = System.getLogger(StatusReport.class.getName());
    static final long STATUS_WAIT_MS = 2_000;
    private static final java.util.concurrent.ExecutorService CALLS = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        final Thread t = new Thread(r, "controller-status");
        t.setDaemon(true);
        return t;
    });
    private final Map<Integer, java.util.concurrent.CompletableFuture<ContainerStatus>> inFlight =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final Object lock;
    private final Supplier<Policy> policy;
    private final ModuleTable modules;
    private final ContainerManager containers;
    private final ClassifierSync classifier;
    private final IntSupplier nonces;
    private final Clock clock;
    private final Path stateDir;

    private final Supplier<Map<String, Object>> sourceFilters;

    public StatusReport(final Object lock, final Supplier<Policy> policy, final ModuleTable modules,
                        final ContainerManager containers, final ClassifierSync classifier, final IntSupplier nonces,
                        final Clock clock, final Path stateDir, final Supplier<Map<String, Object>> sourceFilters) {
        this.lock = lock;
        this.sourceFilters = sourceFilters;
        this.policy = policy;
        this.modules = modules;
        this.containers = containers;
        this.classifier = classifier;
        this.nonces = nonces;
        this.clock = clock;
        this.stateDir = stateDir;
    }

    /** Fields of a module's PROBE line that are the node's, not the module's own counters. */
    private static final Set<String> PROBE_OWN_FIELDS = Set.of("module", "version", "slot", "user", "state", "ttl",
            "packets", "digest", "filter", "seen", "forwarded", "dropped", "consumed", "errors", "gauges");

    public NcmResponse probe(final Ncm ncm) {
        final Policy p = policy.get();
        final NcmResponse r = NcmResponse.of(200, "OK").header("node-id", p.nodeId());
        final Map<Integer, ContainerStatus> statuses = containerStatuses();
        final List<String> withheld = new ArrayList<>();
        for (final String what : ncm.probes()) {
            if (ncm.user() == null && !p.publicProbes().contains(what)) {
                // without user the requester is any tenant: it sees only what the node made public
                withheld.add(what);
                continue;
            }
            switch (what) {
                case "status" -> {
                    for (final Map<String, Object> m : moduleList(ncm.user(), statuses)) {
                        if (ncm.moduleId() != null && !ncm.moduleId().equals(m.get("module"))) {
                            continue;
                        }
                        final StringBuilder line = new StringBuilder().append(m.get("module")).append(" version=")
                                .append(m.get("version")).append(" state=").append(m.get("state")).append(" ttl=")
                                .append(m.get("ttl")).append(" packets=").append(m.get("packets")).append(" slot=")
                                .append(m.get("slot"));
                        // the module's own STATUS words (PktProcessor.STATUS), e.g. admitted=.. rejected=..
                        m.forEach((k, v) -> {
                            if (!PROBE_OWN_FIELDS.contains(k)) {
                                line.append(' ').append(k).append('=').append(v);
                            }
                        });
                        r.header("module", line.toString());
                    }
                }
                case "capabilities" -> {
                    final long cap;
                    final long used;
                    synchronized (lock) {
                        final Optional<Slot> s = ncm.user() == null ? Optional.empty() : p.slotOfUser(ncm.user());
                        cap = s.map(x -> (long) x.limits().maxModules())
                                .orElse(p.slots().stream().mapToLong(x -> x.limits().maxModules()).sum());
                        used = s.map(x -> modules.countInSlot(x.number())).orElse((long) modules.size());
                    }
                    r.header("capabilities", "node-id=" + p.nodeId() + " addresses=" + String.join(",", p.nodeAddresses())
                            + " building-blocks=" + String.join(",", p.buildingBlocks())
                            + " containers=" + p.slots().size() + " containers-ready=" + readySlotCount()
                            + " module-capacity-free=" + Math.max(0, cap - used) + "/" + cap);
                }
                case "resources" -> r.header("resources", Resources.line(stateDir, statuses));
                default -> throw new IllegalStateException(what);
            }
        }
        if (!withheld.isEmpty()) {
            r.header("withheld", String.join(",", withheld) + " (not public on this node; PROBE with user)");
        }
        return r;
    }

    /** Slots whose container is connected and reconciled. */
    public int readySlotCount() {
        synchronized (lock) {
            return modules.readySlots().size();
        }
    }

    /** Each ready container's STATUS (at most {@link #STATUS_WAIT_MS}); also the metrics' source. */
    public Map<Integer, ContainerStatus> containerStatuses() {
        final List<Integer> ready;
        synchronized (lock) {
            ready = modules.readySlots();
        }
        final Map<Integer, java.util.concurrent.CompletableFuture<ContainerStatus>> asked = new TreeMap<>();
        for (final int s : ready) {
            // a call still in flight is joined, a finished one is never reused (its answer is old)
            containers.link(s).ifPresent(l -> asked.put(s, inFlight.compute(s, (k, old) -> old != null && !old.isDone() ? old
                    : java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                        try {
                            return l.status();
                        } catch (ContainerException e) {
                            throw new java.util.concurrent.CompletionException(e);
                        }
                    }, CALLS))));
        }
        final long deadline = System.nanoTime() + STATUS_WAIT_MS * 1_000_000;
        final Map<Integer, ContainerStatus> out = new TreeMap<>();
        asked.forEach((s, f) -> {
            try {
                out.put(s, f.get(Math.max(0, deadline - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS));
            } catch (java.util.concurrent.TimeoutException e) {
                LOG.log(System.Logger.Level.WARNING, "STATUS of slot {0}: no answer within {1} ms; left out", s, STATUS_WAIT_MS);
            } catch (java.util.concurrent.ExecutionException e) {
                LOG.log(System.Logger.Level.WARNING, "STATUS of slot {0}: {1}", s, e.getCause().getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return out;
    }

    /** Module rows for PROBE status and the HTTP endpoint; only {@code user}'s when given. */
    public List<Map<String, Object>> moduleList(final String user, final Map<Integer, ContainerStatus> statuses) {
        synchronized (lock) {
            final List<Map<String, Object>> out = new ArrayList<>();
            final long now = clock.millis();
            for (final ModuleRecord r : modules.all()) {
                if (user != null && !user.equals(r.user())) {
                    continue;
                }
                final Map<String, Object> m = new LinkedHashMap<>();
                final ContainerStatus.ModuleStatus cs = Optional.ofNullable(statuses.get(r.slot()))
                        .map(c -> c.modules().get(r.moduleId())).orElse(null);
                m.put("module", r.moduleId());
                m.put("version", r.version());
                m.put("slot", r.slot());
                m.put("user", r.user());
                m.put("state", r.phase() == ModuleRecord.Phase.REMOVING ? "REMOVING"
                        : r.phase() == ModuleRecord.Phase.STANDBY ? "STANDBY"
                        : !modules.ready(r.slot()) ? "PENDING" : cs == null ? "ACTIVE" : cs.state());
                if (r.phase() == ModuleRecord.Phase.ACTIVE) {
                    // the version ROLLBACK would put back (PROBE: which version runs where, and what it falls back to)
                    modules.standbyOf(r.slot(), r.symbolicName()).ifPresent(k -> m.put("previous", k.version()));
                }
                m.put("ttl", Math.max(0, (r.deadline() - now) / 1000));
                m.put("packets", cs == null ? 0 : Long.parseLong(cs.fields().getOrDefault("seen", "0")));
                if (cs != null) {
                    cs.fields().forEach((k, v) -> {
                        if (!k.equals("state")) {
                            m.putIfAbsent(k, v);
                        }
                    });
                }
                m.put("digest", "sha-256=" + r.digestHex());
                m.put("filter", r.pattern() == null ? "" : r.pattern());
                out.add(m);
            }
            return out;
        }
    }

    /** The whole picture for the status endpoint and {@code netserv-ctl status}. */
    public Map<String, Object> status() {
        final Map<Integer, ContainerStatus> statuses = containerStatuses();
        final Map<String, Object> s = new LinkedHashMap<>();
        final Policy p = policy.get();
        s.put("node-id", p.nodeId());
        s.put("policy", p.source().toString());
        s.put("modules", moduleList(null, statuses));
        final Map<String, Object> c = new LinkedHashMap<>();
        containers.describe().forEach((k, v) -> {
            final Map<String, Object> m = new LinkedHashMap<>(v);
            Optional.ofNullable(statuses.get(k)).ifPresent(cs -> m.putAll(cs.other()));
            c.put(Integer.toString(k), m);
        });
        s.put("containers", c);
        synchronized (lock) {
            s.put("forwarding-plane", classifier.describe());
            s.put("source-filters", sourceFilters.get());
        }
        s.put("nonces", nonces.getAsInt());
        return s;
    }
}
