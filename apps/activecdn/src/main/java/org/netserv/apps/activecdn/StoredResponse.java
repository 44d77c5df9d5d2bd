/*
 * StoredResponse — the status and end-to-end header fields of a stored response, with
 * the times the cache sent the request and received the response (RFC 9111 §4.2.3).
 * Immutable: a 304 makes a new one (§4.3.4, the stored fields updated by the 304's).
 */
package org.netserv.apps.activecdn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

final class StoredResponse {
    /**
     * Not stored or forwarded as they are: hop-by-hop (RFC 9110 §7.6.1) and framing. Age is
     * stored (it is the age_value of §4.2.3) and replaced by the current age when served.
     */
    static final Set<String> NOT_STORED = Set.of("connection", "keep-alive", "proxy-connection", "te", "trailer",
            "transfer-encoding", "upgrade", "content-length", "content-range", "set-cookie",
            "proxy-authenticate", "proxy-authorization", "x-cache", "via");

    private final int status;
    private final List<Map.Entry<String, String>> headers;
    private final long requestTime, responseTime;
    private final CacheControl cacheControl;
    /** Parsed once: Date (or -1), the freshness lifetime in seconds. */
    private final long dateMs, lifetimeSeconds;

    StoredResponse(int status, List<Map.Entry<String, String>> headers, long requestTime, long responseTime) {
        this.status = status;
        this.headers = List.copyOf(headers);
        this.requestTime = requestTime;
        this.responseTime = responseTime;
        this.cacheControl = CacheControl.parse(values("Cache-Control"));
        this.dateMs = Freshness.date(header("Date"));
        this.lifetimeSeconds = Freshness.lifetimeSeconds(this);
    }

    long dateMs() { return dateMs; }

    long lifetime() { return lifetimeSeconds; }

    /** Keeps the end-to-end fields of an origin response. */
    static List<Map.Entry<String, String>> endToEnd(List<Map.Entry<String, String>> fields) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (Map.Entry<String, String> f : fields) {
            if (!NOT_STORED.contains(f.getKey().toLowerCase(Locale.ROOT))) out.add(Map.entry(f.getKey(), f.getValue()));
        }
        return out;
    }

    /** §4.3.4: the 304's fields replace the stored ones of the same name; times are the 304's. */
    StoredResponse updatedBy(List<Map.Entry<String, String>> notModified, long reqTime, long respTime) {
        List<Map.Entry<String, String>> fresh = endToEnd(notModified);
        // the origin answered just now: an Age the stored response came with no longer applies
        Set<String> replaced = new java.util.HashSet<>(Set.of("age"));
        for (Map.Entry<String, String> f : fresh) {
            // a 304's Content-* fields describe nothing: keep the stored representation's
            if (!f.getKey().toLowerCase(Locale.ROOT).startsWith("content-")) replaced.add(f.getKey().toLowerCase(Locale.ROOT));
        }
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (Map.Entry<String, String> f : headers) {
            if (!replaced.contains(f.getKey().toLowerCase(Locale.ROOT))) out.add(f);
        }
        for (Map.Entry<String, String> f : fresh) {
            if (replaced.contains(f.getKey().toLowerCase(Locale.ROOT))) out.add(f);
        }
        return new StoredResponse(status, out, reqTime, respTime);
    }

    int status() { return status; }

    List<Map.Entry<String, String>> headers() { return headers; }

    long requestTime() { return requestTime; }

    long responseTime() { return responseTime; }

    CacheControl cacheControl() { return cacheControl; }

    /** The first value of a field, or null. */
    String header(String name) {
        for (Map.Entry<String, String> f : headers) {
            if (f.getKey().equalsIgnoreCase(name)) return f.getValue();
        }
        return null;
    }

    List<String> values(String name) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> f : headers) {
            if (f.getKey().equalsIgnoreCase(name)) out.add(f.getValue());
        }
        return out;
    }

    String etag() { return header("ETag"); }

    String lastModified() { return header("Last-Modified"); }

    /** What Vary names, lower-case (RFC 9110 §12.5.5); "*" when it varies on everything. */
    Set<String> vary() {
        Set<String> out = new java.util.TreeSet<>();
        for (String v : values("Vary")) {
            for (String n : CacheControl.splitList(v)) out.add(n.toLowerCase(Locale.ROOT));
        }
        return out;
    }
}
