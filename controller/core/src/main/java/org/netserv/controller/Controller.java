package org.netserv.controller;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.netserv.controller.auth.NcmAuthenticator;
import org.netserv.controller.container.ContainerException;
import org.netserv.controller.container.ContainerLink;
import org.netserv.controller.container.ContainerManager;
import org.netserv.controller.container.ContainerReconciler;
import org.netserv.controller.module.BundleFetcher;
import org.netserv.controller.module.BundleStager;
import org.netserv.controller.module.Notifier;
import org.netserv.controller.module.PrefixOwnershipCheck;
import org.netserv.controller.module.TtlScheduler;
import org.netserv.controller.ncm.Ncm;
import org.netserv.controller.ncm.NcmException;
import org.netserv.controller.ncm.NcmLimits;
import org.netserv.controller.ncm.NcmParser;
import org.netserv.controller.ncm.NcmResponse;
import org.netserv.controller.plane.ClassifierSync;
import org.netserv.controller.plane.ForwardingPlane;
import org.netserv.controller.policy.Policy;
import org.netserv.controller.policy.PolicyException;
import org.netserv.controller.policy.PolicyLoader;
import org.netserv.controller.policy.Slot;
import org.netserv.controller.policy.SlotAuthorizer;
import org.netserv.controller.server.StatusReport;
import org.netserv.controller.state.ModuleRecord;
import org.netserv.controller.state.ModuleTable;
import org.netserv.ncm.Header;

/**
 * The NetServ controller (paper §2.2): the node's security boundary. Nothing is installed and
 * no packet is diverted unless a correctly signed, fresh, authorized NCM asked for it.
 *
 * <p>Order of work for a SETUP: parse, authenticate ({@link NcmAuthenticator}), authorize
 * ({@link SlotAuthorizer}, optionally prefix ownership), fetch the bundle (cache by digest,
 * verify the digest), install it in the slot's container, persist ({@link ModuleTable}), and
 * only then add its filter to the classifier ({@link ClassifierSync}). Removal runs the other
 * way: persist the intent, drop the filter, remove the module, forget it. So no packet ever
 * reaches a container whose module is not running, and a crash at any point is finished (not
 * undone, not repeated) by the next start. TTLs: {@link TtlScheduler}; a container that
 * (re)connects: {@link ContainerReconciler}; PROBE and status: {@link StatusReport}.
 *
 * <p>This class keeps the dispatch and the module lifecycle. All state changes happen under
 * this object's monitor; bundle downloads run outside it.
 */
public final class Controller implements ContainerManager.Listener, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Controller.class.getName());

    /** Settings that are not policy. */
    public record Options(Path stateDir, Clock clock, int defaultClassifierOutputs, BundleStager stager) {
        public Options(final Path stateDir, final Clock clock, final int defaultClassifierOutputs) {
            this(stateDir, clock, defaultClassifierOutputs, BundleStager.IN_PLACE);
        }
    }

    private final Options options;
    private final ForwardingPlane plane;
    private final ContainerManager containers;
    private final NcmParser parser = new NcmParser(NcmLimits.DEFAULT);
    private final NcmAuthenticator auth;
    private final ModuleTable modules;
    private final ClassifierSync classifier;
    private final TtlScheduler ttl;
    private final ContainerReconciler reconciler;
    private final StatusReport report;
    private volatile BundleFetcher fetcher;
    private final Notifier notifier = new Notifier();
    private volatile Policy policy;

    public Controller(final Policy policy, final Options options, final ForwardingPlane plane,
                      final ContainerManager containers) {
        this.policy = policy;
        this.options = options;
        this.plane = plane;
        this.containers = containers;
        this.auth = new NcmAuthenticator(options.stateDir(), options.clock());
        this.modules = new ModuleTable(options.stateDir());
        this.classifier = new ClassifierSync(plane, options.defaultClassifierOutputs(), modules::classifierConfig);
        this.ttl = new TtlScheduler(options.clock(), this::expire);
        this.fetcher = BundleFetcher.forPolicy(options.stateDir(), policy);
        this.reconciler = new ContainerReconciler(modules, () -> this.policy, () -> fetcher, options.stager(), options.clock());
        this.report = new StatusReport(this, () -> this.policy, modules, containers, classifier, auth::nonces,
                options.clock(), options.stateDir());
    }

    /** Recovers persisted state, starts timers and containers. */
    public synchronized void start() throws IOException {
        Files.createDirectories(options.stateDir());
        auth.open(policy);
        modules.recover(policy, nowMs()).forEach(ttl::schedule);
        LOG.log(System.Logger.Level.INFO, "recovered {0} module records from {1}", modules.size(), modules.file());
        classifier.sync();
        ttl.everySecond(this::tick);
        containers.start(policy, this);
    }

    public Policy policy() {
        return policy;
    }

    private long nowMs() {
        return options.clock().millis();
    }

    // ------------------------------------------------------------------ requests

    /** Handles one message's lines; never throws: every failure is a response. */
    public NcmResponse handle(final List<String> lines) {
        try {
            return dispatch(parser.parseLines(lines));
        } catch (NcmException e) {
            return e.toResponse(policy.nodeId());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "internal error handling a request", e);
            return NcmResponse.of(500, "internal error: " + e.getClass().getSimpleName()).header("node-id", policy.nodeId());
        }
    }

    public NcmResponse handle(final String text) {
        try {
            return dispatch(parser.parse(text));
        } catch (NcmException e) {
            return e.toResponse(policy.nodeId());
        }
    }

    private NcmResponse dispatch(final Ncm ncm) throws NcmException {
        final Policy p = policy;
        final Optional<String> target = ncm.header(Header.NODE_ID);
        if (target.isPresent() && !target.get().equals(p.nodeId())) {
            return NcmResponse.of(204, "not addressed to this node").header("node-id", p.nodeId());
        }
        auth.authenticate(p, ncm);
        return switch (ncm.method()) {
            case SETUP -> setup(ncm);
            case REMOVE -> remove(ncm);
            case PROBE -> report.probe(ncm);
            case TRIGGER -> throw new NcmException(501, "TRIGGER is handled by the NSLP, not the controller");
        };
    }

    // ------------------------------------------------------------------ SETUP

    private NcmResponse setup(final Ncm ncm) throws NcmException {
        final Slot slot;
        final String key;
        final String pattern;
        synchronized (this) {
            slot = policy.slotOfUser(ncm.user()).orElseThrow(() -> new NcmException(403, "unknown user: " + ncm.user()));
            key = ModuleRecord.key(slot.number(), ncm.moduleId());
            final ModuleRecord existing = modules.get(key);
            if (existing != null && existing.phase() == ModuleRecord.Phase.ACTIVE) {
                if (!existing.digestHex().equals(ncm.digestHex())) {
                    throw new NcmException(409, "module " + ncm.moduleId() + " already installed with a different digest");
                }
                // a repeated SETUP refreshes the TTL (DESIGN §3.3: idempotent)
                final ModuleRecord refreshed = existing.withDeadline(nowMs() + ncm.ttlSeconds() * 1000);
                modules.put(refreshed);
                modules.persistOrFail();
                ttl.schedule(refreshed);
                return ok(200, "refreshed").header("module", ncm.moduleId() + " ttl=" + ncm.ttlSeconds());
            }
            if (existing != null || modules.installing(key)) {
                throw new NcmException(409, "module " + ncm.moduleId() + " is being " + (existing != null ? "removed" : "installed") + "; retry");
            }
            pattern = SlotAuthorizer.setup(slot, ncm, modules, classifier.outputs());
            modules.startInstall(key);
        }
        try {
            if (slot.verifyPrefixOwnership() && !ncm.filterDst().isEmpty()) {
                new PrefixOwnershipCheck(policy.prefixOwnership().orElseThrow()).verify(ncm.filterDst(), ncm.prefixProofs());
            }
            final Path bundle = fetcher.fetch(ncm.header(Header.URL).orElseThrow(),
                    ncm.digestHex(), slot.limits().maxModuleBytes());
            return install(slot, ncm, key, bundle, pattern);
        } finally {
            synchronized (this) {
                modules.endInstall(key);
            }
        }
    }

    private synchronized NcmResponse install(final Slot slot, final Ncm ncm, final String key, final Path bundle,
                                             final String pattern) throws NcmException {
        if (!policy.slotOfUser(ncm.user()).map(s -> s.number() == slot.number()).orElse(false)) {
            throw new NcmException(403, "policy changed during the request: user " + ncm.user() + " no longer owns slot " + slot.number());
        }
        final ContainerLink link = readyLink(slot.number());
        try {
            link.install(ncm.moduleId(), reconciler.stage(slot, bundle, ncm.digestHex()), ncm.digestHex(), ncm.properties());
        } catch (ContainerException e) {
            if (!e.refused()) {
                containers.linkFailed(slot.number(), e.getMessage());
                throw new NcmException(503, "container for slot " + slot.number() + " unavailable: " + e.getMessage());
            }
            throw new NcmException(500, "container refused install: " + e.getMessage());
        }
        final ModuleRecord rec = ModuleRecord.installed(slot.number(), ncm, bundle, pattern, nowMs());
        modules.put(rec);
        final Optional<NcmException> unsaved = modules.persist();
        if (unsaved.isPresent()) {
            modules.remove(key);
            undoInstall(link, ncm.moduleId());
            throw unsaved.get();
        }
        if (pattern != null && !classifier.sync()) {
            // the filter could not be added: the module must not stay half-installed
            modules.remove(key);
            modules.persist();
            undoInstall(link, ncm.moduleId());
            throw new NcmException(503, "forwarding plane unavailable: " + classifier.error());
        }
        ttl.schedule(rec);
        if (rec.notification() != null) {
            notifier.notify(rec.notification(), policy.nodeId(), "installed", rec.moduleId(), "slot=" + rec.slot());
        }
        LOG.log(System.Logger.Level.INFO, "installed {0} in slot {1} ttl {2}s filter [{3}]", rec.moduleId(), rec.slot(),
                String.valueOf(ncm.ttlSeconds()), pattern == null ? "none" : pattern);
        final NcmResponse r = ok(200, "installed").header("module", ncm.moduleId() + " ttl=" + ncm.ttlSeconds());
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

    // ------------------------------------------------------------------ REMOVE / TTL

    private synchronized NcmResponse remove(final Ncm ncm) throws NcmException {
        final Slot slot = policy.slotOfUser(ncm.user()).orElseThrow(() -> new NcmException(403, "unknown user: " + ncm.user()));
        final ModuleRecord rec = modules.get(ModuleRecord.key(slot.number(), ncm.moduleId()));
        if (rec == null || rec.phase() != ModuleRecord.Phase.ACTIVE) {
            throw new NcmException(404, "module " + ncm.moduleId() + " not installed");
        }
        final boolean done = removeModule(rec, "REMOVE", ncm.header(Header.NOTIFICATION).orElse(rec.notification()));
        return done ? ok(200, "removed") : ok(202, "removal pending: " + classifier.error());
    }

    /**
     * Filter first, then module. Returns true when both are gone; false when the forwarding
     * plane could not be updated yet (the REMOVING record makes {@link #tick} finish it).
     */
    private boolean removeModule(final ModuleRecord rec, final String why, final String notification) {
        ttl.cancel(rec.key());
        final ModuleRecord removing = rec.phase() == ModuleRecord.Phase.REMOVING
                ? rec : rec.withPhase(ModuleRecord.Phase.REMOVING);
        modules.put(removing);
        modules.persist();
        if (rec.pattern() != null && !classifier.sync()) {
            LOG.log(System.Logger.Level.WARNING, "removal of {0} waits for the forwarding plane: {1}", rec.moduleId(), classifier.error());
            return false;
        }
        finishRemoval(removing, why, notification);
        return !modules.contains(rec.key());
    }

    private void finishRemoval(final ModuleRecord rec, final String why, final String notification) {
        final Optional<ContainerLink> link = modules.ready(rec.slot()) ? containers.link(rec.slot()) : Optional.empty();
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
        } else if (policy.slot(rec.slot()).isPresent()) {
            return; // container down: the reconcile when it is back removes the module
        }
        modules.remove(rec.key());
        modules.persist();
        LOG.log(System.Logger.Level.INFO, "removed {0} from slot {1} ({2})", rec.moduleId(), rec.slot(), why);
        if (notification != null) {
            notifier.notify(notification, policy.nodeId(), "removed", rec.moduleId(), why);
        }
    }

    private synchronized void expire(final String key) {
        final ModuleRecord rec = modules.get(key);
        if (rec == null || rec.phase() != ModuleRecord.Phase.ACTIVE) {
            return;
        }
        if (rec.deadline() > nowMs()) {
            ttl.schedule(rec); // refreshed meanwhile, or the clock is not where we thought
            return;
        }
        removeModule(rec, "ttl expired", rec.notification());
    }

    /** Periodic: push a pending classifier update, finish pending removals. */
    private synchronized void tick() {
        try {
            if (classifier.tick()) {
                for (final ModuleRecord r : modules.all()) {
                    if (r.phase() == ModuleRecord.Phase.REMOVING) {
                        finishRemoval(r, "pending removal", r.notification());
                    }
                }
            }
            final long now = nowMs();
            for (final ModuleRecord r : modules.all()) {
                if (r.phase() == ModuleRecord.Phase.ACTIVE && r.deadline() <= now) {
                    expire(r.key()); // a timer can be late after a clock jump; the tick is the backstop
                }
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "tick", e);
        }
    }

    // ------------------------------------------------------------------ containers

    @Override
    public synchronized void containerUp(final int slot, final ContainerLink link) {
        try {
            reconciler.reconcile(slot, link);
            modules.persist();
            modules.markReady(slot);
            classifier.sync();
            LOG.log(System.Logger.Level.INFO, "slot {0}: container ready with {1} modules", slot, modules.countInSlot(slot));
        } catch (ContainerException e) {
            LOG.log(System.Logger.Level.WARNING, "slot {0}: reconcile failed: {1}", slot, e.getMessage());
            containers.linkFailed(slot, e.getMessage());
        }
    }

    @Override
    public synchronized void containerDown(final int slot, final String why) {
        // its packets must stop first: a restarted container has none of its modules yet
        modules.markDown(slot);
        classifier.sync();
        LOG.log(System.Logger.Level.WARNING, "slot {0}: container down ({1})", slot, why);
    }

    // ------------------------------------------------------------------ policy reload

    /** Reloads the policy file; returns a one-line summary. The old policy stays if the new one is bad. */
    public String reload() throws PolicyException {
        final Policy next = PolicyLoader.load(policy.source());
        final List<String> removed = new ArrayList<>();
        synchronized (this) {
            final Policy before = policy;
            policy = next;
            fetcher = BundleFetcher.forPolicy(options.stateDir(), next);
            auth.policyChanged(before, next);
            for (final ModuleRecord r : modules.all()) {
                if (r.phase() != ModuleRecord.Phase.ACTIVE) {
                    continue;
                }
                final String why = SlotAuthorizer.stillAuthorized(next, r);
                if (why != null) {
                    removed.add(r.moduleId() + " (" + why + ")");
                    removeModule(r, "policy reload: " + why, r.notification());
                }
            }
            containers.update(next);
        }
        final String summary = "policy reloaded from " + next.source() + ": " + next.slots().size() + " slots, "
                + removed.size() + " modules removed" + (removed.isEmpty() ? "" : ": " + String.join(", ", removed));
        LOG.log(System.Logger.Level.INFO, summary);
        return summary;
    }

    // ------------------------------------------------------------------ PROBE and status

    /** Slots whose container is connected and reconciled. */
    public int readySlotCount() {
        return report.readySlotCount();
    }

    /** PROBE answers, the module list and the status JSON. */
    public StatusReport report() {
        return report;
    }

    private NcmResponse ok(final int code, final String reason) {
        return NcmResponse.of(code, reason).header("node-id", policy.nodeId());
    }

    /** For tests: the modules as the controller knows them. */
    public synchronized List<ModuleRecord> modules() {
        return List.copyOf(modules.all());
    }

    public synchronized String lastClassifier() {
        return classifier.lastWritten();
    }

    @Override
    public void close() {
        ttl.close();
        containers.close();
        plane.close();
        auth.close();
    }
}
