package org.netserv.controller.auth;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.util.List;
import org.netserv.controller.ncm.Ncm;
import org.netserv.controller.ncm.NcmException;
import org.netserv.controller.policy.Policy;
import org.netserv.controller.policy.Slot;
import org.netserv.controller.state.NonceJournal;
import org.netserv.ncm.NcmSignature;

/**
 * Is this NCM from who it says, and fresh? The signature is checked with the user's keys from
 * the policy (any policy key for a PROBE without {@code user}); then the {@link ReplayGuard}
 * admits its nonce and timestamp, and the nonce is journaled (fsync) before the request is
 * acted on. The journal is compacted (closed, rewritten from the guard, reopened) every
 * {@code 2 × nonce-cache} appends so it stays bounded.
 */
public final class NcmAuthenticator implements AutoCloseable {
    private final NonceJournal journal;
    private final Clock clock;
    private ReplayGuard replay;
    private int journalAppends;

    public NcmAuthenticator(final Path stateDir, final Clock clock) {
        this.journal = new NonceJournal(stateDir);
        this.clock = clock;
    }

    /** Loads the persisted nonces into a guard bounded by {@code policy}. */
    public synchronized void open(final Policy policy) throws IOException {
        replay = new ReplayGuard(policy.replayWindowSeconds(), policy.nonceCache());
        journal.open(replay);
    }

    /** True when any of {@code keys} verifies the NCM's signature over its canonical bytes. */
    public static boolean verifies(final Ncm ncm, final List<PublicKey> keys) {
        return NcmSignature.verify(ncm.signedBytes(), ncm.signature(), keys);
    }

    public void authenticate(final Policy p, final Ncm ncm) throws NcmException {
        final List<PublicKey> keys;
        if (ncm.user() != null) {
            final Slot slot = p.slotOfUser(ncm.user())
                    .orElseThrow(() -> new NcmException(403, "unknown user: " + ncm.user() + " owns no container slot"));
            keys = slot.keys();
        } else {
            keys = p.allKeys();
        }
        if (!verifies(ncm, keys)) {
            if (ncm.user() != null && verifies(ncm, p.allKeys())) {
                throw new NcmException(401, "signature by a key not authorized for user " + ncm.user());
            }
            throw new NcmException(401, "bad signature");
        }
        final long nowS = clock.millis() / 1000;
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

    /** New bounds from a reloaded policy; what was refused as a replay stays refused. */
    public synchronized void policyChanged(final Policy before, final Policy next) {
        if (before.replayWindowSeconds() != next.replayWindowSeconds() || before.nonceCache() != next.nonceCache()) {
            final ReplayGuard g = new ReplayGuard(next.replayWindowSeconds(), next.nonceCache());
            g.restore(replay.snapshot());
            replay = g;
        }
    }

    /** Nonces remembered now (for the status endpoint). */
    public synchronized int nonces() {
        return replay == null ? 0 : replay.size();
    }

    @Override
    public void close() {
        journal.close();
    }
}
