package org.netserv.apps.activecdn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processing path (watermark) against a real origin over loopback, with FFmpeg from
 * the video building block doing the work and Debian's ffmpeg/ffprobe checking it.
 */
class ProcessingTest {
    static final int W = 320, H = 240;
    static final int BLOCK = 64 * 1024;

    @TempDir static Path clips;
    static byte[] mp4, webm;

    @TempDir Path dir;
    TestOrigin origin;
    Counters counters;
    Store store;
    Origin o;
    Server server;
    ThreadPoolExecutor pool;
    final AtomicReference<String> weather = new AtomicReference<>("Boston 21C sunny");
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void makeClips() throws Exception {
        Path a = clips.resolve("a.mp4"), b = clips.resolve("b.webm");
        run("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=" + W + "x" + H + ":rate=25", "-f", "lavfi",
                "-i", "sine=frequency=440", "-t", "2", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest",
                a.toString());
        run("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=" + W + "x" + H + ":rate=25", "-t", "1",
                "-c:v", "libvpx", "-b:v", "1M", b.toString());
        mp4 = Files.readAllBytes(a);
        webm = Files.readAllBytes(b);
    }

    @BeforeEach
    void up() throws Exception {
        origin = new TestOrigin();
        origin.put("/v/a.mp4", mp4).header("Content-Type", "video/mp4").header("Cache-Control", "max-age=600").header("ETag", "\"a1\"");
        origin.put("/v/b.webm", webm).header("Content-Type", "video/webm").header("Cache-Control", "max-age=600");
        origin.put("/v/notes.txt", "not a video".getBytes(StandardCharsets.UTF_8)).header("Content-Type", "text/plain");
        byte[] junk = new byte[200_000];
        new Random(3).nextBytes(junk);
        origin.put("/v/junk.mp4", junk).header("Content-Type", "video/mp4").header("Cache-Control", "max-age=600");
        counters = new Counters();
        store = new Store(dir.resolve("cache"), 64L << 20, BLOCK, counters);
        o = new Origin(URI.create(origin.url()), 2_000, 3_000, 1_000);
        pool = new ThreadPoolExecutor(0, 64, 5, TimeUnit.SECONDS, new SynchronousQueue<>());
        EdgeHandler edge = new EdgeHandler(store, o, pool, 1_000);
        InfoProvider info = weather::get;
        server = new Server();
        ServerConnector c = new ServerConnector(server, 1, 1);
        c.setHost("127.0.0.1");
        c.setPort(0);
        server.addConnector(c);
        server.setHandler(new ProcessingHandler(edge, store, "/processed/", info, new FfmpegWatermark()));
        server.start();
    }

    @AfterEach
    void down() throws Exception {
        server.stop();
        pool.shutdownNow();
        o.close();
        origin.close();
    }

    HttpResponse<byte[]> get(String path) throws Exception {
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(120)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    static String h(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).orElse("");
    }

    @Test
    void processedVariantIsMarkedPlayableAndCachedApartFromTheOriginal() throws Exception {
        HttpResponse<byte[]> r1 = get("/processed/v/a.mp4");
        assertEquals(200, r1.statusCode(), new String(r1.body(), StandardCharsets.UTF_8));
        assertEquals("MISS", h(r1, "X-Cache"));
        assertEquals("video/mp4", h(r1, "Content-Type"));
        assertTrue(h(r1, "X-Processed").startsWith("wm-"), h(r1, "X-Processed"));
        assertNotEquals("\"a1\"", h(r1, "ETag"));
        Path got = dir.resolve("got.mp4");
        Files.write(got, r1.body());
        assertEquals(List.of("video h264", "audio aac"), streams(got));
        Path orig = clips.resolve("a.mp4");
        assertTrue(meanDiff(frame(orig), frame(got), 0, 0, W / 2, H / 8) > 30, "no watermark in the top left of the first frame");
        assertTrue(meanDiff(frame(orig), frame(got), W / 2, H / 2, W / 2, H / 2) < 12, "the rest of the picture changed");

        HttpResponse<byte[]> r2 = get("/processed/v/a.mp4");
        assertEquals("HIT", h(r2, "X-Cache"));
        assertArrayEquals(r1.body(), r2.body());
        HttpResponse<byte[]> plain = get("/v/a.mp4");
        assertEquals("HIT", h(plain, "X-Cache"), "the original came into the cache with the processing fetch");
        assertArrayEquals(mp4, plain.body());
        assertEquals(1, origin.count("/v/a.mp4"));
        assertEquals(2, store.objects(), "original and variant stored apart");
        assertEquals(1, counters.processed.get());
    }

    @Test
    void variantAnswersRangesAndSurvivesARestartOfTheStore() throws Exception {
        byte[] whole = get("/processed/v/a.mp4").body();
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        HttpResponse<byte[]> part = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/processed/v/a.mp4"))
                .header("Range", "bytes=1000-1999").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(206, part.statusCode());
        assertArrayEquals(java.util.Arrays.copyOfRange(whole, 1000, 2000), part.body());
        // a new Store over the same directory (a container restart) finds the variant, whole and verified
        String key = new ProcessingHandler(null, store, "/processed/", weather::get, new FfmpegWatermark()).variantKey(weather.get(), "/v/a.mp4");
        Store again = new Store(dir.resolve("cache"), 64L << 20, BLOCK, new Counters());
        CachedObject v = again.acquire(key, false);
        assertTrue(v != null && v.complete(), "variant not found after a restart");
        byte[] stored = Files.readAllBytes(v.bodyPath());
        assertArrayEquals(whole, stored);
        for (int b = 0; b < v.blockCount(); b++) assertTrue(v.verify(b), "block " + b);
        again.release(v);
    }

    @Test
    void webmStaysWebm() throws Exception {
        HttpResponse<byte[]> r = get("/processed/v/b.webm");
        assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        assertEquals("video/webm", h(r, "Content-Type"));
        Path got = dir.resolve("got.webm");
        Files.write(got, r.body());
        assertEquals("video vp8", streams(got).get(0));
    }

    @Test
    void newTextMakesANewVariantAndKeepsTheOld() throws Exception {
        byte[] sunny = get("/processed/v/a.mp4").body();
        weather.set("Boston 3C snow");
        HttpResponse<byte[]> r = get("/processed/v/a.mp4");
        assertEquals("MISS", h(r, "X-Cache"));
        assertTrue(!java.util.Arrays.equals(sunny, r.body()));
        assertEquals(3, store.objects());
        assertEquals(1, origin.count("/v/a.mp4"), "the original came from the cache the second time");
    }

    @Test
    void concurrentRequestsMakeTheVariantOnce() throws Exception {
        ExecutorService ex = Executors.newFixedThreadPool(4);
        try {
            List<Future<HttpResponse<byte[]>>> fs = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) fs.add(ex.submit(() -> get("/processed/v/a.mp4")));
            byte[] first = null;
            for (Future<HttpResponse<byte[]>> f : fs) {
                HttpResponse<byte[]> r = f.get(180, TimeUnit.SECONDS);
                assertEquals(200, r.statusCode());
                if (first == null) first = r.body();
                assertArrayEquals(first, r.body());
            }
        } finally {
            ex.shutdownNow();
        }
        assertEquals(1, counters.processed.get());
        assertEquals(1, origin.count("/v/a.mp4"));
    }

    @Test
    void notAVideoTypeIs415AndNothingProcessedIsStored() throws Exception {
        HttpResponse<byte[]> r = get("/processed/v/notes.txt");
        assertEquals(415, r.statusCode());
        assertTrue(new String(r.body(), StandardCharsets.UTF_8).contains("text/plain, not a video this edge processes"));
        assertEquals(1, store.objects(), "only the original");
    }

    @Test
    void undecodableVideoIs502SayingSo() throws Exception {
        HttpResponse<byte[]> r = get("/processed/v/junk.mp4");
        assertEquals(502, r.statusCode());
        String msg = new String(r.body(), StandardCharsets.UTF_8);
        assertTrue(msg.contains("cannot process /v/junk.mp4: not a video FFmpeg can read"), msg);
        assertEquals(1, store.objects(), "only the original");
        assertEquals(1, counters.processingErrors.get());
        assertEquals(0, Files.list(dir.resolve("cache")).filter(p -> p.toString().endsWith(".tmp")).count(), "scratch files left");
    }

    @Test
    void missingOriginalIs404() throws Exception {
        assertEquals(404, get("/processed/v/none.mp4").statusCode());
    }

    @Test
    void originResetOrStallMidBodyIsAClearErrorAndTheCacheStaysConsistent() throws Exception {
        for (TestOrigin.Mode m : List.of(TestOrigin.Mode.RESET, TestOrigin.Mode.STALL)) {
            TestOrigin.Obj obj = origin.objects.get("/v/a.mp4");
            obj.mode = m;
            HttpResponse<byte[]> r = get("/processed/v/a.mp4");
            assertTrue(r.statusCode() == 502 || r.statusCode() == 504, m + ": " + r.statusCode());
            String msg = new String(r.body(), StandardCharsets.UTF_8);
            assertTrue(msg.contains("origin fetch of /v/a.mp4 failed: "
                    + (m == TestOrigin.Mode.RESET ? "the origin closed the connection mid-response" : "TimeoutException")), m + ": " + msg);
            assertEquals(0, counters.processed.get(), m + ": nothing processed from half a video");
            obj.mode = TestOrigin.Mode.NORMAL;
            // the store kept only whole verified blocks of the original: the next request completes it
            HttpResponse<byte[]> ok = get("/processed/v/a.mp4");
            assertEquals(200, ok.statusCode(), m + ": " + new String(ok.body(), StandardCharsets.UTF_8));
            assertArrayEquals(mp4, get("/v/a.mp4").body(), m + ": original byte-exact after the failure");
            Path got = dir.resolve("after-" + m + ".mp4");
            Files.write(got, ok.body());
            assertEquals("video h264", streams(got).get(0));
            // start the next mode from cold
            for (String k : List.of("/v/a.mp4")) {
                CachedObject c = store.acquire(k, false);
                if (c != null) {
                    store.unindex(c);
                    store.release(c);
                }
            }
            CachedObject v = store.acquire(new ProcessingHandler(null, store, "/processed/", () -> "x", new FfmpegWatermark())
                    .variantKey(weather.get(), "/v/a.mp4"), false);
            if (v != null) {
                store.unindex(v);
                store.release(v);
            }
            counters.processed.set(0);
        }
    }

    @Test
    void jsonInformationService() throws Exception {
        origin.put("/weather", "{\"city\": \"Boston\", \"temp_c\": -3.5, \"conditions\": \"light \\\"snow\\\"\"}".getBytes(StandardCharsets.UTF_8))
                .header("Content-Type", "application/json");
        origin.put("/plain", "Denver 12C\nsecond line".getBytes(StandardCharsets.UTF_8)).header("Content-Type", "text/plain");
        org.eclipse.jetty.client.HttpClient c = o.client;
        assertEquals("Boston -3.5 light \"snow\"", new HttpInfo(c, origin.url() + "/weather", List.of("city", "temp_c", "conditions"), 1000).text());
        assertEquals("Denver 12C", new HttpInfo(c, origin.url() + "/plain", List.of(), 1000).text());
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> new HttpInfo(c, origin.url() + "/nothing", List.of(), 1000).text());
        assertTrue(e.getMessage().contains("answered 404"), e.getMessage());
        // a service that fails after a good answer: the last good text holds
        HttpInfo flaky = new HttpInfo(c, origin.url() + "/plain", List.of(), 1);
        assertEquals("Denver 12C", flaky.text());
        origin.objects.remove("/plain");
        Thread.sleep(5);
        assertEquals("Denver 12C", flaky.text());
    }

    // ---------------------------------------------------------------- helpers (Debian's ffmpeg)

    static byte[] frame(Path video) throws Exception {
        Path raw = Files.createTempFile(clips, "frame", ".rgb");
        run("ffmpeg", "-v", "error", "-y", "-i", video.toString(), "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", raw.toString());
        byte[] b = Files.readAllBytes(raw);
        assertEquals(W * H * 3, b.length);
        return b;
    }

    static double meanDiff(byte[] a, byte[] b, int x, int y, int w, int hh) {
        long sum = 0;
        for (int r = y; r < y + hh; r++) {
            for (int col = x * 3; col < (x + w) * 3; col++) sum += Math.abs((a[r * W * 3 + col] & 0xff) - (b[r * W * 3 + col] & 0xff));
        }
        return (double) sum / (w * hh * 3);
    }

    static List<String> streams(Path video) throws Exception {
        String out = run("ffprobe", "-v", "error", "-show_entries", "stream=codec_type,codec_name", "-of", "csv=p=0", video.toString());
        return out.strip().lines().map(l -> l.split(",")[1] + " " + l.split(",")[0]).toList();
    }

    static String run(String... cmd) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException(cmd[0] + " is not installed (Debian package ffmpeg: run 'make deps')", e);
        }
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + text);
        return text;
    }
}
