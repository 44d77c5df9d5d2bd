package org.netserv.controller.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.netserv.controller.module.BundleFetcher;
import org.netserv.controller.module.BundleStager;
import org.netserv.controller.ncm.NcmException;
import org.netserv.controller.policy.Policy;
import org.netserv.controller.policy.Slot;
import org.netserv.controller.state.ModuleRecord;

/**
 * Makes a (re)connected container hold exactly the modules the controller's state says it
 * should: removes the ones not (or no longer) wanted (a kept previous version, STANDBY, is not wanted there), reinstalls the missing ones (fetching a
 * bundle again if its file is gone), and says which records to drop (finished removals,
 * reinstalls the container refuses). Also stages bundles into a slot's sandbox. Runs without
 * the controller's lock, on a snapshot of the slot's records: it only talks to the container.
 */
public final class ContainerReconciler {
    private static final System.Logger LOG = System.getLogger(ContainerReconciler.class.getName());

    private final Supplier<Policy> policy;
    private final Supplier<BundleFetcher> fetcher;
    private final BundleStager stager;
    private final Clock clock;

    public ContainerReconciler(final Supplier<Policy> policy, final Supplier<BundleFetcher> fetcher,
                               final BundleStager stager, final Clock clock) {
        this.policy = policy;
        this.fetcher = fetcher;
        this.stager = stager;
        this.clock = clock;
    }

    /**
     * Brings {@code slot}'s container in line with {@code records} (the slot's, as the table had
     * them); returns the keys of the records the caller must drop and persist.
     */
    public List<String> reconcile(final int slot, final ContainerLink link, final List<ModuleRecord> records)
            throws ContainerException {
        final Map<String, ModuleRecord> byId = new HashMap<>();
        records.forEach(r -> byId.put(r.moduleId(), r));
        final Set<String> present = new HashSet<>(link.list());
        for (final String id : present) {
            final ModuleRecord r = byId.get(id);
            if (r == null || r.phase() != ModuleRecord.Phase.ACTIVE) {
                LOG.log(System.Logger.Level.INFO, "slot {0}: removing {1}, not (or no longer) wanted", slot, id);
                link.remove(id);
            }
        }
        final List<String> dropped = new ArrayList<>();
        for (final ModuleRecord r : records) {
            if (r.phase() == ModuleRecord.Phase.REMOVING) {
                dropped.add(r.key());
            } else if (r.phase() == ModuleRecord.Phase.STANDBY) {
                continue; // a kept previous version runs nowhere until a ROLLBACK
            } else if (!present.contains(r.moduleId()) && !reinstall(link, r)) {
                dropped.add(r.key());
            }
        }
        return dropped;
    }

    /** False when the module cannot come back (bundle gone, container refuses it): drop its record. */
    private boolean reinstall(final ContainerLink link, final ModuleRecord r) throws ContainerException {
        Path bundle = Path.of(r.bundlePath());
        try {
            if (!Files.exists(bundle)) {
                final long limit = policy.get().slot(r.slot()).map(s -> s.limits().maxModuleBytes()).orElse(0L);
                bundle = fetcher.get().fetch(r.user(), r.url(), r.digestHex(), limit);
            }
        } catch (NcmException e) {
            LOG.log(System.Logger.Level.ERROR, "slot {0}: cannot reinstall {1}, bundle gone: {2}", r.slot(), r.moduleId(), e.reason());
            return false;
        }
        try {
            final Optional<Slot> slot = policy.get().slot(r.slot());
            link.install(r.moduleId(), slot.isPresent() ? stage(slot.get(), bundle, r.digestHex()) : bundle,
                    r.digestHex(), r.properties());
            LOG.log(System.Logger.Level.INFO, "slot {0}: reinstalled {1} ({2}s left)", r.slot(), r.moduleId(),
                    String.valueOf((r.deadline() - clock.millis()) / 1000));
            return true;
        } catch (ContainerException e) {
            if (!e.refused()) {
                throw e;
            }
            LOG.log(System.Logger.Level.ERROR, "slot {0}: container refused reinstall of {1}: {2}", r.slot(), r.moduleId(), e.getMessage());
            return false;
        }
    }

    /** Puts the bundle where the slot's container may read it; a failure is a refusal, not a dead link. */
    public Path stage(final Slot slot, final Path bundle, final String digest) throws ContainerException {
        try {
            return stager.stage(slot, bundle, digest);
        } catch (IOException e) {
            throw new ContainerException("cannot stage bundle for slot " + slot.number() + ": " + e.getMessage(), true);
        }
    }
}
