package org.netserv.nsis.nslp;

import static org.junit.jupiter.api.Assertions.*;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netserv.nsis.gist.node.GistConfig;
import org.netserv.nsis.gist.node.GistNode;
import org.netserv.nsis.signal.SignalingClient;
import org.netserv.nsis.signal.SignalingResult;

/**
 * Publisher and NetServ node on loopback addresses (127.0.0.1 → 127.0.0.2,
 * both on UDP 270; needs root). The Query is addressed to the node itself,
 * which is then the last (only) NetServ node. Exercises the Q-mode
 * handshake, C-mode MA set-up and reuse, the controller socket, ICMP and
 * back-off last-node detection, soft-state expiry and malformed input.
 */
@Timeout(60)
class LoopbackSignalingTest {
    static final int NSLPID = 32767;
    @TempDir Path tmp;
    TestController ctl;
    NetServNslp nslp;
    GistNode node;
    SignalingClient pub;
    KeyPair keys;
    final SecureRandom rnd = new SecureRandom();
    final InetAddress pubAddr = addr("127.0.0.1"), nodeAddr = addr("127.0.0.2"), nobody = addr("127.0.0.3");

    static InetAddress addr(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @BeforeEach
    void up() throws Exception {
        ctl = new TestController(tmp.resolve("ctl.sock"), "r1");
        final ControllerClient cc = new ControllerClient(ctl.socket, "r1", 5000);
        final GistConfig g = new GistConfig();
        g.bindAddress = nodeAddr;
        g.stateValidityMs = 30_000;
        nslp = new NetServNslp("r1", NSLPID, nodeAddr, cc::exchange, 10_000);
        node = new GistNode(g, nslp);
        nslp.bind(node);
        node.start();
        pub = new SignalingClient(publisherConfig(true, 5_000));
        keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }

    GistConfig publisherConfig(boolean icmp, long retryLimit) {
        final GistConfig p = new GistConfig();
        p.bindAddress = pubAddr;
        p.icmpLastNode = icmp;
        p.retryLimitMs = retryLimit;
        p.t1Ms = 100;
        p.stateValidityMs = 1_500;
        return p;
    }

    @AfterEach
    void down() throws Exception {
        pub.close();
        node.close();
        nslp.close();
        ctl.close();
    }

    NslpMessage signed(Ncm n) throws Exception {
        return NslpMessage.request(rnd.nextInt(), NcmSigner.sign(n, keys.getPrivate(), rnd, System.currentTimeMillis() / 1000));
    }

    @Test
    void setupProbeRemoveThroughTheNode() throws Exception {
        final Ncm setup = new Ncm("SETUP", "NetServ.apps.NetMonitor_1.0.0", List.of(new Ncm.Header("user", "janedoe"), new Ncm.Header("ttl", "3600")));
        SignalingResult r = pub.request(signed(setup), nodeAddr, 20_000);
        assertEquals(SignalingResult.Outcome.OK, r.outcome, r.detail);
        assertEquals(1, r.blocks.size());
        assertEquals("r1", ResponseStack.header(r.blocks.get(0), "node-id"));
        assertEquals("127.0.0.2", ResponseStack.header(r.blocks.get(0), "node-address"));
        assertTrue(ctl.modules.containsKey("NetServ.apps.NetMonitor_1.0.0"));
        // the controller saw exactly the signed text: the signature verifies there
        assertTrue(NcmSigner.verify(ctl.received.get(0), keys.getPublic()));

        r = pub.request(signed(new Ncm("PROBE", null, List.of(new Ncm.Header("probe", "status")))), nodeAddr, 20_000);
        assertEquals(SignalingResult.Outcome.OK, r.outcome, r.detail);
        assertTrue(r.blocks.get(0).contains("module: NetServ.apps.NetMonitor_1.0.0 state=ACTIVE"), r.blocks.get(0));

        r = pub.request(signed(new Ncm("REMOVE", "NetServ.apps.NetMonitor_1.0.0", List.of())), nodeAddr, 20_000);
        assertEquals(SignalingResult.Outcome.OK, r.outcome, r.detail);
        assertTrue(ctl.modules.isEmpty());

        // C-mode: the publisher opened one MA and reused it for the later sessions
        assertEquals(1, pub.node().counter("ma-opened"), pub.node().counters().toString());
        assertEquals(1, node.counter("ma-accepted"), node.counters().toString());
        assertTrue(pub.node().counter("tx-cmode/Data") >= 3);
    }

    /** node-id a,b,c binds the signed NCM to a path: only those nodes act (issue #14 item 6). */
    @Test
    void aPathBindingActsOnlyAtTheNodesItNames() throws Exception {
        final Ncm onPath = new Ncm("SETUP", "NetServ.apps.NetMonitor_1.0.0", List.of(new Ncm.Header("user", "janedoe"),
                new Ncm.Header("ttl", "3600"), new Ncm.Header("node-id", "r0,r1,r2")));
        SignalingResult r = pub.request(signed(onPath), nodeAddr, 20_000);
        assertEquals(SignalingResult.Outcome.OK, r.outcome, r.detail);
        assertTrue(ctl.modules.containsKey("NetServ.apps.NetMonitor_1.0.0"));
        final Ncm elsewhere = new Ncm("SETUP", "NetServ.apps.Other_1.0.0", List.of(new Ncm.Header("user", "janedoe"),
                new Ncm.Header("ttl", "3600"), new Ncm.Header("node-id", "r0,r2")));
        r = pub.request(signed(elsewhere), nodeAddr, 5_000);
        assertTrue(r.blocks.stream().noneMatch(b -> "r1".equals(ResponseStack.header(b, "node-id"))), r.blocks.toString());
        assertTrue(!ctl.modules.containsKey("NetServ.apps.Other_1.0.0"));
    }

    @Test
    void refusalIsReportedAsRefused() throws Exception {
        final SignalingResult r = pub.request(signed(new Ncm("SETUP", "X_1.0.0", List.of())), nodeAddr, 20_000);
        assertEquals(SignalingResult.Outcome.REFUSED, r.outcome);
        assertEquals(400, ResponseStack.status(r.blocks.get(0)));
    }

    @Test
    void noNetServNodeFoundThroughIcmpPortUnreachable() throws Exception {
        final SignalingResult r = pub.request(signed(new Ncm("PROBE", null, List.of())), nobody, 20_000);
        assertEquals(SignalingResult.Outcome.NO_NETSERV_NODE, r.outcome);
        assertTrue(r.detail.contains("icmp"), r.detail);
        assertEquals(1, pub.node().counter("no-peer/icmp"));
    }

    @Test
    void noNetServNodeFoundAfterBackOffWithoutIcmp() throws Exception {
        pub.close();
        pub = new SignalingClient(publisherConfig(false, 1_000));
        final SignalingResult r = pub.request(signed(new Ncm("PROBE", null, List.of())), nobody, 20_000);
        assertEquals(SignalingResult.Outcome.NO_NETSERV_NODE, r.outcome, pub.node().counters().toString());
        assertTrue(r.detail.contains("timeout"), r.detail);
        // T1 = 100 ms doubling within 1 s: sends at 0, .1, .3, .7 — fewer if the loop is starved,
        // so only "retransmitted at all" is asserted (no wall-clock assumptions)
        assertTrue(pub.node().counter("tx-query-retransmit") >= 1, pub.node().counters().toString());
    }

    @Test
    void foreignNslpIdAtTheEndpointIsEndpointFound() throws Exception {
        pub.close();
        final GistConfig p = publisherConfig(true, 5_000);
        p.nslpIds = new int[] {32766};
        pub = new SignalingClient(p);
        final SignalingResult r = pub.request(signed(new Ncm("PROBE", null, List.of())), nodeAddr, 20_000);
        assertEquals(SignalingResult.Outcome.NO_NETSERV_NODE, r.outcome);
        assertTrue(r.detail.contains("endpoint"), r.detail);
        // the node counts its Error after sending it, and a Query retransmitted before the
        // Error arrived (a loaded machine) is answered again: at least one, soon
        waitFor(() -> node.counter("tx-error/unknown-nslpid") >= 1, 10_000, "the node counted its Error");
    }

    @Test
    void softStateExpiresWhenRefreshStops() throws Exception {
        final SignalingResult r = pub.request(signed(new Ncm("PROBE", null, List.of())), nodeAddr, 20_000);
        assertEquals(SignalingResult.Outcome.OK, r.outcome, r.detail);
        // the publisher advertised 1.5 s validity and does not refresh a PROBE
        waitFor(() -> node.routingStateCount() == 0, 15_000, "routing state at the node expires");
        assertTrue(node.counter("routing-states-expired") >= 1);
    }

    @Test
    void malformedDatagramsAreCountedAndDropped() throws Exception {
        final byte[][] bad = {
            {},                                                     // empty
            {0x4E, 0x04},                                           // truncated magic
            {0x12, 0x34, 0x56, 0x78, 1, 1, 0, 0, 0x7F, (byte) 0xFF, 3, 0},          // bad magic
            {0x4E, 0x04, (byte) 0xBD, (byte) 0xA5, 1, 1, 0, 9, 0x7F, (byte) 0xFF, 3, 0},  // length says 36 bytes, none there
            {0x4E, 0x04, (byte) 0xBD, (byte) 0xA5, 2, 1, 0, 0, 0x7F, (byte) 0xFF, 3, 0},  // version 2
            {0x4E, 0x04, (byte) 0xBD, (byte) 0xA5, 1, 1, 0, 1, 0x7F, (byte) 0xFF, 3, 0, 0x0F, (byte) 0xFF, 0, 0}, // unknown mandatory object
        };
        try (DatagramChannel c = DatagramChannel.open()) {
            c.bind(new InetSocketAddress(addr("127.0.0.4"), 0));
            for (byte[] b : bad) c.send(ByteBuffer.wrap(b), new InetSocketAddress(nodeAddr, 270));
        }
        waitFor(() -> node.counter("rx-malformed") == bad.length, 10_000, "every malformed datagram counted");
        assertEquals(3, node.counter("rx-malformed/incorrect-encapsulation/0"));
        assertEquals(1, node.counter("rx-malformed/object-type-error/1"));
        // and the node still works
        final SignalingResult r = pub.request(signed(new Ncm("PROBE", null, List.of())), nodeAddr, 20_000);
        assertEquals(SignalingResult.Outcome.OK, r.outcome, r.detail);
    }

    @Test
    void malformedMessageIsAnsweredWithAGistError() throws Exception {
        // a Query whose length field claims one word more than is there, from a GIST node at 127.0.0.4
        final byte[] q = java.util.HexFormat.of().parseHex("4e04bda5012000157fff80c000000004000040000a5801010a58020120200000"
                + "000100040586844d40d5169f12907c9b665508a7000200071040400000007530"
                + "17fb2745eafe437357fbf1f2b1f7e61c0a58010100050001a19175d9");
        try (DatagramChannel c = DatagramChannel.open()) {
            c.setOption(java.net.StandardSocketOptions.SO_REUSEPORT, true);
            c.bind(new InetSocketAddress(addr("127.0.0.4"), 270));
            c.send(ByteBuffer.wrap(q), new InetSocketAddress(nodeAddr, 270));
            final ByteBuffer b = ByteBuffer.allocate(2048);
            c.receive(b);
            b.flip();
            final byte[] r = new byte[b.remaining()];
            b.get(r);
            final org.netserv.nsis.gist.wire.GistMessage e = org.netserv.nsis.gist.wire.GistCodec.decode(r, true);
            assertEquals(org.netserv.nsis.gist.wire.Gist.ERROR, e.type());
            assertEquals(0, e.nslpId());
            assertEquals(org.netserv.nsis.gist.wire.Gist.E_COMMON_HEADER_PARSE, e.error().code());
            assertEquals(org.netserv.nsis.gist.wire.Gist.SUB_INCORRECT_MESSAGE_LENGTH, e.error().subcode());
            assertEquals(org.netserv.nsis.gist.wire.ErrorObject.AI_MESSAGE_LENGTH, e.error().infos().get(0).type);
            assertArrayEquals(java.util.Arrays.copyOfRange(q, 4, 12), e.error().originalHeader(), "the offending header is echoed");
        }
        assertEquals(1, node.counter("rx-malformed/common-header-parse-error/3"));
    }

    static void waitFor(java.util.function.BooleanSupplier cond, long ms, String what) throws InterruptedException {
        final long end = System.nanoTime() + ms * 1_000_000;
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) fail("timed out waiting until " + what);
            Thread.sleep(20);
        }
    }
}
