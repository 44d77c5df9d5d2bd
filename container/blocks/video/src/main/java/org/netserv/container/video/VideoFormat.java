package org.netserv.container.video;

import java.util.Locale;

/** What a processed video is written as: containers whose codecs every browser plays. */
public enum VideoFormat {
    /** MP4 with H.264 video (OpenH264) and AAC audio. */
    MP4("mp4", "video/mp4"),
    /** WebM with VP8 video (libvpx) and Opus audio. */
    WEBM("webm", "video/webm");

    /** FFmpeg's muxer name. */
    public final String muxer;
    public final String contentType;

    VideoFormat(String muxer, String contentType) {
        this.muxer = muxer;
        this.contentType = contentType;
    }

    /** The format of a {@code Content-Type} value (parameters ignored), or null when none fits. */
    public static VideoFormat forContentType(String contentType) {
        if (contentType == null) return null;
        String t = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        for (VideoFormat f : values()) {
            if (f.contentType.equals(t)) return f;
        }
        return null;
    }
}
