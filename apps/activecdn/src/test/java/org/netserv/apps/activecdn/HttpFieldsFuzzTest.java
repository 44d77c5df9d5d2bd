package org.netserv.apps.activecdn;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.eclipse.jetty.http.HttpFields;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 item 9: the edge cache's own HTTP parsing — what Jetty hands it as field values of
 * client requests and origin responses: Range, Cache-Control (request and response), Date,
 * Expires, Last-Modified, Age, ETag / If-None-Match / If-Range, If-Modified-Since,
 * Accept-Encoding, Content-Length, Content-Range — never throws on any text and gives results
 * inside their contracts (a partial range lies inside the representation, a lifetime and an age
 * are not negative, a Content-Range is ordered). The bytes are read as an HTTP header block
 * ("Name: value" lines), used as the origin's response and as the client's request.
 * {@link #fuzz} is a Jazzer fuzz test (replays in {@code make test}, fuzzes with JAZZER_FUZZ=1);
 * {@link #boundedMutationRun} always runs seeded mutations of real requests and responses.
 */
class HttpFieldsFuzzTest {
    static final List<String> SEEDS = List.of(
            "GET /video/seg-0001.ts HTTP/1.1\r\nHost: cdn.example\r\nRange: bytes=0-499\r\n"
                    + "If-None-Match: \"abc\", W/\"def\"\r\nAccept-Encoding: gzip;q=1.0, br, identity;q=0\r\n"
                    + "Cache-Control: max-age=0, min-fresh=10\r\n\r\n",
            "GET /a HTTP/1.1\r\nRange: bytes=-500, 600-\r\nIf-Range: Wed, 21 Oct 2015 07:28:00 GMT\r\n"
                    + "If-Modified-Since: Sunday, 06-Nov-94 08:49:37 GMT\r\nCache-Control: only-if-cached, no-cache\r\n\r\n",
            "HTTP/1.1 200 OK\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\nCache-Control: public, s-maxage=600, max-age=\"60\"\r\n"
                    + "ETag: \"33a64df5\"\r\nLast-Modified: Sun Nov  6 08:49:37 1994\r\nAge: 12\r\nContent-Length: 1048576\r\n"
                    + "Content-Type: video/mp2t\r\nVary: Accept-Encoding\r\nConnection: keep-alive\r\n\r\n",
            "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes 0-499/1234\r\nContent-Length: 500\r\n"
                    + "Expires: 0\r\nCache-Control: private, no-store, must-revalidate\r\n\r\n",
            "HTTP/1.1 304 Not Modified\r\nDate: Wed, 21 Oct 2015 07:28:00 GMT\r\nETag: W/\"x\"\r\n"
                    + "Expires: Thu, 01 Dec 2094 16:00:00 GMT\r\nContent-Length: 99999999999999999999\r\n\r\n");
    static final long[] LENGTHS = {0, 1, 500, 1_048_576, Long.MAX_VALUE / 2};

    @FuzzTest(maxDuration = "20s")
    void fuzz(byte[] data) {
        check(data);
    }

    /** "Name: value" lines of the text (the first line and lines without a colon are skipped). */
    static List<Map.Entry<String, String>> fields(String text) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) out.add(Map.entry(line.substring(0, colon).strip(), line.substring(colon + 1)));
        }
        return out;
    }

    static void check(byte[] data) {
        String text = new String(data, StandardCharsets.ISO_8859_1);
        List<Map.Entry<String, String>> f = fields(text);
        StoredResponse r = new StoredResponse(200, StoredResponse.endToEnd(f), 1_000_000, 1_000_500);
        assertTrue(r.lifetime() >= 0, "lifetime");
        assertTrue(Freshness.currentAgeSeconds(r, 2_000_000) >= 0, "age");
        List<String> cc = new ArrayList<>();
        HttpFields.Mutable req = HttpFields.build();
        for (Map.Entry<String, String> e : f) {
            if (e.getKey().equalsIgnoreCase("Cache-Control")) cc.add(e.getValue());
            if (!e.getKey().isEmpty()) req.add(e.getKey(), e.getValue());
            String v = e.getValue();
            for (long len : LENGTHS) {
                ByteRange b = ByteRange.parse(v, len);
                assertNotNull(b);
                if (b.kind == ByteRange.Kind.PARTIAL) {
                    assertTrue(0 <= b.first && b.first <= b.last && b.last < len, "range inside the representation: " + v);
                }
            }
            CacheControl.splitList(v);
            CacheControl.deltaSeconds(v, -1);
            Freshness.date(v);
            EdgeHandler.ifRangeHolds(v, r);
        }
        Freshness.fresh(r, CacheControl.parse(cc), 1_000_600);
        EdgeHandler.notModified(req, r);
        EdgeHandler.normalizeEncoding(cc);
        EdgeHandler.normalizeEncoding(req.getValuesList("Accept-Encoding"));
        Fill.contentLength(f);
        long[] cr = Fill.contentRange(f);
        assertTrue(cr == null || (cr[0] <= cr[1] && cr[1] < cr[2]), "content range ordered");
        assertTrue(r.updatedBy(f, 1_000_700, 1_000_800).lifetime() >= 0);
    }

    @Test
    void seedsParse() {
        for (String s : SEEDS) check(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void boundedMutationRun() {
        SplittableRandom r = new SplittableRandom(0x9110);
        for (int i = 0; i < 20_000; i++) {
            check(mutate(SEEDS.get(r.nextInt(SEEDS.size())).getBytes(StandardCharsets.ISO_8859_1), r));
        }
    }

    /** A seeded mutation: bit flips, SIP/HTTP/STUN-significant bytes, truncation, duplicated slices. */
    static byte[] mutate(byte[] s, SplittableRandom r) {
        byte[] b = s.clone();
        final byte[] special = {':', '\r', '\n', ' ', '\t', ';', ',', '=', '"', '<', '>', '/', '-', '0', '9', 0, (byte) 0xff};
        for (int k = 1 + r.nextInt(4); k > 0 && b.length > 0; k--) {
            final int at = r.nextInt(b.length);
            switch (r.nextInt(6)) {
                case 0 -> b[at] ^= (byte) (1 << r.nextInt(8));
                case 1 -> b[at] = special[r.nextInt(special.length)];
                case 2 -> b = java.util.Arrays.copyOf(b, at);
                case 3 -> { // duplicate a slice (repeated headers, attributes, digits)
                    final int len = 1 + r.nextInt(Math.min(64, b.length - at));
                    final byte[] n = new byte[b.length + len];
                    System.arraycopy(b, 0, n, 0, at + len);
                    System.arraycopy(b, at, n, at + len, b.length - at);
                    b = n;
                }
                case 4 -> b[at] = (byte) r.nextInt(256);
                default -> { // delete a slice
                    final int len = 1 + r.nextInt(Math.min(16, b.length - at));
                    final byte[] n = new byte[b.length - len];
                    System.arraycopy(b, 0, n, 0, at);
                    System.arraycopy(b, at + len, n, at, b.length - at - len);
                    b = n;
                }
            }
        }
        return b;
    }
}
