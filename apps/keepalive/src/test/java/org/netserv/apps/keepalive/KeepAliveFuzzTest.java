package org.netserv.apps.keepalive;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 item 9: the keep-alive fast path (SIP NOTIFY matcher on whole IPv4 packets, in the
 * packet path) never throws on any bytes: either as the whole packet, or as the UDP payload of
 * a well-formed IPv4/UDP header; an answer it writes stays inside the buffer and is a packet.
 * {@link #fuzz} is a Jazzer fuzz test (replays in {@code make test}, fuzzes with JAZZER_FUZZ=1,
 * {@code make fuzz}); {@link #boundedMutationRun} always runs seeded mutations of real messages.
 */
class KeepAliveFuzzTest {
    static final List<String> SEEDS = List.of(
            KeepAliveResponderTest.notify("Event: keep-alive\r\n"),
            KeepAliveResponderTest.notify("o: keep-alive;id=1\r\nSubscription-State: active\r\n"),
            KeepAliveResponderTest.notify("Event: keep-alive\r\nX-Folded: a\r\n  b\r\n"),
            "NOTIFY sip:s@10.30.2.1 SIP/2.0\r\nv: SIP/2.0/UDP 10.30.1.5:5062;received=1.2.3.4;rport=5062\r\n"
                    + "f: <sip:a@x>;tag=1\r\nt: <sip:s@x>\r\ni: c1\r\nCSeq: 1 NOTIFY\r\no: keep-alive\r\nl: 0\r\n\r\n",
            "INVITE sip:bob@10.30.2.1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.30.1.5:5062;branch=z9hG4bK1\r\nMax-Forwards: 70\r\n"
                    + "From: <sip:alice@example.com>;tag=9\r\nTo: <sip:bob@example.com>\r\nCall-ID: 1-2@10.30.1.5\r\n"
                    + "CSeq: 1 INVITE\r\nContact: <sip:alice@10.30.1.5:5062>\r\nContent-Type: application/sdp\r\n"
                    + "Content-Length: 4\r\n\r\nv=0\n",
            "REGISTER sip:example.com SIP/2.0\r\nVia: SIP/2.0/UDP 10.30.1.5:5062;branch=z9hG4bK2;rport\r\n"
                    + "From: <sip:alice@example.com>;tag=3\r\nTo: <sip:alice@example.com>\r\nCall-ID: r1\r\n"
                    + "CSeq: 2 REGISTER\r\nExpires: 3600\r\nContent-Length: 0\r\n\r\n",
            "\r\n\r\n");

    @FuzzTest(maxDuration = "20s")
    void fuzz(byte[] data) {
        check(data);
    }

    static void check(byte[] data) {
        for (boolean answer : new boolean[] {true, false}) {
            // the bytes as a whole packet
            ByteBuffer raw = ByteBuffer.allocateDirect(Math.max(2048, data.length));
            raw.put(data).flip();
            assertNotNull(new KeepAliveResponder(answer).process(raw, null));
            assertTrue(raw.limit() <= raw.capacity());
            // the bytes as the UDP payload of a well-formed packet to 5060
            if (data.length <= 65535 - 28) {
                ByteBuffer p = udp(data);
                assertNotNull(new KeepAliveResponder(answer).process(p, null));
                assertTrue(p.limit() >= 28 && p.limit() <= p.capacity(), "answer inside the buffer");
            }
        }
    }

    static ByteBuffer udp(byte[] body) {
        ByteBuffer p = ByteBuffer.allocateDirect(Math.max(2048, 28 + body.length));
        int total = 28 + body.length;
        p.put(0, (byte) 0x45).putShort(2, (short) total).put(8, (byte) 63).put(9, (byte) 17)
                .putInt(12, KeepAliveResponderTest.UA).putInt(16, KeepAliveResponderTest.SERVER);
        p.putShort(10, (short) KeepAliveResponder.checksum(p, 0, 20, 0));
        p.putShort(20, (short) 5062).putShort(22, (short) 5060).putShort(24, (short) (8 + body.length));
        p.put(28, body);
        p.limit(total);
        return p;
    }

    @Test
    void seedsAreAnsweredOrPassed() {
        for (String s : SEEDS) check(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void boundedMutationRun() {
        SplittableRandom r = new SplittableRandom(0x5199);
        for (int i = 0; i < 30_000; i++) {
            check(mutate(SEEDS.get(r.nextInt(SEEDS.size())).getBytes(StandardCharsets.US_ASCII), r));
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
