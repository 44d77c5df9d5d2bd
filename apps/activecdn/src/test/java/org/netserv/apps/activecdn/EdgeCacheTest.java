package org.netserv.apps.activecdn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The edge against a real origin over loopback sockets: one test per rule the cache keeps. */
class EdgeCacheTest {
    static final int BLOCK = 16 * 1024;

    @TempDir Path dir;
    TestOrigin origin;
    Edge edge;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** One edge instance: store over {@code dir}, Jetty on an ephemeral loopback port. */
    final class Edge implements AutoCloseable {
        final Counters counters = new Counters();
        final Store store;
        final Origin o;
        final Server server;
        final ThreadPoolExecutor pool;

        Edge(long capacity, long idleMs) throws Exception {
            store = new Store(dir.resolve("cache"), capacity, BLOCK, counters);
            o = new Origin(URI.create(origin.url()), 2_000, 3_000, idleMs);
            pool = new ThreadPoolExecutor(0, 64, 5, TimeUnit.SECONDS, new SynchronousQueue<>());
            server = new Server();
            ServerConnector c = new ServerConnector(server, 1, 1);
            c.setHost("127.0.0.1");
            c.setPort(0);
            server.addConnector(c);
            server.setHandler(new EdgeHandler(store, o, pool, idleMs));
            server.start();
        }

        int port() {
            return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        }

        @Override
        public void close() throws Exception {
            server.stop();
            pool.shutdownNow();
            o.close();
        }
    }

    @BeforeEach
    void up() throws Exception {
        origin = new TestOrigin();
        edge = new Edge(64L << 20, 1_000);
    }

    @AfterEach
    void down() throws Exception {
        edge.close();
        origin.close();
    }

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + edge.port() + path))
                .timeout(Duration.ofSeconds(20));
        for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String xcache(HttpResponse<?> r) {
        return r.headers().firstValue("X-Cache").orElse("");
    }

    // ---------------------------------------------------------------- hits, misses, coalescing

    @Test
    void firstRequestMissesSecondHits() throws Exception {
        byte[] body = random(100_000, 1);
        origin.put("/a", body).header("Cache-Control", "max-age=600").header("Content-Type", "application/octet-stream");
        HttpResponse<byte[]> r1 = get("/a");
        assertEquals(200, r1.statusCode());
        assertArrayEquals(body, r1.body());
        assertEquals("MISS", xcache(r1));
        HttpResponse<byte[]> r2 = get("/a");
        assertEquals("HIT", xcache(r2));
        assertArrayEquals(body, r2.body());
        assertEquals("application/octet-stream", r2.headers().firstValue("Content-Type").orElse(""));
        assertTrue(r2.headers().firstValue("Age").isPresent());
        assertEquals(1, origin.count("/a"));
        assertEquals(1, edge.counters.hits.get());
        assertEquals(1, edge.counters.misses.get());
        assertEquals(body.length, edge.counters.bytesFromOrigin.get());
        assertEquals(2L * body.length, edge.counters.bytesServed.get());
        assertEquals(1, edge.store.objects());
        String status = edge.counters.status(edge.store::objects, edge.store::used);
        assertTrue(status.contains("hits=1 misses=1"), status);
        assertTrue(status.contains("bytes-stored=100000 "), status);
    }

    @Test
    void concurrentColdRequestsCauseOneOriginFetch() throws Exception {
        byte[] body = random(300_000, 2);
        origin.put("/burst", body).header("Cache-Control", "max-age=600").delayMs = 300;
        ExecutorService clients = Executors.newFixedThreadPool(50);
        try {
            List<Future<HttpResponse<byte[]>>> all = new ArrayList<>();
            for (int i = 0; i < 50; i++) all.add(clients.submit(() -> get("/burst")));
            for (Future<HttpResponse<byte[]>> f : all) {
                HttpResponse<byte[]> r = f.get(30, TimeUnit.SECONDS);
                assertEquals(200, r.statusCode());
                assertArrayEquals(body, r.body());
            }
        } finally {
            clients.shutdownNow();
        }
        assertEquals(1, origin.count("/burst"));
        assertEquals(body.length, edge.counters.bytesFromOrigin.get());
        assertTrue(edge.counters.coalesced.get() > 0);
    }

    @Test
    void firstClientGetsBytesBeforeTheOriginFinished() throws Exception {
        byte[] body = random(1 << 20, 3);
        TestOrigin.Obj o = origin.put("/big", body).header("Cache-Control", "max-age=600");
        CountDownLatch release = new CountDownLatch(1);
        o.holdAfterFirstChunk = release;
        HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + edge.port() + "/big"))
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = r.body()) {
            byte[] first = in.readNBytes(1000); // the origin holds the rest until we release it
            assertArrayEquals(Arrays.copyOf(body, 1000), first);
            assertEquals(1, release.getCount(), "origin still holding back the rest of the body");
            release.countDown();
            byte[] rest = in.readAllBytes();
            assertArrayEquals(Arrays.copyOfRange(body, 1000, body.length), rest);
        }
    }

    // ---------------------------------------------------------------- ranges

    @Test
    void rangesAreServedFromTheStore() throws Exception {
        byte[] body = random(100_000, 4);
        origin.put("/r", body).header("Cache-Control", "max-age=600").header("ETag", "\"v1\"");
        get("/r");
        HttpResponse<byte[]> r = get("/r", "Range", "bytes=10-19");
        assertEquals(206, r.statusCode());
        assertEquals("bytes 10-19/100000", r.headers().firstValue("Content-Range").orElse(""));
        assertArrayEquals(Arrays.copyOfRange(body, 10, 20), r.body());
        assertArrayEquals(Arrays.copyOfRange(body, 99_900, 100_000), get("/r", "Range", "bytes=-100").body());
        assertArrayEquals(Arrays.copyOfRange(body, 50_000, 100_000), get("/r", "Range", "bytes=50000-").body());
        assertArrayEquals(Arrays.copyOfRange(body, 99_990, 100_000), get("/r", "Range", "bytes=99990-200000").body());
        HttpResponse<byte[]> bad = get("/r", "Range", "bytes=100000-");
        assertEquals(416, bad.statusCode());
        assertEquals("bytes */100000", bad.headers().firstValue("Content-Range").orElse(""));
        // If-Range: a matching strong validator keeps the range, another one gets the whole
        assertEquals(206, get("/r", "Range", "bytes=0-9", "If-Range", "\"v1\"").statusCode());
        HttpResponse<byte[]> whole = get("/r", "Range", "bytes=0-9", "If-Range", "\"v0\"");
        assertEquals(200, whole.statusCode());
        assertArrayEquals(body, whole.body());
        // several ranges: the whole representation (RFC 9110 §14.2 allows ignoring Range)
        assertEquals(200, get("/r", "Range", "bytes=0-1,5-6").statusCode());
        assertEquals(200, get("/r", "Range", "pages=1-2").statusCode());
        assertEquals(1, origin.count("/r"));
    }

    @Test
    void coldRangeFetchesOnlyTheBlocksItNeedsThenFillsTheRestOnDemand() throws Exception {
        byte[] body = random(10 * BLOCK, 5);
        origin.put("/p", body).header("Cache-Control", "max-age=600");
        HttpResponse<byte[]> r = get("/p", "Range", "bytes=" + (7 * BLOCK + 5) + "-" + (7 * BLOCK + 99));
        assertEquals(206, r.statusCode());
        assertArrayEquals(Arrays.copyOfRange(body, 7 * BLOCK + 5, 7 * BLOCK + 100), r.body());
        assertEquals(BLOCK, edge.counters.bytesFromOrigin.get()); // block 7 only
        // the whole object now: the missing blocks come from the origin, block 7 from the store
        HttpResponse<byte[]> all = get("/p");
        assertArrayEquals(body, all.body());
        assertEquals(10L * BLOCK, edge.counters.bytesFromOrigin.get());
        assertTrue(origin.log.stream().allMatch(l -> l.contains("range=bytes=")), origin.log.toString());
        assertArrayEquals(body, get("/p").body());
        assertEquals(10L * BLOCK, edge.counters.bytesFromOrigin.get());
    }

    // ---------------------------------------------------------------- freshness and revalidation

    @Test
    void staleResponseIsRevalidatedWithEtagAnd304UpdatesIt() throws Exception {
        byte[] body = random(5000, 6);
        // Age beyond max-age: stale the moment it is stored (no waiting in the test)
        origin.put("/e", body).header("Cache-Control", "max-age=10").header("Age", "11").header("ETag", "\"e1\"");
        assertEquals("MISS", xcache(get("/e")));
        HttpResponse<byte[]> r = get("/e");
        assertEquals("REVALIDATED", xcache(r));
        assertArrayEquals(body, r.body());
        assertEquals(1, origin.notModified.get());
        assertTrue(origin.log.get(1).contains("inm=\"e1\""), origin.log.toString());
        assertEquals(1, edge.counters.revalidations.get());
        assertEquals(body.length, edge.counters.bytesFromOrigin.get());
    }

    @Test
    void revalidationWithLastModified() throws Exception {
        String lm = "Mon, 01 Dec 2025 10:00:00 GMT";
        origin.put("/lm", random(3000, 7)).header("Cache-Control", "no-cache").header("Last-Modified", lm);
        get("/lm");
        assertEquals("REVALIDATED", xcache(get("/lm")));
        assertTrue(origin.log.get(1).contains("ims=" + lm), origin.log.toString());
    }

    @Test
    void revalidationAnsweredWith200ReplacesTheObject() throws Exception {
        TestOrigin.Obj o = origin.put("/v", random(4000, 8)).header("Cache-Control", "max-age=0").header("ETag", "\"a\"");
        get("/v");
        byte[] v2 = random(6000, 9);
        o.body = v2;
        o.headers.clear();
        o.header("Cache-Control", "max-age=600").header("ETag", "\"b\"");
        HttpResponse<byte[]> r = get("/v");
        assertArrayEquals(v2, r.body());
        assertEquals("HIT", xcache(get("/v")));
        assertArrayEquals(v2, get("/v").body());
        assertEquals(2, origin.count("/v"));
    }

    @Test
    void expiresDecidesFreshnessWithoutMaxAge() throws Exception {
        origin.put("/past", random(100, 10)).header("Expires", "Thu, 01 Jan 1970 00:00:00 GMT");
        origin.put("/future", random(100, 11)).header("Expires", "Fri, 01 Jan 2100 00:00:00 GMT");
        origin.put("/bogus", random(100, 12)).header("Expires", "0");
        for (String p : List.of("/past", "/future", "/bogus")) get(p);
        for (String p : List.of("/past", "/future", "/bogus")) get(p);
        assertEquals(2, origin.count("/past"), origin.log.toString());
        assertEquals(1, origin.count("/future"));
        assertEquals(2, origin.count("/bogus"));
    }

    @Test
    void noStoreAndPrivateAreNeverStored() throws Exception {
        origin.put("/ns", random(100, 13)).header("Cache-Control", "no-store");
        origin.put("/pv", random(100, 14)).header("Cache-Control", "private, max-age=600");
        for (int i = 0; i < 3; i++) {
            assertEquals(200, get("/ns").statusCode());
            assertEquals(200, get("/pv").statusCode());
        }
        assertEquals(3, origin.count("/ns"));
        assertEquals(3, origin.count("/pv"));
        assertEquals(0, edge.store.objects());
    }

    @Test
    void requestDirectives() throws Exception {
        origin.put("/q", random(100, 15)).header("Cache-Control", "max-age=600").header("ETag", "\"q\"");
        get("/q");
        assertEquals("REVALIDATED", xcache(get("/q", "Cache-Control", "no-cache")));
        assertEquals("REVALIDATED", xcache(get("/q", "Pragma", "no-cache")));
        assertEquals("REVALIDATED", xcache(get("/q", "Cache-Control", "max-age=0")));
        assertEquals("HIT", xcache(get("/q", "Cache-Control", "max-age=100")));
        assertEquals(200, get("/q", "Cache-Control", "no-store").statusCode()); // own fetch, not stored
        assertEquals(504, get("/nothing", "Cache-Control", "only-if-cached").statusCode());
        assertEquals(0, origin.count("/nothing"));
    }

    @Test
    void clientConditionalsAreAnsweredFromTheStore() throws Exception {
        String lm = "Mon, 01 Dec 2025 10:00:00 GMT";
        origin.put("/c", random(100, 16)).header("Cache-Control", "max-age=600").header("ETag", "W/\"c1\"")
                .header("Last-Modified", lm);
        get("/c");
        assertEquals(304, get("/c", "If-None-Match", "\"c1\"").statusCode()); // weak comparison
        assertEquals(200, get("/c", "If-None-Match", "\"other\"").statusCode());
        assertEquals(304, get("/c", "If-Modified-Since", lm).statusCode());
        assertEquals(200, get("/c", "If-Modified-Since", "Sun, 30 Nov 2025 10:00:00 GMT").statusCode());
        assertEquals(1, origin.count("/c"));
    }

    @Test
    void varyOnAcceptEncodingKeepsOneVariantPerEncoding() throws Exception {
        byte[] plain = "plain text body".getBytes(StandardCharsets.UTF_8);
        byte[] gz = random(50, 17);
        TestOrigin.Obj o = origin.put("/enc", plain).header("Cache-Control", "max-age=600").header("Vary", "Accept-Encoding");
        o.byEncoding = java.util.Map.of("gzip", gz);
        assertArrayEquals(gz, get("/enc", "Accept-Encoding", "gzip").body());
        assertArrayEquals(plain, get("/enc", "Accept-Encoding", "identity").body());
        assertArrayEquals(gz, get("/enc", "Accept-Encoding", "gzip").body());
        assertArrayEquals(plain, get("/enc", "Accept-Encoding", "identity").body());
        assertEquals("HIT", xcache(get("/enc", "Accept-Encoding", "GZIP")));
        assertEquals(2, origin.count("/enc"));
        assertEquals(2, edge.store.objects());
    }

    // ---------------------------------------------------------------- disk store

    @Test
    void storeSurvivesRestart() throws Exception {
        byte[] body = random(50_000, 18);
        origin.put("/keep", body).header("Cache-Control", "max-age=600");
        get("/keep");
        edge.close();
        edge = new Edge(64L << 20, 1_000);
        HttpResponse<byte[]> r = get("/keep");
        assertEquals("HIT", xcache(r));
        assertArrayEquals(body, r.body());
        assertEquals(1, origin.count("/keep"));
    }

    @Test
    void corruptOrTruncatedFilesAreRefetchedNeverServed() throws Exception {
        byte[] a = random(3 * BLOCK, 19), b = random(3 * BLOCK, 20);
        origin.put("/bad1", a).header("Cache-Control", "max-age=600");
        origin.put("/bad2", b).header("Cache-Control", "max-age=600");
        get("/bad1");
        get("/bad2");
        edge.close();
        List<Path> bodies;
        try (var s = Files.list(dir.resolve("cache"))) {
            bodies = s.filter(p -> p.toString().endsWith(".body")).sorted().toList();
        }
        assertEquals(2, bodies.size());
        byte[] f = Files.readAllBytes(bodies.get(0));
        f[BLOCK + 7] ^= 0x55; // one flipped byte in the second block
        Files.write(bodies.get(0), f);
        try (var ch = java.nio.channels.FileChannel.open(bodies.get(1), java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(2 * BLOCK + 10); // the last block cut short
        }
        edge = new Edge(64L << 20, 1_000);
        assertArrayEquals(a, get("/bad1").body());
        assertArrayEquals(b, get("/bad2").body());
        assertEquals(2, edge.counters.corrupt.get());
        assertEquals(2L * BLOCK, edge.counters.bytesFromOrigin.get()); // one block each, refetched by range
        assertArrayEquals(a, get("/bad1").body());
        assertEquals(2L * BLOCK, edge.counters.bytesFromOrigin.get());
    }

    @Test
    void unreadableMetaIsDropped() throws Exception {
        origin.put("/m", random(100, 21)).header("Cache-Control", "max-age=600");
        get("/m");
        edge.close();
        try (var s = Files.list(dir.resolve("cache"))) {
            for (Path p : s.filter(p -> p.toString().endsWith(".meta")).toList()) Files.writeString(p, "garbage\n");
        }
        edge = new Edge(64L << 20, 1_000);
        assertEquals(0, edge.store.objects());
        assertEquals("MISS", xcache(get("/m")));
    }

    @Test
    void leastRecentlyUsedIsEvictedUnderTheLimit() throws Exception {
        edge.close();
        edge = new Edge(4L * BLOCK, 1_000);
        for (String p : List.of("/l1", "/l2", "/l3", "/l4", "/l5")) {
            origin.put(p, random(BLOCK, p.hashCode())).header("Cache-Control", "max-age=600");
        }
        get("/l1");
        get("/l2");
        get("/l3");
        get("/l4");
        get("/l1");              // l1 used again: l2 is now the least recently used
        get("/l5");              // needs room: l2 goes
        assertTrue(edge.store.used() <= 4L * BLOCK);
        assertEquals("HIT", xcache(get("/l1")));
        assertEquals("MISS", xcache(get("/l2")));
        assertEquals(1, origin.count("/l1"));
        assertTrue(edge.counters.evictions.get() >= 1);
        long files;
        try (var s = Files.list(dir.resolve("cache"))) {
            files = s.filter(p -> p.toString().endsWith(".body")).count();
        }
        assertEquals(edge.store.objects(), files);
    }

    // ---------------------------------------------------------------- bad input

    @Test
    void objectLargerThanTheCacheIsAClearError() throws Exception {
        origin.put("/huge", random(1000, 22)).mode = TestOrigin.Mode.HUGE;
        HttpResponse<byte[]> r = get("/huge");
        assertEquals(502, r.statusCode());
        String msg = new String(r.body(), StandardCharsets.UTF_8);
        assertTrue(msg.contains("10737418240 bytes, more than this cache holds"), msg);
        assertEquals(0, edge.store.objects());
        assertEquals(0, edge.store.used());
    }

    @Test
    void originThatStallsOrResetsMidBodyAbortsThatClientOnly() throws Exception {
        byte[] body = random(4 * BLOCK, 23);
        for (TestOrigin.Mode m : List.of(TestOrigin.Mode.STALL, TestOrigin.Mode.RESET)) {
            String p = "/" + m;
            TestOrigin.Obj o = origin.put(p, body);
            o.header("Cache-Control", "max-age=600");
            o.mode = m;
            assertThrows(IOException.class, () -> get(p), m + ": the client must see a broken transfer, not a short 200");
            // the store kept only whole blocks; with the origin healthy again the object completes
            o.mode = TestOrigin.Mode.NORMAL;
            HttpResponse<byte[]> r = get(p);
            assertEquals(200, r.statusCode());
            assertArrayEquals(body, r.body());
            assertTrue(edge.store.used() >= 4L * BLOCK);
        }
        assertTrue(edge.counters.originErrors.get() >= 2);
    }

    @Test
    void chunkedOriginResponseIsStoredWithItsLength() throws Exception {
        byte[] body = random(3 * BLOCK + 100, 24);
        TestOrigin.Obj o = origin.put("/chunked", body);
        o.header("Cache-Control", "max-age=600");
        o.mode = TestOrigin.Mode.CHUNKED;
        assertArrayEquals(body, get("/chunked").body());
        HttpResponse<byte[]> r = get("/chunked");
        assertEquals("HIT", xcache(r));
        assertEquals(String.valueOf(body.length), r.headers().firstValue("Content-Length").orElse(""));
        assertArrayEquals(body, r.body());
    }

    @Test
    void originErrorsArePassedOnNotStored() throws Exception {
        assertEquals(404, get("/missing").statusCode());
        assertEquals(404, get("/missing").statusCode());
        assertEquals(2, origin.count("/missing"));
        assertEquals(0, edge.store.objects());
    }

    @Test
    void unreachableOriginIsA502() throws Exception {
        origin.close();
        HttpResponse<byte[]> r = get("/x");
        assertEquals(502, r.statusCode());
        assertTrue(new String(r.body(), StandardCharsets.UTF_8).contains("unreachable"));
        origin = new TestOrigin(); // for down()
    }

    @Test
    void malformedRequestsAndHeaderFloodsAreRefused() throws Exception {
        assertTrue(raw("GARBAGE\r\n\r\n").startsWith("HTTP/1.1 400"));
        assertTrue(raw("GET /a HTTP/1.1\r\nHost: x\r\nBad Header Line\r\n\r\n").startsWith("HTTP/1.1 400"));
        String big = "GET /a HTTP/1.1\r\nHost: x\r\n" + ("X-Flood: " + "a".repeat(1000) + "\r\n").repeat(100) + "\r\n";
        assertTrue(raw(big).startsWith("HTTP/1.1 431"), raw(big));
        assertTrue(raw("POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n").startsWith("HTTP/1.1 405"));
        assertEquals(0, origin.log.size());
    }

    private String raw(String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", edge.port())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            byte[] b = s.getInputStream().readNBytes(200);
            return new String(b, StandardCharsets.ISO_8859_1);
        } catch (java.net.SocketException e) {
            return "reset: " + e.getMessage();
        }
    }

    @Test
    void statusNamesEveryCounter() {
        String s = new Counters().status(() -> 3, () -> 4096);
        for (String k : List.of("hits=", "misses=", "revalidations=", "bytes-from-origin=", "bytes-served=", "objects=3",
                "bytes-stored=4096")) {
            assertTrue(s.contains(k), s);
        }
    }
}
