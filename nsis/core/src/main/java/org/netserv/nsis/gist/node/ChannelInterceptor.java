package org.netserv.nsis.gist.node;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Selector;
import java.nio.file.Path;
import org.netserv.bridge.PacketChannel;
import org.netserv.nsis.gist.wire.Gist;

/**
 * Interception on a NetServ router: the router graph diverts
 * {@code udp dst port 270} to the signaling channel ({@code fromclickS}); we
 * read those IPv4 packets through {@link PacketChannel} (channel name
 * {@code S}), hand GIST Queries of NSLPs we serve to the node, and put every
 * other packet back through {@code toclickS} unchanged so it continues along
 * the path (a Query of a foreign NSLP, a D-mode message to someone else).
 */
public final class ChannelInterceptor implements Interceptor {
    private static final System.Logger LOG = System.getLogger(ChannelInterceptor.class.getName());
    private final Path devDir;
    private final String name;
    private PacketChannel channel;
    private GistNode node;
    private Thread reader;
    private volatile boolean running = true;

    public ChannelInterceptor(Path devDir, String name) {
        this.devDir = devDir;
        this.name = name;
    }

    @Override public void attach(GistNode node, Selector selector) throws IOException {
        this.node = node;
        channel = PacketChannel.open(devDir, name);
        reader = new Thread(this::run, "intercept-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    private void run() {
        try {
            while (running) {
                final int n = channel.receive(200);
                for (int i = 0; i < n; i++) {
                    final ByteBuffer p = channel.packet(i);
                    if (channel.truncated(i) || !take(p)) {
                        // not ours to answer: back into the graph untouched
                        channel.queueReceived(i);
                    }
                }
                channel.flush();
            }
        } catch (IOException e) {
            if (running) LOG.log(System.Logger.Level.ERROR, "signaling channel " + name + " failed: " + e);
        }
    }

    /** True when the node takes the packet (a UDP 270 GIST Query for an NSLP it serves). */
    private boolean take(ByteBuffer p) {
        final Ipv4Udp.Datagram d = Ipv4Udp.parse(p.duplicate());
        if (d == null || d.destPort != Gist.PORT) return false;
        final ByteBuffer g = d.payload;
        if (g.remaining() < 12 || g.getInt(0) != Gist.MAGIC) return false;
        final int nslpId = g.getShort(8) & 0xFFFF;
        final int type = g.get(10) & 0xFF;
        if ((type & 0x80) == 0 || !node.config().servesNslp(nslpId)) return false;  // only C=1 (Q-mode) for our NSLPs
        final byte[] bytes = new byte[g.remaining()];
        g.get(bytes);
        node.count("intercepted");
        node.execute(() -> node.receiveDatagram(bytes, d.source, true));
        return true;
    }

    @Override public void close() {
        running = false;
        if (channel != null) channel.close();
    }
}
