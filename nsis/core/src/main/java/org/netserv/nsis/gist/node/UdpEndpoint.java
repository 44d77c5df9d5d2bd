package org.netserv.nsis.gist.node;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.HashMap;
import java.util.Map;
import org.netserv.nsis.gist.wire.Gist;
import org.netserv.nsis.gist.wire.GistCodec;
import org.netserv.nsis.gist.wire.GistMessage;

/**
 * Q-mode and D-mode transport: the UDP socket on port 270 (all UDP goes 270 to
 * 270, vector observation 5) and the per-target connected {@link QuerySocket}s
 * that surface ICMP port unreachable for a Query. Every datagram read goes to
 * {@link GistNode#receiveDatagram}; a port unreachable on a query socket goes
 * to the {@link Querier}. Used only on the event loop.
 */
final class UdpEndpoint {
    private static final System.Logger LOG = System.getLogger(UdpEndpoint.class.getName());
    private static final int MAX_QUERY_SOCKETS = 256;

    private final GistNode node;
    private final GistConfig cfg;
    private final Selector selector;
    private final DatagramChannel udp;
    private final Map<InetAddress, QuerySocket> querySockets = new HashMap<>();
    private final ByteBuffer rx = ByteBuffer.allocateDirect(65536);

    UdpEndpoint(GistNode node, GistConfig cfg, Selector selector) throws IOException {
        this.node = node;
        this.cfg = cfg;
        this.selector = selector;
        final InetAddress bind = cfg.bindAddress;
        this.udp = DatagramChannel.open(bind instanceof java.net.Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        udp.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        udp.setOption(StandardSocketOptions.SO_REUSEPORT, true);
        udp.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);   // bursts of Queries must not overflow
        udp.bind(new InetSocketAddress(bind, cfg.udpPort));
        udp.configureBlocking(false);
        udp.register(selector, SelectionKey.OP_READ, this);
    }

    int port() {
        try {
            return ((InetSocketAddress) udp.getLocalAddress()).getPort();
        } catch (IOException e) {
            return 0;
        }
    }

    /** The main socket is readable. */
    void onReadable() { read(udp, null); }

    /** A query socket is readable (a reply from its target, or the ICMP error). */
    void onReadable(QuerySocket qs) { read(qs.channel, qs); }

    private void read(DatagramChannel ch, QuerySocket qs) {
        for (int i = 0; i < 64; i++) {
            rx.clear();
            final SocketAddress from;
            try {
                from = ch.receive(rx);
            } catch (PortUnreachableException e) {
                node.count("icmp-port-unreachable");
                if (qs != null) node.querier.onPortUnreachable(qs);
                return;
            } catch (IOException e) {
                node.count("udp-receive-errors");
                return;
            }
            if (from == null) return;
            rx.flip();
            final byte[] bytes = new byte[rx.remaining()];
            rx.get(bytes);
            node.receiveDatagram(bytes, ((InetSocketAddress) from).getAddress(), false);
        }
    }

    void send(GistMessage m, InetAddress to) {
        try {
            udp.send(ByteBuffer.wrap(GistCodec.encode(m, true)), new InetSocketAddress(to, Gist.PORT));
            node.count("tx/" + Gist.typeName(m.type()));
        } catch (IOException e) {
            node.count("tx-errors");
        }
    }

    /**
     * Sends an encoded Query toward {@code target}: on {@code qs} when there
     * is one (so an ICMP port unreachable comes back to it), else on the main
     * socket. False when the target answered port unreachable at once.
     */
    boolean sendQuery(byte[] bytes, InetAddress target, QuerySocket qs, boolean first) {
        try {
            if (qs != null) qs.channel.write(ByteBuffer.wrap(bytes));
            else udp.send(ByteBuffer.wrap(bytes), new InetSocketAddress(target, Gist.PORT));
            node.count(first ? "tx-query" : "tx-query-retransmit");
        } catch (PortUnreachableException e) {
            node.count("icmp-port-unreachable");
            if (qs != null) return false;
        } catch (IOException e) {
            node.count("tx-errors");
        }
        return true;
    }

    /** The connected socket toward {@code target}, with {@code s} waiting on it; null when none can be had. */
    QuerySocket querySocket(InetAddress target, RoutingState s) {
        QuerySocket qs = querySockets.get(target);
        if (qs == null) {
            if (querySockets.size() >= MAX_QUERY_SOCKETS) { node.count("query-sockets-exhausted"); return null; }
            try {
                final DatagramChannel ch = DatagramChannel.open(target instanceof Inet4Address ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6);
                ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                ch.setOption(StandardSocketOptions.SO_REUSEPORT, true);
                ch.bind(new InetSocketAddress(cfg.bindAddress, cfg.udpPort));
                ch.connect(new InetSocketAddress(target, Gist.PORT));
                ch.configureBlocking(false);
                qs = new QuerySocket(target, ch);
                qs.key = ch.register(selector, SelectionKey.OP_READ, qs);
                querySockets.put(target, qs);
            } catch (IOException e) {
                node.count("query-socket-errors");
                LOG.log(System.Logger.Level.DEBUG, () -> "no connected socket toward " + target + ": " + e);
                return null;
            }
        }
        qs.waiting.add(s);
        s.querySocket(qs);
        return qs;
    }

    /** {@code s} no longer waits for a reply; the last one out closes the socket. */
    void detach(RoutingState s) {
        final QuerySocket qs = s.querySocket();
        if (qs == null) return;
        s.querySocket(null);
        qs.waiting.remove(s);
        if (qs.waiting.isEmpty()) {
            querySockets.remove(qs.target);
            qs.key.cancel();
            try {
                qs.channel.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }
}
