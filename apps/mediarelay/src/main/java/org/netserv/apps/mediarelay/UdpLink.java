/* UdpLink — a UDP client 5-tuple: datagrams to the client go out of the listening socket. */
package org.netserv.apps.mediarelay;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

final class UdpLink extends ClientLink {
    private final DatagramChannel listener;
    long sendErrors;

    UdpLink(DatagramChannel listener, InetSocketAddress remote, InetSocketAddress local) {
        super(remote, local);
        this.listener = listener;
    }

    @Override
    void send(ByteBuffer b) {
        try {
            listener.send(b, remote);
        } catch (IOException e) {
            sendErrors++;     // e.g. ICMP-induced ECONNREFUSED: the datagram is lost, like on the wire
        }
    }

    @Override
    boolean stream() { return false; }
}
