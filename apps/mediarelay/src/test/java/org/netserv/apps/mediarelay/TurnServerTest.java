package org.netserv.apps.mediarelay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TurnServerTest {
    static final String REALM = "netserv";
    static final int LOCALHOST = 0x7f000001;

    final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    final AtomicLong wall = new AtomicLong(1_800_000_000L);
    TurnServer server;

    TurnServer server(String... kv) {
        Map<String, String> p = new HashMap<>(Map.of("listen_ip", "127.0.0.1", "relay_ports", "47000-47099",
                "users", "alice:wonderland;bob:builder", "deny_peers", "0.0.0.0/8;10.66.0.0/16", "secret", "s3cr3t"));
        for (int i = 0; i < kv.length; i += 2) p.put(kv[i], kv[i + 1]);
        server = new TurnServer(new Config(p), null, nanos::get);
        server.wallSeconds = wall::get;
        return server;
    }

    @AfterEach
    void close() {
        if (server != null) server.shutdown();
    }

    Turn.Link link(int port) {
        return new Turn.Link("127.0.0.1", port, false);
    }

    /** Sends a request, returns the answer. */
    Turn.Answer ask(Turn.Link l, int method, byte[] txid, Consumer<StunWriter> body) {
        int before = l.sent.size();
        Turn.deliver(server, l, Turn.message(method, Stun.REQUEST, txid, body));
        assertEquals(before + 1, l.sent.size(), "one answer");
        return l.answer();
    }

    /** The nonce a 401 hands out. */
    String nonce(Turn.Link l) {
        Turn.Answer a = ask(l, Stun.ALLOCATE, Turn.txid(), w -> Turn.requestedTransport(w, 17));
        assertEquals(401, a.code());
        return a.string(Stun.NONCE);
    }

    /** A request authenticated as user/password (MESSAGE-INTEGRITY, FINGERPRINT). */
    Turn.Answer authed(Turn.Link l, int method, String user, String pw, byte[] txid, Consumer<StunWriter> body) throws Exception {
        String nonce = nonce(l);
        byte[] key = Turn.md5Key(user, REALM, pw);
        return ask(l, method, txid, w -> {
            body.accept(w);
            Turn.auth(w, user, REALM, nonce).integrity(key).fingerprint();
        });
    }

    Turn.Answer allocate(Turn.Link l, String user, String pw) throws Exception {
        return authed(l, Stun.ALLOCATE, user, pw, Turn.txid(), w -> Turn.requestedTransport(w, 17));
    }

    Turn.Answer alice(Turn.Link l, int method, Consumer<StunWriter> body) throws Exception {
        return authed(l, method, "alice", "wonderland", Turn.txid(), body);
    }

    // ------------------------------------------------------------------ Binding, basics

    @Test
    void bindingAnswersTheMappedAddressWithoutAuthentication() {
        server();
        Turn.Link l = link(5000);
        byte[] tx = Turn.txid();
        Turn.Answer a = ask(l, Stun.BINDING, tx, w -> w.fingerprint());
        assertEquals(0x0101, a.type());
        assertEquals(StunMessage.OK, a.parse);
        assertEquals(LOCALHOST, a.m.xorIpv4(Stun.XOR_MAPPED_ADDRESS));
        assertEquals(5000, a.xorPort(Stun.XOR_MAPPED_ADDRESS));
        assertTrue(a.m.fingerprintAt > 0, "FINGERPRINT echoed");
        assertArrayEquals(tx, java.util.Arrays.copyOfRange(a.raw, 8, 20));
    }

    @Test
    void unknownComprehensionRequiredAttributeGets420() {
        server();
        Turn.Answer a = ask(link(5000), Stun.BINDING, Turn.txid(), w -> w.u32(0x0031, 0).u32(0x8031, 0));
        assertEquals(420, a.code());
        assertEquals(2, a.m.len(Stun.UNKNOWN_ATTRIBUTES));
        assertEquals(0x0031, ByteBuffer.wrap(a.raw).getShort(a.m.at(Stun.UNKNOWN_ATTRIBUTES)));
    }

    @Test
    void unknownAttributeInAnAuthenticatedAllocateGets420WithIntegrity() throws Exception {
        server();
        Turn.Link l = link(5000);
        Turn.Answer a = alice(l, Stun.ALLOCATE, w -> Turn.requestedTransport(w, 17).u32(0x0077, 1));
        assertEquals(420, a.code());
        assertTrue(a.integrityOk(Turn.md5Key("alice", REALM, "wonderland"), false));
        assertNull(l.allocation);
    }

    @Test
    void unknownMethodGets400AndMalformedIsDropped() {
        server();
        Turn.Link l = link(5000);
        assertEquals(400, ask(l, 0x00A, Turn.txid(), w -> {}).code());
        ByteBuffer bad = Turn.message(Stun.BINDING, Stun.REQUEST, Turn.txid(), w -> w.string(Stun.SOFTWARE, "abcd"));
        bad.putShort(22, (short) 60);            // attribute runs past the end: 400
        Turn.deliver(server, l, bad);
        assertEquals(400, l.answer().code());
        int n = l.sent.size();
        ByteBuffer trunc = Turn.message(Stun.BINDING, Stun.REQUEST, Turn.txid(), w -> w.string(Stun.SOFTWARE, "abcd"));
        server.onClient(l, trunc, 0, trunc.remaining() - 4);   // truncated datagram: silently dropped
        ByteBuffer big = ByteBuffer.allocate(200).put(trunc.duplicate());
        server.onClient(l, big, 0, 200);                         // oversized (trailing bytes): dropped
        assertEquals(n, l.sent.size());
        assertEquals(2, server.counters.get(Counters.DROPPED_MALFORMED));
    }

    // ------------------------------------------------------------------ long-term credentials

    @Test
    void allocateWithoutCredentialsIsChallenged() {
        server();
        Turn.Answer a = ask(link(5000), Stun.ALLOCATE, Turn.txid(), w -> Turn.requestedTransport(w, 17));
        assertEquals(0x0113, a.type());
        assertEquals(401, a.code());
        assertEquals(REALM, a.string(Stun.REALM));
        assertTrue(a.string(Stun.NONCE).startsWith("obMatJos2"));
        assertArrayEquals(Credentials.ALGORITHMS, a.m.passwordAlgorithmsAt < 0 ? null
                : java.util.Arrays.copyOfRange(a.raw, a.m.passwordAlgorithmsAt, a.m.passwordAlgorithmsAt + 8));
        assertEquals(-1, a.m.integrityAt, "a 401 carries no integrity");
    }

    @Test
    void wrongPasswordAndUnknownUserGet401() throws Exception {
        server();
        Turn.Link l = link(5000);
        assertEquals(401, allocate(l, "alice", "not-it").code());
        assertEquals(401, allocate(l, "mallory", "x").code());
        assertNull(l.allocation);
    }

    @Test
    void integrityWithoutNonceIs400() {
        server();
        Turn.Answer a = ask(link(5000), Stun.ALLOCATE, Turn.txid(), w -> Turn.requestedTransport(w, 17)
                .string(Stun.USERNAME, "alice").string(Stun.REALM, REALM).integrity(new byte[16]));
        assertEquals(400, a.code());
    }

    @Test
    void staleNonceGets438AndTheRetryWithTheNewNonceSucceeds() throws Exception {
        server("nonce_lifetime", "30");
        Turn.Link l = link(5000);
        String old = nonce(l);
        wall.addAndGet(31);
        byte[] key = Turn.md5Key("alice", REALM, "wonderland");
        Turn.Answer a = ask(l, Stun.ALLOCATE, Turn.txid(), w -> Turn.auth(Turn.requestedTransport(w, 17), "alice", REALM, old).integrity(key));
        assertEquals(438, a.code());
        String fresh = a.string(Stun.NONCE);
        assertNotEquals(old, fresh);
        assertEquals(REALM, a.string(Stun.REALM));
        Turn.Answer ok = ask(l, Stun.ALLOCATE, Turn.txid(), w -> Turn.auth(Turn.requestedTransport(w, 17), "alice", REALM, fresh).integrity(key));
        assertEquals(0x0103, ok.type());
        assertTrue(ok.integrityOk(key, false));
    }

    @Test
    void forgedNonceGets438() throws Exception {
        server();
        Turn.Link l = link(5000);
        String n = nonce(l);
        String forged = n.substring(0, n.length() - 1) + (n.endsWith("0") ? "1" : "0");
        byte[] key = Turn.md5Key("alice", REALM, "wonderland");
        assertEquals(438, ask(l, Stun.ALLOCATE, Turn.txid(),
                w -> Turn.auth(Turn.requestedTransport(w, 17), "alice", REALM, forged).integrity(key)).code());
    }

    @Test
    void sha256IntegrityAndUserhash() throws Exception {
        server();
        Turn.Link l = link(5000);
        String nonce = nonce(l);
        byte[] key = MessageDigest.getInstance("SHA-256").digest(("bob:" + REALM + ":builder").getBytes(StandardCharsets.UTF_8));
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(("bob:" + REALM).getBytes(StandardCharsets.UTF_8));
        Turn.Answer a = ask(l, Stun.ALLOCATE, Turn.txid(), w -> Turn.requestedTransport(w, 17)
                .bytes(Stun.USERHASH, hash).string(Stun.REALM, REALM).string(Stun.NONCE, nonce)
                .bytes(Stun.PASSWORD_ALGORITHMS, Credentials.ALGORITHMS)
                .bytes(Stun.PASSWORD_ALGORITHM, new byte[] {0, 2, 0, 0})
                .integritySha256(key));
        assertEquals(0x0103, a.type());
        assertTrue(a.integrityOk(key, true), "answered with MESSAGE-INTEGRITY-SHA256 under the SHA-256 key");
        assertEquals(-1, a.m.integrityAt);
        assertEquals("bob", l.allocation.username);
    }

    @Test
    void passwordAlgorithmWithoutTheOfferedListIs400() throws Exception {
        server();
        Turn.Link l = link(5000);
        String nonce = nonce(l);
        byte[] key = Turn.md5Key("alice", REALM, "wonderland");
        assertEquals(400, ask(l, Stun.ALLOCATE, Turn.txid(), w -> Turn.auth(Turn.requestedTransport(w, 17), "alice", REALM, nonce)
                .bytes(Stun.PASSWORD_ALGORITHM, new byte[] {0, 1, 0, 0}).integrity(key)).code());
    }

    @Test
    void restCredentialsAsCoturnUseAuthSecret() throws Exception {
        server();
        Turn.Link l = link(5000);
        String user = (wall.get() + 60) + ":carol";
        assertEquals(0x0103, allocate(l, user, Credentials.restPassword("s3cr3t", user)).type());
        String expired = (wall.get() - 1) + ":dave";
        assertEquals(401, allocate(link(5001), expired, Credentials.restPassword("s3cr3t", expired)).code());
        String other = (wall.get() + 60) + ":erin";
        assertEquals(401, allocate(link(5002), other, Credentials.restPassword("wrong", other)).code());
    }

    // ------------------------------------------------------------------ Allocate

    @Test
    void allocateGivesARelayedAddressInRangeAndLifetime() throws Exception {
        server();
        Turn.Link l = link(5000);
        Turn.Answer a = allocate(l, "alice", "wonderland");
        assertEquals(0x0103, a.type());
        assertEquals(LOCALHOST, a.m.xorIpv4(Stun.XOR_RELAYED_ADDRESS));
        int port = a.xorPort(Stun.XOR_RELAYED_ADDRESS);
        assertTrue(port >= 47000 && port <= 47099, "relay port " + port);
        assertEquals(600, a.m.u32(Stun.LIFETIME));
        assertEquals(5000, a.xorPort(Stun.XOR_MAPPED_ADDRESS));
        assertTrue(a.integrityOk(Turn.md5Key("alice", REALM, "wonderland"), false));
        assertTrue(a.m.fingerprintAt > 0);
        assertEquals(1, server.counters.get(Counters.ALLOCATIONS));
    }

    @Test
    void lifetimeIsClampedBetweenDefaultAndMax() throws Exception {
        server();
        Turn.Answer hi = authed(link(5000), Stun.ALLOCATE, "alice", "wonderland", Turn.txid(),
                w -> Turn.requestedTransport(w, 17).u32(Stun.LIFETIME, 99999));
        assertEquals(3600, hi.m.u32(Stun.LIFETIME));
        Turn.Answer lo = authed(link(5001), Stun.ALLOCATE, "alice", "wonderland", Turn.txid(),
                w -> Turn.requestedTransport(w, 17).u32(Stun.LIFETIME, 5));
        assertEquals(600, lo.m.u32(Stun.LIFETIME));
    }

    @Test
    void retransmittedAllocateGetsTheSameAnswerAnotherGets437() throws Exception {
        server();
        Turn.Link l = link(5000);
        byte[] tx = Turn.txid();
        String nonce = nonce(l);
        byte[] key = Turn.md5Key("alice", REALM, "wonderland");
        Consumer<StunWriter> req = w -> Turn.auth(Turn.requestedTransport(w, 17), "alice", REALM, nonce).integrity(key);
        byte[] first = ask(l, Stun.ALLOCATE, tx, req).raw;
        assertArrayEquals(first, ask(l, Stun.ALLOCATE, tx, req).raw);
        assertEquals(437, ask(l, Stun.ALLOCATE, Turn.txid(), req).code());
        assertEquals(1, server.counters.get(Counters.ALLOCATIONS));
    }

    @Test
    void allocateErrors() throws Exception {
        server();
        assertEquals(400, alice(link(5000), Stun.ALLOCATE, w -> {}).code(), "no REQUESTED-TRANSPORT");
        assertEquals(442, alice(link(5000), Stun.ALLOCATE, w -> Turn.requestedTransport(w, 6)).code(), "TCP relay");
        assertEquals(440, alice(link(5000), Stun.ALLOCATE, w -> Turn.requestedTransport(w, 17)
                .bytes(Stun.REQUESTED_ADDRESS_FAMILY, new byte[] {2, 0, 0, 0})).code(), "IPv6");
        assertEquals(400, alice(link(5000), Stun.ALLOCATE, w -> Turn.requestedTransport(w, 17)
                .bytes(Stun.EVEN_PORT, new byte[] {0}).bytes(Stun.RESERVATION_TOKEN, new byte[8])).code(), "token and EVEN-PORT");
        assertEquals(508, alice(link(5000), Stun.ALLOCATE, w -> Turn.requestedTransport(w, 17)
                .bytes(Stun.RESERVATION_TOKEN, new byte[] {1, 2, 3, 4, 5, 6, 7, 8})).code(), "unknown token");
        if (!server.dontFragmentSupported()) {
            Turn.Answer df = alice(link(5000), Stun.ALLOCATE, w -> Turn.requestedTransport(w, 17).bytes(Stun.DONT_FRAGMENT, new byte[0]));
            assertEquals(420, df.code(), "DF not settable on this JVM: an unknown attribute (RFC 8656 §7.2)");
            assertEquals(Stun.DONT_FRAGMENT, ByteBuffer.wrap(df.raw).getShort(df.m.at(Stun.UNKNOWN_ATTRIBUTES)));
        }
        assertEquals(0, server.counters.get(Counters.ALLOCATIONS));
    }

    @Test
    void evenPortWithReservationThenTheToken() throws Exception {
        server();
        Turn.Answer a = alice(link(5000), Stun.ALLOCATE, w -> Turn.requestedTransport(w, 17).bytes(Stun.EVEN_PORT, new byte[] {(byte) 0x80}));
        assertEquals(0x0103, a.type());
        int port = a.xorPort(Stun.XOR_RELAYED_ADDRESS);
        assertEquals(0, port & 1);
        assertEquals(8, a.m.len(Stun.RESERVATION_TOKEN));
        byte[] token = a.m.bytes(Stun.RESERVATION_TOKEN);
        Turn.Answer b = alice(link(5001), Stun.ALLOCATE, w -> Turn.requestedTransport(w, 17).bytes(Stun.RESERVATION_TOKEN, token));
        assertEquals(port + 1, b.xorPort(Stun.XOR_RELAYED_ADDRESS));
        assertEquals(508, alice(link(5002), Stun.ALLOCATE, w -> Turn.requestedTransport(w, 17)
                .bytes(Stun.RESERVATION_TOKEN, token)).code(), "a token is used once");
    }

    @Test
    void perUserQuotaGets486AndOthersStillAllocate() throws Exception {
        server("user_quota", "2");
        assertEquals(0x0103, allocate(link(5000), "alice", "wonderland").type());
        assertEquals(0x0103, allocate(link(5001), "alice", "wonderland").type());
        assertEquals(486, allocate(link(5002), "alice", "wonderland").code());
        assertEquals(0x0103, allocate(link(5003), "bob", "builder").type());
        assertEquals(3, server.counters.get(Counters.ALLOCATIONS));
    }

    @Test
    void totalQuotaAndPortExhaustionGet508() throws Exception {
        server("total_quota", "1");
        assertEquals(0x0103, allocate(link(5000), "alice", "wonderland").type());
        assertEquals(508, allocate(link(5001), "bob", "builder").code());
        close();
        server("relay_ports", "47100-47101");
        assertEquals(0x0103, allocate(link(5000), "alice", "wonderland").type());
        assertEquals(0x0103, allocate(link(5001), "alice", "wonderland").type());
        assertEquals(508, allocate(link(5002), "alice", "wonderland").code(), "no relay port left");
    }

    // ------------------------------------------------------------------ Refresh

    @Test
    void refreshWithoutAllocationIs437AndByAnotherUser441() throws Exception {
        server();
        assertEquals(437, alice(link(5000), Stun.REFRESH, w -> {}).code());
        Turn.Link l = link(5001);
        allocate(l, "alice", "wonderland");
        assertEquals(441, authed(l, Stun.REFRESH, "bob", "builder", Turn.txid(), w -> {}).code());
        assertNotNull(l.allocation);
    }

    @Test
    void refreshZeroDeletesAndAnExpiredAllocationIsGone() throws Exception {
        server();
        Turn.Link l = link(5000), other = link(5001);
        allocate(l, "alice", "wonderland");
        allocate(other, "alice", "wonderland");
        Turn.Answer r = alice(l, Stun.REFRESH, w -> w.u32(Stun.LIFETIME, 0));
        assertEquals(0x0104, r.type());
        assertEquals(0, r.m.u32(Stun.LIFETIME));
        assertNull(l.allocation);
        assertEquals(437, alice(l, Stun.REFRESH, w -> {}).code());
        // other: refreshed to 30 s, then the clock passes it
        assertEquals(30, alice(other, Stun.REFRESH, w -> w.u32(Stun.LIFETIME, 30)).m.u32(Stun.LIFETIME));
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(31));
        server.tick();
        assertNull(other.allocation);
        assertEquals(1, server.counters.get(Counters.EXPIRED));
        assertEquals(437, alice(other, Stun.CREATE_PERMISSION, w -> w.xorAddress(Stun.XOR_PEER_ADDRESS, LOCALHOST, 9)).code());
        assertEquals(0, server.counters.get(Counters.ALLOCATIONS));
    }

    // ------------------------------------------------------------------ permissions and channels

    @Test
    void createPermissionErrors() throws Exception {
        server("max_permissions", "2");
        Turn.Link l = link(5000);
        allocate(l, "alice", "wonderland");
        assertEquals(400, alice(l, Stun.CREATE_PERMISSION, w -> {}).code(), "no XOR-PEER-ADDRESS");
        assertEquals(403, alice(l, Stun.CREATE_PERMISSION, w -> w.xorAddress(Stun.XOR_PEER_ADDRESS, 0x0a420001, 9)).code(), "denied peer");
        assertEquals(0x0108, alice(l, Stun.CREATE_PERMISSION, w -> w.xorAddress(Stun.XOR_PEER_ADDRESS, LOCALHOST, 9)
                .xorAddress(Stun.XOR_PEER_ADDRESS, 0x7f000002, 9)).type());
        assertEquals(2, server.counters.get(Counters.PERMISSIONS));
        assertEquals(508, alice(l, Stun.CREATE_PERMISSION, w -> w.xorAddress(Stun.XOR_PEER_ADDRESS, 0x7f000003, 9)).code());
        assertEquals(0x0108, alice(l, Stun.CREATE_PERMISSION, w -> w.xorAddress(Stun.XOR_PEER_ADDRESS, LOCALHOST, 9)).type(), "refresh");
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(301));
        server.tick();
        assertEquals(0, server.counters.get(Counters.PERMISSIONS), "permissions last 300 s");
    }

    @Test
    void channelBindErrors() throws Exception {
        server();
        Turn.Link l = link(5000);
        allocate(l, "alice", "wonderland");
        assertEquals(400, alice(l, Stun.CHANNEL_BIND, w -> w.u32(Stun.CHANNEL_NUMBER, 0x3FFF << 16)
                .xorAddress(Stun.XOR_PEER_ADDRESS, LOCALHOST, 9)).code(), "below 0x4000");
        assertEquals(400, alice(l, Stun.CHANNEL_BIND, w -> w.u32(Stun.CHANNEL_NUMBER, 0x5000 << 16)
                .xorAddress(Stun.XOR_PEER_ADDRESS, LOCALHOST, 9)).code(), "above 0x4FFF (RFC 8656)");
        assertEquals(400, alice(l, Stun.CHANNEL_BIND, w -> w.u32(Stun.CHANNEL_NUMBER, 0x4000 << 16)).code(), "no peer");
        assertEquals(0x0109, alice(l, Stun.CHANNEL_BIND, w -> w.u32(Stun.CHANNEL_NUMBER, 0x4000 << 16)
                .xorAddress(Stun.XOR_PEER_ADDRESS, LOCALHOST, 9)).type());
        assertEquals(400, alice(l, Stun.CHANNEL_BIND, w -> w.u32(Stun.CHANNEL_NUMBER, 0x4000 << 16)
                .xorAddress(Stun.XOR_PEER_ADDRESS, LOCALHOST, 10)).code(), "number bound to another peer");
        assertEquals(400, alice(l, Stun.CHANNEL_BIND, w -> w.u32(Stun.CHANNEL_NUMBER, 0x4001 << 16)
                .xorAddress(Stun.XOR_PEER_ADDRESS, LOCALHOST, 9)).code(), "peer bound to another number");
        assertEquals(0x0109, alice(l, Stun.CHANNEL_BIND, w -> w.u32(Stun.CHANNEL_NUMBER, 0x4000 << 16)
                .xorAddress(Stun.XOR_PEER_ADDRESS, LOCALHOST, 9)).type(), "refresh");
        assertEquals(403, alice(l, Stun.CHANNEL_BIND, w -> w.u32(Stun.CHANNEL_NUMBER, 0x4002 << 16)
                .xorAddress(Stun.XOR_PEER_ADDRESS, 0x0a420001, 9)).code());
        assertEquals(1, server.counters.get(Counters.CHANNELS));
        assertEquals(1, server.counters.get(Counters.PERMISSIONS), "ChannelBind installs the permission");
    }

    @Test
    void ipv6PeersGet443() throws Exception {
        server();
        Turn.Link l = link(5000);
        allocate(l, "alice", "wonderland");
        byte[] v6 = new byte[20];
        v6[1] = 2;
        assertEquals(443, alice(l, Stun.CREATE_PERMISSION, w -> w.bytes(Stun.XOR_PEER_ADDRESS, v6)).code());
        assertEquals(443, alice(l, Stun.CHANNEL_BIND, w -> w.u32(Stun.CHANNEL_NUMBER, 0x4000 << 16)
                .bytes(Stun.XOR_PEER_ADDRESS, v6)).code());
        assertEquals(443, alice(l, Stun.REFRESH, w -> w.bytes(Stun.REQUESTED_ADDRESS_FAMILY, new byte[] {2, 0, 0, 0})).code());
        assertEquals(0, server.counters.get(Counters.PERMISSIONS));
        assertNotNull(l.allocation);
    }

    @Test
    void rfc5766ChannelRangeWhenAsked() throws Exception {
        server("channels", "rfc5766");
        Turn.Link l = link(5000);
        allocate(l, "alice", "wonderland");
        assertEquals(0x0109, alice(l, Stun.CHANNEL_BIND, w -> w.u32(Stun.CHANNEL_NUMBER, 0x5cb6 << 16)
                .xorAddress(Stun.XOR_PEER_ADDRESS, LOCALHOST, 9)).type());
        assertThrows(IllegalArgumentException.class, () -> server("channels", "bogus"));
    }

    // ------------------------------------------------------------------ data

    @Test
    void sendIndicationAndDataIndicationThroughARealRelaySocket() throws Exception {
        server("deny_peers", "0.0.0.0/8");
        try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            peer.setSoTimeout(2000);
            int peerPort = peer.getLocalPort();
            Turn.Link l = link(5000);
            int relayPort = allocate(l, "alice", "wonderland").xorPort(Stun.XOR_RELAYED_ADDRESS);
            byte[] payload = "hello peer".getBytes(StandardCharsets.US_ASCII);
            ByteBuffer send = Turn.message(Stun.SEND, Stun.INDICATION, Turn.txid(),
                    w -> w.xorAddress(Stun.XOR_PEER_ADDRESS, LOCALHOST, peerPort).bytes(Stun.DATA_ATTR, payload));
            Turn.deliver(server, l, send.duplicate());
            assertEquals(1, server.counters.get(Counters.DROPPED_NO_PERMISSION), "no permission yet: dropped");
            alice(l, Stun.CREATE_PERMISSION, w -> w.xorAddress(Stun.XOR_PEER_ADDRESS, LOCALHOST, 1));
            Turn.deliver(server, l, send.duplicate());
            DatagramPacket got = new DatagramPacket(new byte[100], 100);
            peer.receive(got);
            assertEquals("hello peer", new String(got.getData(), 0, got.getLength(), StandardCharsets.US_ASCII));
            assertEquals(relayPort, got.getPort());

            // the peer answers: a Data indication to the client
            peer.send(new DatagramPacket("hi!".getBytes(StandardCharsets.US_ASCII), 3, InetAddress.getLoopbackAddress(), relayPort));
            int n = l.sent.size();
            relayOnce(l.allocation);
            assertEquals(n + 1, l.sent.size());
            Turn.Answer d = l.answer();
            assertEquals(StunMessage.OK, d.parse);
            assertEquals(0x0017, d.type());
            assertEquals(peerPort, d.xorPort(Stun.XOR_PEER_ADDRESS));
            assertEquals("hi!", d.string(Stun.DATA_ATTR));
            assertEquals(0, d.raw.length % 4);

            // after ChannelBind: ChannelData both ways
            alice(l, Stun.CHANNEL_BIND, w -> w.u32(Stun.CHANNEL_NUMBER, 0x4001 << 16).xorAddress(Stun.XOR_PEER_ADDRESS, LOCALHOST, peerPort));
            ByteBuffer cd = ByteBuffer.allocate(12).putShort((short) 0x4001).putShort((short) 5).put("chan!".getBytes(StandardCharsets.US_ASCII));
            server.onClient(l, cd, 0, 9);
            peer.receive(got);
            assertEquals("chan!", new String(got.getData(), 0, got.getLength(), StandardCharsets.US_ASCII));
            peer.send(new DatagramPacket("back".getBytes(StandardCharsets.US_ASCII), 4, InetAddress.getLoopbackAddress(), relayPort));
            relayOnce(l.allocation);
            byte[] c = l.last();
            assertEquals(8, c.length);
            assertEquals(0x4001, ((c[0] & 0xff) << 8) | (c[1] & 0xff));
            assertEquals(4, c[3]);
            assertEquals(2, server.counters.get(Counters.TO_PEER_PACKETS));
            assertEquals(2, server.counters.get(Counters.TO_CLIENT_PACKETS));
            assertEquals(15, server.counters.get(Counters.TO_PEER_BYTES));
            assertEquals(7, server.counters.get(Counters.TO_CLIENT_BYTES));
        }
    }

    @Test
    void channelDataOnAStreamIsPadded() throws Exception {
        server("deny_peers", "0.0.0.0/8");
        try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            Turn.Link l = new Turn.Link("127.0.0.1", 5000, true);
            int relayPort = allocate(l, "alice", "wonderland").xorPort(Stun.XOR_RELAYED_ADDRESS);
            alice(l, Stun.CHANNEL_BIND, w -> w.u32(Stun.CHANNEL_NUMBER, 0x4abc << 16)
                    .xorAddress(Stun.XOR_PEER_ADDRESS, LOCALHOST, peer.getLocalPort()));
            peer.send(new DatagramPacket(new byte[5], 5, InetAddress.getLoopbackAddress(), relayPort));
            relayOnce(l.allocation);
            assertEquals(12, l.last().length, "4 + 5 padded to 12");
            assertEquals(5, l.last()[3]);
        }
    }

    @Test
    void badChannelDataIsDroppedAndCounted() throws Exception {
        server();
        Turn.Link l = link(5000);
        allocate(l, "alice", "wonderland");
        ByteBuffer cd = ByteBuffer.allocate(16);
        cd.putShort(0, (short) 0x4123).putShort(2, (short) 4);          // never bound
        server.onClient(l, cd, 0, 8);
        cd.putShort(0, (short) 0x6000);                                  // reserved range
        server.onClient(l, cd, 0, 8);
        cd.putShort(0, (short) 0x4123).putShort(2, (short) 40);         // longer than the datagram
        server.onClient(l, cd, 0, 8);
        assertEquals(2, server.counters.get(Counters.DROPPED_BAD_CHANNEL));
        assertEquals(1, server.counters.get(Counters.DROPPED_MALFORMED));
        assertNotNull(l.allocation, "the allocation is untouched");
    }

    @Test
    void bandwidthLimitDropsBeyondTheRate() throws Exception {
        server("deny_peers", "0.0.0.0/8", "max_bps", "1000");
        try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            Turn.Link l = link(5000);
            allocate(l, "alice", "wonderland");
            alice(l, Stun.CREATE_PERMISSION, w -> w.xorAddress(Stun.XOR_PEER_ADDRESS, LOCALHOST, 1));
            byte[] payload = new byte[200];
            for (int i = 0; i < 10; i++) {
                Turn.deliver(server, l, Turn.message(Stun.SEND, Stun.INDICATION, Turn.txid(),
                        w -> w.xorAddress(Stun.XOR_PEER_ADDRESS, LOCALHOST, peer.getLocalPort()).bytes(Stun.DATA_ATTR, payload)));
            }
            assertEquals(5, server.counters.get(Counters.TO_PEER_PACKETS), "1000 bytes of 2000 in the same instant");
            assertEquals(5, server.counters.get(Counters.DROPPED_BANDWIDTH));
            nanos.addAndGet(TimeUnit.SECONDS.toNanos(1));
            Turn.deliver(server, l, Turn.message(Stun.SEND, Stun.INDICATION, Turn.txid(),
                    w -> w.xorAddress(Stun.XOR_PEER_ADDRESS, LOCALHOST, peer.getLocalPort()).bytes(Stun.DATA_ATTR, payload)));
            assertEquals(6, server.counters.get(Counters.TO_PEER_PACKETS), "refilled after a second");
        }
    }

    @Test
    void peerWithoutPermissionIsDropped() throws Exception {
        server("deny_peers", "0.0.0.0/8");
        try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            Turn.Link l = link(5000);
            int relayPort = allocate(l, "alice", "wonderland").xorPort(Stun.XOR_RELAYED_ADDRESS);
            int n = l.sent.size();
            peer.send(new DatagramPacket(new byte[4], 4, InetAddress.getLoopbackAddress(), relayPort));
            relayOnce(l.allocation);
            assertEquals(n, l.sent.size());
            assertEquals(1, server.counters.get(Counters.DROPPED_NO_PERMISSION));
        }
    }

    @Test
    void relayingAllocatesNothingPerPacket() throws Exception {
        server("deny_peers", "0.0.0.0/8");
        try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            peer.setReceiveBufferSize(4 << 20);
            Turn.Link l = link(5000);
            allocate(l, "alice", "wonderland");
            alice(l, Stun.CHANNEL_BIND, w -> w.u32(Stun.CHANNEL_NUMBER, 0x4001 << 16)
                    .xorAddress(Stun.XOR_PEER_ADDRESS, LOCALHOST, peer.getLocalPort()));
            l.keep = false;
            ByteBuffer cd = ByteBuffer.allocateDirect(4 + 172);
            cd.putShort(0, (short) 0x4001).putShort(2, (short) 172);
            ByteBuffer fromPeer = ByteBuffer.allocateDirect(TurnServer.HEADROOM + 200);
            InetSocketAddress from = new InetSocketAddress("127.0.0.1", peer.getLocalPort());
            Allocation a = l.allocation;
            for (int i = 0; i < 2000; i++) {          // warm up (JIT)
                server.onClient(l, cd, 0, 176);
                fromPeer.clear();
                server.onPeer(a, fromPeer, 172, from);
            }
            com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
            long t = Thread.currentThread().getId();
            long before = mx.getThreadAllocatedBytes(t);
            int n = 20000;
            for (int i = 0; i < n; i++) {
                server.onClient(l, cd, 0, 176);
                fromPeer.clear();
                server.onPeer(a, fromPeer, 172, from);
            }
            long bytes = mx.getThreadAllocatedBytes(t) - before;
            assertTrue(bytes < n, "relaying " + 2 * n + " packets allocated " + bytes + " bytes");
        }
    }

    /** Receives one datagram on the allocation's relay socket and hands it to the server, as RelayLoop does. */
    void relayOnce(Allocation a) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(TurnServer.HEADROOM + 2000);
        b.position(TurnServer.HEADROOM).limit(b.capacity() - 4);
        a.relay.configureBlocking(true);
        InetSocketAddress from = (InetSocketAddress) a.relay.receive(b);
        server.onPeer(a, b, b.position() - TurnServer.HEADROOM, from);
    }

    @Test
    void threadsShareQuotaAndReservations() throws Exception {
        Map<String, String> p = new HashMap<>(Map.of("listen_ip", "127.0.0.1", "relay_ports", "47400-47499",
                "users", "alice:wonderland", "user_quota", "2"));
        RelayShared shared = new RelayShared(new Config(p));
        server = new TurnServer(shared, null, nanos::get);
        TurnServer other = new TurnServer(shared, null, nanos::get);
        try {
            Turn.Answer a = alice(link(5000), Stun.ALLOCATE, w -> Turn.requestedTransport(w, 17).bytes(Stun.EVEN_PORT, new byte[] {(byte) 0x80}));
            byte[] token = a.m.bytes(Stun.RESERVATION_TOKEN);
            TurnServer first = server;
            server = other;      // the RTCP client lands on the other thread
            Turn.Answer b = alice(link(5001), Stun.ALLOCATE, w -> Turn.requestedTransport(w, 17).bytes(Stun.RESERVATION_TOKEN, token));
            assertEquals(a.xorPort(Stun.XOR_RELAYED_ADDRESS) + 1, b.xorPort(Stun.XOR_RELAYED_ADDRESS));
            assertEquals(486, alice(link(5002), Stun.ALLOCATE, w -> Turn.requestedTransport(w, 17)).code(), "quota counts both threads");
            server = first;
        } finally {
            other.shutdown();
        }
    }

    @Test
    void badPropertiesAreRefusedClearly() {
        assertThrows(IllegalArgumentException.class, () -> new Config(Map.of("users", "a:b", "colour", "red")));
        assertThrows(IllegalArgumentException.class, () -> new Config(Map.of("users", "a:b", "relay_ports", "5000")));
        assertThrows(IllegalArgumentException.class, () -> new Config(Map.of("users", "a:b", "port", "70000")));
        assertThrows(IllegalArgumentException.class, () -> new Config(Map.of("realm", "x")), "no credentials");
        assertThrows(IllegalArgumentException.class, () -> new Config(Map.of("users", "nopassword")));
    }
}
