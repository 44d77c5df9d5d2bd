package org.netserv.controller.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.netserv.controller.module.BundleFetcher;
import org.netserv.controller.module.BundleStager;
import org.netserv.controller.ncm.NcmException;
import org.netserv.controller.policy.Policy;
import org.netserv.controller.policy.Slot;
import org.netserv.controller.state.ModuleRecord;
import org.netserv.controller.state.ModuleTable;

/**
 * Makes a (re)connected container hold exactly the modules the controller's state says it
 * should: removes the ones not (or no longer) wanted, reinstalls the missing ones (fetching a
 * bundle again if its file is gone), drops records whose reinstall the container refuses.
 * Also stages bundles into a slot's sandbox. Runs under the controller's lock.
 */
public final class ContainerReconciler {
    private static final System.Logger LOG = System.getLogger(ContainerReconciler.class.getName());

    private final ModuleTable modules;
    private final Supplier<Policy> policy;
    private final Supplier<BundleFetcher> fetcher;
    private final BundleStager stager;
    private final Clock clock;

    public ContainerReconciler(final ModuleTable modules, final Supplier<Policy> policy,
                               final Supplier<BundleFetcher> fetcher, final BundleStager stager, final Clock clock) {
        this.modules = modules;
        this.policy = policy;
        this.fetcher = fetcher;
        this.stager = stager;
        this.clock = clock;
    }

    /** Brings {@code slot}'s container in line with the module table; the caller persists. */
    public void reconcile(final int slot, final ContainerLink link) throws ContainerException {
        final Set<String> present = new HashSet<>(link.list());
        for (final String id : present) {
            final ModuleRecord r = modules.get(ModuleRecord.key(slot, id));
            if (r == null || r.phase() == ModuleRecord.Phase.REMOVING) {
                LOG.log(System.Logger.Level.INFO, "slot {0}: removing {1}, not (or no longer) wanted", slot, id);
                link.remove(id);
            }
        }
        for (final ModuleRecord r : modules.all()) {
            if (r.slot() != slot) {
                continue;
            }
            if (r.phase() == ModuleRecord.Phase.REMOVING) {
                modules.remove(r.key());
                continue;
            }
            if (!present.contains(r.moduleId())) {
                reinstall(link, r);
            }
        }
    }

    private void reinstall(final ContainerLink link, final ModuleRecord r) throws ContainerException {
        Path bundle = Path.of(r.bundlePath());
        try {
            if (!Files.exists(bundle)) {
                final long limit = policy.get().slot(r.slot()).map(s -> s.limits().maxModuleBytes()).orElse(0L);
                bundle = fetcher.get().fetch(r.url(), r.digestHex(), limit);
            }
        } catch (NcmException e) {
            LOG.log(System.Logger.Level.ERROR, "slot {0}: cannot reinstall {1}, bundle gone: {2}", r.slot(), r.moduleId(), e.reason());
            modules.remove(r.key());
            return;
        }
        try {
            final Optional<Slot> slot = policy.get().slot(r.slot());
            link.install(r.moduleId(), slot.isPresent() ? stage(slot.get(), bundle, r.digestHex()) : bundle,
                    r.digestHex(), r.properties());
            LOG.log(System.Logger.Level.INFO, "slot {0}: reinstalled {1} ({2}s left)", r.slot(), r.moduleId(),
                    String.valueOf((r.deadline() - clock.millis()) / 1000));
        } catch (ContainerException e) {
            if (!e.refused()) {
                throw e;
            }
            LOG.log(System.Logger.Level.ERROR, "slot {0}: container refused reinstall of {1}: {2}", r.slot(), r.moduleId(), e.getMessage());
            modules.remove(r.key());
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
