package org.netserv.nsis.gist.node;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;

/**
 * A C-mode messaging association (RFC 5971 §4.4.5): one TCP connection to
 * a peer, shared by every session routed through that peer. Messages are
 * framed by the GIST common header length, without magic. Soft state: kept
 * while sessions use it and refreshed by MA-Hello; closed after the hold time
 * without traffic.
 */
final class MessagingAssociation extends TimerWheel.Entry {
    final SocketChannel channel;
    final InetSocketAddress remote;
    final boolean initiator;
    SelectionKey key;
    byte[] peerId;                 // learnt from the first NLI seen on it
    boolean connected;
    ByteBuffer in = ByteBuffer.allocate(4096);
    final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();
    long lastReceived, lastSent;
    long holdTimeMs;
    int users;                     // routing states that point here
    MaTable table;                 // reacts to the hold-time timer

    MessagingAssociation(SocketChannel channel, InetSocketAddress remote, boolean initiator, long holdTimeMs, long now) {
        this.channel = channel;
        this.remote = remote;
        this.initiator = initiator;
        this.holdTimeMs = holdTimeMs;
        this.lastReceived = now;
        this.lastSent = now;
    }

    @Override void expire(long now) { table.onTimer(this, now); }

    @Override public String toString() { return "MA[" + remote + (connected ? "" : " connecting") + "]"; }
}
