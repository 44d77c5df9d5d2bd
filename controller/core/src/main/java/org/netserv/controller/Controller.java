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
import org.netserv.controller.module.ModuleLifecycle;
import org.netserv.controller.module.Notifier;
import org.netserv.controller.module.OutboundGuard;
import org.netserv.controller.module.PrefixOwnershipCheck;
import org.netserv.controller.module.TtlScheduler;
import org.netserv.controller.ncm.Ncm;
import org.netserv.controller.ncm.NcmException;
import org.netserv.controller.ncm.NcmLimits;
import org.netserv.controller.ncm.NcmParser;
import org.netserv.controller.ncm.NcmResponse;
import org.netserv.controller.plane.ClassifierSync;
import org.netserv.controller.plane.SourceFilterSync;
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
 * <p>This class keeps the dispatch, TTL expiry, policy reload and container up/down; {@link ModuleLifecycle}
 * puts modules into containers and takes them out. All state changes happen under
 * this object's monitor; bundle downloads run outside it.
 */
public final class Controller implements ContainerManager.Listener, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Controller.class.getName());

    /** Settings that are not policy. */
    public record Options(Path stateDir, Clock clock, int defaultClassifierOutputs, BundleStager stager,
                          OutboundGuard outbound) {
        public Options(final Path stateDir, final Clock clock, final int defaultClassifierOutputs) {
            this(stateDir, clock, defaultClassifierOutputs, BundleStager.IN_PLACE);
        }

        public Options(final Path stateDir, final Clock clock, final int defaultClassifierOutputs, final BundleStager stager) {
            this(stateDir, clock, defaultClassifierOutputs, stager, OutboundGuard.STRICT);
        }

        public Options withOutbound(final OutboundGuard g) {
            return new Options(stateDir, clock, defaultClassifierOutputs, stager, g);
        }
    }

    private final Options options;
    private final ForwardingPlane plane;
    private final ContainerManager containers;
    private final NcmParser parser = new NcmParser(NcmLimits.DEFAULT);
    private final NcmAuthenticator auth;
    private final ModuleTable modules;
    private final ClassifierSync classifier;
    private final SourceFilterSync sources;
    private final TtlScheduler ttl;
    private final ContainerReconciler reconciler;
    private final StatusReport report;
    private final ModuleLifecycle lifecycle;
    private volatile BundleFetcher fetcher;
    private final Notifier notifier;
    private volatile Policy policy;
    private final org.netserv.controller.metrics.ControllerMetrics metrics;
    private final org.netserv.controller.dashboard.NcmLog ncmLog = new org.netserv.controller.dashboard.NcmLog(50);

    public Controller(final Policy policy, final Options options, final ForwardingPlane plane,
                      final ContainerManager containers) {
        this.policy = policy;
        this.options = options;
        this.plane = plane;
        this.containers = containers;
        this.auth = new NcmAuthenticator(options.stateDir(), options.clock());
        this.modules = new ModuleTable(options.stateDir());
        this.classifier = new ClassifierSync(plane, options.defaultClassifierOutputs(), modules::classifierConfig);
        this.sources = new SourceFilterSync(plane);
        this.ttl = new TtlScheduler(options.clock(), this::expire);
        this.fetcher = BundleFetcher.forPolicy(options.stateDir(), policy, options.outbound());
        this.notifier = new Notifier(options.outbound().withNodeAddresses(policy.nodeAddresses()));
        this.reconciler = new ContainerReconciler(() -> this.policy, () -> fetcher, options.stager(), options.clock());
        this.lifecycle = new ModuleLifecycle(this, modules, classifier, containers, reconciler, notifier, () -> this.policy,
                options.clock());
        lifecycle.ttl(ttl);
        this.report = new StatusReport(this, () -> this.policy, modules, containers, classifier, auth::nonces,
                options.clock(), options.stateDir(), sources::describe);
        this.metrics = new org.netserv.controller.metrics.ControllerMetrics(() -> new MetricsSource());
    }

    /** What a metrics scrape reads. */
    private final class MetricsSource implements org.netserv.controller.metrics.ControllerMetrics.Source {
        @Override
        public List<ModuleRecord> modules() {
            return Controller.this.modules();
        }

        @Override
        public ContainerManager containers() {
            return containers;
        }

        @Override
        public java.util.Map<Integer, org.netserv.controller.container.ContainerStatus> containerStatuses() {
            return report.containerStatuses();
        }

        @Override
        public ForwardingPlane plane() {
            return plane;
        }

        @Override
        public int classifierOutputs() {
            synchronized (Controller.this) {
                return classifier.outputs();
            }
        }
    }

    /** The node's Prometheus metrics ({@code GET /metrics}). */
    public org.netserv.controller.metrics.ControllerMetrics metrics() {
        return metrics;
    }

    /** Recovers persisted state, starts timers and containers. */
    public synchronized void start() throws IOException {
        Files.createDirectories(options.stateDir());
        auth.open(policy);
        modules.recover(policy, nowMs()).forEach(ttl::schedule);
        rebuildFilters(policy);
        LOG.log(System.Logger.Level.INFO, "recovered {0} module records from {1}", modules.size(), modules.file());
        classifier.sync();
        sources.sync(policy);
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
        return logged(lines, handleUnlogged(lines));
    }

    private NcmResponse handleUnlogged(final List<String> lines) {
        String method = "INVALID";
        NcmResponse r;
        try {
            final Ncm ncm = parser.parseLines(lines);
            method = ncm.method().name();
            r = dispatch(ncm);
        } catch (NcmException e) {
            r = e.toResponse(policy.nodeId());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "internal error handling a request", e);
            r = NcmResponse.of(500, "internal error: " + e.getClass().getSimpleName()).header("node-id", policy.nodeId());
        }
        metrics.ncm(method, r.code());
        return r;
    }

    public NcmResponse handle(final String text) {
        return logged(text.lines().limit(64).toList(), handleUnlogged(text));
    }

    /** Records the answer for the dashboard: method and module from the request line, the user header. */
    private NcmResponse logged(final List<String> lines, final NcmResponse r) {
        final String[] w = (lines.isEmpty() ? "" : lines.get(0)).trim().split("\\s+");
        final String user = lines.stream().filter(l -> l.startsWith("user:")).findFirst()
                .map(l -> l.substring(5).trim()).filter(u -> u.length() <= 64).orElse(null);
        final String method = w.length > 0 && w[0].matches("[A-Z]{2,16}") ? w[0] : null;
        final String module = w.length > 2 && w[1].length() <= 200 ? w[1] : null;
        ncmLog.record(nowMs(), method, module, user, r.code(), r.reason());
        return r;
    }

    private NcmResponse handleUnlogged(final String text) {
        String method = "INVALID";
        NcmResponse r;
        try {
            final Ncm ncm = parser.parse(text);
            method = ncm.method().name();
            r = dispatch(ncm);
        } catch (NcmException e) {
            r = e.toResponse(policy.nodeId());
        }
        metrics.ncm(method, r.code());
        return r;
    }

    private NcmResponse dispatch(final Ncm ncm) throws NcmException {
        final Policy p = policy;
        final Optional<String> target = ncm.header(Header.NODE_ID);
        // node-id binds the NCM to the nodes (a path) it names: signed, so a capture replayed elsewhere is ignored
        if (target.isPresent() && !java.util.Arrays.asList(target.get().split(",")).contains(p.nodeId())) {
            return NcmResponse.of(204, "not addressed to this node").header("node-id", p.nodeId());
        }
        auth.authenticate(p, ncm);
        return switch (ncm.method()) {
            case SETUP -> setup(ncm);
            case REMOVE -> remove(ncm);
            case PROBE -> report.probe(ncm);
            case ROLLBACK -> rollback(ncm);
            case TRIGGER -> throw new NcmException(501, "TRIGGER is handled by the NSLP, not the controller");
        };
    }

    // ------------------------------------------------------------------ SETUP

    private NcmResponse setup(final Ncm ncm) throws NcmException {
        final Slot slot;
        final String key;
        final String pattern;
        final ModuleRecord running;
        synchronized (this) {
            slot = policy.slotOfUser(ncm.user()).orElseThrow(() -> new NcmException(403, "unknown user: " + ncm.user()));
            if (!ncm.canary().selects(policy.nodeId(), ncm.symbolicName())) {
                return notInCanary(slot, ncm);
            }
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
            if ((existing != null && existing.phase() == ModuleRecord.Phase.REMOVING) || modules.installing(key)) {
                throw new NcmException(409, "module " + ncm.moduleId() + " is being " + (existing != null ? "removed" : "installed") + "; retry");
            }
            // another version running: this SETUP is an upgrade (that version is kept for ROLLBACK)
            running = modules.activeOf(slot.number(), ncm.symbolicName()).orElse(null);
            pattern = SlotAuthorizer.setup(slot, ncm, modules, classifier.outputs());
            modules.startInstall(key);
        }
        final long began = System.nanoTime();
        boolean installed = false;
        try {
            if (slot.verifyPrefixOwnership() && pattern != null) {
                // the prefixes the filter really covers: without filter-dst, all of the slot's
                new PrefixOwnershipCheck(policy.prefixOwnership().orElseThrow(), options.outbound().withNodeAddresses(policy.nodeAddresses()))
                        .verify(SlotAuthorizer.destinations(slot, ncm.filterDst()), ncm.prefixProofs());
            }
            final Path bundle = fetcher.fetch(ncm.user(), ncm.header(Header.URL).orElseThrow(),
                    ncm.digestHex(), slot.limits().maxModuleBytes());
            final NcmResponse r = running == null ? lifecycle.install(slot, ncm, key, bundle, pattern)
                    : lifecycle.replace(slot, running, ModuleRecord.installed(slot.number(), ncm, bundle, pattern, nowMs()),
                            bundle, true, "upgraded");
            installed = r.isSuccess();
            return r;
        } finally {
            metrics.installed(installed, System.nanoTime() - began);
            synchronized (this) {
                modules.endInstall(key);
            }
        }
    }

    /** A staged rollout that leaves this node out: not an error, the node keeps what it runs (README, Module versions). */
    private NcmResponse notInCanary(final Slot slot, final Ncm ncm) {
        final String runs = modules.activeOf(slot.number(), ncm.symbolicName()).map(ModuleRecord::moduleId).orElse("none");
        return ok(203, "not in canary").header("module", runs + " kept")
                .header("canary-bucket", Integer.toString(org.netserv.ncm.Canary.bucket(policy.nodeId(), ncm.symbolicName())));
    }

    // ------------------------------------------------------------------ ROLLBACK

    /**
     * Puts back the version the last upgrade replaced. The request names the module by either
     * version, the running one or the kept one; the running version is forgotten afterwards.
     */
    private NcmResponse rollback(final Ncm ncm) throws NcmException {
        final Slot slot;
        final ModuleRecord running;
        final ModuleRecord previous;
        final ModuleRecord next;
        synchronized (this) {
            slot = policy.slotOfUser(ncm.user()).orElseThrow(() -> new NcmException(403, "unknown user: " + ncm.user()));
            if (!ncm.canary().selects(policy.nodeId(), ncm.symbolicName())) {
                return notInCanary(slot, ncm);
            }
            running = modules.activeOf(slot.number(), ncm.symbolicName())
                    .orElseThrow(() -> new NcmException(404, "module " + ncm.symbolicName() + " not installed"));
            previous = modules.standbyOf(slot.number(), ncm.symbolicName())
                    .orElseThrow(() -> new NcmException(409, "no previous version of " + ncm.symbolicName()
                            + " kept (runs " + running.version() + ")"));
            if (!ncm.moduleId().equals(running.moduleId()) && !ncm.moduleId().equals(previous.moduleId())) {
                throw new NcmException(404, "module " + ncm.moduleId() + " is neither the running version ("
                        + running.version() + ") nor the kept one (" + previous.version() + ")");
            }
            if (modules.installing(previous.key())) {
                throw new NcmException(409, "module " + previous.moduleId() + " is being installed; retry");
            }
            // the filter as the policy allows it now; the TTL the running version has left
            final String pattern = previous.pattern() == null ? null : SlotAuthorizer.currentPattern(slot, previous);
            next = previous.withPattern(pattern).withDeadline(running.deadline());
            modules.startInstall(previous.key());
        }
        try {
            Path bundle = Path.of(previous.bundlePath());
            if (!Files.exists(bundle)) {
                bundle = fetcher.fetch(previous.user(), previous.url(), previous.digestHex(), slot.limits().maxModuleBytes());
            }
            return lifecycle.replace(slot, running, next, bundle, false, "rolled back");
        } finally {
            synchronized (this) {
                modules.endInstall(previous.key());
            }
        }
    }

    // ------------------------------------------------------------------ REMOVE / TTL

    private NcmResponse remove(final Ncm ncm) throws NcmException {
        final ModuleRecord rec;
        final String notification;
        synchronized (this) {
            final Slot slot = policy.slotOfUser(ncm.user()).orElseThrow(() -> new NcmException(403, "unknown user: " + ncm.user()));
            rec = modules.get(ModuleRecord.key(slot.number(), ncm.moduleId()));
            if (rec != null && rec.phase() == ModuleRecord.Phase.STANDBY) {
                // REMOVE of the kept previous version: only that copy goes, the running version stays
                modules.remove(rec.key());
                modules.persistOrFail();
                return ok(200, "previous version discarded").header("module", ncm.moduleId());
            }
            if (rec == null || rec.phase() != ModuleRecord.Phase.ACTIVE) {
                throw new NcmException(404, "module " + ncm.moduleId() + " not installed");
            }
            notification = ncm.header(Header.NOTIFICATION).orElse(rec.notification());
            if (!lifecycle.unfilter(rec)) {
                return ok(202, "removal pending: " + classifier.error());
            }
        }
        lifecycle.finishRemoval(rec, "REMOVE", notification);
        synchronized (this) {
            return modules.contains(rec.key()) ? ok(202, "removal pending: " + classifier.error()) : ok(200, "removed");
        }
    }

    private void expire(final String key) {
        final ModuleRecord rec;
        synchronized (this) {
            rec = modules.get(key);
            if (rec == null || rec.phase() != ModuleRecord.Phase.ACTIVE) {
                return;
            }
            if (rec.deadline() > nowMs()) {
                ttl.schedule(rec); // refreshed meanwhile, or the clock is not where we thought
                return;
            }
            if (!lifecycle.unfilter(rec)) {
                return;
            }
        }
        lifecycle.finishRemoval(rec, "ttl expired", rec.notification());
    }

    /** Periodic: push a pending classifier update, finish pending removals, expire late TTLs. */
    private void tick() {
        try {
            final List<ModuleRecord> pending = new ArrayList<>();
            final List<String> expired = new ArrayList<>();
            synchronized (this) {
                sources.tick();
                if (classifier.tick()) {
                    modules.all().stream().filter(r -> r.phase() == ModuleRecord.Phase.REMOVING).forEach(pending::add);
                }
                final long now = nowMs();
                // a timer can be late after a clock jump; the tick is the backstop
                modules.all().stream().filter(r -> r.phase() == ModuleRecord.Phase.ACTIVE && r.deadline() <= now)
                        .forEach(r -> expired.add(r.key()));
            }
            pending.forEach(r -> lifecycle.finishRemoval(r, "pending removal", r.notification()));
            expired.forEach(this::expire);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "tick", e);
        }
    }

    // ------------------------------------------------------------------ containers

    /** Reconciles without the lock (container calls), then marks the slot ready unless it went down meanwhile. */
    @Override
    public void containerUp(final int slot, final ContainerLink link) {
        final List<ModuleRecord> records;
        final long epoch;
        synchronized (this) {
            records = modules.all().stream().filter(r -> r.slot() == slot).toList();
            epoch = modules.epoch(slot);
        }
        final List<String> dropped;
        try {
            dropped = reconciler.reconcile(slot, link, records);
        } catch (ContainerException e) {
            LOG.log(System.Logger.Level.WARNING, "slot {0}: reconcile failed: {1}", slot, e.getMessage());
            containers.linkFailed(slot, e.getMessage());
            return;
        }
        synchronized (this) {
            if (modules.epoch(slot) != epoch) {
                LOG.log(System.Logger.Level.WARNING, "slot {0}: container changed during the reconcile", slot);
                return;
            }
            dropped.forEach(modules::remove);
            modules.persist();
            modules.markReady(slot);
            classifier.sync();
            LOG.log(System.Logger.Level.INFO, "slot {0}: container ready with {1} modules", slot, modules.countInSlot(slot));
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
        final List<ModuleRecord> leaving = new ArrayList<>();
        synchronized (this) {
            final Policy before = policy;
            policy = next;
            fetcher = BundleFetcher.forPolicy(options.stateDir(), next, options.outbound());
            notifier.guard(options.outbound().withNodeAddresses(next.nodeAddresses()));
            auth.policyChanged(before, next);
            for (final ModuleRecord r : modules.all()) {
                if (r.phase() != ModuleRecord.Phase.ACTIVE) {
                    continue;
                }
                final String why = SlotAuthorizer.stillAuthorized(next, r);
                if (why != null) {
                    removed.add(r.moduleId() + " (" + why + ")");
                    if (lifecycle.unfilter(r)) {
                        leaving.add(r);
                    }
                }
            }
            rebuildFilters(next);
            containers.update(next);
            sources.sync(next);   // a prefix moved to another tenant stops being the first's source at once
        }
        for (final ModuleRecord r : leaving) {
            lifecycle.finishRemoval(r, "policy reload", r.notification());
        }
        final String summary = "policy reloaded from " + next.source() + ": " + next.slots().size() + " slots, "
                + removed.size() + " modules removed" + (removed.isEmpty() ? "" : ": " + String.join(", ", removed));
        LOG.log(System.Logger.Level.INFO, summary);
        return summary;
    }

    /** Every stored filter rebuilt from the policy {@code p}; the classifier follows at once. */
    private void rebuildFilters(final Policy p) {
        boolean changed = false;
        for (final ModuleRecord r : modules.all()) {
            if (r.phase() != ModuleRecord.Phase.ACTIVE || r.pattern() == null || p.slot(r.slot()).isEmpty()) {
                continue;
            }
            try {
                final String now = SlotAuthorizer.currentPattern(p.slot(r.slot()).get(), r);
                if (!now.equals(r.pattern())) {
                    LOG.log(System.Logger.Level.INFO, "slot {0}: filter of {1} rebuilt from policy: {2}", r.slot(), r.moduleId(), now);
                    modules.put(r.withPattern(now));
                    changed = true;
                }
            } catch (NcmException e) {
                lifecycle.unfilter(r); // the tick takes the module out of its container
            }
        }
        if (changed) {
            modules.persist();
            classifier.sync();
        }
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

    /** The forwarding plane, for the dashboard's read-only handler reads. */
    public ForwardingPlane plane() {
        return plane;
    }

    /** The last NCMs answered, for the dashboard. */
    public org.netserv.controller.dashboard.NcmLog ncmLog() {
        return ncmLog;
    }

    /** Notifications refused by the outbound guard. */
    public long notificationsRefused() {
        return notifier.refused();
    }

    /** For tests: the modules as the controller knows them. */
    public synchronized List<ModuleRecord> modules() {
        return List.copyOf(modules.all());
    }

    /** The slots' source filters as written to the graph, for the status endpoint. */
    public synchronized java.util.Map<String, Object> sourceFilters() {
        return sources.describe();
    }

    public synchronized String lastClassifier() {
        return classifier.lastWritten();
    }

    @Override
    public void close() {
        ttl.close();
        notifier.close();
        containers.close();
        plane.close();
        auth.close();
    }
}
