package org.netserv.apps.mediarelay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 item 9: the STUN/TURN server (RFC 8489/8656) never throws on what a client sends,
 * and every STUN message it answers with parses. Two ways in: the bytes as a whole datagram
 * (framing, ChannelData, unauthenticated requests), and the bytes as the attributes of a
 * request that then carries valid USERNAME/REALM/NONCE/MESSAGE-INTEGRITY/FINGERPRINT, so
 * Allocate, Refresh, CreatePermission, ChannelBind and Send see fuzzed attribute values after
 * authentication. {@link #fuzz} is a Jazzer fuzz test (replays in {@code make test}, fuzzes with
 * JAZZER_FUZZ=1); {@link #boundedMutationRun} always runs seeded mutations of real requests.
 */
class TurnFuzzTest {
    static final int[] METHODS = {Stun.ALLOCATE, Stun.REFRESH, Stun.CREATE_PERMISSION, Stun.CHANNEL_BIND, Stun.BINDING,
        Stun.SEND};
    static final AtomicLong NANOS = new AtomicLong(1_000_000_000L);
    static TurnServer server;
    static String nonce;
    static byte[] key;
    static int port = 20_000;

    static synchronized TurnServer server() throws Exception {
        if (server == null) {
            Map<String, String> p = new HashMap<>(Map.of("listen_ip", "127.0.0.1", "relay_ports", "47100-47131",
                    "users", "alice:wonderland", "deny_peers", "0.0.0.0/8", "secret", "s3cr3t"));
            server = new TurnServer(new Config(p), null, NANOS::get);
            server.wallSeconds = () -> 1_800_000_000L;
            Turn.Link l = new Turn.Link("127.0.0.1", 19_999, false);
            Turn.deliver(server, l, Turn.message(Stun.ALLOCATE, Stun.REQUEST, Turn.txid(), w -> Turn.requestedTransport(w, 17)));
            nonce = l.answer().string(Stun.NONCE);
            key = Turn.md5Key("alice", TurnServerTest.REALM, "wonderland");
        }
        return server;
    }

    @AfterAll
    static void shutdown() {
        if (server != null) server.shutdown();
    }

    @FuzzTest(maxDuration = "30s")
    void fuzz(byte[] data) throws Exception {
        check(data);
    }

    static void check(byte[] data) throws Exception {
        TurnServer s = server();
        // 1. the bytes as one datagram, at an offset inside a larger buffer
        Turn.Link raw = link();
        ByteBuffer b = ByteBuffer.allocate(data.length + 7);
        b.position(3).put(data);
        s.onClient(raw, b, 3, data.length);
        answersParse(raw);
        // 2. the bytes as the attributes of an authenticated request
        if (data.length == 0) return;
        Turn.Link l = link();
        int method = METHODS[(data[0] & 0xff) % METHODS.length];
        int klass = method == Stun.SEND ? Stun.INDICATION : Stun.REQUEST;
        Turn.deliver(s, l, Turn.message(method, klass, Turn.txid(), w -> {
            attributes(w, data);
            Turn.auth(w, "alice", TurnServerTest.REALM, nonce).integrity(key).fingerprint();
        }));
        answersParse(l);
        if (l.allocation != null) s.delete(l.allocation);
        if (raw.allocation != null) s.delete(raw.allocation);
    }

    private static synchronized Turn.Link link() {
        port = port >= 60_000 ? 20_000 : port + 1;
        return new Turn.Link("127.0.0.1", port, (port & 1) == 0);
    }

    /** data[1..] as (type: 2 bytes, length: 1 byte, value) attributes, at most 900 bytes in all. */
    static void attributes(StunWriter w, byte[] data) {
        int i = 1, total = 0;
        while (i + 3 <= data.length && total < 900) {
            int t = ((data[i] & 0xff) << 8) | (data[i + 1] & 0xff);
            int len = Math.min(data[i + 2] & 0xff, data.length - i - 3);
            byte[] v = java.util.Arrays.copyOfRange(data, i + 3, i + 3 + len);
            i += 3 + len;
            if (t == Stun.MESSAGE_INTEGRITY || t == Stun.MESSAGE_INTEGRITY_SHA256 || t == Stun.FINGERPRINT) continue;
            w.bytes(t, v);
            total += 4 + len;
        }
    }

    /** Every answer that is STUN (not ChannelData) is a well-formed STUN message. */
    static void answersParse(Turn.Link l) {
        for (byte[] a : l.sent) {
            if (a.length >= 4 && (a[0] & 0xC0) == 0x40) continue;
            assertEquals(StunMessage.OK, new StunMessage().parse(ByteBuffer.wrap(a), 0, a.length), "answer parses");
        }
    }

    /** Real requests: Binding, Allocate (with and without auth), CreatePermission, ChannelBind, Send, ChannelData. */
    static List<byte[]> seeds() throws Exception {
        server();
        List<byte[]> out = new ArrayList<>();
        out.add(bytes(Turn.message(Stun.BINDING, Stun.REQUEST, Turn.txid(), w -> w.fingerprint())));
        out.add(bytes(Turn.message(Stun.ALLOCATE, Stun.REQUEST, Turn.txid(), w -> Turn.requestedTransport(w, 17))));
        out.add(bytes(Turn.message(Stun.ALLOCATE, Stun.REQUEST, Turn.txid(), w -> {
            Turn.requestedTransport(w, 17).u32(Stun.LIFETIME, 600).bytes(Stun.EVEN_PORT, new byte[] {(byte) 0x80});
            Turn.auth(w, "alice", TurnServerTest.REALM, nonce).integrity(key).fingerprint();
        })));
        out.add(bytes(Turn.message(Stun.CREATE_PERMISSION, Stun.REQUEST, Turn.txid(), w -> {
            w.xorAddress(Stun.XOR_PEER_ADDRESS, 0x7f000001, 5000);
            Turn.auth(w, "alice", TurnServerTest.REALM, nonce).integrity(key);
        })));
        out.add(bytes(Turn.message(Stun.CHANNEL_BIND, Stun.REQUEST, Turn.txid(), w -> {
            w.u32(Stun.CHANNEL_NUMBER, 0x40000000).xorAddress(Stun.XOR_PEER_ADDRESS, 0x7f000001, 5000);
            Turn.auth(w, "alice", TurnServerTest.REALM, nonce).integrity(key).fingerprint();
        })));
        out.add(bytes(Turn.message(Stun.SEND, Stun.INDICATION, Turn.txid(),
                w -> w.xorAddress(Stun.XOR_PEER_ADDRESS, 0x7f000001, 5000).bytes(Stun.DATA_ATTR, new byte[] {1, 2, 3}))));
        out.add(new byte[] {0x40, 0x00, 0x00, 0x04, 1, 2, 3, 4});
        // structured seeds: method byte, then (type, length, value) attributes
        out.add(new byte[] {0, 0x00, 0x19, 4, 17, 0, 0, 0, 0x00, 0x0D, 4, 0, 0, 2, 0x58});
        out.add(new byte[] {2, 0x00, 0x12, 8, 0, 1, 0x33, 0x33, 0x5e, 0x12, (byte) 0xa4, 0x43});
        out.add(new byte[] {3, 0x00, 0x0C, 4, 0x40, 0x01, 0, 0, 0x00, 0x12, 8, 0, 1, 0x33, 0x33, 0x5e, 0x12, (byte) 0xa4, 0x43});
        return out;
    }

    static byte[] bytes(ByteBuffer b) {
        byte[] x = new byte[b.remaining()];
        b.get(b.position(), x);
        return x;
    }

    @Test
    void seedsAreAnswered() throws Exception {
        for (byte[] s : seeds()) check(s);
    }

    /** The structured way in really gets past authentication: a fuzzed Allocate can succeed. */
    @Test
    void structuredInputReachesAuthenticatedAllocate() throws Exception {
        TurnServer s = server();
        Turn.Link l = link();
        byte[] data = {0, 0x00, 0x19, 4, 17, 0, 0, 0};
        Turn.deliver(s, l, Turn.message(Stun.ALLOCATE, Stun.REQUEST, Turn.txid(), w -> {
            attributes(w, data);
            Turn.auth(w, "alice", TurnServerTest.REALM, nonce).integrity(key).fingerprint();
        }));
        assertEquals(Stun.type(Stun.ALLOCATE, Stun.SUCCESS), l.answer().type(), "allocate succeeded");
        s.delete(l.allocation);
    }

    @Test
    void boundedMutationRun() throws Exception {
        List<byte[]> seeds = seeds();
        SplittableRandom r = new SplittableRandom(0x8656);
        for (int i = 0; i < 20_000; i++) {
            check(mutate(seeds.get(r.nextInt(seeds.size())), r));
        }
    }

    /** A seeded mutation: bit flips, SIP/HTTP/STUN-significant bytes, truncation, duplicated slices. */
    static byte[] mutate(byte[] s, SplittableRandom r) {
        byte[] b = s.clone();
        final byte[] special = {':', '\r', '\n', ' ', '\t', ';', ',', '=', '"', '<', '>', '/', '-', '0', '9', 0, (byte) 0xff};
        for (int k = 1 + r.nextInt(4); k > 0 && b.length > 0; k--) {
            final int at = r.nextInt(b.length);
            switch (r.nextInt(6)) {
                case 0 -> b[at] ^= (byte) (1 << r.nextInt(8));
                case 1 -> b[at] = special[r.nextInt(special.length)];
                case 2 -> b = java.util.Arrays.copyOf(b, at);
                case 3 -> { // duplicate a slice (repeated headers, attributes, digits)
                    final int len = 1 + r.nextInt(Math.min(64, b.length - at));
                    final byte[] n = new byte[b.length + len];
                    System.arraycopy(b, 0, n, 0, at + len);
                    System.arraycopy(b, at, n, at + len, b.length - at);
                    b = n;
                }
                case 4 -> b[at] = (byte) r.nextInt(256);
                default -> { // delete a slice
                    final int len = 1 + r.nextInt(Math.min(16, b.length - at));
                    final byte[] n = new byte[b.length - len];
                    System.arraycopy(b, 0, n, 0, at);
                    System.arraycopy(b, at + len, n, at, b.length - at - len);
                    b = n;
                }
            }
        }
        return b;
    }
}
