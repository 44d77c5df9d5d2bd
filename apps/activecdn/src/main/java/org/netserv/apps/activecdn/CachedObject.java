/*
 * CachedObject — one stored representation: its response fields, its length, and which
 * fixed-size blocks of its body are on disk, each with the SHA-256 it had when written.
 *
 *   body file  <store>/<id>.body   the representation's bytes at their own offsets (sparse)
 *   meta file  <store>/<id>.meta   key, status, times, fields, length, "block: i sha256" lines
 *
 * A block is served only once present; a present block read for the first time since the
 * store was loaded is checked against its digest first, and a block that does not match
 * (or that the file is too short to hold) is dropped and fetched again.
 *
 * Bytes not yet in a block come from the fills (origin fetches) writing this object:
 * readers wait on this object's monitor for a fill's progress. All mutable state is
 * guarded by this object's monitor, except pins, doomed and accounted, which the Store
 * changes under its own monitor: the Store never takes an object's monitor, so code
 * holding an object's monitor may call into the Store.
 */
package org.netserv.apps.activecdn;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

final class CachedObject {
    /** Changes once, when the first response shows it varies on Accept-Encoding. */
    volatile String key;
    final String id;
    final int blockSize;
    private final Path body;

    /** Null until the origin's response fields arrived. */
    StoredResponse response;
    /** Body length; -1 while unknown (a chunked origin response still arriving). */
    long length = -1;
    final BitSet present = new BitSet();
    final BitSet verified = new BitSet();
    final Map<Integer, byte[]> digests = new HashMap<>();
    final List<Fill> fills = new ArrayList<>();
    /** Set when the first fill failed before any response fields came: why. */
    String failure;
    int failureStatus;
    /** Readers and fills using the object; a doomed object's files go when this drops to 0. */
    final AtomicInteger pins = new AtomicInteger();
    /** No longer reachable from the index (evicted, replaced, not storable): delete when unpinned. */
    volatile boolean doomed;
    /** Not storable: served to the one request that caused its fetch, then deleted. */
    boolean privateCopy;
    /** A conditional request to the origin is in flight for this object. */
    boolean revalidating;
    /** The request whose miss started the first fetch: the one a private copy is for. */
    Object owner;
    /** Bytes of this object counted against the store's capacity. */
    final AtomicLong accounted = new AtomicLong();
    private final Object channelLock = new Object();
    private FileChannel channel;

    CachedObject(String key, String id, int blockSize, Path dir) {
        this.key = key;
        this.id = id;
        this.blockSize = blockSize;
        this.body = dir.resolve(id + ".body");
    }

    Path bodyPath() { return body; }

    /** Keys of variants this edge made itself (processed video) start so; a request target never does. */
    static final String DERIVED_PREFIX = "processed:";

    /** Made here from a stored original, not fetched: it has no origin to fill holes from. */
    boolean derived() { return key.startsWith(DERIVED_PREFIX); }

    int blockOf(long offset) { return (int) (offset / blockSize); }

    long blockStart(int b) { return (long) b * blockSize; }

    /** Bytes in block b (the last one may be short); needs the length. */
    int blockBytes(int b) {
        return (int) Math.min(blockSize, length - blockStart(b));
    }

    int blockCount() { return length < 0 ? -1 : (int) ((length + blockSize - 1) / blockSize); }

    boolean complete() {
        return length >= 0 && present.nextClearBit(0) >= blockCount();
    }

    long presentBytes() {
        long n = 0;
        for (int b = present.nextSetBit(0); b >= 0; b = present.nextSetBit(b + 1)) n += blockBytes(b);
        return n;
    }

    FileChannel channel() throws IOException {
        synchronized (channelLock) {
            if (channel == null) {
                channel = FileChannel.open(body, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            }
            return channel;
        }
    }

    void closeChannel() {
        synchronized (channelLock) {
            if (channel == null) return;
            try {
                channel.close();
            } catch (IOException ignored) {
                // the file is going away or the store is stopping
            }
            channel = null;
        }
    }

    /** The fill that will write {@code offset}, if one covers it; null otherwise. */
    Fill fillCovering(long offset) {
        for (Fill f : fills) {
            if (f.covers(offset)) return f;
        }
        return null;
    }

    /**
     * Checks a present block against its digest the first time it is read; a block that
     * does not match is dropped (returns false) so the caller fetches it again.
     */
    boolean verify(int b) throws IOException {
        if (verified.get(b)) return true;
        byte[] want = digests.get(b);
        int n = blockBytes(b);
        ByteBuffer buf = ByteBuffer.allocate(n);
        FileChannel ch = channel();
        long pos = blockStart(b);
        while (buf.hasRemaining()) {
            int r = ch.read(buf, pos + buf.position());
            if (r < 0) break;
        }
        boolean ok = want != null && !buf.hasRemaining() && MessageDigest.isEqual(want, sha256(buf.flip()));
        if (ok) {
            verified.set(b);
        } else {
            present.clear(b);
            digests.remove(b);
        }
        return ok;
    }

    static byte[] sha256(ByteBuffer data) {
        MessageDigest md = newDigest();
        md.update(data);
        return md.digest();
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
