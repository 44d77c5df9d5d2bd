/*
 * Counters — what the relay counts, written by the relay thread only and read by
 * STATUS from another thread (opaque accesses: no lock, no fence on the hot path).
 */
package org.netserv.apps.mediarelay;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

final class Counters {
    static final int ALLOCATIONS = 0, ALLOCATIONS_TOTAL = 1, PERMISSIONS = 2, CHANNELS = 3,
            TO_PEER_PACKETS = 4, TO_PEER_BYTES = 5, TO_CLIENT_PACKETS = 6, TO_CLIENT_BYTES = 7,
            REQUESTS = 8, ERRORS = 9, DROPPED_NO_PERMISSION = 10, DROPPED_BANDWIDTH = 11,
            DROPPED_BAD_CHANNEL = 12, DROPPED_MALFORMED = 13, DROPPED_OTHER = 14, EXPIRED = 15;
    private static final String[] NAMES = {"allocations", "allocations_total", "permissions", "channels",
        "to_peer_packets", "to_peer_bytes", "to_client_packets", "to_client_bytes", "requests", "errors",
        "dropped_no_permission", "dropped_bandwidth", "dropped_bad_channel", "dropped_malformed", "dropped_other",
        "expired"};
    private static final VarHandle V = MethodHandles.arrayElementVarHandle(long[].class);
    private final long[] c = new long[NAMES.length];

    void add(int i, long n) {
        V.setOpaque(c, i, (long) V.getOpaque(c, i) + n);
    }

    void inc(int i) { add(i, 1); }

    long get(int i) { return (long) V.getOpaque(c, i); }

    /** "name=value ..." for STATUS. */
    String line() {
        return line(java.util.List.of(this));
    }

    /** "name=value ..." summed over several relay threads' counters. */
    static String line(java.util.List<Counters> all) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < NAMES.length; i++) {
            long v = 0;
            for (Counters c : all) v += c.get(i);
            s.append(i == 0 ? "" : " ").append(NAMES[i]).append('=').append(v);
        }
        return s.toString();
    }
}
