package org.netserv.nsis.gist.node;

/**
 * Hashed timer wheel (Varghese &amp; Lauck; the Netty HashedWheelTimer shape)
 * with intrusive entries: a session's state object IS its timer, so a million
 * soft-state sessions cost no extra timer objects. Single-threaded: used only
 * from the node's event loop. Resolution one tick; an entry fires at the first
 * {@link #advance} at or after its deadline (rounded up to a tick).
 */
final class TimerWheel {
    /** Extend to be schedulable; the links belong to the wheel. */
    abstract static class Entry {
        long deadline;
        long tick;
        Entry next, prev;
        int slot = -1;

        final boolean scheduled() { return slot >= 0; }

        /** Called from {@link #advance} after the entry was unlinked. */
        abstract void expire(long now);
    }

    private final Entry[] slots;
    private final int mask;
    private final long tickMs;
    private long current;        // tick being processed next
    private int size;
    private final java.util.ArrayList<Entry> due = new java.util.ArrayList<>();

    TimerWheel(int slotCount, long tickMs, long nowMs) {
        if (Integer.bitCount(slotCount) != 1) throw new IllegalArgumentException("slot count must be a power of two");
        this.slots = new Entry[slotCount];
        this.mask = slotCount - 1;
        this.tickMs = tickMs;
        this.current = nowMs / tickMs;
    }

    int size() { return size; }

    /** (Re)schedules {@code e} at {@code deadlineMs}. */
    void schedule(Entry e, long deadlineMs) {
        if (e.scheduled()) cancel(e);
        e.deadline = deadlineMs;
        // round up: a tick is processed only once now >= tick * tickMs, so never early
        final long tick = Math.max((deadlineMs + tickMs - 1) / tickMs, current);
        e.tick = tick;
        final int s = (int) (tick & mask);
        e.slot = s;
        e.prev = null;
        e.next = slots[s];
        if (e.next != null) e.next.prev = e;
        slots[s] = e;
        size++;
    }

    void cancel(Entry e) {
        if (!e.scheduled()) return;
        if (e.prev != null) e.prev.next = e.next;
        else slots[e.slot] = e.next;
        if (e.next != null) e.next.prev = e.prev;
        e.next = e.prev = null;
        e.slot = -1;
        size--;
    }

    /** Milliseconds until the next tick boundary that may hold work (bounded by one tick). */
    long timeoutMs(long nowMs) {
        if (size == 0) return 1000;
        return Math.max(1, (current + 1) * tickMs - nowMs);
    }

    /** Fires every entry whose deadline is at or before {@code nowMs}. */
    void advance(long nowMs) {
        final long target = nowMs / tickMs;
        // at most one full turn per call: entries further out stay for their round
        final long last = Math.min(target, current + slots.length - 1);
        for (; current <= last; current++) {
            final int s = (int) (current & mask);
            // unlink the due entries first: expiry may schedule or cancel others
            for (Entry e = slots[s], n; e != null; e = n) {
                n = e.next;
                if (e.tick <= current) {
                    cancel(e);
                    due.add(e);
                }
            }
            for (int i = 0; i < due.size(); i++) {
                final Entry e = due.get(i);
                if (!e.scheduled()) e.expire(nowMs);
            }
            due.clear();
        }
        if (current <= target) current = target; // skipped a whole turn: every slot was visited once
    }
}
