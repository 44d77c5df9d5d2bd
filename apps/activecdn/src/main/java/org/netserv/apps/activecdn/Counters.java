/*
 * Counters — what the edge cache reports in the module's STATUS line (and so in the
 * controller's view of the module): requests answered from the store, requests that
 * needed the origin, conditional requests sent, bytes each way, what is stored.
 */
package org.netserv.apps.activecdn;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

final class Counters {
    final AtomicLong hits = new AtomicLong();
    final AtomicLong misses = new AtomicLong();
    /** Requests that waited for a fetch another request had started (request coalescing). */
    final AtomicLong coalesced = new AtomicLong();
    final AtomicLong revalidations = new AtomicLong();
    final AtomicLong notModified = new AtomicLong();
    final AtomicLong originFetches = new AtomicLong();
    final AtomicLong bytesFromOrigin = new AtomicLong();
    final AtomicLong bytesServed = new AtomicLong();
    final AtomicLong evictions = new AtomicLong();
    /** Blocks found corrupt or truncated (digest mismatch, short file, unreadable meta). */
    final AtomicLong corrupt = new AtomicLong();
    final AtomicLong originErrors = new AtomicLong();
    final AtomicLong clientErrors = new AtomicLong();
    /** Processed (watermarked) variants made, and requests whose processing failed. */
    final AtomicLong processed = new AtomicLong();
    final AtomicLong processingErrors = new AtomicLong();

    /** name=value words, the STATUS property's format. */
    String status(LongSupplier objects, LongSupplier bytesStored) {
        return "hits=" + hits.get() + " misses=" + misses.get() + " coalesced=" + coalesced.get()
                + " revalidations=" + revalidations.get() + " not-modified=" + notModified.get()
                + " origin-fetches=" + originFetches.get() + " bytes-from-origin=" + bytesFromOrigin.get()
                + " bytes-served=" + bytesServed.get() + " objects=" + objects.getAsLong()
                + " bytes-stored=" + bytesStored.getAsLong() + " evictions=" + evictions.get()
                + " corrupt=" + corrupt.get() + " origin-errors=" + originErrors.get()
                + " client-errors=" + clientErrors.get() + " processed=" + processed.get()
                + " processing-errors=" + processingErrors.get();
    }
}
