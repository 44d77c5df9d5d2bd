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
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashSet;
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
    private final Map<InetAddress, Integer> acceptedFrom = new HashMap<>();
    private final LinkedHashSet<MessagingAssociation> unbound = new LinkedHashSet<>();   // accepted, no verified Confirm yet; oldest first
    private int connections;                  // TCP connections open, MA or not yet

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

    /** Messaging associations bound to a peer identity. */
    int size() { return byPeer.size(); }

    /** TCP connections open (bound or not). */
    int connections() { return connections; }

    /** The open MA to the peer with identity {@code peerId}, or null. */
    MessagingAssociation open(byte[] peerId) {
        final MessagingAssociation ma = byPeer.get(HexFormat.of().formatHex(peerId));
        return ma != null && ma.channel.isOpen() ? ma : null;
    }

    /**
     * Binds {@code ma} to the peer identity a Confirm whose cookie verified
     * named on it. A peer identity already bound to another open MA is never
     * rebound (that would hand the peer's sessions to whoever connected
     * last), nor is an MA bound to one peer taken over by another: false, and
     * the Confirm is refused.
     */
    boolean bind(MessagingAssociation ma, byte[] peerId) {
        if (ma.peerId != null) {
            if (Arrays.equals(ma.peerId, peerId)) return true;
            node.count("ma-peer-mismatch");
            return false;
        }
        final MessagingAssociation other = open(peerId);
        if (other != null && other != ma) {
            node.count("ma-rebind-refused");
            LOG.log(System.Logger.Level.DEBUG, () -> "refusing to rebind peer " + HexFormat.of().formatHex(peerId) + " from " + other + " to " + ma);
            close(ma, "peer identity already has an MA");
            return false;
        }
        if (byPeer.size() >= cfg.maxMessagingAssociations) {
            node.limit("messaging-associations", byPeer.size() + " MAs bound; closing " + ma);
            close(ma, "too many MAs");
            return false;
        }
        ma.peerId = peerId;
        byPeer.put(HexFormat.of().formatHex(peerId), ma);
        unbound.remove(ma);
        return true;
    }

    MessagingAssociation connect(InetSocketAddress remote, byte[] peer, long now) {
        if (connections >= cfg.maxTcpConnections || byPeer.size() >= cfg.maxMessagingAssociations) {
            node.limit(connections >= cfg.maxTcpConnections ? "tcp-connections" : "messaging-associations",
                    connections + " TCP connections, " + byPeer.size() + " MAs; not connecting to " + remote + " (D-mode instead)");
            return null;
        }
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
            connections++;
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
                final InetSocketAddress remote = (InetSocketAddress) ch.getRemoteAddress();
                final int fromThere = acceptedFrom.getOrDefault(remote.getAddress(), 0);
                if (fromThere >= cfg.maxConnectionsPerAddress) {
                    // accepted only to be closed: the backlog must drain, or legitimate peers could not get in
                    ch.close();
                    node.limit("tcp-connections-per-address", fromThere + " open from " + remote.getAddress() + "; refused " + remote);
                    continue;
                }
                if (connections >= cfg.maxTcpConnections) {
                    // full: the oldest connection that has not proved a handshake makes room (a flood of idle
                    // connections must cycle faster than a real peer's connect-then-Confirm to keep it out)
                    final Iterator<MessagingAssociation> oldest = unbound.iterator();
                    if (!oldest.hasNext()) {
                        ch.close();
                        node.limit("tcp-connections", connections + " open, all bound to peers; refused " + remote);
                        continue;
                    }
                    final MessagingAssociation victim = oldest.next();
                    node.limit("tcp-connections", connections + " open; closing the oldest unproven one, " + victim + ", for " + remote);
                    close(victim, "evicted for a new connection");
                }
                ch.configureBlocking(false);
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                final long now = System.currentTimeMillis();
                final MessagingAssociation ma = new MessagingAssociation(ch, remote, false, cfg.maHoldTimeMs, now);
                ma.table = this;
                ma.connected = true;
                ma.key = ch.register(selector, SelectionKey.OP_READ, ma);
                connections++;
                acceptedFrom.merge(remote.getAddress(), 1, Integer::sum);
                unbound.add(ma);
                // until a verified Confirm binds it, the connection lives only maSetupTimeoutMs
                node.wheel.schedule(ma, now + Math.min(ma.holdTimeMs / 3, cfg.maSetupTimeoutMs));
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
                        if (len > Math.min(cfg.maxMessageBytes, Gist.MAX_MESSAGE_LENGTH)) {
                            node.limit("ma-message-bytes", "a " + len + "-byte message on " + ma);
                            close(ma, "frame too large");
                            return;
                        }
                        final ByteBuffer bigger = ByteBuffer.allocate(len);
                        bigger.put(ma.in);
                        ma.in = bigger;
                        partial(ma, true);
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
            partial(ma, ma.in.hasRemaining());
            ma.in.compact();
        } catch (IOException e) {
            close(ma, e.getMessage());
        }
    }

    /**
     * A message has begun and not ended on {@code ma} (or no longer): it must
     * end within {@link GistConfig#frameTimeoutMs}, however slowly its bytes
     * come, so the timer is brought forward to that deadline.
     */
    private void partial(MessagingAssociation ma, boolean begun) {
        if (!begun) { ma.partialSince = 0; return; }
        if (ma.partialSince != 0) return;
        ma.partialSince = System.currentTimeMillis();
        final long due = ma.partialSince + cfg.frameTimeoutMs;
        if (!ma.scheduled() || ma.deadline > due) node.wheel.schedule(ma, due);
    }

    void send(MessagingAssociation ma, GistMessage m) {
        if (ma.closed) return;
        final byte[] bytes = GistCodec.encode(m, false);
        if (ma.queuedBytes + bytes.length > cfg.maxQueuedBytesPerMa) {
            node.limit("ma-queued-bytes", ma.queuedBytes + " bytes wait for " + ma + ", which does not read");
            close(ma, "peer does not read");
            return;
        }
        ma.queuedBytes += bytes.length;
        ma.out.add(ByteBuffer.wrap(bytes));
        ma.lastSent = System.currentTimeMillis();
        node.count("tx-cmode/" + Gist.typeName(m.type()));
        if (ma.connected) flush(ma);
    }

    private void flush(MessagingAssociation ma) {
        try {
            while (!ma.out.isEmpty()) {
                final ByteBuffer b = ma.out.peek();
                ma.queuedBytes -= ma.channel.write(b);
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
        if (ma.peerId == null && now - ma.openedAt >= cfg.maSetupTimeoutMs) {
            node.count("ma-setup-timeout");
            close(ma, "no verified Confirm within " + cfg.maSetupTimeoutMs + " ms");
            return;
        }
        if (ma.partialSince != 0 && now - ma.partialSince >= cfg.frameTimeoutMs) {
            node.count("ma-frame-timeout");
            close(ma, "a message took longer than " + cfg.frameTimeoutMs + " ms to arrive");
            return;
        }
        if (now - ma.lastReceived >= ma.holdTimeMs && now - ma.lastSent >= ma.holdTimeMs / 3) {
            close(ma, "hold time expired");
            node.count("ma-expired");
            return;
        }
        if (ma.users > 0 && now - ma.lastSent >= ma.holdTimeMs / 3) {
            // keep the MA alive while sessions use it; ask for a reply if we heard nothing lately
            send(ma, GistMessage.maHello(node.random.nextInt(), now - ma.lastReceived >= ma.holdTimeMs / 3));
        }
        long next = now + ma.holdTimeMs / 3;
        if (ma.peerId == null) next = Math.min(next, ma.openedAt + cfg.maSetupTimeoutMs);
        if (ma.partialSince != 0) next = Math.min(next, ma.partialSince + cfg.frameTimeoutMs);
        if (ma.channel.isOpen()) node.wheel.schedule(ma, next);
    }

    private void close(MessagingAssociation ma, String why) {
        if (ma.closed) return;
        ma.closed = true;
        LOG.log(System.Logger.Level.DEBUG, () -> "closing " + ma + ": " + why);
        node.wheel.cancel(ma);
        if (ma.peerId != null) byPeer.remove(HexFormat.of().formatHex(ma.peerId), ma);
        connections--;
        unbound.remove(ma);
        if (!ma.initiator) acceptedFrom.computeIfPresent(ma.remote.getAddress(), (a, n) -> n > 1 ? n - 1 : null);
        ma.out.clear();
        ma.queuedBytes = 0;
        try {
            ma.channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        node.count("ma-closed");
    }
}
