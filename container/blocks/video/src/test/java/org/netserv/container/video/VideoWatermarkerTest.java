package org.netserv.container.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netserv.container.video.internal.TextOverlay;

/**
 * Watermarks clips made by Debian's ffmpeg (an independent encoder), then checks the
 * result with Debian's ffprobe (valid container, expected codecs) and by decoding one
 * frame with Debian's ffmpeg: the overlay's box differs from the unmarked frame, the rest
 * of the picture does not (beyond re-encoding noise).
 */
class VideoWatermarkerTest {
    static final int W = 320, H = 240;
    static final String TEXT = "Boston 21C light rain";

    @TempDir
    static Path dir;
    static Path source;

    @BeforeAll
    static void makeClip() throws Exception {
        source = dir.resolve("source.mp4");
        run("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=" + W + "x" + H + ":rate=25",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100", "-t", "2", "-c:v", "libx264",
                "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", source.toString());
    }

    @Test
    void mp4IsH264AndAacAndCarriesTheText() throws Exception {
        Path out = dir.resolve("marked.mp4");
        VideoWatermarker.Result r = VideoWatermarker.watermark(source, out, TEXT, VideoFormat.MP4);
        assertEquals(W, r.width());
        assertTrue(r.videoFrames() >= 45, "frames: " + r.videoFrames());
        assertEquals(List.of("video h264", "audio aac"), streams(out));
        assertMarked(out);
    }

    @Test
    void webmIsVp8AndOpusAndCarriesTheText() throws Exception {
        Path out = dir.resolve("marked.webm");
        VideoWatermarker.watermark(source, out, TEXT, VideoFormat.WEBM);
        assertEquals(List.of("video vp8", "audio opus"), streams(out));
        assertMarked(out);
    }

    @Test
    void differentTextsGiveDifferentFrames() throws Exception {
        Path a = dir.resolve("a.mp4"), b = dir.resolve("b.mp4");
        VideoWatermarker.watermark(source, a, "Boston 21C", VideoFormat.MP4);
        VideoWatermarker.watermark(source, b, "Denver -3C", VideoFormat.MP4);
        TextOverlay box = TextOverlay.render(TEXT, W, H);
        assertTrue(meanDiff(frame(a), frame(b), box.x, box.y, box.width / 2, box.height) > 5, "the two texts look the same");
    }

    @Test
    void garbageIsNotAVideo() throws Exception {
        Path junk = dir.resolve("junk.mp4"), out = dir.resolve("junk-out.mp4");
        byte[] b = new byte[64 * 1024];
        new Random(7).nextBytes(b);
        Files.write(junk, b);
        VideoException e = assertThrows(VideoException.class, () -> VideoWatermarker.watermark(junk, out, TEXT, VideoFormat.MP4));
        assertTrue(e.getMessage().startsWith("not a video FFmpeg can read"), e.getMessage());
        assertFalse(Files.exists(out), "a failed run leaves no output behind");
    }

    @Test
    void audioOnlyHasNoVideoStream() throws Exception {
        Path wav = dir.resolve("tone.wav"), out = dir.resolve("tone-out.mp4");
        run("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "sine=frequency=440", "-t", "1", wav.toString());
        VideoException e = assertThrows(VideoException.class, () -> VideoWatermarker.watermark(wav, out, TEXT, VideoFormat.MP4));
        assertTrue(e.getMessage().startsWith("no video stream"), e.getMessage());
        assertFalse(Files.exists(out));
    }

    @Test
    void truncatedMp4IsRefused() throws Exception {
        // moov (the index) at the end, as ffmpeg writes by default: the first half cannot be opened
        byte[] whole = Files.readAllBytes(source);
        Path half = dir.resolve("half.mp4"), out = dir.resolve("half-out.mp4");
        Files.write(half, java.util.Arrays.copyOf(whole, whole.length / 2));
        assertThrows(VideoException.class, () -> VideoWatermarker.watermark(half, out, TEXT, VideoFormat.MP4));
        assertFalse(Files.exists(out));
    }

    @Test
    void emptyTextIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> VideoWatermarker.watermark(source, dir.resolve("x.mp4"), " ", VideoFormat.MP4));
    }

    @Test
    void contentTypes() {
        assertEquals(VideoFormat.MP4, VideoFormat.forContentType("video/MP4; codecs=avc1"));
        assertEquals(VideoFormat.WEBM, VideoFormat.forContentType("video/webm"));
        assertEquals(null, VideoFormat.forContentType("text/plain"));
    }

    /** The first frame: the overlay box differs from the unmarked frame, a far corner does not. */
    private static void assertMarked(Path marked) throws Exception {
        byte[] orig = frame(source), got = frame(marked);
        assertEquals(orig.length, got.length);
        TextOverlay box = TextOverlay.render(TEXT, W, H);
        double inBox = meanDiff(orig, got, box.x, box.y, box.width, box.height);
        double corner = meanDiff(orig, got, W / 2, H * 2 / 3, W / 2, H / 3);
        assertTrue(inBox > 30, "overlay region barely changed: mean difference " + inBox);
        assertTrue(corner < 12, "picture outside the overlay changed: mean difference " + corner);
    }

    /** First frame decoded by Debian's ffmpeg, raw RGB24. */
    static byte[] frame(Path video) throws Exception {
        Path raw = Files.createTempFile(dir, "frame", ".rgb");
        run("ffmpeg", "-v", "error", "-y", "-i", video.toString(), "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24",
                raw.toString());
        byte[] b = Files.readAllBytes(raw);
        assertEquals(W * H * 3, b.length, "decoded frame size");
        return b;
    }

    static double meanDiff(byte[] a, byte[] b, int x, int y, int w, int h) {
        long sum = 0;
        for (int r = y; r < y + h; r++) {
            for (int c = x * 3; c < (x + w) * 3; c++) {
                int i = r * W * 3 + c;
                sum += Math.abs((a[i] & 0xff) - (b[i] & 0xff));
            }
        }
        return (double) sum / (w * h * 3);
    }

    /** "video h264" / "audio aac" per stream, as Debian's ffprobe sees the file (it fails on an invalid one). */
    static List<String> streams(Path video) throws Exception {
        String out = run("ffprobe", "-v", "error", "-show_entries", "stream=codec_type,codec_name", "-of", "csv=p=0",
                video.toString());
        List<String> s = new ArrayList<>();
        for (String line : out.strip().split("\n")) {
            String[] f = line.split(",");
            s.add(f[1] + " " + f[0]);
        }
        return s;
    }

    static String run(String... cmd) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException(cmd[0] + " is not installed (Debian package ffmpeg: run 'make deps')", e);
        }
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), cmd[0] + " did not finish");
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + " failed: " + text);
        return text;
    }
}
