package org.netserv.bridge;

import java.io.IOException;

/** The engine closed its end of a packet channel (restarted, or the element was removed). */
public final class PeerClosedException extends IOException {
    private static final long serialVersionUID = 1L;

    public PeerClosedException(String channel) {
        super("netserv-click closed packet channel " + channel);
    }
}
