/*
 * FfmpegWatermark — the watermark Processor: the container's video building block
 * (FFmpeg inside, org.netserv.container.video). MP4 stays MP4 (H.264), WebM stays WebM (VP8).
 * Only this class names the block's package, so a slot without the block runs the
 * plain cache: the Activator creates this only when watermarking is configured.
 */
package org.netserv.apps.activecdn;

import java.io.IOException;
import java.nio.file.Path;
import org.netserv.container.video.VideoFormat;
import org.netserv.container.video.VideoWatermarker;

final class FfmpegWatermark implements Processor {
    /** Loads FFmpeg's libraries now: a node whose block cannot run says so at install. */
    FfmpegWatermark() throws IOException {
        VideoWatermarker.ffmpegVersion();
    }

    static String version() throws IOException {
        return VideoWatermarker.ffmpegVersion();
    }

    @Override
    public String outputType(String contentType) {
        VideoFormat f = VideoFormat.forContentType(contentType);
        return f == null ? null : f.contentType;
    }

    @Override
    public void process(Path src, Path dst, String contentType, String text) throws IOException {
        VideoFormat f = VideoFormat.forContentType(contentType);
        if (f == null) throw new IOException(contentType + " is not a video format this edge processes");
        VideoWatermarker.watermark(src, dst, text, f);
    }

    @Override
    public String name() {
        return "wm";
    }
}
