package org.netserv.nsis.gist.node;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netserv.bridge.FakeClick;
import org.netserv.nsis.gist.wire.Gist;
import org.netserv.nsis.gist.wire.GistCodec;
import org.netserv.nsis.gist.wire.GistMessage;
import org.netserv.nsis.gist.wire.Mri;
import org.netserv.nsis.gist.wire.Nli;
import org.netserv.nsis.gist.wire.Sid;

/**
 * Interception through the signaling channel S against jvm-bridge's listening
 * stand-in for netserv-click (fakeclick.py): a Query for our NSLP arriving on
 * fromclickS is answered; everything else goes back through toclickS as is.
 */
@Timeout(60)
class ChannelInterceptorTest {
    @TempDir Path dev;

    static byte[] ipv4(String src, String dst, byte[] payload) throws Exception {
        final ByteBuffer b = ByteBuffer.allocate(28 + payload.length);
        Ipv4Udp.build(b, (Inet4Address) InetAddress.getByName(src), (Inet4Address) InetAddress.getByName(dst), 270, 270, 63, 1, ByteBuffer.wrap(payload));
        return b.array();
    }

    @Test
    void interceptsOurQueriesAndPassesOnTheRest() throws Exception {
        final Path lib = Path.of(System.getProperty("netserv.bridge.lib", "build/lib/libnetserv-bridge.so"));
        assumeTrue(Files.isRegularFile(lib), "libnetserv-bridge.so not built at " + lib + " (make build)");
        final InetAddress querier = InetAddress.getByName("127.0.0.5"), flowDst = InetAddress.getByName("10.9.9.9");
        try (FakeClick click = new FakeClick(dev, "S");
             DatagramChannel q = DatagramChannel.open()) {
            q.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            q.bind(new InetSocketAddress(querier, 270));
            final GistConfig cfg = new GistConfig();
            cfg.bindAddress = InetAddress.getByName("127.0.0.6");
            final GistNode node = new GistNode(cfg, new GistListener() {
                @Override public void receive(int n, Sid s, Mri m, byte[] d, Peer p) {}
                @Override public void noPeer(int n, Sid s, Mri m, byte[] d, String r) {}
            });
            node.addInterceptor(new ChannelInterceptor(dev, "S"));
            node.start();
            try {
                final Mri mri = Mri.flow(querier, flowDst);
                final Sid sid = new Sid(7, 9);
                final Nli nli = new Nli(64, 30000, new byte[16], querier.getAddress());
                final byte[] ours = GistCodec.encode(GistMessage.query(32767, 32, mri, sid, nli, new byte[] {1, 2, 3, 4}, null, null, null), true);
                click.send(ipv4("127.0.0.5", "10.9.9.9", ours));
                // the node answers the querier directly (D-mode, UDP 270 to 270)
                final ByteBuffer rb = ByteBuffer.allocate(2048);
                q.configureBlocking(true);
                q.receive(rb);
                rb.flip();
                final byte[] rbytes = new byte[rb.remaining()];
                rb.get(rbytes);
                final GistMessage r = GistCodec.decode(rbytes, true);
                assertEquals(Gist.RESPONSE, r.type());
                assertEquals(sid, r.sid());
                assertTrue(r.mri().upstream());
                assertArrayEquals(new byte[] {1, 2, 3, 4}, r.queryCookie());
                assertEquals(1, node.counter("intercepted"));

                // a foreign NSLP's Query and a non-GIST datagram continue along the path unchanged
                final byte[] foreign = ipv4("127.0.0.5", "10.9.9.9",
                        GistCodec.encode(GistMessage.query(32766, 32, mri, sid, nli, new byte[] {5, 6, 7, 8}, null, null, null), true));
                final byte[] junk = ipv4("127.0.0.5", "10.9.9.9", "not GIST at all".getBytes());
                click.send(foreign);
                click.send(junk);
                final List<byte[]> back = click.receive(2, 5.0);
                assertEquals(2, back.size());
                assertArrayEquals(foreign, back.get(0));
                assertArrayEquals(junk, back.get(1));
                assertEquals(1, node.counter("intercepted"));
            } finally {
                node.close();
            }
        }
    }
}
