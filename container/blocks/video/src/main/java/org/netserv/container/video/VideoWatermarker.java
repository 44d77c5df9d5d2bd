/*
 * VideoWatermarker — the video building block (paper §2.4: wrappers for native code; §4.1:
 * ActiveCDN's weather watermark): decodes a video, blends a line of text onto every
 * frame and encodes the result as a playable MP4 (H.264 + AAC) or WebM (VP8 + Opus),
 * with FFmpeg's libraries through JavaCV/JavaCPP, inside the container's JVM (no
 * external program: the container may not execve).
 *
 * Audio is re-encoded alongside (the output container's codec); frames keep their order
 * and rate. A source FFmpeg cannot open, one without a video stream, or one that breaks
 * off mid-stream is a VideoException saying so; the destination is then removed.
 */
package org.netserv.container.video;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FFmpegLogCallback;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.FrameRecorder;
import org.netserv.container.video.internal.NativeCache;
import org.netserv.container.video.internal.TextOverlay;

public final class VideoWatermarker {
    /** What one run did. */
    public record Result(long videoFrames, long audioFrames, int width, int height, VideoFormat format) {}

    /** Bound on the frames of one video (about 30 minutes at 60 frames/s): a longer one is refused. */
    public static final long MAX_FRAMES = 108_000;

    static {
        NativeCache.configure();
    }

    private VideoWatermarker() {}

    /** Loads FFmpeg's libraries now (they are extracted on first use): a node can check at start. */
    public static String ffmpegVersion() throws VideoException {
        try {
            return avutil.av_version_info().getString();
        } catch (Throwable e) {
            throw new VideoException("FFmpeg's native libraries do not load here: " + e, e);
        }
    }

    /**
     * Writes {@code src} with {@code text} overlaid on every frame to {@code dst} as {@code format}.
     *
     * @throws VideoException when src is not a video FFmpeg can decode, or cannot be re-encoded
     */
    public static Result watermark(Path src, Path dst, String text, VideoFormat format) throws IOException {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("watermark text is empty");
        if (!Files.isRegularFile(src)) throw new VideoException("no such video file: " + src);
        ffmpegVersion();
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        boolean ok = false;
        try (FFmpegFrameGrabber in = new FFmpegFrameGrabber(src.toFile())) {
            in.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
            try {
                in.start();
            } catch (FrameGrabber.Exception e) {
                throw new VideoException("not a video FFmpeg can read: " + e.getMessage(), e);
            }
            if (!in.hasVideo() || in.getImageWidth() <= 0 || in.getImageHeight() <= 0) {
                throw new VideoException("no video stream in the source (" + in.getFormat() + ")");
            }
            int w = in.getImageWidth() & ~1, h = in.getImageHeight() & ~1; // 4:2:0 needs even sizes
            int channels = in.hasAudio() ? Math.min(2, Math.max(1, in.getAudioChannels())) : 0;
            TextOverlay overlay = TextOverlay.render(text, w, h);
            Result r = transcode(in, dst, format, w, h, channels, overlay);
            ok = true;
            return r;
        } catch (FrameGrabber.Exception | FrameRecorder.Exception e) {
            throw new VideoException("video processing failed: " + e.getMessage(), e);
        } finally {
            if (!ok) Files.deleteIfExists(dst);
        }
    }

    private static Result transcode(FFmpegFrameGrabber in, Path dst, VideoFormat format, int w, int h, int channels,
                                    TextOverlay overlay) throws IOException {
        long video = 0, audio = 0;
        try (FFmpegFrameRecorder out = new FFmpegFrameRecorder(dst.toFile(), w, h, channels)) {
            out.setFormat(format.muxer);
            double rate = in.getFrameRate() > 0 && in.getFrameRate() <= 240 ? in.getFrameRate() : 25;
            out.setFrameRate(rate);
            out.setGopSize((int) Math.max(1, Math.round(rate * 2)));
            out.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            // enough bits that the overlay's edges survive; at least what the source used
            out.setVideoBitrate(Math.max(in.getVideoBitrate(), Math.max(400_000, w * h * 4)));
            if (format == VideoFormat.MP4) {
                out.setVideoCodecName("libopenh264");
                out.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
                out.setOption("movflags", "+faststart"); // index first: playable while it downloads
            } else {
                out.setVideoCodecName("libvpx");
                out.setAudioCodecName("libopus");
            }
            if (channels > 0) {
                out.setSampleRate(format == VideoFormat.WEBM ? 48_000 : in.getSampleRate() > 0 ? in.getSampleRate() : 44_100);
                out.setAudioBitrate(128_000);
            }
            out.start();
            Frame f;
            while ((f = in.grab()) != null) {
                if (f.image != null && f.image.length > 0 && f.image[0] != null) {
                    if (++video > MAX_FRAMES) throw new VideoException("video longer than " + MAX_FRAMES + " frames: refused");
                    if (f.imageWidth < w || f.imageHeight < h) throw new VideoException("frame size changed mid-stream");
                    overlay.blendBgr24((ByteBuffer) f.image[0], f.imageStride);
                    out.record(f, avutil.AV_PIX_FMT_BGR24);
                } else if (f.samples != null && channels > 0) {
                    audio++;
                    out.record(f);
                }
            }
            if (video == 0) throw new VideoException("the source's video stream has no decodable frame");
            out.stop();
        }
        return new Result(video, audio, w, h, format);
    }

    /** FFmpeg's own log lines to the container log (debugging a source it refuses). */
    public static void logToContainer() {
        FFmpegLogCallback.set();
    }
}
