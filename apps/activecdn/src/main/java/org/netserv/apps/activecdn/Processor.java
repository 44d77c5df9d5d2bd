/*
 * Processor — what turns an original into a processed variant (the watermark through
 * the container's video building block; tests may plug in others).
 */
package org.netserv.apps.activecdn;

import java.io.IOException;
import java.nio.file.Path;

interface Processor {
    /** The Content-Type of the variant made from an original of {@code contentType}; null when not processable. */
    String outputType(String contentType);

    /** Writes the variant of {@code src} carrying {@code text} to {@code dst}. */
    void process(Path src, Path dst, String contentType, String text) throws IOException;

    /** A short name that goes into the variant's cache key ("wm"). */
    String name();
}
