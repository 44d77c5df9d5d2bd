package org.netserv.controller.auth;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.netserv.controller.ncm.NcmException;

/**
 * Freshness of authenticated requests: {@code timestamp} within ±window of our clock and a
 * {@code nonce} never seen inside that window.
 *
 * <p>Memory is bounded by {@code capacity}: nonces older than the window are forgotten (their
 * timestamps would be refused anyway); when the cache is still full, the oldest entry is evicted
 * and the {@code floor} rises to its timestamp, so every request at or below the floor is
 * refused as stale. A replay can therefore never slip through an eviction.
 *
 * <p>Timestamps ahead of our clock are accepted only by {@code futureSkew} (clock drift, not a
 * second window): a future-stamped request stays in the cache longer and, once evicted, holds
 * the floor up; a small skew bounds how long such a flood can lock the guard's owner out. The
 * controller keeps one guard per user, so the flood of one tenant never locks out another.
 */
public final class ReplayGuard {
    private record Seen(long timestamp, String nonce) implements Comparable<Seen> {
        @Override
        public int compareTo(final Seen o) {
            final int c = Long.compare(timestamp, o.timestamp);
            return c != 0 ? c : nonce.compareTo(o.nonce);
        }
    }

    private final long windowSeconds;
    private final long futureSkew;
    private final int capacity;
    private final Map<String, Long> byNonce = new HashMap<>();
    private final TreeSet<Seen> byAge = new TreeSet<>();
    private long floor = Long.MIN_VALUE;

    public ReplayGuard(final long windowSeconds, final int capacity) {
        this(windowSeconds, windowSeconds, capacity);
    }

    public ReplayGuard(final long windowSeconds, final long futureSkew, final int capacity) {
        this.windowSeconds = windowSeconds;
        this.futureSkew = Math.min(futureSkew, windowSeconds);
        this.capacity = capacity;
    }

    /** Admits (and remembers) a fresh request, or says exactly why it is not fresh. */
    public synchronized void admit(final String nonce, final long timestamp, final long nowSeconds)
            throws NcmException {
        forgetOlderThan(nowSeconds - windowSeconds);
        if (timestamp < nowSeconds - windowSeconds) {
            throw new NcmException(401, "stale timestamp: " + (nowSeconds - timestamp) + " s old (window " + windowSeconds + " s)");
        }
        if (timestamp > nowSeconds + futureSkew) {
            throw new NcmException(401, "timestamp in the future: " + (timestamp - nowSeconds) + " s ahead ("
                    + (futureSkew == windowSeconds ? "window " : "allowed skew ") + futureSkew + " s)");
        }
        if (byNonce.containsKey(nonce)) {
            throw new NcmException(409, "replayed nonce");
        }
        if (timestamp <= floor) {
            throw new NcmException(401, "stale timestamp: at or below the replay cache floor " + floor);
        }
        while (byNonce.size() >= capacity) {
            final Seen oldest = byAge.pollFirst();
            byNonce.remove(oldest.nonce());
            floor = Math.max(floor, oldest.timestamp());
        }
        byNonce.put(nonce, timestamp);
        byAge.add(new Seen(timestamp, nonce));
    }

    private void forgetOlderThan(final long limit) {
        while (!byAge.isEmpty() && byAge.first().timestamp() < limit) {
            byNonce.remove(byAge.pollFirst().nonce());
        }
    }

    public synchronized boolean contains(final String nonce) {
        return byNonce.containsKey(nonce);
    }

    public synchronized int size() {
        return byNonce.size();
    }

    public synchronized long floor() {
        return floor;
    }

    /** What must survive a restart: the remembered nonces and the floor. */
    public synchronized Snapshot snapshot() {
        final List<Map.Entry<String, Long>> l = new ArrayList<>(byAge.size());
        byAge.forEach(s -> l.add(Map.entry(s.nonce(), s.timestamp())));
        return new Snapshot(l, floor);
    }

    public synchronized void restore(final Snapshot s) {
        byNonce.clear();
        byAge.clear();
        floor = s.floor();
        for (final Map.Entry<String, Long> e : s.nonces()) {
            byNonce.put(e.getKey(), e.getValue());
            byAge.add(new Seen(e.getValue(), e.getKey()));
        }
        while (byNonce.size() > capacity) {
            final Seen oldest = byAge.pollFirst();
            byNonce.remove(oldest.nonce());
            floor = Math.max(floor, oldest.timestamp());
        }
    }

    public record Snapshot(List<Map.Entry<String, Long>> nonces, long floor) {
    }
}
