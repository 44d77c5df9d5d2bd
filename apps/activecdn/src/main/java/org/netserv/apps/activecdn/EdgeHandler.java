/*
 * EdgeHandler — the ActiveCDN edge: an HTTP/1.1 caching reverse proxy for one origin,
 * a Jetty handler mounted through the container's HTTP building block.
 *
 * Per request (GET or HEAD):
 *   1. look the target up (its Accept-Encoding variant when the origin's responses vary on it);
 *   2. nothing stored: the first request starts one origin fetch, every concurrent request
 *      for the same object waits for that fetch's response fields (request coalescing),
 *      then all stream the body from the store as it arrives (cache while serving);
 *   3. stored but stale (RFC 9111 §4.2) or the request says no-cache: one conditional
 *      request for all who ask at once; 304 updates the stored fields, 200 replaces the object;
 *   4. answer the client's own conditionals (If-None-Match, If-Modified-Since: 304) and
 *      Range / If-Range (206, 416) from the store; blocks the store lacks are fetched with
 *      a Range request of their own (partial objects filled on demand).
 * Errors before the status line is sent are a short text/plain response saying why;
 * after it, the connection is aborted (the client sees a short body, never wrong bytes).
 */
package org.netserv.apps.activecdn;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

final class EdgeHandler extends Handler.Abstract {
    private static final Pattern SIMPLE_RANGE = Pattern.compile("\\s*bytes\\s*=\\s*(\\d{1,18})\\s*-\\s*(\\d{0,18})\\s*");

    private enum Source { HIT, MISS, COALESCED, REVALIDATED, STALE }

    private final Store store;
    private final Origin origin;
    private final ExecutorService fills;
    private final long waitMs;
    private final Counters counters;

    EdgeHandler(Store store, Origin origin, ExecutorService fills, long idleTimeoutMs) {
        this.store = store;
        this.origin = origin;
        this.fills = fills;
        this.waitMs = Math.max(origin.headerTimeoutMs, idleTimeoutMs) + 5_000;
        this.counters = store.counters;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        try {
            if (!"GET".equals(method) && !"HEAD".equals(method)) {
                counters.clientErrors.incrementAndGet();
                response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
                throw new Fill.Failed(405, "ActiveCDN serves content: GET and HEAD only, not " + method);
            }
            String target = request.getHttpURI().getPathQuery();
            if (target == null || !target.startsWith("/")) {
                counters.clientErrors.incrementAndGet();
                throw new Fill.Failed(400, "request target must be an absolute path");
            }
            serve(request, response, target, "HEAD".equals(method));
            callback.succeeded();
        } catch (Fill.Failed e) {
            if (response.isCommitted()) {
                callback.failed(e);
            } else {
                writeError(response, callback, e.status, e.getMessage());
            }
        } catch (Throwable e) {
            if (response.isCommitted()) {
                callback.failed(e);
            } else {
                writeError(response, callback, 502, "edge error: " + e);
            }
        }
        return true;
    }

    static void writeError(Response response, Callback callback, int status, String message) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put("Via", "1.1 netserv-activecdn");
        response.write(true, ByteBuffer.wrap((status + " " + message + "\n").getBytes(StandardCharsets.UTF_8)), callback);
    }

    private void serve(Request request, Response response, String target, boolean head) throws Exception {
        HttpFields h = request.getHeaders();
        List<String> cc = h.getValuesList(HttpHeader.CACHE_CONTROL);
        if (cc.isEmpty() && h.getValuesList(HttpHeader.PRAGMA).stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("no-cache"))) {
            cc = List.of("no-cache"); // RFC 9111 §5.4
        }
        CacheControl reqCC = CacheControl.parse(cc);
        String encoding = normalizeEncoding(h.getValuesList(HttpHeader.ACCEPT_ENCODING));
        String client = Request.getRemoteAddr(request);
        Settled s = settle(h, reqCC, target, encoding, client);
        try {
            count(s.source);
            respond(request, response, s.obj, s.source, target, encoding, client, head);
        } finally {
            store.release(s.obj);
        }
    }

    /** The stored object that answers a request, pinned (the caller releases it), and how it was had. */
    private record Settled(CachedObject obj, Source source) {}

    private Settled settle(HttpFields h, CacheControl reqCC, String target, String encoding, String client) throws Exception {
        Object me = new Object();
        boolean privateFetch = reqCC.noStore;
        boolean replaced = false; // a revalidation brought a new representation: serve it as it is
        for (int attempt = 0; attempt < 4; attempt++) {
            CachedObject obj;
            if (privateFetch) {
                obj = store.privateObject(target);
            } else {
                obj = store.acquire(store.keyFor(target, encoding), !reqCC.onlyIfCached);
                if (obj == null) throw new Fill.Failed(504, "not in the cache (request said only-if-cached)");
            }
            boolean keep = false;
            try {
                Source source;
                synchronized (obj) {
                    source = Source.HIT;
                    if (replaced) source = Source.MISS;
                    if (obj.response == null && obj.fills.isEmpty() && obj.failure == null) {
                        obj.owner = me;
                        source = Source.MISS;
                        start(firstFill(obj, target, encoding, client, h.get(HttpHeader.RANGE)));
                    } else if (obj.response == null) {
                        source = Source.COALESCED;
                    }
                    awaitResponse(obj);
                    if (obj.privateCopy && obj.owner != me) {
                        privateFetch = true; // not storable: this request needs its own fetch (RFC 9111 §4)
                        continue;
                    }
                    if (!obj.privateCopy && !obj.key.equals(store.keyFor(target, encoding))) {
                        continue; // the response varies on Accept-Encoding and ours differs: another variant
                    }
                    if (source == Source.HIT && !Freshness.fresh(obj.response, reqCC, System.currentTimeMillis())) {
                        if (reqCC.onlyIfCached) throw new Fill.Failed(504, "stored response is stale (request said only-if-cached)");
                        StoredResponse before = obj.response;
                        revalidate(obj, target, encoding, client);
                        if (obj.doomed) { // a new representation replaced it: serve that
                            replaced = true;
                            continue;
                        }
                        if (obj.response == before) { // origin unreachable: stale only where allowed (§4.2.4)
                            if (before.cacheControl().mustRevalidate || before.cacheControl().noCache) {
                                throw new Fill.Failed(504, "stored response is stale and the origin cannot revalidate it");
                            }
                            source = Source.STALE;
                        } else {
                            source = Source.REVALIDATED;
                        }
                    }
                }
                keep = true;
                return new Settled(obj, source);
            } finally {
                if (!keep) store.release(obj);
            }
        }
        throw new Fill.Failed(502, "could not settle which stored response answers " + target);
    }

    /**
     * The whole of {@code target} (identity encoding) through the cache — a hit, or one
     * origin fetch that also stores it — copied to {@code dst}; for the processing path.
     * Returns the stored response; its body is copied only when the status is 200.
     */
    StoredResponse fetchWhole(String target, String client, Path dst) throws Exception {
        Settled s = settle(HttpFields.EMPTY, CacheControl.parse(List.of()), target, "", client);
        try {
            count(s.source);
            StoredResponse r;
            long length;
            synchronized (s.obj) {
                r = s.obj.response;
                length = s.obj.length;
            }
            if (r.status() != 200) return r;
            try (FileChannel out = FileChannel.open(dst, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                stream((buf, end) -> {
                    while (buf.hasRemaining()) out.write(buf);
                }, s.obj, 0, length >= 0 ? length - 1 : -1, target, "", client);
            }
            return r;
        } finally {
            store.release(s.obj);
        }
    }

    /** Answers a request from an object already stored and whole (a processed variant). */
    void serveStored(Request request, Response response, CachedObject obj, boolean hit, String target) throws Exception {
        Source source = hit ? Source.HIT : Source.MISS;
        count(source);
        respond(request, response, obj, source, target, "", Request.getRemoteAddr(request), "HEAD".equals(request.getMethod()));
    }

    private void count(Source s) {
        switch (s) {
            case HIT, REVALIDATED, STALE -> counters.hits.incrementAndGet();
            case MISS -> counters.misses.incrementAndGet();
            case COALESCED -> {
                counters.misses.incrementAndGet();
                counters.coalesced.incrementAndGet();
            }
        }
    }

    /** The first fetch of an object: whole, or from the block a far Range starts in. */
    private Fill firstFill(CachedObject obj, String target, String encoding, String client, String range) {
        Matcher m = range == null ? null : SIMPLE_RANGE.matcher(range);
        if (m != null && m.matches()) {
            long a = Long.parseLong(m.group(1));
            long s = obj.blockStart(obj.blockOf(a));
            if (s > 0) {
                long e = Long.MAX_VALUE;
                if (!m.group(2).isEmpty() && Long.parseLong(m.group(2)) >= a) {
                    e = obj.blockStart(obj.blockOf(Long.parseLong(m.group(2))) + 1) - 1;
                }
                return new Fill(store, origin, Fill.Kind.RANGE, obj, target, encoding, client, s, e);
            }
        }
        return new Fill(store, origin, Fill.Kind.FULL, obj, target, encoding, client, 0, Long.MAX_VALUE);
    }

    /** With obj's monitor held. */
    private void start(Fill f) throws Fill.Failed {
        try {
            fills.execute(f);
        } catch (RejectedExecutionException e) {
            f.abandon("too many origin fetches in progress");
            throw new Fill.Failed(503, "too many origin fetches in progress; try again");
        }
    }

    /** With obj's monitor held: waits for the response fields of the object's first fetch. */
    private void awaitResponse(CachedObject obj) throws Exception {
        long deadline = System.currentTimeMillis() + waitMs;
        while (obj.response == null && obj.failure == null) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) throw new Fill.Failed(504, "origin did not answer in time");
            obj.wait(left);
        }
        if (obj.response == null) throw new Fill.Failed(obj.failureStatus, obj.failure);
    }

    /** With obj's monitor held: one conditional request for everyone who finds obj stale. */
    private void revalidate(CachedObject obj, String target, String encoding, String client) throws Exception {
        if (!obj.revalidating) {
            obj.revalidating = true;
            start(new Fill(store, origin, Fill.Kind.CONDITIONAL, obj, target, encoding, client, 0, Long.MAX_VALUE));
        }
        long deadline = System.currentTimeMillis() + waitMs;
        while (obj.revalidating) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) throw new Fill.Failed(504, "origin did not answer the revalidation in time");
            obj.wait(left);
        }
    }

    private void respond(Request request, Response response, CachedObject obj, Source source, String target,
                         String encoding, String client, boolean head) throws Exception {
        StoredResponse r;
        long length;
        synchronized (obj) {
            r = obj.response;
            length = obj.length;
        }
        HttpFields req = request.getHeaders();
        int status = r.status();
        long first = 0, last = length - 1;
        HttpFields.Mutable out = response.getHeaders();
        java.util.Set<String> named = new java.util.HashSet<>();
        for (Map.Entry<String, String> f : r.headers()) {
            // the stored Date and Server replace the ones this server put in; repeated fields stay repeated
            if (named.add(f.getKey().toLowerCase(Locale.ROOT))) out.put(f.getKey(), f.getValue());
            else out.add(f.getKey(), f.getValue());
        }
        if (!obj.privateCopy) out.put(HttpHeader.AGE, Long.toString(Freshness.currentAgeSeconds(r, System.currentTimeMillis())));
        out.add("Via", "1.1 netserv-activecdn");
        out.put("X-Cache", source.name());
        if (status == 200 && !obj.privateCopy) {
            if (notModified(req, r)) {
                for (String f : List.of("Content-Type", "Content-Encoding", "Content-Language", "Content-Location")) out.remove(f);
                response.setStatus(304);
                writeBlocking(response, true, ByteBuffer.allocate(0));
                return;
            }
            if (length >= 0) {
                out.put(HttpHeader.ACCEPT_RANGES, "bytes");
                String range = req.get(HttpHeader.RANGE);
                if (range != null && ifRangeHolds(req.get(HttpHeader.IF_RANGE), r)) {
                    ByteRange br = ByteRange.parse(range, length);
                    if (br.kind == ByteRange.Kind.UNSATISFIABLE) {
                        out.put(HttpHeader.CONTENT_RANGE, "bytes */" + length);
                        counters.clientErrors.incrementAndGet();
                        out.remove(HttpHeader.CONTENT_TYPE);
                        out.put(HttpHeader.CONTENT_LENGTH, "0");
                        response.setStatus(416);
                        writeBlocking(response, true, ByteBuffer.allocate(0));
                        return;
                    }
                    if (br.kind == ByteRange.Kind.PARTIAL) {
                        status = 206;
                        first = br.first;
                        last = br.last;
                        out.put(HttpHeader.CONTENT_RANGE, "bytes " + first + "-" + last + "/" + length);
                    }
                }
            }
        }
        response.setStatus(status);
        if (length >= 0) out.put(HttpHeader.CONTENT_LENGTH, Long.toString(last - first + 1));
        if (head || status == 304 || status == 204) {
            writeBlocking(response, true, ByteBuffer.allocate(0));
            return;
        }
        if (!stream((buf, end) -> writeBlocking(response, end, buf), obj, first, length >= 0 ? last : -1, target, encoding, client)) {
            writeBlocking(response, true, ByteBuffer.allocate(0));
        }
    }

    /** RFC 9110 §13.1.2 / §13.1.3 (weak comparison for If-None-Match; IMS only without INM). */
    static boolean notModified(HttpFields req, StoredResponse r) {
        List<String> inm = req.getValuesList(HttpHeader.IF_NONE_MATCH);
        if (!inm.isEmpty()) {
            String etag = r.etag();
            if (etag == null) return false;
            for (String v : inm) {
                for (String t : CacheControl.splitList(v)) {
                    if (t.equals("*") || weak(t).equals(weak(etag))) return true;
                }
            }
            return false;
        }
        long ims = Freshness.date(req.get(HttpHeader.IF_MODIFIED_SINCE));
        long lm = Freshness.date(r.lastModified());
        return ims >= 0 && lm >= 0 && lm <= ims;
    }

    /** RFC 9110 §13.1.5: Range applies when If-Range is absent or matches strongly. */
    static boolean ifRangeHolds(String ifRange, StoredResponse r) {
        if (ifRange == null) return true;
        String v = ifRange.strip();
        if (v.startsWith("\"") || v.startsWith("W/")) {
            return !v.startsWith("W/") && r.etag() != null && !r.etag().startsWith("W/") && v.equals(r.etag());
        }
        long d = Freshness.date(v), lm = Freshness.date(r.lastModified());
        return d >= 0 && lm >= 0 && d == lm;
    }

    private static String weak(String etag) {
        String t = etag.strip();
        return t.startsWith("W/") ? t.substring(2) : t;
    }

    /**
     * Accept-Encoding reduced to what selects a variant: the codings with q > 0, lower
     * case, sorted ("br,gzip"); "" when absent.
     */
    static String normalizeEncoding(List<String> values) {
        TreeSet<String> codings = new TreeSet<>();
        for (String v : values) {
            for (String item : CacheControl.splitList(v)) {
                String[] p = item.split(";");
                String coding = p[0].strip().toLowerCase(Locale.ROOT);
                boolean zero = false;
                for (int i = 1; i < p.length; i++) {
                    String q = p[i].strip().toLowerCase(Locale.ROOT);
                    if (q.startsWith("q=")) {
                        try {
                            zero = Double.parseDouble(q.substring(2)) <= 0;
                        } catch (NumberFormatException e) {
                            zero = false;
                        }
                    }
                }
                if (!coding.isEmpty() && !zero) codings.add(coding);
            }
        }
        return String.join(",", codings);
    }

    /** A copy buffer per handler thread: each write is waited for before the buffer is used again. */
    private static final ThreadLocal<ByteBuffer> BUFFER = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(128 * 1024));

    /**
     * Streams bytes [first, last] (last -1: to the end, length not yet known) of obj;
     * true when the last write already ended the response.
     */
    /** Where streamed bytes go: the client's response, or a file for the processing path. */
    private interface Sink {
        void write(ByteBuffer data, boolean last) throws IOException;
    }

    private boolean stream(Sink sink, CachedObject obj, long first, long last, String target, String encoding,
                        String client) throws Exception {
        FileChannel ch = obj.channel();
        ByteBuffer buf = BUFFER.get();
        long pos = first;
        Fill waitedOn = null;
        while (true) {
            long upto;
            synchronized (obj) {
                long deadline = System.currentTimeMillis() + waitMs;
                while (true) {
                    long stop = last >= 0 ? last : obj.length >= 0 ? obj.length - 1 : Long.MAX_VALUE;
                    if (pos > stop) return false;
                    int b = obj.blockOf(pos);
                    if (obj.present.get(b)) {
                        if (obj.verify(b)) {
                            upto = Math.min(stop, obj.blockStart(b) + obj.blockBytes(b) - 1);
                            break;
                        }
                        counters.corrupt.incrementAndGet(); // dropped by verify: fetched again below
                        store.unreserve(obj, obj.blockBytes(b));
                        store.persist(obj);
                        continue;
                    }
                    Fill f = obj.fillCovering(pos);
                    if (f != null) {
                        waitedOn = f;
                        if (f.progress() > pos) {
                            upto = Math.min(stop, f.progress() - 1);
                            break;
                        }
                        long left = deadline - System.currentTimeMillis();
                        if (left <= 0) throw new Fill.Failed(504, "origin stalled");
                        obj.wait(Math.min(left, 1000));
                        continue;
                    }
                    if (waitedOn != null && waitedOn.error() != null) throw waitedOn.error();
                    if (obj.derived()) { // made here, not fetched: a lost block means making it again
                        store.unindex(obj);
                        throw new Fill.Failed(502, "stored processed variant of " + target + " lost a block; it is made again on the next request");
                    }
                    if (obj.length < 0 || obj.privateCopy || obj.doomed) {
                        throw new Fill.Failed(502, "origin fetch of " + target + " ended early");
                    }
                    // a hole: fetch the blocks this request still needs, up to the next stored block
                    long e = Math.min(obj.length - 1, obj.blockStart(obj.blockOf(stop) + 1) - 1);
                    int next = obj.present.nextSetBit(b);
                    if (next >= 0) e = Math.min(e, obj.blockStart(next) - 1);
                    waitedOn = new Fill(store, origin, Fill.Kind.RANGE, obj, target, encoding, client, obj.blockStart(b), e);
                    start(waitedOn);
                }
            }
            while (pos <= upto) {
                buf.clear().limit((int) Math.min(buf.capacity(), upto - pos + 1));
                int n = ch.read(buf, pos);
                if (n <= 0) throw new IOException("cache file of " + target + " is shorter than its blocks say");
                buf.flip();
                pos += n;
                counters.bytesServed.addAndGet(n);
                boolean end = last >= 0 && pos > last;
                sink.write(buf, end);
                if (end) return true;
            }
        }
    }

    private static void writeBlocking(Response response, boolean last, ByteBuffer data) throws IOException {
        Callback.Completable done = new Callback.Completable();
        response.write(last, data, done);
        try {
            done.get();
        } catch (ExecutionException e) {
            throw new IOException("client went away: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
