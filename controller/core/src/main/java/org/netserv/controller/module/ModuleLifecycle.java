package org.netserv.controller.module;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;
import org.netserv.controller.container.ContainerException;
import org.netserv.controller.container.ContainerLink;
import org.netserv.controller.container.ContainerManager;
import org.netserv.controller.container.ContainerReconciler;
import org.netserv.controller.ncm.Ncm;
import org.netserv.controller.ncm.NcmException;
import org.netserv.controller.ncm.NcmResponse;
import org.netserv.controller.plane.ClassifierSync;
import org.netserv.controller.policy.Policy;
import org.netserv.controller.policy.Slot;
import org.netserv.controller.state.ModuleRecord;
import org.netserv.controller.state.ModuleTable;

/**
 * Puts a module into its slot's container and takes it out again, in the order that keeps
 * packets safe (install, persist, then filter; persist the intent, unfilter, then remove),
 * making every container call without holding the controller's lock ({@code lock}): a tenant's
 * container that hangs delays only its own slot, for at most the call's deadline.
 */
public final class ModuleLifecycle {
    private static final System.Logger LOG = System.getLogger(ModuleLifecycle.class.getName());

    private final Object lock;
    private final ModuleTable modules;
    private final ClassifierSync classifier;
    private final ContainerManager containers;
    private final ContainerReconciler reconciler;
    private final Notifier notifier;
    private final Supplier<Policy> policy;
    private final Clock clock;
    private TtlScheduler ttl;

    public ModuleLifecycle(final Object lock, final ModuleTable modules, final ClassifierSync classifier,
                           final ContainerManager containers, final ContainerReconciler reconciler, final Notifier notifier,
                           final Supplier<Policy> policy, final Clock clock) {
        this.lock = lock;
        this.modules = modules;
        this.classifier = classifier;
        this.containers = containers;
        this.reconciler = reconciler;
        this.notifier = notifier;
        this.policy = policy;
        this.clock = clock;
    }

    /** The TTL timers (created after this object: they call back into the controller). */
    public void ttl(final TtlScheduler t) {
        this.ttl = t;
    }

    /**
     * The container call is made without the controller's lock: a container that does not
     * answer (a module whose activator never returns) holds up only its own slot, and only for
     * the call's deadline, while other tenants' SETUP, REMOVE and TTLs go on. The slot's epoch
     * tells whether the container went down or came back meanwhile; then the install is undone.
     */
    public NcmResponse install(final Slot slot, final Ncm ncm, final String key, final Path bundle,
                                final String pattern) throws NcmException {
        final ContainerLink link;
        final long epoch;
        synchronized (lock) {
            checkStillOwned(slot, ncm);
            link = readyLink(slot.number());
            epoch = modules.epoch(slot.number());
        }
        try {
            link.install(ncm.moduleId(), reconciler.stage(slot, bundle, ncm.digestHex()), ncm.digestHex(), ncm.properties());
        } catch (ContainerException e) {
            if (!e.refused()) {
                containers.linkFailed(slot.number(), e.getMessage());
                throw new NcmException(503, "container for slot " + slot.number() + " unavailable: " + e.getMessage());
            }
            throw new NcmException(500, "container refused install: " + e.getMessage());
        }
        NcmException failure;
        synchronized (lock) {
            failure = modules.epoch(slot.number()) != epoch
                    ? new NcmException(503, "container for slot " + slot.number() + " restarted during the install; retry") : null;
            try {
                if (failure == null) {
                    checkStillOwned(slot, ncm);
                    return recordInstall(slot, ncm, key, bundle, pattern);
                }
            } catch (NcmException e) {
                failure = e;
            }
        }
        undoInstall(link, ncm.moduleId());
        throw failure;
    }

    /**
     * Replaces the running version {@code running} by {@code next} without a gap in the module's
     * packets: {@code next} is started in the container first (the dispatcher hands it the
     * module's packets from its first one on, see container/dispatcher), then under the lock the
     * records switch and the classifier gets its one write (old filter out, new in), and only
     * then is {@code running} stopped. {@code keepPrevious}: {@code running} stays as STANDBY
     * (an upgrade); false forgets it (a rollback). A failure before the switch leaves
     * {@code running} as it was and takes {@code next} out again.
     */
    public NcmResponse replace(final Slot slot, final ModuleRecord running, final ModuleRecord next, final Path bundle,
                               final boolean keepPrevious, final String done) throws NcmException {
        final ContainerLink link;
        final long epoch;
        synchronized (lock) {
            checkStillOwned(slot, running.user());
            link = readyLink(slot.number());
            epoch = modules.epoch(slot.number());
        }
        try {
            link.install(next.moduleId(), reconciler.stage(slot, bundle, next.digestHex()), next.digestHex(), next.properties());
        } catch (ContainerException e) {
            if (!e.refused()) {
                containers.linkFailed(slot.number(), e.getMessage());
                throw new NcmException(503, "container for slot " + slot.number() + " unavailable: " + e.getMessage());
            }
            throw new NcmException(500, "container refused install of " + next.moduleId() + ": " + e.getMessage());
        }
        NcmException failure = null;
        synchronized (lock) {
            final ModuleRecord now = modules.get(running.key());
            if (modules.epoch(slot.number()) != epoch) {
                failure = new NcmException(503, "container for slot " + slot.number() + " restarted during the change; retry");
            } else if (now == null || now.phase() != ModuleRecord.Phase.ACTIVE) {
                failure = new NcmException(409, "module " + running.moduleId() + " was removed meanwhile");
            } else {
                try {
                    checkStillOwned(slot, running.user());
                } catch (NcmException e) {
                    failure = e;
                }
            }
            if (failure == null) {
                final ModuleRecord standby = modules.standbyOf(slot.number(), running.symbolicName()).orElse(null);
                modules.switchVersion(now, next, keepPrevious);
                Optional<NcmException> unsaved = modules.persist();
                if (unsaved.isEmpty() && !classifier.sync()) {
                    unsaved = Optional.of(new NcmException(503, "forwarding plane unavailable: " + classifier.error()));
                }
                if (unsaved.isPresent()) {
                    // back to the running version: its filter is still the one written
                    modules.remove(next.key());
                    modules.remove(running.key());
                    modules.put(now);
                    if (standby != null) {
                        modules.put(standby);
                    }
                    modules.persist();
                    failure = unsaved.get();
                } else {
                    ttl.cancel(now.key());
                    ttl.schedule(modules.get(next.key()));
                }
            }
        }
        if (failure != null) {
            undoInstall(link, next.moduleId());
            throw failure;
        }
        try {
            link.remove(running.moduleId());
        } catch (ContainerException e) {
            // next already has the packets; the reconcile at the next connect takes the old one out
            LOG.log(System.Logger.Level.WARNING, "slot {0}: {1} stays until the next reconcile: {2}", slot.number(),
                    running.moduleId(), e.getMessage());
            if (!e.refused()) {
                containers.linkFailed(slot.number(), e.getMessage());
            }
        }
        final long ttlS = Math.max(0, (next.deadline() - clock.millis()) / 1000);
        LOG.log(System.Logger.Level.INFO, "slot {0}: {1} {2} -> {3}, filter [{4}]", slot.number(), done,
                running.moduleId(), next.moduleId(), next.pattern() == null ? "none" : next.pattern());
        if (next.notification() != null) {
            notifier.notify(next.notification(), policy.get().nodeId(), done, next.moduleId(), "previous=" + running.moduleId());
        }
        final NcmResponse r = NcmResponse.of(200, done).header("node-id", policy.get().nodeId())
                .header("module", next.moduleId() + " ttl=" + ttlS)
                .header(keepPrevious ? "previous" : "rolled-back", running.moduleId());
        if (next.pattern() != null) {
            r.header("filter", next.pattern());
        }
        return r;
    }

    private void checkStillOwned(final Slot slot, final String user) throws NcmException {
        if (!policy.get().slotOfUser(user).map(s -> s.number() == slot.number()).orElse(false)) {
            throw new NcmException(403, "policy changed during the request: user " + user + " no longer owns slot " + slot.number());
        }
    }

    private void checkStillOwned(final Slot slot, final Ncm ncm) throws NcmException {
        if (!policy.get().slotOfUser(ncm.user()).map(s -> s.number() == slot.number()).orElse(false)) {
            throw new NcmException(403, "policy changed during the request: user " + ncm.user() + " no longer owns slot " + slot.number());
        }
    }

    /** Under the lock, once the container has the module: persist, then the filter, then the TTL. */
    private NcmResponse recordInstall(final Slot slot, final Ncm ncm, final String key, final Path bundle,
                                      final String pattern) throws NcmException {
        final ModuleRecord rec = ModuleRecord.installed(slot.number(), ncm, bundle, pattern, clock.millis());
        modules.put(rec);
        final Optional<NcmException> unsaved = modules.persist();
        if (unsaved.isPresent()) {
            modules.remove(key);
            throw unsaved.get();
        }
        if (pattern != null && !classifier.sync()) {
            // the filter could not be added: the module must not stay half-installed
            modules.remove(key);
            modules.persist();
            throw new NcmException(503, "forwarding plane unavailable: " + classifier.error());
        }
        ttl.schedule(rec);
        if (rec.notification() != null) {
            notifier.notify(rec.notification(), policy.get().nodeId(), "installed", rec.moduleId(), "slot=" + rec.slot());
        }
        LOG.log(System.Logger.Level.INFO, "installed {0} in slot {1} ttl {2}s filter [{3}]", rec.moduleId(), rec.slot(),
                String.valueOf(ncm.ttlSeconds()), pattern == null ? "none" : pattern);
        final NcmResponse r = NcmResponse.of(200, "installed").header("node-id", policy.get().nodeId()).header("module", ncm.moduleId() + " ttl=" + ncm.ttlSeconds());
        if (pattern != null) {
            r.header("filter", pattern);
        }
        return r;
    }

    private void undoInstall(final ContainerLink link, final String moduleId) {
        try {
            link.remove(moduleId);
        } catch (ContainerException e) {
            LOG.log(System.Logger.Level.WARNING, "could not undo install of {0}: {1}", moduleId, e.getMessage());
        }
    }

    private ContainerLink readyLink(final int slot) throws NcmException {
        if (!modules.ready(slot)) {
            throw new NcmException(503, "container for slot " + slot + " unavailable");
        }
        return containers.link(slot).orElseThrow(() -> new NcmException(503, "container for slot " + slot + " unavailable"));
    }

    /**
     * Under the lock: persist the intent (REMOVING) and take the filter out — filter first, then
     * module. True when the filter is gone and {@link #finishRemoval} may take the module out;
     * false when the forwarding plane could not be updated yet (the tick finishes it).
     */
    public boolean unfilter(final ModuleRecord rec) {
        ttl.cancel(rec.key());
        final ModuleRecord removing = rec.phase() == ModuleRecord.Phase.REMOVING
                ? rec : rec.withPhase(ModuleRecord.Phase.REMOVING);
        modules.put(removing);
        modules.persist();
        if (rec.pattern() != null && !classifier.sync()) {
            LOG.log(System.Logger.Level.WARNING, "removal of {0} waits for the forwarding plane: {1}", rec.moduleId(), classifier.error());
            return false;
        }
        return true;
    }

    /** Without the lock: the module out of its container, then the record forgotten. */
    public void finishRemoval(final ModuleRecord rec, final String why, final String notification) {
        final Optional<ContainerLink> link;
        synchronized (lock) {
            if (!modules.contains(rec.key())) {
                return; // finished by someone else meanwhile
            }
            link = modules.ready(rec.slot()) ? containers.link(rec.slot()) : Optional.empty();
            if (link.isEmpty() && policy.get().slot(rec.slot()).isPresent()) {
                return; // container down: the reconcile when it is back removes the module
            }
        }
        if (link.isPresent()) {
            try {
                link.get().remove(rec.moduleId());
            } catch (ContainerException e) {
                if (!e.refused()) {
                    containers.linkFailed(rec.slot(), e.getMessage());
                    return; // reconcile at reconnect removes it
                }
                // refused: typically "not installed", which is the state we want
                LOG.log(System.Logger.Level.INFO, "container {0} on REMOVE {1}: {2}", rec.slot(), rec.moduleId(), e.getMessage());
            }
        }
        synchronized (lock) {
            final ModuleRecord now = modules.get(rec.key());
            if (now == null || now.phase() != ModuleRecord.Phase.REMOVING) {
                return;
            }
            modules.remove(rec.key());
            // the kept previous version goes with the module (it is in no container)
            modules.standbyOf(rec.slot(), rec.symbolicName()).ifPresent(k -> modules.remove(k.key()));
            modules.persist();
        }
        LOG.log(System.Logger.Level.INFO, "removed {0} from slot {1} ({2})", rec.moduleId(), rec.slot(), why);
        if (notification != null) {
            notifier.notify(notification, policy.get().nodeId(), "removed", rec.moduleId(), why);
        }
    }
}
