package org.netserv.nsis.gist.node;

import static org.junit.jupiter.api.Assertions.*;
import static org.netserv.nsis.gist.node.MessagingAssociationTest.waitFor;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SocketChannel;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.netserv.nsis.gist.wire.Gist;
import org.netserv.nsis.gist.wire.GistCodec;
import org.netserv.nsis.gist.wire.GistMessage;
import org.netserv.nsis.gist.wire.Mri;
import org.netserv.nsis.gist.wire.Nli;
import org.netserv.nsis.gist.wire.Sid;

/**
 * What a remote host can make a GIST node hold, on loopback (node 127.0.0.9,
 * the "peer" 127.0.0.10, both UDP 270; root): state only after a Confirm
 * whose cookie verifies, no answer to an NLI that is not the Query's source,
 * lifetimes clamped, connections capped per address, slow messages timed out.
 * The netns attack tests (tests/security/test-gist-*.sh) do the same at scale
 * against the daemon.
 */
@Timeout(60)
class HardeningTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    static GistConfig cfg() throws Exception {
        final GistConfig c = new GistConfig();
        c.bindAddress = InetAddress.getByName("127.0.0.9");
        c.maxStateLifetimeMs = 5_000;
        c.maxConnectionsPerAddress = 3;
        c.frameTimeoutMs = 300;
        c.maSetupTimeoutMs = 1_500;
        return c;
    }

    private static final GistListener QUIET = new GistListener() {
        @Override public void receive(int id, Sid sid, Mri mri, byte[] data, Peer peer) {}
        @Override public void noPeer(int id, Sid sid, Mri mri, byte[] data, String reason) {}
    };

    /** The peer's side: a UDP socket on 127.0.0.10:270 speaking raw GIST. */
    static final class Peer10 implements AutoCloseable {
        final InetAddress me = InetAddress.getByName("127.0.0.10"), node = InetAddress.getByName("127.0.0.9");
        final DatagramChannel ch = DatagramChannel.open();
        final byte[] peerId = new byte[16];

        Peer10() throws Exception {
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            ch.bind(new InetSocketAddress(me, 270));
            RANDOM.nextBytes(peerId);
        }

        Mri mri() { return Mri.flow(me, node); }

        void send(GistMessage m) throws Exception {
            ch.send(ByteBuffer.wrap(GistCodec.encode(m, true)), new InetSocketAddress(node, 270));
        }

        GistMessage query(Sid sid, InetAddress nliAddress) {
            return GistMessage.query(32767, 32, mri(), sid, new Nli(64, 30_000, peerId, nliAddress.getAddress()), new byte[] {1, 2, 3, 4}, null, null, null);
        }

        GistMessage confirm(Sid sid, byte[] cookie, long validityMs) {
            return GistMessage.confirm(32767, mri(), sid, new Nli(64, validityMs, peerId, me.getAddress()), cookie, null, null, null);
        }

        /** The next GIST message for us within 5 s, or null. */
        GistMessage receive() throws Exception {
            ch.configureBlocking(false);
            final ByteBuffer b = ByteBuffer.allocate(65536);
            final long end = System.nanoTime() + 5_000_000_000L;
            while (System.nanoTime() < end) {
                if (ch.receive(b.clear()) != null) {
                    final byte[] bytes = new byte[b.flip().remaining()];
                    b.get(bytes);
                    return GistCodec.decode(bytes, true);
                }
                Thread.sleep(10);
            }
            return null;
        }

        @Override public void close() throws Exception { ch.close(); }
    }

    @Test
    void stateOnlyAfterAConfirmWhoseCookieVerifies() throws Exception {
        try (GistNode n = new GistNode(cfg(), QUIET).start(); Peer10 p = new Peer10()) {
            final Sid sid = Sid.random(RANDOM);
            p.send(p.query(sid, p.me));
            final GistMessage r = p.receive();
            assertNotNull(r, "a Response");
            assertEquals(Gist.RESPONSE, r.type());
            assertEquals(0, n.routingStateCount(), "a Query alone installs nothing");

            p.send(p.confirm(sid, null, 30_000));
            final byte[] forged = r.responderCookie().clone();
            forged[forged.length - 1] ^= 1;
            p.send(p.confirm(sid, forged, 30_000));
            waitFor(() -> n.counter("rx-confirm-no-cookie") == 1 && n.counter("rx-confirm-bad-cookie") == 1, () -> n.counters().toString());
            assertEquals(0, n.routingStateCount(), "no state from a Confirm without a valid cookie");

            p.send(p.confirm(sid, r.responderCookie(), 3_600_000));
            waitFor(() -> n.routingStateCount() == 1, () -> "state after the valid Confirm: " + n.counters());
            assertEquals(1, n.counter("state-lifetime-clamped"), "an hour asked, clamped to 5 s");
            waitFor(() -> n.routingStateCount() == 0, () -> "clamped state expired: " + n.counters());
        }
    }

    @Test
    void noAnswerToAnNliThatIsNotTheSource() throws Exception {
        try (GistNode n = new GistNode(cfg(), QUIET).start(); Peer10 p = new Peer10()) {
            // S=1 says "the IP source is me", but the NLI names 127.0.0.11: a reflection attempt
            p.send(p.query(Sid.random(RANDOM), InetAddress.getByName("127.0.0.11")));
            waitFor(() -> n.counter("rx-query-nli-not-source") == 1, () -> n.counters().toString());
            assertEquals(0, n.counter("tx-response"));
        }
    }

    @Test
    void connectionsCappedPerAddressAndSlowMessagesTimedOut() throws Exception {
        try (GistNode n = new GistNode(cfg(), QUIET).start()) {
            final InetSocketAddress to = new InetSocketAddress("127.0.0.9", n.tcpPort());
            final List<SocketChannel> conns = new ArrayList<>();
            try {
                for (int i = 0; i < 5; i++) {
                    final SocketChannel c = SocketChannel.open();
                    c.bind(new InetSocketAddress("127.0.0.10", 0));
                    c.connect(to);
                    conns.add(c);
                }
                waitFor(() -> n.counter("limit/tcp-connections-per-address") == 2, () -> n.counters().toString());
                // the first announces a 4 KiB message and sends one byte of it: closed after the frame timeout
                conns.get(0).write(ByteBuffer.wrap(new byte[] {1, 1, 4, 0, 0x7f, (byte) 0xff, 3, (byte) 0x80, 0}));
                waitFor(() -> n.counter("ma-frame-timeout") == 1, () -> n.counters().toString());
                // the other two never Confirm: closed after the setup timeout
                waitFor(() -> n.counter("ma-setup-timeout") == 2, () -> n.counters().toString());
                waitFor(() -> n.counters().get("tcp-connections") == 0, () -> n.counters().toString());
            } finally {
                for (SocketChannel c : conns) c.close();
            }
        }
    }
}
