package org.netserv.container.api;

/** A PktProcessor's decision about one packet. */
public enum Verdict {
    /** Pass on to the next module, then back to the forwarding plane (as modified). */
    FORWARD,
    /** Discard the packet. */
    DROP,
    /** The module has taken the packet (answered it, queued a copy...): stop here, send nothing. */
    CONSUME
}
