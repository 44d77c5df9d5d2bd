package org.netserv.controller.auth;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.netserv.controller.ncm.Ncm;
import org.netserv.controller.ncm.NcmException;
import org.netserv.controller.policy.Policy;
import org.netserv.controller.policy.Slot;
import org.netserv.controller.state.NonceJournal;
import org.netserv.ncm.Header;
import org.netserv.ncm.Method;
import org.netserv.ncm.NcmSignature;

/**
 * Is this NCM from who it says, and fresh? The signature is checked with the user's keys from
 * the policy (any policy key for a PROBE without {@code user}); then the signer's own
 * {@link ReplayGuard} (one per user; a PROBE without {@code user} counts against the user whose
 * key signed it) admits its nonce and timestamp, and the nonce is journaled (fsync) before the
 * request is acted on. The journal is compacted (closed, rewritten from the guards, reopened)
 * every {@code 2 × nonce-cache} appends so it stays bounded.
 */
public final class NcmAuthenticator implements AutoCloseable {
    private final NonceJournal journal;
    private final Clock clock;
    private final Map<String, ReplayGuard> guards = new TreeMap<>();
    private Policy bounds;
    private int journalAppends;

    public NcmAuthenticator(final Path stateDir, final Clock clock) {
        this.journal = new NonceJournal(stateDir);
        this.clock = clock;
    }

    /** Loads the persisted nonces into a guard bounded by {@code policy}. */
    public synchronized void open(final Policy policy) throws IOException {
        bounds = policy;
        guards.clear();
        journal.open(guards, this::newGuard);
    }

    private ReplayGuard newGuard(final String user) {
        return new ReplayGuard(bounds.replayWindowSeconds(), bounds.futureSkewSeconds(), bounds.nonceCache());
    }

    /** True when any of {@code keys} verifies the NCM's signature over its canonical bytes. */
    public static boolean verifies(final Ncm ncm, final List<PublicKey> keys) {
        return NcmSignature.verify(ncm.signedBytes(), ncm.signature(), keys);
    }

    public void authenticate(final Policy p, final Ncm ncm) throws NcmException {
        final String signer = signer(p, ncm);
        final long nowS = clock.millis() / 1000;
        if (ncm.method() != Method.PROBE) {
            // each node keeps its own nonces: a captured SETUP/REMOVE is kept from other nodes by its signed
            // node-id binding (the controller ignores one naming other nodes before it gets here) or a short life
            final boolean bound = ncm.header(Header.NODE_ID).isPresent();
            if (!bound && p.requireNodeBinding()) {
                throw new NcmException(401, "not bound to a node: this node's policy requires node-id on SETUP/REMOVE");
            }
            final long maxAge = Math.min(bound ? p.maxAgeSeconds() : Math.min(p.unboundMaxAgeSeconds(), p.maxAgeSeconds()),
                    p.replayWindowSeconds());
            if (nowS - ncm.timestamp() > maxAge) {
                throw new NcmException(401, "stale timestamp: " + (nowS - ncm.timestamp()) + " s old ("
                        + (bound ? "SETUP/REMOVE max age " : "SETUP/REMOVE naming no node: max age ") + maxAge + " s)");
            }
        }
        synchronized (this) {
            final ReplayGuard legacy = guards.get("");
            if (legacy != null && legacy.contains(ncm.nonce())) {
                throw new NcmException(409, "replayed nonce");
            }
            final ReplayGuard replay = guards.computeIfAbsent(signer, this::newGuard);
            replay.admit(ncm.nonce(), ncm.timestamp(), nowS);
            try {
                journal.append(signer, ncm.nonce(), ncm.timestamp(), replay.floor());
                if (++journalAppends > 2 * p.nonceCache()) {
                    journal.close();
                    journal.open(guards, this::newGuard);
                    journalAppends = 0;
                }
            } catch (IOException e) {
                // without a durable nonce a crash could reopen the replay window: refuse
                throw new NcmException(503, "cannot persist nonce: " + e.getMessage());
            }
        }
    }

    /** The user whose key verifies the signature (for a PROBE without {@code user}: whichever slot's key does). */
    private static String signer(final Policy p, final Ncm ncm) throws NcmException {
        if (ncm.user() != null) {
            final Slot slot = p.slotOfUser(ncm.user())
                    .orElseThrow(() -> new NcmException(403, "unknown user: " + ncm.user() + " owns no container slot"));
            if (verifies(ncm, slot.keys())) {
                return ncm.user();
            }
            if (verifies(ncm, p.allKeys())) {
                throw new NcmException(401, "signature by a key not authorized for user " + ncm.user());
            }
            throw new NcmException(401, "bad signature");
        }
        for (final Slot s : p.slots()) {
            if (verifies(ncm, s.keys())) {
                return s.user();
            }
        }
        throw new NcmException(401, "bad signature");
    }

    /** New bounds from a reloaded policy; what was refused as a replay stays refused. */
    public synchronized void policyChanged(final Policy before, final Policy next) {
        bounds = next;
        if (before.replayWindowSeconds() != next.replayWindowSeconds() || before.nonceCache() != next.nonceCache()
                || before.futureSkewSeconds() != next.futureSkewSeconds()) {
            guards.replaceAll((u, old) -> {
                final ReplayGuard g = newGuard(u);
                g.restore(old.snapshot());
                return g;
            });
        }
    }

    /** Nonces remembered now, all users (for the status endpoint). */
    public synchronized int nonces() {
        return guards.values().stream().mapToInt(ReplayGuard::size).sum();
    }

    @Override
    public void close() {
        journal.close();
    }
}
