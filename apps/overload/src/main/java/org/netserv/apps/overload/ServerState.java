/*
 * ServerState — what one Receiving Entity (a SIP server, by address and port) last asked
 * for, and the throttle that carries it out.
 *
 * Feedback (RFC 7339 §5.2-§5.5, RFC 7415 §3): "oc" is the loss percentage (loss) or the
 * largest request rate per second (rate); "oc-validity" how many milliseconds it holds
 * (0: stop throttling now); "oc-seq" orders feedback: a value lower than the stored one is
 * stale and ignored, an equal one repeats the stored feedback (the RE puts it in every
 * response) and restarts its validity.
 *
 * Loss (RFC 7339 §6.3, the default algorithm): oc percent of the requests subject to
 * throttling are rejected — spread evenly by an error-diffusion credit instead of the
 * RFC's example random draw per request: the same share, without the random bursts that
 * push a server running near its capacity over it. Rate (RFC 7415 §4.3): a leaky bucket —
 * a request conforms when it arrives no earlier than TAT - tau, where TAT, the
 * theoretical arrival time, advances by 1/rate per admitted request; tau (the bucket's
 * depth in time) lets short bursts through.
 */
package org.netserv.apps.overload;

final class ServerState {

    static final int NONE = 0, LOSS = 1, RATE = 2;
    static final int ACCEPTED = 0, STALE = 1, BAD = 2;
    static final long SECOND = 1_000_000_000L;

    long key = -1;            // (address << 16) | port; -1: free
    long lastUsed;
    int algorithm = NONE;
    int oc;                   // loss: percent; rate: requests per second
    long seq = -1;
    long validUntil;          // nanoTime
    private long tat, interval;
    private int credit;       // loss: percent points of admission owed
    private final long tau;

    ServerState(long tauNanos) {
        this.tau = tauNanos;
    }

    void reset(long newKey, long now) {
        key = newKey;
        lastUsed = now;
        algorithm = NONE;
        oc = 0;
        seq = -1;
        validUntil = now;
    }

    /** Takes new feedback; ACCEPTED, STALE (older oc-seq) or BAD (values out of range). */
    int feedback(int algo, int value, int validityMs, long sequence, long now) {
        if (algo == NONE || value < 0 || validityMs < 0 || (algo == LOSS && value > 100)) return BAD;
        if (sequence >= 0 && seq >= 0 && sequence < seq) return STALE;
        if (sequence >= 0) seq = sequence;
        if (algorithm != RATE || algo != RATE || value != oc) tat = now; // a new rate starts a new bucket
        algorithm = algo;
        oc = value;
        interval = algo == RATE && value > 0 ? SECOND / value : 0;
        validUntil = now + validityMs * 1_000_000L;
        return ACCEPTED;
    }

    /** In force: feedback that has not expired (oc-validity=0 expires at once). */
    boolean active(long now) {
        return algorithm != NONE && now - validUntil < 0;
    }

    boolean admit(long now) {
        if (!active(now)) return true;
        if (algorithm == LOSS) {
            credit += 100 - oc;
            if (credit < 100) return false;
            credit -= 100;
            return true;
        }
        if (oc == 0) return false;                      // rate 0: nothing new may pass
        if (now - (tat - tau) < 0) return false;        // arrived before TAT - tau: non-conforming
        tat = Math.max(now, tat) + interval;
        return true;
    }

    /** Milliseconds the feedback still holds, 0 when none. */
    long remainingMs(long now) {
        return active(now) ? (validUntil - now) / 1_000_000L : 0;
    }
}
