/*
 * CacheControl — the directives of one Cache-Control header set (RFC 9111 §5.2).
 *
 * Directive names are case-insensitive; a value may be a token or a quoted string.
 * Only the directives a shared cache acts on are kept; unknown ones are ignored, as
 * §5.2.3 asks. A malformed delta-seconds makes the directive count as absent, except
 * that a max-age we cannot read is treated as 0 (stale) — §4.2.1: "a cache ... SHOULD
 * consider the response to be stale".
 */
package org.netserv.apps.activecdn;

import java.util.List;
import java.util.Locale;

final class CacheControl {
    static final long ABSENT = -1;

    final boolean noStore, noCache, isPrivate, isPublic, mustRevalidate, onlyIfCached;
    /** max-age / s-maxage / max-stale / min-fresh in seconds, or {@link #ABSENT}. */
    final long maxAge, sMaxAge, minFresh;

    private CacheControl(boolean noStore, boolean noCache, boolean isPrivate, boolean isPublic, boolean mustRevalidate,
                         boolean onlyIfCached, long maxAge, long sMaxAge, long minFresh) {
        this.noStore = noStore;
        this.noCache = noCache;
        this.isPrivate = isPrivate;
        this.isPublic = isPublic;
        this.mustRevalidate = mustRevalidate;
        this.onlyIfCached = onlyIfCached;
        this.maxAge = maxAge;
        this.sMaxAge = sMaxAge;
        this.minFresh = minFresh;
    }

    /** Parses every Cache-Control field value of a message (they form one comma-separated list). */
    static CacheControl parse(List<String> values) {
        boolean noStore = false, noCache = false, priv = false, pub = false, mustRev = false, onlyIfCached = false;
        long maxAge = ABSENT, sMaxAge = ABSENT, minFresh = ABSENT;
        for (String v : values) {
            for (String d : splitList(v)) {
                int eq = d.indexOf('=');
                String name = (eq < 0 ? d : d.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
                String arg = eq < 0 ? null : unquote(d.substring(eq + 1).strip());
                switch (name) {
                    case "no-store" -> noStore = true;
                    // no-cache="field" only forbids reusing that field; we revalidate the whole response (stricter)
                    case "no-cache" -> noCache = true;
                    case "private" -> priv = true;
                    case "public" -> pub = true;
                    case "must-revalidate", "proxy-revalidate" -> mustRev = true;
                    case "only-if-cached" -> onlyIfCached = true;
                    case "max-age" -> maxAge = deltaSeconds(arg, 0);
                    case "s-maxage" -> sMaxAge = deltaSeconds(arg, 0);
                    case "min-fresh" -> minFresh = deltaSeconds(arg, ABSENT);
                    default -> { }
                }
            }
        }
        return new CacheControl(noStore, noCache, priv, pub, mustRev, onlyIfCached, maxAge, sMaxAge, minFresh);
    }

    /** delta-seconds (§1.2.2): digits only; too large saturates at 2^31 as the RFC says. */
    static long deltaSeconds(String s, long onError) {
        if (s == null || s.isEmpty()) return onError;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') return onError;
        }
        return s.length() > 10 ? 2147483648L : Math.min(Long.parseLong(s), 2147483648L);
    }

    /** Splits a comma-separated field value, keeping commas inside quoted strings. */
    static List<String> splitList(String v) {
        List<String> out = new java.util.ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"') quoted = !quoted;
            if (c == ',' && !quoted) {
                if (!cur.toString().isBlank()) out.add(cur.toString().strip());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (!cur.toString().isBlank()) out.add(cur.toString().strip());
        return out;
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
