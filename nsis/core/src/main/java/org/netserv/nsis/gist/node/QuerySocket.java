package org.netserv.nsis.gist.node;

import java.net.InetAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.util.ArrayList;

/**
 * A UDP socket bound to port 270 (SO_REUSEPORT beside the main one) and
 * connected to one Query target, so the kernel reports ICMP port unreachable
 * for it (Java surfaces it as PortUnreachableException on a connected
 * channel): the fast last-node detection of the NetServ paper. Replies from
 * the target itself also arrive here and are processed as usual.
 */
final class QuerySocket {
    final InetAddress target;
    final DatagramChannel channel;
    SelectionKey key;
    final ArrayList<RoutingState> waiting = new ArrayList<>(2);
    long idleSince;

    QuerySocket(InetAddress target, DatagramChannel channel) {
        this.target = target;
        this.channel = channel;
    }
}
