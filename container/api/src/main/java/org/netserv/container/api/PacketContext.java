package org.netserv.container.api;

import java.nio.ByteBuffer;

/** What a PktProcessor may do besides returning a verdict. */
public interface PacketContext {

    /**
     * Sends a new packet into the forwarding plane, after the packet being processed.
     * The bytes [position, limit) of {@code packet} are copied; the buffer may be reused
     * at once.
     *
     * @return false if the packet is larger than a slot or shorter than an IPv4 header (nothing is sent)
     */
    boolean inject(ByteBuffer packet);
}
