/*
 * FlowTable — packet counts keyed by (source address, destination address, TTL),
 * the 3-tuple NetMonitor reports (paper §5, configuration 5).
 *
 * Open addressing with linear probing over preallocated arrays: counting a packet
 * allocates nothing. The table never grows (bounded memory on a shared router);
 * packets of flows that find it full are counted in {@link #overflow()}.
 *
 * One writer (the dispatcher thread) and one reader (the reporter). A slot's key is
 * published before its count becomes non-zero (release/acquire on the count), so
 * the reader never sees a count under a half-written key; counts themselves are
 * read with opaque loads and may lag by a packet.
 */
package org.netserv.apps.netmonitor;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

public final class FlowTable {
    private static final VarHandle COUNT = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle LONG = MethodHandles.arrayElementVarHandle(long[].class);

    private final int mask;
    private final long[] addrs;   // (src << 32) | dst
    private final byte[] ttls;
    private final long[] counts;  // 0 = empty slot
    private final long[] totals = new long[2]; // [0] packets, [1] overflow

    /** @param capacity flows held at most; rounded up to a power of two */
    public FlowTable(int capacity) {
        int n = capacity <= 16 ? 16 : Integer.highestOneBit(capacity - 1) << 1;
        mask = n - 1;
        addrs = new long[n];
        ttls = new byte[n];
        counts = new long[n];
    }

    /** Counts one packet (writer thread only). */
    public void count(int src, int dst, int ttl) {
        LONG.setOpaque(totals, 0, totals[0] + 1);
        long key = ((long) src << 32) | (dst & 0xffffffffL);
        int i = mix(key, ttl) & mask;
        for (int probes = 0; probes <= mask; probes++, i = (i + 1) & mask) {
            long c = counts[i];
            if (c == 0) {
                addrs[i] = key;
                ttls[i] = (byte) ttl;
                COUNT.setRelease(counts, i, 1L);
                return;
            }
            if (addrs[i] == key && ttls[i] == (byte) ttl) {
                COUNT.setOpaque(counts, i, c + 1);
                return;
            }
        }
        LONG.setOpaque(totals, 1, totals[1] + 1);
    }

    public long packets() { return (long) LONG.getOpaque(totals, 0); }

    public long overflow() { return (long) LONG.getOpaque(totals, 1); }

    public int slots() { return mask + 1; }

    /** Visits every flow seen so far (reader thread). */
    public void forEach(FlowVisitor v) {
        for (int i = 0; i <= mask; i++) {
            long c = (long) COUNT.getAcquire(counts, i);
            if (c != 0) v.flow((int) (addrs[i] >>> 32), (int) addrs[i], ttls[i] & 0xff, c);
        }
    }

    @FunctionalInterface
    public interface FlowVisitor {
        void flow(int src, int dst, int ttl, long packets);
    }

    private static int mix(long key, int ttl) {
        long h = (key ^ ((long) ttl << 56)) * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
