/*
 * ClientLink — one client 5-tuple as the server sees it (RFC 8656 §2.2): the TURN
 * client's address and port, the server address and port it talks to, UDP or TCP.
 * An allocation belongs to exactly one link.
 */
package org.netserv.apps.mediarelay;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

abstract class ClientLink {
    final InetSocketAddress remote;
    /** The server address this client reached: the relayed address is taken on it. */
    final InetSocketAddress local;
    final int remoteIp, remotePort;
    Allocation allocation;

    ClientLink(InetSocketAddress remote, InetSocketAddress local) {
        this.remote = remote;
        this.local = local;
        // Inet4Address.hashCode() is the address itself: read without a byte[] copy
        this.remoteIp = remote.getAddress().hashCode();
        this.remotePort = remote.getPort();
    }

    /** Sends {@code b[position, limit)} as one message (a datagram, or bytes on the stream). */
    abstract void send(ByteBuffer b);

    /** TCP: ChannelData is padded to a multiple of 4 (RFC 8656 §12.5). */
    abstract boolean stream();

    /** Ends the link (TCP: closes the connection). */
    void close() {}

    @Override
    public String toString() {
        return (stream() ? "tcp:" : "udp:") + remote + "->" + local;
    }
}
