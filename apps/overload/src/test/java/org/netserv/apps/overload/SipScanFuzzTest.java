package org.netserv.apps.overload;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 item 9: the overload-control SIP fast path never throws on any bytes. SipScan
 * (offsets into the packet, no copies) either says MALFORMED or gives ranges inside the
 * message; the Sending Entity, fed the bytes as requests to the server and as responses from
 * it, always returns a verdict and keeps an answer it writes inside the buffer.
 * {@link #fuzz} is a Jazzer fuzz test (replays in {@code make test}, fuzzes with JAZZER_FUZZ=1);
 * {@link #boundedMutationRun} always runs seeded mutations of SIPp-like messages.
 */
class SipScanFuzzTest {
    static final List<String> SEEDS = List.of(
            SendingEntityTest.invite("1-2345"),
            SendingEntityTest.invite("sos", "<urn:service:sos>", "Resource-Priority: esnet.1\r\n"),
            SendingEntityTest.request("BYE", "b1", "<sip:service@10.40.1.1>;tag=2"),
            SendingEntityTest.request("ACK", "a1", "<sip:service@10.40.1.1>;tag=2"),
            SendingEntityTest.request("REGISTER", "r1", "<sip:sipp@10.40.2.1>"),
            SendingEntityTest.feedback("=20;oc-algo=\"loss\";oc-validity=60000;oc-seq=5"),
            SendingEntityTest.feedback("=5;oc-algo=\"rate\";oc-validity=0;oc-seq=1.2, SIP/2.0/UDP 10.9.9.9"),
            "SIP/2.0 503 Service Unavailable\r\nv: SIP/2.0/UDP 10.40.2.1:5061;branch=z9hG4bK-x\r\n  ;rport=5061\r\n"
                    + "f: <sip:sipp@10.40.2.1>;tag=1\r\nt: <sip:service@10.40.1.1>;tag=2\r\ni: x@y\r\n"
                    + "CSeq: 4294967295 INVITE\r\nRetry-After: 5\r\nl: 0\r\n\r\n");

    @FuzzTest(maxDuration = "20s")
    void fuzz(byte[] data) {
        check(data);
    }

    static void check(byte[] data) {
        ByteBuffer heap = ByteBuffer.wrap(data);
        SipScan s = new SipScan();
        if (s.scan(heap, 0, data.length) != SipScan.Kind.MALFORMED) {
            assertTrue(s.vias >= 1 && s.vias <= SipScan.MAX_VIA);
            assertTrue(s.topVia <= s.topViaEnd && s.topViaEnd <= data.length);
            assertTrue(s.cseqMethodStart >= s.cseqStart && s.cseqMethodStart < s.cseqEnd && s.cseqEnd <= data.length);
            s.emergency(heap);
            SipScan.decimal(heap, Math.max(s.ocStart, 0), Math.max(s.ocEnd, 0));
            SipScan.sequence(heap, Math.max(s.seqStart, 0), Math.max(s.seqEnd, 0));
        }
        if (data.length > 65535 - 28) return;
        long[] now = {1_000};
        SendingEntity se = new SendingEntity(5060, "loss,rate", 0, () -> now[0], ua -> SendingEntityTest.EDGE);
        final int ua = SendingEntityTest.UA, server = SendingEntityTest.SERVER;
        for (ByteBuffer p : new ByteBuffer[] {packet(data, server, 5060, ua, 5061), packet(data, ua, 5061, server, 5060),
                packet(data, ua, 5061, server, 5060)}) {
            assertNotNull(se.process(p, null));
            assertTrue(p.limit() <= p.capacity());
            now[0] += 10;
        }
    }

    /** An IPv4/UDP packet around the bytes as they are (SendingEntityTest.packet re-encodes text as ASCII). */
    static ByteBuffer packet(byte[] body, int src, int sport, int dst, int dport) {
        ByteBuffer p = ByteBuffer.allocateDirect(Math.max(2048, 28 + body.length));
        int total = 28 + body.length;
        p.put(0, (byte) 0x45).putShort(2, (short) total).put(8, (byte) 63).put(9, (byte) 17)
                .putInt(12, src).putInt(16, dst);
        p.putShort(10, (short) SendingEntity.checksum(p, 0, 20, 0));
        p.putShort(20, (short) sport).putShort(22, (short) dport).putShort(24, (short) (8 + body.length));
        p.put(28, body);
        p.limit(total);
        return p;
    }

    @Test
    void seedsScan() {
        for (String s : SEEDS) check(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void boundedMutationRun() {
        SplittableRandom r = new SplittableRandom(0x0C0C);
        for (int i = 0; i < 30_000; i++) {
            check(mutate(SEEDS.get(r.nextInt(SEEDS.size())).getBytes(StandardCharsets.ISO_8859_1), r));
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
