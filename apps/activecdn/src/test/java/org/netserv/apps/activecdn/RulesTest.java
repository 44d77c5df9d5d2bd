package org.netserv.apps.activecdn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The RFC 9111 / RFC 9110 arithmetic on its own, against the RFCs' own rules. */
class RulesTest {
    static final long NOW = 1_764_650_000_000L; // Tue, 02 Dec 2025 04:33:20 GMT

    static StoredResponse resp(long reqTime, long respTime, String... fields) {
        List<Map.Entry<String, String>> f = new ArrayList<>();
        for (int i = 0; i < fields.length; i += 2) f.add(Map.entry(fields[i], fields[i + 1]));
        return new StoredResponse(200, f, reqTime, respTime);
    }

    static CacheControl cc(String... v) { return CacheControl.parse(List.of(v)); }

    @Test
    void cacheControlDirectives() {
        CacheControl c = cc("Max-Age=60, s-maxage=\"30\"", "no-cache=\"Set-Cookie, X\", private");
        assertEquals(60, c.maxAge);
        assertEquals(30, c.sMaxAge);
        assertTrue(c.noCache);
        assertTrue(c.isPrivate);
        assertEquals(0, cc("max-age=abc").maxAge); // unreadable max-age: stale (§4.2.1)
        assertEquals(2147483648L, cc("max-age=99999999999999").maxAge);
        assertEquals(CacheControl.ABSENT, cc("public").maxAge);
    }

    @Test
    void lifetimeOrderSMaxAgeMaxAgeExpiresHeuristic() {
        String date = "Tue, 02 Dec 2025 04:33:20 GMT";
        assertEquals(30, Freshness.lifetimeSeconds(resp(NOW, NOW, "Cache-Control", "max-age=60, s-maxage=30")));
        assertEquals(60, Freshness.lifetimeSeconds(resp(NOW, NOW, "Cache-Control", "max-age=60", "Expires", "Tue, 02 Dec 2025 05:33:20 GMT")));
        assertEquals(3600, Freshness.lifetimeSeconds(resp(NOW, NOW, "Date", date, "Expires", "Tue, 02 Dec 2025 05:33:20 GMT")));
        assertEquals(0, Freshness.lifetimeSeconds(resp(NOW, NOW, "Date", date, "Expires", "0")));
        // heuristic: 10 % of (Date - Last-Modified) = 10 % of 10 h = 1 h
        assertEquals(3600, Freshness.lifetimeSeconds(resp(NOW, NOW, "Date", date, "Last-Modified", "Mon, 01 Dec 2025 18:33:20 GMT")));
        assertEquals(Freshness.HEURISTIC_CAP_S, Freshness.lifetimeSeconds(resp(NOW, NOW, "Date", date,
                "Last-Modified", "Mon, 01 Dec 2000 18:33:20 GMT")));
        assertEquals(0, Freshness.lifetimeSeconds(resp(NOW, NOW)));
    }

    @Test
    void currentAgeFollowsSection423() {
        // sent at NOW-2s, received at NOW-1s, Date says NOW-5s, Age 3: corrected_initial_age = max(4, 3+1) = 4
        StoredResponse r = resp(NOW - 2000, NOW - 1000, "Date", "Tue, 02 Dec 2025 04:33:15 GMT", "Age", "3");
        assertEquals(4 + 11, Freshness.currentAgeSeconds(r, NOW + 10_000)); // + resident 11 s
        assertEquals(0, Freshness.currentAgeSeconds(resp(NOW, NOW), NOW));
    }

    @Test
    void freshnessAgainstRequestDirectives() {
        StoredResponse r = resp(NOW, NOW, "Cache-Control", "max-age=100");
        assertTrue(Freshness.fresh(r, cc(), NOW + 50_000));
        assertFalse(Freshness.fresh(r, cc(), NOW + 100_000));
        assertFalse(Freshness.fresh(r, cc("max-age=10"), NOW + 50_000));
        assertFalse(Freshness.fresh(r, cc("min-fresh=60"), NOW + 50_000));
        assertFalse(Freshness.fresh(r, cc("no-cache"), NOW));
        assertFalse(Freshness.fresh(resp(NOW, NOW, "Cache-Control", "no-cache, max-age=100"), cc(), NOW));
    }

    @Test
    void notModifiedUpdateReplacesFieldsButKeepsTheRepresentations() {
        StoredResponse r = resp(NOW, NOW, "Content-Type", "video/mp4", "ETag", "\"a\"", "Cache-Control", "max-age=1", "Age", "9");
        StoredResponse u = r.updatedBy(List.of(Map.entry("Cache-Control", "max-age=60"), Map.entry("Content-Type", "text/x")),
                NOW + 5000, NOW + 5000);
        assertEquals("max-age=60", u.header("Cache-Control"));
        assertEquals("video/mp4", u.header("Content-Type"));
        assertEquals("\"a\"", u.etag());
        assertEquals(null, u.header("Age"));
        assertEquals(NOW + 5000, u.responseTime());
    }

    @Test
    void byteRanges() {
        ByteRange r = ByteRange.parse("bytes=0-499", 1000);
        assertEquals(ByteRange.Kind.PARTIAL, r.kind);
        assertEquals(500, r.length());
        assertEquals(900, ByteRange.parse("bytes=-100", 1000).first);
        assertEquals(999, ByteRange.parse("bytes=500-", 1000).last);
        assertEquals(999, ByteRange.parse("bytes=500-5000", 1000).last);
        assertEquals(0, ByteRange.parse("bytes=-5000", 1000).first);
        assertEquals(ByteRange.Kind.UNSATISFIABLE, ByteRange.parse("bytes=1000-", 1000).kind);
        assertEquals(ByteRange.Kind.UNSATISFIABLE, ByteRange.parse("bytes=-0", 1000).kind);
        assertEquals(ByteRange.Kind.NONE, ByteRange.parse("bytes=5-1", 1000).kind);       // invalid: ignored
        assertEquals(ByteRange.Kind.NONE, ByteRange.parse("bytes=a-b", 1000).kind);
        assertEquals(ByteRange.Kind.NONE, ByteRange.parse("items=0-1", 1000).kind);
        assertEquals(ByteRange.Kind.NONE, ByteRange.parse("bytes=0-1,3-4", 1000).kind);   // several: whole
        assertEquals(ByteRange.Kind.PARTIAL, ByteRange.parse("bytes=0-1,2000-3000", 1000).kind); // one satisfiable
        assertEquals(ByteRange.Kind.PARTIAL, ByteRange.parse(" bytes = 1-2 ", 1000).kind);
    }

    @Test
    void ifRangeNeedsAStrongMatch() {
        StoredResponse r = resp(NOW, NOW, "ETag", "\"x\"", "Last-Modified", "Mon, 01 Dec 2025 10:00:00 GMT");
        assertTrue(EdgeHandler.ifRangeHolds(null, r));
        assertTrue(EdgeHandler.ifRangeHolds("\"x\"", r));
        assertFalse(EdgeHandler.ifRangeHolds("W/\"x\"", r));
        assertFalse(EdgeHandler.ifRangeHolds("\"y\"", r));
        assertTrue(EdgeHandler.ifRangeHolds("Mon, 01 Dec 2025 10:00:00 GMT", r));
        assertFalse(EdgeHandler.ifRangeHolds("Mon, 01 Dec 2025 10:00:01 GMT", r));
    }

    @Test
    void acceptEncodingVariantKey() {
        assertEquals("br,gzip", EdgeHandler.normalizeEncoding(List.of("GZIP, br;q=0.5", "identity;q=0")));
        assertEquals("", EdgeHandler.normalizeEncoding(List.of()));
        assertEquals("gzip", EdgeHandler.normalizeEncoding(List.of("gzip;q=1.0, deflate;q=0")));
    }

    @Test
    void httpDatesInAllThreeFormats() {
        long t = Freshness.date("Sun, 06 Nov 1994 08:49:37 GMT");
        assertEquals(784111777000L, t);
        assertEquals(t, Freshness.date("Sunday, 06-Nov-94 08:49:37 GMT"));
        assertEquals(t, Freshness.date("Sun Nov  6 08:49:37 1994"));
        assertEquals(-1, Freshness.date("yesterday"));
    }
}
