/*
 * RelayLoop — the relay's one I/O thread: a selector over the UDP and TCP listening
 * sockets (one per listening address, so each client's server address — and thus the
 * relayed address offered to it — is known without IP_PKTINFO), the TCP client
 * connections and every allocation's relay socket. Work per wake-up is bounded
 * (BATCH datagrams per socket) so one busy socket cannot starve the others, and
 * lifetimes are checked once a second.
 *
 * Receive buffers are allocated once; a peer's datagram lands HEADROOM bytes into
 * its buffer so the TURN header can be written in front of it (TurnServer.onPeer).
 * The JDK's DatagramChannel.receive returns a cached InetSocketAddress while the
 * sender stays the same; a new sender costs one small object.
 */
package org.netserv.apps.mediarelay;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

final class RelayLoop implements Runnable {
    private static final System.Logger LOG = System.getLogger("org.netserv.apps.mediarelay");
    private static final int BATCH = 64;

    private static final class UdpListener {
        final DatagramChannel ch;
        final InetSocketAddress local;
        final Map<SocketAddress, UdpLink> links = new HashMap<>();

        UdpListener(DatagramChannel ch, InetSocketAddress local) {
            this.ch = ch;
            this.local = local;
        }
    }

    private final Selector selector;
    final TurnServer server;
    private final List<UdpListener> udp = new ArrayList<>();
    private final List<ServerSocketChannel> tcp = new ArrayList<>();
    private final List<TcpLink> tcpLinks = new ArrayList<>();
    private final ByteBuffer clientBuf = ByteBuffer.allocateDirect(TcpLink.MAX_MESSAGE + 4);
    private final ByteBuffer peerBuf = ByteBuffer.allocateDirect(TurnServer.HEADROOM + 0xFFFF + 4);
    private final List<InetSocketAddress> bound = new ArrayList<>();
    private volatile boolean running = true;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private Thread thread;
    private final int index;

    /** One relay thread; several bind the same addresses with SO_REUSEPORT and the kernel spreads clients over them. */
    RelayLoop(RelayShared shared, int index) throws IOException {
        Config cfg = shared.cfg;
        this.index = index;
        this.selector = Selector.open();
        this.server = new TurnServer(shared, selector, System::nanoTime);
        try {
            for (InetAddress a : cfg.listen) {
                InetSocketAddress at = new InetSocketAddress(a, cfg.port);
                DatagramChannel d = DatagramChannel.open();
                d.setOption(StandardSocketOptions.SO_REUSEPORT, true);
                d.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
                d.setOption(StandardSocketOptions.SO_SNDBUF, 4 << 20);
                d.bind(at);
                d.configureBlocking(false);
                UdpListener l = new UdpListener(d, at);
                udp.add(l);
                d.register(selector, SelectionKey.OP_READ, l);
                if (cfg.tcp) {
                    ServerSocketChannel s = ServerSocketChannel.open();
                    s.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                    s.setOption(StandardSocketOptions.SO_REUSEPORT, true);
                    s.bind(at, 128);
                    s.configureBlocking(false);
                    s.register(selector, SelectionKey.OP_ACCEPT);
                    tcp.add(s);
                }
                bound.add(at);
            }
        } catch (IOException e) {
            close();
            throw new IOException("cannot listen on port " + cfg.port + ": " + e.getMessage(), e);
        }
    }

    /** The addresses and port this relay listens on. */
    List<InetSocketAddress> listening() {
        return bound;
    }

    void start() {
        thread = new Thread(this, "mediarelay-" + index);
        thread.setDaemon(true);
        thread.start();
    }

    void stop() {
        running = false;
        selector.wakeup();
        try {
            if (thread != null && !stopped.await(5, TimeUnit.SECONDS)) LOG.log(System.Logger.Level.WARNING, "relay thread did not stop");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void run() {
        long nextTick = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        try {
            while (running) {
                selector.select(this::ready, 250);
                long now = System.nanoTime();
                if (now >= nextTick) {
                    server.tick();
                    forgetIdleLinks();
                    nextTick = now + TimeUnit.SECONDS.toNanos(1);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "relay loop failed", e);
        } finally {
            server.shutdown();
            close();
            stopped.countDown();
        }
    }

    private void ready(SelectionKey k) {
        try {
            Object a = k.attachment();
            if (a instanceof Allocation alloc) peer(alloc);
            else if (a instanceof UdpListener l) client(l);
            else if (a instanceof TcpLink t) {
                if (k.isValid() && k.isWritable()) t.writable();
                if (k.isValid() && k.isReadable()) t.readable(server);
                if (t.closed) {
                    tcpLinks.remove(t);
                    k.cancel();
                }
            } else if (k.isAcceptable()) accept((ServerSocketChannel) k.channel());
        } catch (IOException e) {
            if (k.attachment() instanceof TcpLink t) {
                server.closed(t);
                tcpLinks.remove(t);
                k.cancel();
            } else {
                LOG.log(System.Logger.Level.DEBUG, "I/O error: {0}", e.toString());
            }
        }
    }

    private void client(UdpListener l) throws IOException {
        for (int i = 0; i < BATCH; i++) {
            clientBuf.clear();
            SocketAddress from = l.ch.receive(clientBuf);
            if (from == null) return;
            UdpLink link = l.links.get(from);
            boolean fresh = link == null;
            if (fresh) link = new UdpLink(l.ch, (InetSocketAddress) from, l.local);
            int n = clientBuf.position();
            clientBuf.flip();
            server.onClient(link, clientBuf, 0, n);
            if (fresh && link.allocation != null) l.links.put(from, link);
        }
    }

    private void peer(Allocation a) throws IOException {
        for (int i = 0; i < BATCH; i++) {
            peerBuf.clear().position(TurnServer.HEADROOM).limit(peerBuf.capacity() - 4);
            SocketAddress from = a.relay.receive(peerBuf);
            if (from == null) return;
            server.onPeer(a, peerBuf, peerBuf.position() - TurnServer.HEADROOM, (InetSocketAddress) from);
            if (a.link.allocation != a) return;       // the client's link went away while sending
        }
    }

    private void accept(ServerSocketChannel s) throws IOException {
        SocketChannel c = s.accept();
        if (c == null) return;
        c.configureBlocking(false);
        c.setOption(StandardSocketOptions.TCP_NODELAY, true);
        TcpLink t = new TcpLink(c, (InetSocketAddress) c.getRemoteAddress(), (InetSocketAddress) c.getLocalAddress());
        t.key = c.register(selector, SelectionKey.OP_READ, t);
        tcpLinks.add(t);
    }

    private void forgetIdleLinks() {
        for (UdpListener l : udp) l.links.values().removeIf(x -> x.allocation == null);
    }

    private void close() {
        for (UdpListener l : udp) closeQuietly(l.ch);
        for (ServerSocketChannel s : tcp) closeQuietly(s);
        for (TcpLink t : tcpLinks) t.close();
        closeQuietly(selector);
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
