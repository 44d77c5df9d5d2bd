package org.netserv.controller.server;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * controller's); asks containers for STATUS outside it.
 */
public final class StatusReport {
    private static final System.Logger LOG = System.getLogger(StatusReport.class.getName());

    private final Object lock;
    private final Supplier<Policy> policy;
    private final ModuleTable modules;
    private final ContainerManager containers;
    private final ClassifierSync classifier;
    private final IntSupplier nonces;
    private final Clock clock;
    private final Path stateDir;

    public StatusReport(final Object lock, final Supplier<Policy> policy, final ModuleTable modules,
                        final ContainerManager containers, final ClassifierSync classifier, final IntSupplier nonces,
                        final Clock clock, final Path stateDir) {
        this.lock = lock;
        this.policy = policy;
        this.modules = modules;
        this.containers = containers;
        this.classifier = classifier;
        this.nonces = nonces;
        this.clock = clock;
        this.stateDir = stateDir;
    }

    public NcmResponse probe(final Ncm ncm) {
        final Policy p = policy.get();
        final NcmResponse r = NcmResponse.of(200, "OK").header("node-id", p.nodeId());
        final Map<Integer, ContainerStatus> statuses = containerStatuses();
        for (final String what : ncm.probes()) {
            switch (what) {
                case "status" -> {
                    for (final Map<String, Object> m : moduleList(ncm.user(), statuses)) {
                        if (ncm.moduleId() != null && !ncm.moduleId().equals(m.get("module"))) {
                            continue;
                        }
                        r.header("module", m.get("module") + " version=" + m.get("version") + " state=" + m.get("state")
                                + " ttl=" + m.get("ttl") + " packets=" + m.get("packets") + " slot=" + m.get("slot"));
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
        return r;
    }

    /** Slots whose container is connected and reconciled. */
    public int readySlotCount() {
        synchronized (lock) {
            return modules.readySlots().size();
        }
    }

    private Map<Integer, ContainerStatus> containerStatuses() {
        final List<Integer> ready;
        synchronized (lock) {
            ready = modules.readySlots();
        }
        final Map<Integer, ContainerStatus> out = new TreeMap<>();
        for (final int s : ready) {
            containers.link(s).ifPresent(l -> {
                try {
                    out.put(s, l.status());
                } catch (ContainerException e) {
                    LOG.log(System.Logger.Level.WARNING, "STATUS of slot {0}: {1}", s, e.getMessage());
                }
            });
        }
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
                m.put("version", r.moduleId().substring(r.moduleId().lastIndexOf('_') + 1));
                m.put("slot", r.slot());
                m.put("user", r.user());
                m.put("state", r.phase() == ModuleRecord.Phase.REMOVING ? "REMOVING"
                        : !modules.ready(r.slot()) ? "PENDING" : cs == null ? "ACTIVE" : cs.state());
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
        }
        s.put("nonces", nonces.getAsInt());
        return s;
    }
}
