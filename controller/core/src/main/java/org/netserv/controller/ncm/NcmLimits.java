package org.netserv.controller.ncm;

/** Bounds on what one NCM may occupy before it is even understood. */
public record NcmLimits(int maxLineBytes, int maxHeaders, int maxMessageBytes) {
    /** A SETUP with a long URL and properties fits easily; a flood of headers does not. */
    public static final NcmLimits DEFAULT = new NcmLimits(4096, 32, 16384);
}
