package org.netserv.controller.state;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.netserv.controller.ncm.NcmException;
import org.netserv.controller.plane.ClassifierRules;
import org.netserv.controller.policy.Policy;

/**
 * The controller's picture of the node: the module records (persisted in {@code modules.json}
 * through {@link #persist}, the one way they reach the disk), the installs in progress
 * (they count against a slot's module limit) and the slots whose container is connected and
 * reconciled. Not thread-safe: every caller holds the controller's lock.
 */
public final class ModuleTable {
    private static final System.Logger LOG = System.getLogger(ModuleTable.class.getName());

    private final StateStore store;
    private final Map<String, ModuleRecord> modules = new LinkedHashMap<>();
    private final Set<String> installing = new HashSet<>();
    private final Set<Integer> readySlots = new HashSet<>();
    private final Map<Integer, Long> epochs = new java.util.HashMap<>();

    public ModuleTable(final Path stateDir) {
        this.store = new StateStore(stateDir);
    }

    /**
     * Loads the persisted records after a (re)start: an ACTIVE module past its deadline or whose
     * slot changed owner becomes REMOVING (the removal is finished, never undone). Returns the
     * ACTIVE ones, whose TTL timers the caller arms.
     */
    public List<ModuleRecord> recover(final Policy policy, final long now) throws IOException {
        final List<ModuleRecord> active = new ArrayList<>();
        final List<ModuleRecord> loaded = store.load();
        for (final ModuleRecord r : loaded) {
            if (r.phase() == ModuleRecord.Phase.STANDBY) {
                continue; // after the records they stand behind
            }
            final boolean stillOwned = policy.slot(r.slot()).map(s -> s.user().equals(r.user())).orElse(false);
            final ModuleRecord rr = (r.deadline() <= now || !stillOwned) && r.phase() == ModuleRecord.Phase.ACTIVE
                    ? r.withPhase(ModuleRecord.Phase.REMOVING) : r;
            modules.put(rr.key(), rr);
            if (rr.phase() == ModuleRecord.Phase.ACTIVE) {
                active.add(rr);
            }
        }
        for (final ModuleRecord r : loaded) {
            // a kept previous version lives only as long as the module it stands behind
            if (r.phase() == ModuleRecord.Phase.STANDBY && activeOf(r.slot(), r.symbolicName()).isPresent()) {
                modules.put(r.key(), r);
            }
        }
        persist();
        return active;
    }

    public Path file() {
        return store.file();
    }

    /**
     * Writes every record. A failure is logged and returned as a 500 the caller may throw
     * (a request must not succeed unpersisted) or drop (a background step retries later).
     */
    public Optional<NcmException> persist() {
        try {
            store.save(new ArrayList<>(modules.values()));
            return Optional.empty();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.ERROR, "cannot persist state: {0}", e.getMessage());
            return Optional.of(new NcmException(500, "cannot persist state: " + e.getMessage()));
        }
    }

    /** {@link #persist}, throwing its failure. */
    public void persistOrFail() throws NcmException {
        final Optional<NcmException> e = persist();
        if (e.isPresent()) {
            throw e.get();
        }
    }

    public ModuleRecord get(final String key) {
        return modules.get(key);
    }

    public void put(final ModuleRecord r) {
        modules.put(r.key(), r);
    }

    public void remove(final String key) {
        modules.remove(key);
    }

    public boolean contains(final String key) {
        return modules.containsKey(key);
    }

    /** A copy, safe to iterate while changing the table. */
    public List<ModuleRecord> all() {
        return new ArrayList<>(modules.values());
    }

    public int size() {
        return modules.size();
    }

    /** Modules of {@code slot} (a kept previous version is not one: it runs nowhere). */
    public long countInSlot(final int slot) {
        return modules.values().stream().filter(m -> m.slot() == slot && m.phase() != ModuleRecord.Phase.STANDBY).count();
    }

    /** The ACTIVE version of the module {@code symbolicName} in {@code slot}. */
    public Optional<ModuleRecord> activeOf(final int slot, final String symbolicName) {
        return inPhase(slot, symbolicName, ModuleRecord.Phase.ACTIVE);
    }

    /** The version kept for ROLLBACK of the module {@code symbolicName} in {@code slot}. */
    public Optional<ModuleRecord> standbyOf(final int slot, final String symbolicName) {
        return inPhase(slot, symbolicName, ModuleRecord.Phase.STANDBY);
    }

    private Optional<ModuleRecord> inPhase(final int slot, final String symbolicName, final ModuleRecord.Phase phase) {
        return modules.values().stream().filter(m -> m.slot() == slot && m.phase() == phase
                && m.symbolicName().equals(symbolicName)).findFirst();
    }

    /**
     * The switch of a version change, under the lock: {@code next} becomes ACTIVE, {@code previous}
     * (the version running until now) is kept as STANDBY or, when {@code keepPrevious} is false,
     * forgotten; any other kept version of the module is forgotten. The caller persists and syncs
     * the classifier: one write moves the module's packets from the old filter to the new.
     */
    public void switchVersion(final ModuleRecord previous, final ModuleRecord next, final boolean keepPrevious) {
        modules.values().removeIf(m -> m.slot() == next.slot() && m.phase() == ModuleRecord.Phase.STANDBY
                && m.symbolicName().equals(next.symbolicName()));
        modules.remove(previous.key());
        modules.put(next.key(), next.withPhase(ModuleRecord.Phase.ACTIVE));
        if (keepPrevious) {
            modules.put(previous.key(), previous.withPhase(ModuleRecord.Phase.STANDBY));
        }
    }

    /** Modules installed or being installed in {@code slot}: what its module limit counts. */
    public long occupancy(final int slot) {
        return countInSlot(slot) + installing.stream().filter(k -> k.startsWith(slot + "/")).count();
    }

    /** An ACTIVE module of {@code slot} named {@code dep} by id or symbolic name. */
    public boolean hasActive(final int slot, final String dep) {
        return modules.values().stream().anyMatch(m -> m.slot() == slot && m.phase() == ModuleRecord.Phase.ACTIVE
                && (m.moduleId().equals(dep) || m.symbolicName().equals(dep)));
    }

    public boolean installing(final String key) {
        return installing.contains(key);
    }

    public void startInstall(final String key) {
        installing.add(key);
    }

    public void endInstall(final String key) {
        installing.remove(key);
    }

    public boolean ready(final int slot) {
        return readySlots.contains(slot);
    }

    public void markReady(final int slot) {
        readySlots.add(slot);
        epochs.merge(slot, 1L, Long::sum);
    }

    public void markDown(final int slot) {
        readySlots.remove(slot);
        epochs.merge(slot, 1L, Long::sum);
    }

    /** Changes whenever the slot's container goes down or comes up: work begun before a change is stale. */
    public long epoch(final int slot) {
        return epochs.getOrDefault(slot, 0L);
    }

    public List<Integer> readySlots() {
        return new ArrayList<>(readySlots);
    }

    /** The classifier configuration for this state: ACTIVE modules of ready slots only. */
    public String classifierConfig(final int outputs) {
        final Map<Integer, List<String>> bySlot = new TreeMap<>();
        for (final ModuleRecord r : modules.values()) {
            if (r.pattern() != null && r.phase() == ModuleRecord.Phase.ACTIVE && readySlots.contains(r.slot())
                    && r.slot() < outputs) {
                bySlot.computeIfAbsent(r.slot(), k -> new ArrayList<>()).add(r.pattern());
            }
        }
        return ClassifierRules.config(outputs, bySlot);
    }
}
