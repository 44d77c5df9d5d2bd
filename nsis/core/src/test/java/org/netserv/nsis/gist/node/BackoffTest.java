package org.netserv.nsis.gist.node;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.netserv.nsis.gist.wire.Pcap;

/**
 * The Query retransmission schedule: T1 doubling, re-sent while under the
 * retry limit — the same transmission times NSIS-ka put on the wire when no
 * GIST peer answered (vector 04: 0, 0.5, 1.5, 3.5, 7.5, 15.5, 31.5, 63.5 s).
 */
class BackoffTest {
    /** Send times (ms) our node produces for T1 and the retry limit. */
    static List<Long> schedule(long t1, long limit) {
        final List<Long> t = new ArrayList<>();
        long now = 0;
        int attempt = 1;
        t.add(now);
        while (true) {
            now += Querier.backoff(t1, attempt);
            if (now >= limit) break;     // the timer ends the Query instead of re-sending
            t.add(now);
            attempt++;
        }
        return t;
    }

    @Test
    void doublesFromT1() {
        assertEquals(List.of(0L, 500L, 1500L, 3500L, 7500L, 15500L, 31500L, 63500L), schedule(500, 64_000));
        assertEquals(List.of(0L, 500L, 1500L), schedule(500, 3_000));
        assertEquals(1000L << 20, Querier.backoff(1000, 40), "bounded exponent");
    }

    @Test
    void matchesNsisKaOnTheWire() throws Exception {
        final Path f = Pcap.vectorsDir().resolve("04-no-gist-peer.pcap");
        assumeTrue(Files.isRegularFile(f), "vector 04 absent at " + f + ": skipping");
        final List<Long> ms = new ArrayList<>();
        long first = -1;
        for (Pcap.Msg m : Pcap.read(f)) {
            if (first < 0) first = m.micros;
            ms.add(Math.round((m.micros - first) / 100_000.0) * 100);   // to 0.1 s: capture jitter is a few ms
        }
        assertEquals(schedule(500, 64_000), ms);
    }
}
