package org.netserv.container.video;

import java.io.IOException;

/** A video could not be processed; the message says why in words a client can be shown. */
public class VideoException extends IOException {
    public VideoException(String message) {
        super(message);
    }

    public VideoException(String message, Throwable cause) {
        super(message, cause);
    }
}
