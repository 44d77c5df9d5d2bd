/*
 * PktProcessor — what a packet-processing module implements (paper §2.4).
 *
 * A module registers its PktProcessor as an OSGi service; the container's packet
 * dispatcher passes every packet diverted to the container through the registered
 * processors in turn (highest service.ranking first, then registration order).
 *
 * The packet is the dispatcher's own memory (a DirectByteBuffer view of the slot the
 * kernel wrote it into), handed over without a copy:
 *   - it starts at index 0 with the IPv4 header; limit() is its length and
 *     capacity() the room it may grow into;
 *   - modify it in place with absolute get/put; change its length with limit();
 *   - it is valid only during the call: copy out what you need to keep.
 *
 * Service property FILTER narrows what the module sees (PacketFilter syntax);
 * packets no module claims are forwarded unchanged. A module that throws is
 * isolated: the packet is forwarded as it is, the error counted and logged.
 */
package org.netserv.container.api;

import java.nio.ByteBuffer;

@FunctionalInterface
public interface PktProcessor {

    /** Service property: which packets this module sees, e.g. {@code "proto=udp dport=5060"}. */
    String FILTER = "netserv.filter";

    /**
     * Service property: a {@code java.util.function.Supplier<String>} giving the module's
     * own counters as {@code name=value} words (e.g. {@code "answered=12 passed=3"}); the
     * container appends them to the module's line in the control channel's STATUS reply.
     * A JDK type, so the container reads it without sharing any class with the module.
     */
    String STATUS = "netserv.status";

    /**
     * Service property: a {@code String}, the comma-separated names of the {@link #STATUS}
     * words that are gauges (go up and down, e.g. {@code "objects,bytes-stored"}); every
     * other numeric word is a counter. The controller's {@code /metrics} types them so
     * ({@code netserv_module_status} and {@code netserv_module_status_events_total}).
     */
    String STATUS_GAUGES = "netserv.status.gauges";

    /**
     * Processes one packet.
     *
     * @param packet  the IPv4 packet, index 0 .. limit()
     * @param context lets the module inject new packets
     * @return what happens to the packet next
     */
    Verdict process(ByteBuffer packet, PacketContext context);
}
