package org.netserv.nsis.gist.node;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;

/**
 * Interception on a plain Linux router: netfilter redirects transit GIST
 * packets to a local port, e.g.
 * <pre>
 * iptables -t nat -A PREROUTING -p udp --dport 270 -m addrtype ! --dst-type LOCAL \
 *          -j REDIRECT --to-ports 27270
 * </pre>
 * A separate port (not 270) keeps conntrack's reverse NAT away from the
 * node's own replies, which leave from port 270. Foreign-NSLPID Queries
 * cannot be passed on from here (the original packet is gone) and are
 * counted by the node.
 */
public final class RedirectInterceptor implements Interceptor {
    private final int port;
    private DatagramChannel channel;
    private GistNode node;
    private final ByteBuffer buf = ByteBuffer.allocateDirect(65536);

    public RedirectInterceptor(int port) {
        this.port = port;
    }

    @Override public void attach(GistNode node, Selector selector) throws IOException {
        this.node = node;
        channel = DatagramChannel.open();
        channel.bind(new InetSocketAddress(port));
        channel.configureBlocking(false);
        channel.register(selector, SelectionKey.OP_READ, this);
    }

    @Override public void onReadable() {
        for (int i = 0; i < 64; i++) {
            buf.clear();
            final SocketAddress from;
            try {
                from = channel.receive(buf);
            } catch (IOException e) {
                node.count("intercept-receive-errors");
                return;
            }
            if (from == null) return;
            buf.flip();
            final byte[] b = new byte[buf.remaining()];
            buf.get(b);
            node.count("intercepted");
            node.receiveDatagram(b, ((InetSocketAddress) from).getAddress(), true);
        }
    }

    @Override public void close() throws IOException {
        if (channel != null) channel.close();
    }
}
