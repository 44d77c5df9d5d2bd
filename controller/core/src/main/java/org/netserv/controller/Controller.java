package org.netserv.controller;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.netserv.controller.auth.ReplayGuard;
import org.netserv.controller.auth.SignatureVerifier;
import org.netserv.controller.container.ContainerException;
import org.netserv.controller.container.ContainerLink;
import org.netserv.controller.container.ContainerManager;
import org.netserv.controller.container.ContainerStatus;
import org.netserv.controller.module.BundleFetcher;
import org.netserv.controller.module.BundleStager;
import org.netserv.controller.module.Notifier;
import org.netserv.controller.module.PrefixOwnershipCheck;
import org.netserv.controller.ncm.Header;
import org.netserv.controller.ncm.Ipv4Prefix;
import org.netserv.controller.ncm.Method;
import org.netserv.controller.ncm.Ncm;
import org.netserv.controller.ncm.NcmException;
import org.netserv.controller.ncm.NcmLimits;
import org.netserv.controller.ncm.NcmParser;
import org.netserv.controller.ncm.NcmResponse;
import org.netserv.controller.plane.ClassifierRules;
import org.netserv.controller.plane.ForwardingPlane;
import org.netserv.controller.policy.Policy;
import org.netserv.controller.policy.PolicyException;
import org.netserv.controller.policy.PolicyLoader;
import org.netserv.controller.policy.Slot;
import org.netserv.controller.state.ModuleRecord;
import org.netserv.controller.state.NonceJournal;
import org.netserv.controller.state.StateStore;

/**
 * The NetServ controller (paper §2.2): the node's security boundary. Nothing is installed and
 * no packet is diverted unless a correctly signed, fresh, authorized NCM asked for it.
 *
 * <p>Order of work for a SETUP: parse, authenticate (signature with the user's key from
 * policy), freshness (timestamp window, nonce), authorize (slot, prefixes, ports, limits,
 * dependencies, optionally prefix ownership), fetch the bundle (cache by digest, verify the
 * digest), install it in the slot's container, persist, and only then add its filter to the
 * classifier. Removal runs the other way: persist the intent, drop the filter, remove the
 * module, forget it. So no packet ever reaches a container whose module is not running, and
 * a crash at any point is finished (not undone, not repeated) by the next start.
 *
 * <p>All state changes happen under this object's monitor; bundle downloads run outside it.
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
    private final StateStore store;
    private final NonceJournal journal;
    private volatile BundleFetcher fetcher;
    private final Notifier notifier = new Notifier();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        final Thread t = new Thread(r, "controller-timers");
        t.setDaemon(true);
        return t;
    });

    private volatile Policy policy;
    private ReplayGuard replay;
    private int journalAppends;
    private final Map<String, ModuleRecord> modules = new LinkedHashMap<>();
    private final Map<String, ScheduledFuture<?>> ttlTimers = new HashMap<>();
    private final Set<Integer> readySlots = new HashSet<>();
    private final Set<String> installing = new HashSet<>();
    private int classifierOutputs = -1;
    private static final int VERIFY_EVERY_TICKS = 5;
    private long ticks;
    private String lastClassifier;
    private boolean planeDirty = true;
    private String planeError = "not yet written";

    public Controller(final Policy policy, final Options options, final ForwardingPlane plane,
                      final ContainerManager containers) {
        this.policy = policy;
        this.options = options;
        this.plane = plane;
        this.containers = containers;
        this.store = new StateStore(options.stateDir());
        this.journal = new NonceJournal(options.stateDir());
        this.fetcher = fetcherFor(policy);
    }

    private BundleFetcher fetcherFor(final Policy p) {
        final Policy.Download d = p.download();
        return new BundleFetcher(options.stateDir().resolve("bundles"),
                Duration.ofMillis(d.connectTimeoutMs()), Duration.ofMillis(d.timeoutMs()), d.maxRedirects());
    }

    /** Recovers persisted state, starts timers and containers. */
    public synchronized void start() throws IOException {
        Files.createDirectories(options.stateDir());
        replay = new ReplayGuard(policy.replayWindowSeconds(), policy.nonceCache());
        journal.open(replay);
        final long now = nowMs();
        for (final ModuleRecord r : store.load()) {
            final boolean stillOwned = policy.slot(r.slot()).map(s -> s.user().equals(r.user())).orElse(false);
            final ModuleRecord rr = (r.deadline() <= now || !stillOwned) && r.phase() == ModuleRecord.Phase.ACTIVE
                    ? r.withPhase(ModuleRecord.Phase.REMOVING) : r;
            modules.put(rr.key(), rr);
            if (rr.phase() == ModuleRecord.Phase.ACTIVE) {
                scheduleTtl(rr);
            }
        }
        persist();
        LOG.log(System.Logger.Level.INFO, "recovered {0} module records from {1}", modules.size(), store.file());
        syncClassifier();
        timers.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
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
        final Optional<String> target = ncm.header(org.netserv.controller.ncm.Header.NODE_ID);
        if (target.isPresent() && !target.get().equals(p.nodeId())) {
            return NcmResponse.of(204, "not addressed to this node").header("node-id", p.nodeId());
        }
        authenticate(p, ncm);
        final NcmResponse r = switch (ncm.method()) {
            case SETUP -> setup(ncm);
            case REMOVE -> remove(ncm);
            case PROBE -> probe(ncm);
            case TRIGGER -> throw new NcmException(501, "TRIGGER is handled by the NSLP, not the controller");
        };
        return r;
    }

    private void authenticate(final Policy p, final Ncm ncm) throws NcmException {
        final List<PublicKey> keys;
        if (ncm.user() != null) {
            final Slot slot = p.slotOfUser(ncm.user())
                    .orElseThrow(() -> new NcmException(403, "unknown user: " + ncm.user() + " owns no container slot"));
            keys = slot.keys();
        } else {
            keys = p.allKeys();
        }
        if (!SignatureVerifier.verify(ncm, keys)) {
            if (ncm.user() != null && SignatureVerifier.verify(ncm, p.allKeys())) {
                throw new NcmException(401, "signature by a key not authorized for user " + ncm.user());
            }
            throw new NcmException(401, "bad signature");
        }
        final long nowS = nowMs() / 1000;
        synchronized (this) {
            replay.admit(ncm.nonce(), ncm.timestamp(), nowS);
            try {
                journal.append(ncm.nonce(), ncm.timestamp(), replay.floor());
                if (++journalAppends > 2 * p.nonceCache()) {
                    journal.close();
                    journal.open(replay);
                    journalAppends = 0;
                }
            } catch (IOException e) {
                // without a durable nonce a crash could reopen the replay window: refuse
                throw new NcmException(503, "cannot persist nonce: " + e.getMessage());
            }
        }
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
                modules.put(key, refreshed);
                persistOrFail();
                scheduleTtl(refreshed);
                return ok(200, "refreshed").header("module", ncm.moduleId() + " ttl=" + ncm.ttlSeconds());
            }
            if (existing != null || installing.contains(key)) {
                throw new NcmException(409, "module " + ncm.moduleId() + " is being " + (existing != null ? "removed" : "installed") + "; retry");
            }
            pattern = authorize(slot, ncm);
            installing.add(key);
        }
        try {
            if (slot.verifyPrefixOwnership() && !ncm.filterDst().isEmpty()) {
                new PrefixOwnershipCheck(policy.prefixOwnership().orElseThrow()).verify(ncm.filterDst(), ncm.prefixProofs());
            }
            final Path bundle = fetcher.fetch(ncm.header(org.netserv.controller.ncm.Header.URL).orElseThrow(),
                    ncm.digestHex(), slot.limits().maxModuleBytes());
            return install(slot, ncm, key, bundle, pattern);
        } finally {
            synchronized (this) {
                installing.remove(key);
            }
        }
    }

    /** Every policy check for a SETUP; returns the classifier pattern (null: no filter). */
    private String authorize(final Slot slot, final Ncm ncm) throws NcmException {
        for (final Ipv4Prefix p : ncm.filterDst()) {
            if (!slot.covers(p)) {
                throw new NcmException(403, "filter-dst " + p + " not within slot prefixes");
            }
        }
        for (final Ipv4Prefix p : ncm.filterSrc()) {
            if (!slot.covers(p)) {
                throw new NcmException(403, "filter-src " + p + " not within slot prefixes");
            }
        }
        for (final int port : ncm.filterPorts()) {
            if (!slot.ports().contains(port)) {
                throw new NcmException(403, "filter-port " + port + " not among slot ports " + slot.ports());
            }
        }
        final long inSlot = modules.values().stream().filter(m -> m.slot() == slot.number()).count() + installing.stream()
                .filter(k -> k.startsWith(slot.number() + "/")).count();
        if (inSlot >= slot.limits().maxModules()) {
            throw new NcmException(403, "module limit reached: " + inSlot + " of " + slot.limits().maxModules() + " in slot " + slot.number());
        }
        for (final String dep : ncm.dependencies()) {
            final boolean present = slot.buildingBlocks().contains(dep) || modules.values().stream()
                    .anyMatch(m -> m.slot() == slot.number() && m.phase() == ModuleRecord.Phase.ACTIVE
                            && (m.moduleId().equals(dep) || m.symbolicName().equals(dep)));
            if (!present) {
                throw new NcmException(412, "dependency missing: " + dep);
            }
        }
        if (!ncm.hasFilter()) {
            return null;
        }
        if (slot.prefixes().isEmpty()) {
            throw new NcmException(403, "slot " + slot.number() + " may not filter: no prefixes in policy");
        }
        if (classifierOutputs >= 0 && slot.number() >= classifierOutputs) {
            throw new NcmException(403, "slot " + slot.number() + " has no classifier output (router graph has " + classifierOutputs + ")");
        }
        return ClassifierRules.pattern(new ClassifierRules.Filter(ncm.filterProto().orElse(null), ncm.filterPorts(),
                ncm.filterDst().isEmpty() ? slot.prefixes() : ncm.filterDst(), ncm.filterSrc(),
                ncm.header(Header.FILTER_REPLIES).map("yes"::equals).orElse(false)));
    }

    private synchronized NcmResponse install(final Slot slot, final Ncm ncm, final String key, final Path bundle,
                                             final String pattern) throws NcmException {
        if (!policy.slotOfUser(ncm.user()).map(s -> s.number() == slot.number()).orElse(false)) {
            throw new NcmException(403, "policy changed during the request: user " + ncm.user() + " no longer owns slot " + slot.number());
        }
        final ContainerLink link = readyLink(slot.number());
        try {
            link.install(ncm.moduleId(), stage(slot, bundle, ncm.digestHex()), ncm.digestHex(), ncm.properties());
        } catch (ContainerException e) {
            if (!e.refused()) {
                containers.linkFailed(slot.number(), e.getMessage());
                throw new NcmException(503, "container for slot " + slot.number() + " unavailable: " + e.getMessage());
            }
            throw new NcmException(500, "container refused install: " + e.getMessage());
        }
        final long now = nowMs();
        long size;
        try {
            size = Files.size(bundle);
        } catch (IOException e) {
            size = -1;
        }
        final ModuleRecord rec = new ModuleRecord(slot.number(), ncm.user(), ncm.moduleId(), ncm.digestHex(),
                bundle.toString(), ncm.properties(), pattern, ncm.filterProto().orElse(null), ncm.filterPorts(),
                ncm.filterDst().stream().map(Ipv4Prefix::toString).toList(),
                ncm.filterSrc().stream().map(Ipv4Prefix::toString).toList(),
                ncm.header(org.netserv.controller.ncm.Header.URL).orElse(null),
                ncm.header(org.netserv.controller.ncm.Header.NOTIFICATION).orElse(null),
                now, now + ncm.ttlSeconds() * 1000, ModuleRecord.Phase.ACTIVE, size);
        modules.put(key, rec);
        try {
            store.save(new ArrayList<>(modules.values()));
        } catch (IOException e) {
            modules.remove(key);
            undoInstall(link, ncm.moduleId());
            throw new NcmException(500, "cannot persist state: " + e.getMessage());
        }
        if (pattern != null && !syncClassifier()) {
            // the filter could not be added: the module must not stay half-installed
            modules.remove(key);
            persist();
            undoInstall(link, ncm.moduleId());
            throw new NcmException(503, "forwarding plane unavailable: " + planeError);
        }
        scheduleTtl(rec);
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

    private Path stage(final Slot slot, final Path bundle, final String digest) throws ContainerException {
        try {
            return options.stager().stage(slot, bundle, digest);
        } catch (IOException e) {
            throw new ContainerException("cannot stage bundle for slot " + slot.number() + ": " + e.getMessage(), true);
        }
    }

    private void undoInstall(final ContainerLink link, final String moduleId) {
        try {
            link.remove(moduleId);
        } catch (ContainerException e) {
            LOG.log(System.Logger.Level.WARNING, "could not undo install of {0}: {1}", moduleId, e.getMessage());
        }
    }

    private ContainerLink readyLink(final int slot) throws NcmException {
        if (!readySlots.contains(slot)) {
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
        final boolean done = removeModule(rec, "REMOVE", ncm.header(org.netserv.controller.ncm.Header.NOTIFICATION).orElse(rec.notification()));
        return done ? ok(200, "removed") : ok(202, "removal pending: " + planeError);
    }

    /**
     * Filter first, then module. Returns true when both are gone; false when the forwarding
     * plane could not be updated yet (the REMOVING record makes {@link #tick} finish it).
     */
    private boolean removeModule(final ModuleRecord rec, final String why, final String notification) {
        final ScheduledFuture<?> t = ttlTimers.remove(rec.key());
        if (t != null) {
            t.cancel(false);
        }
        final ModuleRecord removing = rec.phase() == ModuleRecord.Phase.REMOVING
                ? rec : rec.withPhase(ModuleRecord.Phase.REMOVING);
        modules.put(rec.key(), removing);
        persist();
        if (rec.pattern() != null && !syncClassifier()) {
            LOG.log(System.Logger.Level.WARNING, "removal of {0} waits for the forwarding plane: {1}", rec.moduleId(), planeError);
            return false;
        }
        finishRemoval(removing, why, notification);
        return !modules.containsKey(rec.key());
    }

    private void finishRemoval(final ModuleRecord rec, final String why, final String notification) {
        final Optional<ContainerLink> link = readySlots.contains(rec.slot()) ? containers.link(rec.slot()) : Optional.empty();
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
        persist();
        LOG.log(System.Logger.Level.INFO, "removed {0} from slot {1} ({2})", rec.moduleId(), rec.slot(), why);
        if (notification != null) {
            notifier.notify(notification, policy.nodeId(), "removed", rec.moduleId(), why);
        }
    }

    private void scheduleTtl(final ModuleRecord rec) {
        final ScheduledFuture<?> old = ttlTimers.remove(rec.key());
        if (old != null) {
            old.cancel(false);
        }
        final long delay = Math.max(0, rec.deadline() - nowMs());
        ttlTimers.put(rec.key(), timers.schedule(() -> expire(rec.key()), delay, TimeUnit.MILLISECONDS));
    }

    private synchronized void expire(final String key) {
        final ModuleRecord rec = modules.get(key);
        if (rec == null || rec.phase() != ModuleRecord.Phase.ACTIVE) {
            return;
        }
        if (rec.deadline() > nowMs()) {
            scheduleTtl(rec); // refreshed meanwhile, or the clock is not where we thought
            return;
        }
        ttlTimers.remove(key);
        removeModule(rec, "ttl expired", rec.notification());
    }

    /** Periodic: push a pending classifier update, finish pending removals. */
    private synchronized void tick() {
        try {
            if (++ticks % VERIFY_EVERY_TICKS == 0 && !planeDirty) {
                verifyClassifier();
            }
            if (planeDirty) {
                syncClassifier();
            }
            if (!planeDirty) {
                for (final ModuleRecord r : new ArrayList<>(modules.values())) {
                    if (r.phase() == ModuleRecord.Phase.REMOVING) {
                        finishRemoval(r, "pending removal", r.notification());
                    }
                }
            }
            final long now = nowMs();
            for (final ModuleRecord r : new ArrayList<>(modules.values())) {
                if (r.phase() == ModuleRecord.Phase.ACTIVE && r.deadline() <= now) {
                    expire(r.key()); // a timer can be late after a clock jump; the tick is the backstop
                }
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "tick", e);
        }
    }

    // ------------------------------------------------------------------ forwarding plane

    /** The classifier configuration for the current state: ACTIVE modules of ready slots only. */
    synchronized String classifierConfig(final int outputs) {
        final Map<Integer, List<String>> bySlot = new TreeMap<>();
        for (final ModuleRecord r : modules.values()) {
            if (r.pattern() != null && r.phase() == ModuleRecord.Phase.ACTIVE && readySlots.contains(r.slot())
                    && r.slot() < outputs) {
                bySlot.computeIfAbsent(r.slot(), k -> new ArrayList<>()).add(r.pattern());
            }
        }
        return ClassifierRules.config(outputs, bySlot);
    }

    /**
     * The engine may have restarted (its classifier back to the graph's initial rules) or been
     * reconfigured by hand: compare with what we last wrote and take it back if it differs.
     */
    private void verifyClassifier() {
        if (lastClassifier == null) {
            return;
        }
        try {
            final String current = plane.readClassifier().trim();
            if (!current.equals(lastClassifier)) {
                LOG.log(System.Logger.Level.WARNING, "classifier differs from what the controller wrote "
                        + "(engine restarted?); rewriting it: {0}", current);
                classifierOutputs = ClassifierRules.containerOutputs(current);
                planeDirty = true;
            }
        } catch (IOException e) {
            planeDirty = true;
            planeError = e.getMessage();
        }
    }

    /** Writes the classifier if it differs from what we last wrote; false when the plane failed. */
    private synchronized boolean syncClassifier() {
        try {
            if (classifierOutputs < 0) {
                int n = options.defaultClassifierOutputs();
                try {
                    n = ClassifierRules.containerOutputs(plane.readClassifier());
                } catch (IOException e) {
                    if (n <= 0) {
                        throw e;
                    }
                }
                classifierOutputs = n;
                LOG.log(System.Logger.Level.INFO, "classifier {0} has {1} container outputs", plane.describe(), n);
            }
            final String cfg = classifierConfig(classifierOutputs);
            if (!cfg.equals(lastClassifier) || planeDirty) {
                plane.writeClassifier(cfg);
                lastClassifier = cfg;
            }
            planeDirty = false;
            planeError = "";
            return true;
        } catch (IOException e) {
            planeDirty = true;
            planeError = e.getMessage();
            LOG.log(System.Logger.Level.WARNING, "forwarding plane: {0}", e.getMessage());
            return false;
        }
    }

    // ------------------------------------------------------------------ containers

    @Override
    public synchronized void containerUp(final int slot, final ContainerLink link) {
        try {
            final Set<String> present = new HashSet<>(link.list());
            for (final String id : present) {
                final ModuleRecord r = modules.get(ModuleRecord.key(slot, id));
                if (r == null || r.phase() == ModuleRecord.Phase.REMOVING) {
                    LOG.log(System.Logger.Level.INFO, "slot {0}: removing {1}, not (or no longer) wanted", slot, id);
                    link.remove(id);
                }
            }
            for (final ModuleRecord r : new ArrayList<>(modules.values())) {
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
            persist();
            readySlots.add(slot);
            syncClassifier();
            LOG.log(System.Logger.Level.INFO, "slot {0}: container ready with {1} modules", slot,
                    modules.values().stream().filter(m -> m.slot() == slot).count());
        } catch (ContainerException e) {
            LOG.log(System.Logger.Level.WARNING, "slot {0}: reconcile failed: {1}", slot, e.getMessage());
            containers.linkFailed(slot, e.getMessage());
        }
    }

    private void reinstall(final ContainerLink link, final ModuleRecord r) throws ContainerException {
        Path bundle = Path.of(r.bundlePath());
        try {
            if (!Files.exists(bundle)) {
                final long limit = policy.slot(r.slot()).map(s -> s.limits().maxModuleBytes()).orElse(0L);
                bundle = fetcher.fetch(r.url(), r.digestHex(), limit);
            }
        } catch (NcmException e) {
            LOG.log(System.Logger.Level.ERROR, "slot {0}: cannot reinstall {1}, bundle gone: {2}", r.slot(), r.moduleId(), e.reason());
            modules.remove(r.key());
            return;
        }
        try {
            final Optional<Slot> slot = policy.slot(r.slot());
            link.install(r.moduleId(), slot.isPresent() ? stage(slot.get(), bundle, r.digestHex()) : bundle,
                    r.digestHex(), r.properties());
            LOG.log(System.Logger.Level.INFO, "slot {0}: reinstalled {1} ({2}s left)", r.slot(), r.moduleId(),
                    String.valueOf((r.deadline() - nowMs()) / 1000));
        } catch (ContainerException e) {
            if (!e.refused()) {
                throw e;
            }
            LOG.log(System.Logger.Level.ERROR, "slot {0}: container refused reinstall of {1}: {2}", r.slot(), r.moduleId(), e.getMessage());
            modules.remove(r.key());
        }
    }

    @Override
    public synchronized void containerDown(final int slot, final String why) {
        // its packets must stop first: a restarted container has none of its modules yet
        readySlots.remove(slot);
        syncClassifier();
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
            fetcher = fetcherFor(next);
            if (before.replayWindowSeconds() != next.replayWindowSeconds() || before.nonceCache() != next.nonceCache()) {
                // same nonces, new bounds: what was refused as a replay stays refused
                final ReplayGuard g = new ReplayGuard(next.replayWindowSeconds(), next.nonceCache());
                g.restore(replay.snapshot());
                replay = g;
            }
            for (final ModuleRecord r : new ArrayList<>(modules.values())) {
                if (r.phase() != ModuleRecord.Phase.ACTIVE) {
                    continue;
                }
                final String why = stillAuthorized(next, r);
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

    private static String stillAuthorized(final Policy p, final ModuleRecord r) {
        final Optional<Slot> s = p.slot(r.slot());
        if (s.isEmpty()) {
            return "slot " + r.slot() + " gone";
        }
        final Slot slot = s.get();
        if (!slot.user().equals(r.user())) {
            return "user " + r.user() + " no longer owns slot " + r.slot();
        }
        if (r.pattern() != null && slot.prefixes().isEmpty()) {
            return "slot may no longer filter";
        }
        for (final String d : r.filterDst()) {
            if (!slot.covers(Ipv4Prefix.parse(d))) {
                return "filter-dst " + d + " no longer within slot prefixes";
            }
        }
        for (final String d : r.filterSrc()) {
            if (!slot.covers(Ipv4Prefix.parse(d))) {
                return "filter-src " + d + " no longer within slot prefixes";
            }
        }
        for (final int port : r.filterPorts()) {
            if (!slot.ports().contains(port)) {
                return "filter-port " + port + " no longer allowed";
            }
        }
        if (r.pattern() != null && r.filterDst().isEmpty()) {
            // the pattern was bounded by the slot prefixes at install time; they must not have narrowed
            return null;
        }
        if (r.bundleBytes() > slot.limits().maxModuleBytes()) {
            return "module larger than the new limit";
        }
        return null;
    }

    // ------------------------------------------------------------------ PROBE and status

    /** Fields of a module's PROBE line that are the node's, not the module's own counters. */
    private static final Set<String> PROBE_OWN_FIELDS = Set.of("module", "version", "slot", "user", "state", "ttl",
            "packets", "digest", "filter", "seen", "forwarded", "dropped", "consumed", "errors");

    private NcmResponse probe(final Ncm ncm) {
        final NcmResponse r = ok(200, "OK");
        final Policy p = policy;
        final Map<Integer, ContainerStatus> statuses = containerStatuses();
        for (final String what : ncm.probes()) {
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
                    synchronized (this) {
                        final Optional<Slot> s = ncm.user() == null ? Optional.empty() : p.slotOfUser(ncm.user());
                        cap = s.map(x -> (long) x.limits().maxModules())
                                .orElse(p.slots().stream().mapToLong(x -> x.limits().maxModules()).sum());
                        used = modules.values().stream().filter(m -> s.map(x -> x.number() == m.slot()).orElse(true)).count();
                    }
                    r.header("capabilities", "node-id=" + p.nodeId() + " addresses=" + String.join(",", p.nodeAddresses())
                            + " building-blocks=" + String.join(",", p.buildingBlocks())
                            + " containers=" + p.slots().size() + " containers-ready=" + readySlotCount()
                            + " module-capacity-free=" + Math.max(0, cap - used) + "/" + cap);
                }
                case "resources" -> r.header("resources", Resources.line(options.stateDir(), statuses));
                default -> throw new IllegalStateException(what);
            }
        }
        return r;
    }

    /** Slots whose container is connected and reconciled. */
    public synchronized int readySlotCount() {
        return readySlots.size();
    }

    private Map<Integer, ContainerStatus> containerStatuses() {
        final List<Integer> ready;
        synchronized (this) {
            ready = new ArrayList<>(readySlots);
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
    public synchronized List<Map<String, Object>> moduleList(final String user, final Map<Integer, ContainerStatus> statuses) {
        final List<Map<String, Object>> out = new ArrayList<>();
        final long now = nowMs();
        for (final ModuleRecord r : modules.values()) {
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
                    : !readySlots.contains(r.slot()) ? "PENDING" : cs == null ? "ACTIVE" : cs.state());
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

    /** The whole picture for the status endpoint and {@code netserv-ctl status}. */
    public Map<String, Object> status() {
        final Map<Integer, ContainerStatus> statuses = containerStatuses();
        final Map<String, Object> s = new LinkedHashMap<>();
        final Policy p = policy;
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
        synchronized (this) {
            final Map<String, Object> fp = new LinkedHashMap<>();
            fp.put("endpoint", plane.describe());
            fp.put("classifier", lastClassifier == null ? "" : lastClassifier);
            fp.put("in-sync", !planeDirty);
            fp.put("error", planeError);
            s.put("forwarding-plane", fp);
            s.put("nonces", replay == null ? 0 : replay.size());
        }
        return s;
    }

    // ------------------------------------------------------------------ helpers

    private NcmResponse ok(final int code, final String reason) {
        return NcmResponse.of(code, reason).header("node-id", policy.nodeId());
    }

    private void persist() {
        try {
            store.save(new ArrayList<>(modules.values()));
        } catch (IOException e) {
            LOG.log(System.Logger.Level.ERROR, "cannot persist state: {0}", e.getMessage());
        }
    }

    private void persistOrFail() throws NcmException {
        try {
            store.save(new ArrayList<>(modules.values()));
        } catch (IOException e) {
            throw new NcmException(500, "cannot persist state: " + e.getMessage());
        }
    }

    /** For tests: the modules as the controller knows them. */
    public synchronized List<ModuleRecord> modules() {
        return List.copyOf(modules.values());
    }

    public synchronized String lastClassifier() {
        return lastClassifier;
    }


    @Override
    public void close() {
        timers.shutdownNow();
        containers.close();
        plane.close();
        journal.close();
    }
}
