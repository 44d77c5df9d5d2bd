/*
 * Fill — one origin fetch writing a CachedObject's body file while readers stream from
 * it (cache while serving). Kinds:
 *
 *   FULL         GET target                        the first fetch of an object
 *   RANGE        GET target, Range: bytes=S-E      blocks S..E an object lacks (S, E+1 block-aligned)
 *   CONDITIONAL  GET target, If-None-Match / If-Modified-Since   revalidation (RFC 9111 §4.3.1)
 *
 * A 304 updates the stored fields (§4.3.4); a 200 to a conditional request is a new
 * representation, written into a new object that replaces the old one in the store.
 *
 * Every block is counted against the store's capacity before its first byte is
 * written, and marked present (with its SHA-256) only once all its bytes are on disk.
 * Failures — origin unreachable, a response bigger than the store, a body that stalls
 * past the idle timeout or ends short — leave only whole verified blocks behind; the
 * readers waiting on this fill see {@link #error}.
 */
package org.netserv.apps.activecdn;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpMethod;

final class Fill implements Runnable {
    private static final System.Logger LOG = System.getLogger("netserv.activecdn");

    enum Kind { FULL, RANGE, CONDITIONAL }

    /** Thrown to readers when the fill they waited on failed. */
    static final class Failed extends IOException {
        final int status;

        Failed(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private final Store store;
    private final Origin origin;
    private final Kind kind;
    private final String target, encoding, clientAddress;
    private CachedObject obj;
    /** First byte this fill writes, and the last it may write (inclusive; MAX when open). */
    private long start;
    private final long end;
    // guarded by obj's monitor
    private long progress;
    private boolean done;
    private Failed error;

    Fill(Store store, Origin origin, Kind kind, CachedObject obj, String target, String encoding, String clientAddress,
         long start, long end) {
        this.store = store;
        this.origin = origin;
        this.kind = kind;
        this.obj = obj;
        this.target = target;
        this.encoding = encoding;
        this.clientAddress = clientAddress;
        this.start = start;
        this.end = end;
        this.progress = start;
        obj.pins.incrementAndGet();
        synchronized (obj) {
            if (kind != Kind.CONDITIONAL) obj.fills.add(this);
        }
    }

    /** With obj's monitor held: this fill has written or will write {@code offset}. */
    boolean covers(long offset) {
        return offset >= start && offset <= end && (offset < progress || (!done && error == null));
    }

    /** With obj's monitor held: bytes [start, progress) are in the body file. */
    long progress() { return progress; }

    Failed error() { return error; }

    boolean finished() { return done || error != null; }

    @Override
    public void run() {
        CachedObject pinned = obj;
        Response response = null;
        try {
            InputStreamResponseListener listener = new InputStreamResponseListener();
            Request req = origin.client.newRequest(origin.url(target)).method(HttpMethod.GET);
            StoredResponse validators;
            synchronized (obj) {
                validators = obj.response;
            }
            req.headers(h -> {
                if (!encoding.isEmpty()) h.put("Accept-Encoding", encoding);
                h.put("Via", "1.1 netserv-activecdn");
                if (clientAddress != null) h.put("X-Forwarded-For", clientAddress);
                if (kind == Kind.RANGE) h.put("Range", "bytes=" + start + "-" + (end == Long.MAX_VALUE ? "" : end));
                if (kind == Kind.CONDITIONAL && validators != null) {
                    if (validators.etag() != null) h.put("If-None-Match", validators.etag());
                    if (validators.lastModified() != null) h.put("If-Modified-Since", validators.lastModified());
                }
            });
            store.counters.originFetches.incrementAndGet();
            if (kind == Kind.CONDITIONAL) store.counters.revalidations.incrementAndGet();
            long requestTime = System.currentTimeMillis();
            req.send(listener);
            try {
                response = listener.get(origin.headerTimeoutMs, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                req.abort(e);
                throw new Failed(504, "origin " + origin.base + " sent no response within " + origin.headerTimeoutMs + " ms");
            } catch (java.util.concurrent.ExecutionException e) {
                throw new Failed(502, "origin " + origin.base + " unreachable or broken: " + rootMessage(e));
            }
            long responseTime = System.currentTimeMillis();
            List<Map.Entry<String, String>> fields = new ArrayList<>();
            for (HttpField f : response.getHeaders()) fields.add(Map.entry(f.getName(), f.getValue()));
            long bodyLength = onResponse(response.getStatus(), fields, requestTime, responseTime);
            if (bodyLength == -2) return; // 304: nothing to write
            try (InputStream in = listener.getInputStream()) {
                copy(in, bodyLength);
            }
        } catch (Failed e) {
            fail(e);
            if (response != null) response.abort(e);
        } catch (Exception e) {
            fail(new Failed(502, "origin fetch of " + target + " failed: " + rootMessage(e)));
            if (response != null) response.abort(e);
        } finally {
            synchronized (obj) {
                obj.fills.remove(this);
                obj.notifyAll();
            }
            if (obj != pinned) store.release(pinned);
            store.release(obj);
        }
    }

    /**
     * Takes the response fields in; returns the number of body bytes to expect (-1 when
     * the origin did not say, -2 for none).
     */
    private long onResponse(int status, List<Map.Entry<String, String>> fields, long reqTime, long respTime)
            throws Failed {
        StoredResponse incoming = new StoredResponse(status, StoredResponse.endToEnd(fields), reqTime, respTime);
        long contentLength = contentLength(fields);
        if (kind == Kind.CONDITIONAL) {
            if (status == 304) {
                synchronized (obj) {
                    obj.response = obj.response.updatedBy(fields, reqTime, respTime);
                    obj.revalidating = false;
                    done = true;
                    store.persist(obj);
                    obj.notifyAll();
                }
                store.counters.notModified.incrementAndGet();
                return -2;
            }
            // a new representation: it goes into a new object that takes the old one's place
            CachedObject old = obj;
            CachedObject fresh = store.acquireReplacement(old, this);
            synchronized (old) {
                old.revalidating = false;
                old.notifyAll();
            }
            obj = fresh;
        }
        if (kind == Kind.RANGE && status == 206) {
            long[] cr = contentRange(fields);
            synchronized (obj) {
                boolean same = obj.response != null && cr != null && cr[0] == start && cr[2] == obj.length
                        && Objects.equals(obj.response.etag(), incoming.etag())
                        && Objects.equals(obj.response.lastModified(), incoming.lastModified());
                if (!same && obj.response != null) {
                    store.unindex(obj);
                    throw new Failed(502, "origin's representation of " + target + " changed during the fetch");
                }
                if (obj.response == null) { // first fetch of the object was a range: learn it from the 206
                    if (cr == null || cr[0] != start) throw new Failed(502, "origin sent a 206 without a usable Content-Range");
                    obj.length = cr[2];
                    obj.response = asWhole(incoming);
                    admit(obj, cr[2]);
                }
                obj.notifyAll();
            }
            return cr[1] - cr[0] + 1;
        }
        if (status == 200) {
            if (contentLength > store.capacity()) {
                store.counters.originErrors.incrementAndGet();
                synchronized (obj) {
                    store.unindex(obj);
                }
                throw new Failed(502, "origin's " + target + " is " + contentLength + " bytes, more than this cache holds ("
                        + store.capacity() + " bytes)");
            }
            synchronized (obj) {
                if (obj.response != null && obj.length != contentLength) {
                    // a RANGE fill answered with the whole (origin ignores Range) of another length
                    store.unindex(obj);
                    throw new Failed(502, "origin's representation of " + target + " changed during the fetch");
                }
                start = 0;
                progress = 0;
                obj.length = contentLength;
                if (obj.response == null) {
                    obj.response = incoming;
                    admit(obj, contentLength);
                }
                store.persist(obj);
                obj.notifyAll();
            }
            return contentLength;
        }
        // anything else (errors, redirects, 206 we did not ask for): passed on, never stored
        synchronized (obj) {
            if (obj.response == null) {
                obj.response = incoming;
                obj.length = contentLength;
                obj.privateCopy = true;
                store.unindex(obj);
            } else {
                store.unindex(obj);
                throw new Failed(502, "origin answered " + status + " to a fetch of part of " + target);
            }
            obj.notifyAll();
        }
        if (contentLength > store.capacity()) throw new Failed(502, "origin's error response is too large");
        return contentLength;
    }

    /** Decides whether the first response of an object may be stored, and under which key. */
    private void admit(CachedObject o, long length) {
        StoredResponse r = o.response;
        CacheControl cc = r.cacheControl();
        Set<String> vary = r.vary();
        boolean varyOk = vary.isEmpty() || vary.equals(Set.of("accept-encoding"));
        if (cc.noStore || cc.isPrivate || !varyOk || o.privateCopy) {
            o.privateCopy = true;
            store.unindex(o);
            return;
        }
        if (!vary.isEmpty()) store.indexUnder(o.key = store.rekeyForVariant(o, target, encoding), o);
    }

    /** The stored fields of an object first learned from a 206: what a 200 would carry. */
    private static StoredResponse asWhole(StoredResponse partial) {
        return new StoredResponse(200, partial.headers(), partial.requestTime(), partial.responseTime());
    }

    private void copy(InputStream in, long expected) throws IOException {
        FileChannel ch = obj.channel();
        long limit = expected >= 0 ? start + expected : store.capacity();
        int bs = obj.blockSize;
        byte[] buf = new byte[64 * 1024];
        MessageDigest md = CachedObject.newDigest();
        long pos = start;
        int block = -1;        // the block being written
        boolean counted = false; // its bytes are counted against the capacity by this fill
        try {
            while (true) {
                int want = (int) Math.min(buf.length, Math.min(limit - pos, bs - pos % bs));
                int n = want > 0 ? in.read(buf, 0, want) : in.read() < 0 ? -1 : -2;
                if (n == -2) {
                    throw new Failed(502, expected >= 0 ? "origin sent more than the " + expected + " bytes it announced"
                            : "origin's " + target + " is more than this cache holds (" + store.capacity() + " bytes)");
                }
                if (n < 0) break;
                if (block != pos / bs) {
                    block = (int) (pos / bs);
                    boolean have;
                    synchronized (obj) {
                        have = obj.present.get(block);
                    }
                    if (!have && !store.reserve(obj, bs)) {
                        throw new Failed(507, "cache full: no room for " + target + " (" + store.capacity()
                                + " bytes, all in use by transfers)");
                    }
                    counted = !have;
                }
                ch.write(ByteBuffer.wrap(buf, 0, n), pos);
                md.update(buf, 0, n);
                pos += n;
                store.counters.bytesFromOrigin.addAndGet(n);
                synchronized (obj) {
                    progress = pos;
                    if (pos % bs == 0 || pos == limit && expected >= 0) {
                        finishBlock(block, md, counted, bs);
                        counted = false;
                    }
                    obj.notifyAll();
                }
            }
            if (expected >= 0 && pos < limit) {
                throw new Failed(502, "origin closed the connection after " + (pos - start) + " of " + expected + " bytes");
            }
            synchronized (obj) {
                if (expected < 0) { // chunked: the length is known at the end
                    obj.length = pos;
                    if (pos % bs != 0) finishBlock(block, md, counted, bs);
                    counted = false;
                }
                done = true;
                store.persist(obj);
                obj.notifyAll();
            }
        } finally {
            if (counted) store.unreserve(obj, bs); // a block that never became whole
        }
    }

    /** With obj's monitor held: block b is whole on disk. */
    private void finishBlock(int b, MessageDigest md, boolean counted, int bs) {
        byte[] d = md.digest();
        if (counted && obj.length >= 0) store.unreserve(obj, bs - obj.blockBytes(b)); // a short last block
        if (!obj.present.get(b)) {
            obj.present.set(b);
            obj.digests.put(b, d);
        } else if (!counted) {
            return; // written again over a block another fill had brought: already accounted
        }
        obj.verified.set(b);
        store.persist(obj);
    }

    /** The fill could not be started: whoever waits on it learns why. */
    void abandon(String why) {
        synchronized (obj) {
            error = new Failed(503, why);
            obj.fills.remove(this);
            if (obj.response == null) {
                obj.failure = why;
                obj.failureStatus = 503;
                store.unindex(obj);
            }
            obj.revalidating = false;
            obj.notifyAll();
        }
        store.release(obj);
    }

    private void fail(Failed e) {
        synchronized (obj) {
            error = e;
            if (obj.response == null) {
                obj.failure = e.getMessage();
                obj.failureStatus = e.status;
                store.unindex(obj);
            }
            obj.revalidating = false;
            obj.notifyAll();
        }
        store.counters.originErrors.incrementAndGet();
        LOG.log(System.Logger.Level.INFO, "activecdn: " + e.getMessage());
    }

    static long contentLength(List<Map.Entry<String, String>> fields) {
        for (Map.Entry<String, String> f : fields) {
            if (f.getKey().equalsIgnoreCase("Content-Length")) {
                long n = CacheControl.deltaSeconds(f.getValue().strip(), -1);
                return n >= 2147483648L ? parseLong(f.getValue().strip()) : n;
            }
        }
        return -1;
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /** Content-Range: bytes first-last/complete → {first, last, complete}; null when unusable. */
    static long[] contentRange(List<Map.Entry<String, String>> fields) {
        for (Map.Entry<String, String> f : fields) {
            if (!f.getKey().equalsIgnoreCase("Content-Range")) continue;
            String v = f.getValue().strip();
            if (!v.startsWith("bytes ")) return null;
            String[] p = v.substring(6).split("[-/]");
            try {
                long a = Long.parseLong(p[0].strip()), b = Long.parseLong(p[1].strip()), t = Long.parseLong(p[2].strip());
                return a <= b && b < t ? new long[] {a, b, t} : null;
            } catch (RuntimeException e) {
                return null;
            }
        }
        return null;
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        // Jetty's EOFException message is its connection's internals: say what happened
        if (t instanceof java.io.EOFException) return "the origin closed the connection mid-response";
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
