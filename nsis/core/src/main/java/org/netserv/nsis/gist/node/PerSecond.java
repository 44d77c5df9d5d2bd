package org.netserv.nsis.gist.node;

/**
 * At most N events per wall-clock second: a fixed window, cheap on the event
 * loop (a burst of up to 2N across a window boundary is acceptable for what
 * it guards — replies whose destination the sender could have forged).
 * Single-threaded.
 */
final class PerSecond {
    private final int max;
    private long windowStart;
    private int used;

    PerSecond(int max) { this.max = max; }

    /** True (and counted) when another event fits in the current second. */
    boolean tryAcquire(long now) {
        if (now - windowStart >= 1000) {
            windowStart = now;
            used = 0;
        }
        if (used >= max) return false;
        used++;
        return true;
    }
}
