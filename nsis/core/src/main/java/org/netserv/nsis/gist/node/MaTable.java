package org.netserv.nsis.gist.node;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.netserv.nsis.gist.wire.Gist;
import org.netserv.nsis.gist.wire.GistCodec;
import org.netserv.nsis.gist.wire.GistMessage;
import org.netserv.nsis.gist.wire.GistParseException;

/**
 * C-mode: the forwards-TCP listening socket and the messaging associations
 * (RFC 5971 §4.4.5), one per peer identity and shared by every session routed
 * through that peer. Frames the stream by the common header's length, keeps
 * each MA alive with MA-Hello while sessions use it and closes it after the
 * hold time without traffic. Decoded messages go to
 * {@link GistNode#handle}. Used only on the event loop.
 */
final class MaTable {
    private static final System.Logger LOG = System.getLogger(MaTable.class.getName());

    private final GistNode node;
    private final GistConfig cfg;
    private final Selector selector;
    private final ServerSocketChannel tcp;
    private final int tcpPort;
    private final Map<String, MessagingAssociation> byPeer = new HashMap<>();

    MaTable(GistNode node, GistConfig cfg, Selector selector) throws IOException {
        this.node = node;
        this.cfg = cfg;
        this.selector = selector;
        if (cfg.tcpPort >= 0) {
            this.tcp = ServerSocketChannel.open();
            tcp.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            tcp.bind(new InetSocketAddress(cfg.bindAddress, cfg.tcpPort));
            tcp.configureBlocking(false);
            tcp.register(selector, SelectionKey.OP_ACCEPT, this);
            this.tcpPort = ((InetSocketAddress) tcp.getLocalAddress()).getPort();
        } else {
            this.tcp = null;
            this.tcpPort = -1;
        }
    }

    /** Our C-mode listening port; -1 without C-mode. */
    int tcpPort() { return tcpPort; }

    int size() { return byPeer.size(); }

    /** The open MA to the peer with identity {@code peerId}, or null. */
    MessagingAssociation open(byte[] peerId) {
        final MessagingAssociation ma = byPeer.get(HexFormat.of().formatHex(peerId));
        return ma != null && ma.channel.isOpen() ? ma : null;
    }

    /** An accepted MA learnt its peer's identity from the first NLI on it. */
    void learnPeer(MessagingAssociation ma, byte[] peerId) {
        if (ma.peerId != null) return;
        ma.peerId = peerId;
        byPeer.put(HexFormat.of().formatHex(peerId), ma);
    }

    MessagingAssociation connect(InetSocketAddress remote, byte[] peer, long now) {
        try {
            final SocketChannel ch = SocketChannel.open();
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            final MessagingAssociation ma = new MessagingAssociation(ch, remote, true, cfg.maHoldTimeMs, now);
            ma.table = this;
            ma.peerId = peer;
            ma.connected = ch.connect(remote);
            ma.key = ch.register(selector, ma.connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, ma);
            byPeer.put(HexFormat.of().formatHex(peer), ma);
            node.wheel.schedule(ma, now + ma.holdTimeMs / 3);
            node.count("ma-opened");
            return ma;
        } catch (IOException e) {
            node.count("ma-connect-errors");
            return null;
        }
    }

    /** The listening socket is readable. */
    void accept() {
        try {
            SocketChannel ch;
            while ((ch = tcp.accept()) != null) {
                ch.configureBlocking(false);
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                final long now = System.currentTimeMillis();
                final MessagingAssociation ma = new MessagingAssociation(ch, (InetSocketAddress) ch.getRemoteAddress(), false, cfg.maHoldTimeMs, now);
                ma.table = this;
                ma.connected = true;
                ma.key = ch.register(selector, SelectionKey.OP_READ, ma);
                node.wheel.schedule(ma, now + ma.holdTimeMs / 3);
                node.count("ma-accepted");
            }
        } catch (IOException e) {
            node.count("ma-accept-errors");
        }
    }

    /** The selector reported {@code k} (an MA's key) ready. */
    void onReady(MessagingAssociation ma, SelectionKey k) {
        if (k.isConnectable()) finishConnect(ma);
        if (k.isValid() && k.isReadable()) read(ma);
        if (k.isValid() && k.isWritable()) flush(ma);
    }

    private void finishConnect(MessagingAssociation ma) {
        try {
            if (ma.channel.finishConnect()) {
                ma.connected = true;
                ma.key.interestOps(SelectionKey.OP_READ | (ma.out.isEmpty() ? 0 : SelectionKey.OP_WRITE));
            }
        } catch (IOException e) {
            node.count("ma-connect-errors");
            close(ma, "connect failed: " + e.getMessage());
        }
    }

    private void read(MessagingAssociation ma) {
        try {
            final int n = ma.channel.read(ma.in);
            if (n < 0) { close(ma, "peer closed"); return; }
            ma.lastReceived = System.currentTimeMillis();
            ma.in.flip();
            while (true) {
                final int len = GistCodec.framedLength(ma.in, ma.in.position());
                if (len < 0 || ma.in.remaining() < len) {
                    if (len > ma.in.capacity()) {
                        if (len > Gist.MAX_MESSAGE_LENGTH) { close(ma, "frame too large"); return; }
                        final ByteBuffer bigger = ByteBuffer.allocate(len);
                        bigger.put(ma.in);
                        ma.in = bigger;
                        return;
                    }
                    break;
                }
                final byte[] msg = new byte[len];
                ma.in.get(msg);
                node.count("rx-cmode-messages");
                try {
                    final GistMessage m = GistCodec.decode(msg, false);
                    node.count("rx/" + Gist.typeName(m.type()));
                    node.handle(m, ma.remote.getAddress(), ma, false);
                } catch (GistParseException e) {
                    node.count("rx-malformed");
                    node.count("rx-malformed/" + e.kind());
                    if (e.code() == Gist.E_COMMON_HEADER_PARSE) { close(ma, "unparseable stream: " + e.getMessage()); return; }
                }
                if (!ma.channel.isOpen()) return;
            }
            ma.in.compact();
        } catch (IOException e) {
            close(ma, e.getMessage());
        }
    }

    void send(MessagingAssociation ma, GistMessage m) {
        ma.out.add(ByteBuffer.wrap(GistCodec.encode(m, false)));
        ma.lastSent = System.currentTimeMillis();
        node.count("tx-cmode/" + Gist.typeName(m.type()));
        if (ma.connected) flush(ma);
    }

    /** Over {@code via} when the message came in C-mode, else D-mode to {@code to}. */
    void sendTo(GistMessage m, InetAddress to, MessagingAssociation via) {
        if (via != null) send(via, m);
        else node.udp.send(m, to);
    }

    private void flush(MessagingAssociation ma) {
        try {
            while (!ma.out.isEmpty()) {
                final ByteBuffer b = ma.out.peek();
                ma.channel.write(b);
                if (b.hasRemaining()) break;
                ma.out.poll();
            }
            if (ma.key.isValid()) ma.key.interestOps(SelectionKey.OP_READ | (ma.out.isEmpty() ? 0 : SelectionKey.OP_WRITE));
        } catch (IOException e) {
            close(ma, e.getMessage());
        }
    }

    /** Hold-time timer of an MA: close it when idle, else keep it alive with MA-Hello. */
    void onTimer(MessagingAssociation ma, long now) {
        if (!ma.channel.isOpen()) return;
        if (now - ma.lastReceived >= ma.holdTimeMs && now - ma.lastSent >= ma.holdTimeMs / 3) {
            close(ma, "hold time expired");
            node.count("ma-expired");
            return;
        }
        if (ma.users > 0 && now - ma.lastSent >= ma.holdTimeMs / 3) {
            // keep the MA alive while sessions use it; ask for a reply if we heard nothing lately
            send(ma, GistMessage.maHello(node.random.nextInt(), now - ma.lastReceived >= ma.holdTimeMs / 3));
        }
        node.wheel.schedule(ma, now + ma.holdTimeMs / 3);
    }

    private void close(MessagingAssociation ma, String why) {
        LOG.log(System.Logger.Level.DEBUG, () -> "closing " + ma + ": " + why);
        node.wheel.cancel(ma);
        if (ma.peerId != null) byPeer.remove(HexFormat.of().formatHex(ma.peerId), ma);
        try {
            ma.channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        node.count("ma-closed");
    }
}
