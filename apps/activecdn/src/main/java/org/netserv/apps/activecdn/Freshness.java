/*
 * Freshness — RFC 9111 §4.2 arithmetic for a stored response, as a shared cache.
 *
 *   freshness_lifetime: s-maxage, else max-age, else Expires - Date, else the
 *                       heuristic (10 % of Date - Last-Modified, at most a day) — §4.2.1/§4.2.2
 *   current_age:        corrected_initial_age + resident_time — §4.2.3
 *   fresh:              freshness_lifetime > current_age (and the request's min-fresh /
 *                       max-age allow it, §5.2.1)
 *
 * All times are milliseconds since the epoch; HTTP dates have one-second resolution.
 */
package org.netserv.apps.activecdn;

import org.eclipse.jetty.http.HttpDateTime;

final class Freshness {
    static final long HEURISTIC_CAP_S = 24 * 3600;

    private Freshness() {}

    /** An HTTP-date in epoch milliseconds, or -1 when absent or malformed (§5.6.7, all three formats). */
    static long date(String value) {
        if (value == null || value.isBlank()) return -1;
        try {
            return HttpDateTime.parseToEpoch(value.strip());
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** Seconds the response stays fresh from its generation (§4.2.1); 0 when nothing makes it fresh. */
    static long lifetimeSeconds(StoredResponse r) {
        CacheControl cc = r.cacheControl();
        if (cc.sMaxAge != CacheControl.ABSENT) return cc.sMaxAge;
        if (cc.maxAge != CacheControl.ABSENT) return cc.maxAge;
        String expires = r.header("Expires");
        long dateMs = dateOrReceived(r);
        if (expires != null) {
            long e = date(expires);
            // an invalid Expires (e.g. "0") means already expired, §5.3
            return e < 0 ? 0 : Math.max(0, (e - dateMs) / 1000);
        }
        long lm = date(r.header("Last-Modified"));
        if (lm >= 0 && (r.status() == 200 || r.status() == 206) && !cc.isPrivate) {
            return Math.min(HEURISTIC_CAP_S, Math.max(0, (dateMs - lm) / 1000) / 10);
        }
        return 0;
    }

    /** current_age in seconds at {@code nowMs} (§4.2.3). */
    static long currentAgeSeconds(StoredResponse r, long nowMs) {
        long dateMs = dateOrReceived(r);
        long apparent = Math.max(0, r.responseTime() - dateMs);
        long responseDelay = Math.max(0, r.responseTime() - r.requestTime());
        long ageValue = CacheControl.deltaSeconds(r.header("Age") == null ? null : r.header("Age").strip(), 0) * 1000;
        long correctedAgeValue = ageValue + responseDelay;
        long correctedInitial = Math.max(apparent, correctedAgeValue);
        long resident = Math.max(0, nowMs - r.responseTime());
        return (correctedInitial + resident) / 1000;
    }

    /** Whether the stored response may be served without revalidation for this request. */
    static boolean fresh(StoredResponse r, CacheControl request, long nowMs) {
        if (r.cacheControl().noCache || request.noCache) return false;
        long age = currentAgeSeconds(r, nowMs);
        long lifetime = r.lifetime();
        if (request.maxAge != CacheControl.ABSENT && age > request.maxAge) return false;
        if (request.maxAge == 0) return false;
        long need = request.minFresh == CacheControl.ABSENT ? 0 : request.minFresh;
        return lifetime > age + need;
    }

    private static long dateOrReceived(StoredResponse r) {
        long d = r.dateMs();
        return d < 0 ? r.responseTime() : d;
    }
}
