/*
 * ProcessingHandler — in-network video processing in front of the edge cache (paper §4.1,
 * the weather watermark): a request for PREFIX + target (e.g. /processed/video/a.mp4) is
 * answered with a variant of target made here — the original fetched through the cache
 * (so it is stored, and served unmarked at its own path), the local information's text
 * overlaid by the Processor — and stored under its own key,
 *
 *     processed:<processor>-<16 hex of SHA-256(text)> <target>
 *
 * so originals and variants are cached separately, and a new text (the weather changed)
 * makes a new variant while the old one ages out. Concurrent requests for one variant
 * make it once. A variant carries the original's freshness (it goes stale with it and is
 * made again then) and an ETag of its own. Every other path goes to the EdgeHandler.
 *
 * Errors reach the client before any byte of the variant (it is made whole first): the
 * original is not a processable type → 415; the origin failed, stalled or reset → that
 * fetch's status (502/504), and the store keeps only whole verified blocks of the original;
 * the original is not a video FFmpeg can decode → 502 saying so; no variant is stored.
 */
package org.netserv.apps.activecdn;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

final class ProcessingHandler extends Handler.Abstract {
    private static final System.Logger LOG = System.getLogger("netserv.activecdn");
    /** How long a request waits for another request's processing of the same variant. */
    private static final long WAIT_MS = 10 * 60_000;

    private final EdgeHandler edge;
    private final Store store;
    private final String prefix;
    private final InfoProvider info;
    private final Processor processor;
    private final Counters counters;
    private final Map<String, CompletableFuture<Void>> making = new ConcurrentHashMap<>();

    /** {@code prefix} starts and ends with "/" ("/processed/"). */
    ProcessingHandler(EdgeHandler edge, Store store, String prefix, InfoProvider info, Processor processor) {
        if (!prefix.startsWith("/") || !prefix.endsWith("/") || prefix.length() < 3) {
            throw new IllegalArgumentException("property wm_prefix must look like /processed/, not '" + prefix + "'");
        }
        this.edge = edge;
        this.store = store;
        this.prefix = prefix;
        this.info = info;
        this.processor = processor;
        this.counters = store.counters;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = request.getHttpURI().getPath();
        if (path == null || !path.startsWith(prefix)) return edge.handle(request, response, callback);
        try {
            String method = request.getMethod();
            if (!"GET".equals(method) && !"HEAD".equals(method)) {
                counters.clientErrors.incrementAndGet();
                response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
                throw new Fill.Failed(405, "ActiveCDN serves content: GET and HEAD only, not " + method);
            }
            String target = request.getHttpURI().getPathQuery().substring(prefix.length() - 1);
            serve(request, response, target);
            callback.succeeded();
        } catch (Throwable e) {
            int status = e instanceof Fill.Failed f ? f.status : 502;
            if (!(e instanceof Fill.Failed)) counters.processingErrors.incrementAndGet();
            if (response.isCommitted()) {
                callback.failed(e);
            } else {
                EdgeHandler.writeError(response, callback, status, e instanceof Fill.Failed ? e.getMessage() : "edge error: " + e);
            }
        }
        return true;
    }

    private void serve(Request request, Response response, String target) throws Exception {
        String text;
        try {
            text = info.text();
        } catch (IOException e) {
            counters.processingErrors.incrementAndGet();
            throw new Fill.Failed(502, "no local information to overlay: " + e.getMessage());
        }
        String key = variantKey(text, target);
        boolean noCache = request.getHeaders().getValuesList(HttpHeader.CACHE_CONTROL).stream()
                .anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("no-cache"));
        boolean hit = true;
        CachedObject v = noCache ? null : freshVariant(key, request);
        if (v == null) {
            v = make(key, target, text, Request.getRemoteAddr(request));
            hit = false;
        }
        try {
            edge.serveStored(request, response, v, hit, target);
        } finally {
            store.release(v);
        }
    }

    String variantKey(String text, String target) {
        String h = HexFormat.of().formatHex(CachedObject.sha256(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8))));
        return CachedObject.DERIVED_PREFIX + processor.name() + "-" + h.substring(0, 16) + " " + target;
    }

    /** The stored variant, pinned, when whole and fresh; null otherwise. */
    private CachedObject freshVariant(String key, Request request) {
        CachedObject v = store.acquire(key, false);
        if (v == null) return null;
        boolean usable;
        synchronized (v) {
            usable = v.response != null && v.complete() && !v.doomed
                    && Freshness.fresh(v.response, CacheControl.parse(request.getHeaders().getValuesList(HttpHeader.CACHE_CONTROL)),
                            System.currentTimeMillis());
        }
        if (usable) return v;
        store.release(v);
        return null;
    }

    /** Makes the variant (or waits for the request already making it); returns it pinned. */
    private CachedObject make(String key, String target, String text, String client) throws Exception {
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> other = making.putIfAbsent(key, mine);
        if (other != null) {
            try {
                other.get(WAIT_MS, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Fill.Failed f ? new Fill.Failed(f.status, f.getMessage())
                        : new Fill.Failed(502, "processing " + target + " failed: " + e.getCause().getMessage());
            } catch (TimeoutException e) {
                throw new Fill.Failed(504, "processing " + target + " takes too long");
            }
            counters.coalesced.incrementAndGet();
            CachedObject v = store.acquire(key, false);
            if (v != null) return v;
            throw new Fill.Failed(502, "the processed variant of " + target + " was evicted before it could be served");
        }
        Path original = null, variant = null;
        try {
            original = store.scratchFile("original-");
            variant = store.scratchFile("variant-");
            StoredResponse r = edge.fetchWhole(target, client, original);
            if (r.status() != 200) {
                throw new Fill.Failed(r.status() == 404 || r.status() == 410 ? r.status() : 502,
                        "origin answered " + r.status() + " for " + target);
            }
            String type = r.header("Content-Type");
            String outType = processor.outputType(type);
            if (outType == null) {
                counters.clientErrors.incrementAndGet();
                throw new Fill.Failed(415, target + " is " + (type == null ? "of no stated type" : type)
                        + ", not a video this edge processes (video/mp4, video/webm)");
            }
            if (r.header("Content-Encoding") != null && !r.header("Content-Encoding").equalsIgnoreCase("identity")) {
                throw new Fill.Failed(502, "origin sent " + target + " with Content-Encoding " + r.header("Content-Encoding"));
            }
            try {
                processor.process(original, variant, type, text);
            } catch (IOException e) {
                counters.processingErrors.incrementAndGet();
                throw new Fill.Failed(502, "cannot process " + target + ": " + e.getMessage());
            }
            CachedObject v = store.putComplete(key, variantResponse(r, outType, key), variant);
            variant = null; // moved into the store
            counters.processed.incrementAndGet();
            LOG.log(System.Logger.Level.INFO, "activecdn: made " + key + " (" + v.length + " bytes)");
            mine.complete(null);
            return v;
        } catch (Fill.Failed e) {
            mine.completeExceptionally(e);
            throw e;
        } catch (Exception e) {
            mine.completeExceptionally(e);
            throw new Fill.Failed(502, "processing " + target + " failed: " + e.getMessage());
        } finally {
            making.remove(key, mine);
            if (original != null) Files.deleteIfExists(original);
            if (variant != null) Files.deleteIfExists(variant);
        }
    }

    /** The original's fields and times (its freshness), with the variant's type and an ETag of its own. */
    private static StoredResponse variantResponse(StoredResponse original, String type, String key) {
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        for (Map.Entry<String, String> f : original.headers()) {
            String n = f.getKey().toLowerCase(Locale.ROOT);
            if (n.equals("content-type") || n.equals("etag") || n.equals("content-md5") || n.equals("digest")) continue;
            fields.add(f);
        }
        String tag = original.etag() == null ? original.lastModified() == null ? "" : original.lastModified() : original.etag();
        String h = HexFormat.of().formatHex(CachedObject.sha256(java.nio.ByteBuffer.wrap((key + "\n" + tag).getBytes(StandardCharsets.UTF_8))));
        fields.add(Map.entry("Content-Type", type));
        fields.add(Map.entry("ETag", "\"" + h.substring(0, 24) + "\""));
        fields.add(Map.entry("X-Processed", key.substring(CachedObject.DERIVED_PREFIX.length(), key.indexOf(' '))));
        return new StoredResponse(200, fields, original.requestTime(), original.responseTime());
    }
}
