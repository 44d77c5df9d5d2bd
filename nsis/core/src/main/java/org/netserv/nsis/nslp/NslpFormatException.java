package org.netserv.nsis.nslp;

/** A malformed NetServ NSLP message. */
public final class NslpFormatException extends Exception {
    public NslpFormatException(String message) {
        super(message, null, false, false);
    }
}
