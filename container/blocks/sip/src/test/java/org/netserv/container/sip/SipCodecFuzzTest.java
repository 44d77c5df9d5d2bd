package org.netserv.container.sip;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.List;
import java.util.SplittableRandom;
import javax.sip.message.Message;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 item 9: the SIP building block's parser (JAIN-SIP underneath) fails only with a
 * {@link ParseException} on any bytes — a module calling {@code SipCodec.parse} on a diverted
 * packet needs one exception to catch, never a RuntimeException from inside the parser — and
 * whatever it accepts encodes again. {@link #fuzz} is a Jazzer fuzz test (replays in
 * {@code make test}, fuzzes with JAZZER_FUZZ=1); {@link #boundedMutationRun} always runs seeded
 * mutations of SIPp-like INVITE/REGISTER/NOTIFY and responses.
 */
class SipCodecFuzzTest {
    static final List<String> SEEDS = List.of(
            "INVITE sip:service@10.40.1.1:5060 SIP/2.0\r\nVia: SIP/2.0/UDP 10.40.2.1:5061;branch=z9hG4bK-1;rport\r\n"
                    + "Max-Forwards: 70\r\nFrom: sipp <sip:sipp@10.40.2.1:5061>;tag=77\r\nTo: <sip:service@10.40.1.1:5060>\r\n"
                    + "Call-ID: 1-2345@10.40.2.1\r\nCSeq: 1 INVITE\r\nContact: sip:sipp@10.40.2.1:5061\r\n"
                    + "Subject: Performance Test\r\nContent-Type: application/sdp\r\nContent-Length: 129\r\n\r\n"
                    + "v=0\r\no=user1 53655765 2353687637 IN IP4 10.40.2.1\r\ns=-\r\nc=IN IP4 10.40.2.1\r\nt=0 0\r\n"
                    + "m=audio 6000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n",
            "REGISTER sip:example.com SIP/2.0\r\nVia: SIP/2.0/UDP 10.30.1.5:5062;branch=z9hG4bK2;rport\r\n"
                    + "From: <sip:alice@example.com>;tag=3\r\nTo: <sip:alice@example.com>\r\nCall-ID: r1\r\n"
                    + "CSeq: 2 REGISTER\r\nContact: <sip:alice@10.30.1.5:5062>;expires=3600\r\n"
                    + "Authorization: Digest username=\"alice\", realm=\"example.com\", nonce=\"abc\", uri=\"sip:example.com\", response=\"0123\"\r\n"
                    + "Content-Length: 0\r\n\r\n",
            "NOTIFY sip:server@10.30.2.1 SIP/2.0\r\nv: SIP/2.0/UDP 192.168.1.20:5062;branch=z9hG4bK7\r\n"
                    + "f: \"Alice\" <sip:alice@example.com>;tag=19\r\nt: <sip:server@example.com>\r\ni: a84b@pc33\r\n"
                    + "CSeq: 314159 NOTIFY\r\no: keep-alive\r\nl: 0\r\n\r\n",
            "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 10.40.2.1:5061;branch=z9hG4bK-x;rport=5061;oc=20;oc-algo=\"loss\"\r\n"
                    + "From: <sip:sipp@10.40.2.1>;tag=1\r\nTo: <sip:service@10.40.1.1>;tag=2\r\nCall-ID: fb@10.40.2.1\r\n"
                    + "CSeq: 1 INVITE\r\nRecord-Route: <sip:p1.example.com;lr>\r\nContent-Length: 0\r\n\r\n",
            "SIP/2.0 503 Service Unavailable\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK-y\r\nFrom: <sip:a@b>;tag=1\r\n"
                    + "To: <sip:c@d>;tag=2\r\nCall-ID: x\r\nCSeq: 7 BYE\r\nRetry-After: 18000;duration=3600\r\n"
                    + "Content-Length: 0\r\n\r\n");

    @FuzzTest(maxDuration = "20s")
    void fuzz(byte[] data) {
        check(data);
    }

    static void check(byte[] data) {
        final Message m;
        try {
            m = SipCodec.parse(ByteBuffer.wrap(data));
        } catch (ParseException refused) {
            return; // a clear error: fine
        }
        assertNotNull(SipCodec.encode(m));
    }

    /**
     * Regression (found by {@link #boundedMutationRun}): malformed messages made JAIN-SIP reach
     * for log4j, which the bundle does not carry; NoClassDefFoundError escaped SipCodec.parse.
     * Each of these must be a ParseException (or parse), nothing else.
     */
    @Test
    void malformedMessagesAreParseExceptions() {
        String invite = SEEDS.get(0);
        for (String bad : List.of(invite.replace("CSeq: 1 INVITE", "CSeq: x INVITE"),
                invite.replace("Via: SIP/2.0/UDP", "Via: SIP/2.0/"), invite.replace("Max-Forwards: 70", "Max-Forwards: -1"),
                invite.replace("Content-Length: 129", "Content-Length: 99999"), invite.replace("\r\n\r\n", "\r\n"),
                invite.replace("From: sipp <sip:", "From: sipp <sip"), "INVITE\r\n\r\n", "SIP/2.0 abc\r\n\r\n")) {
            check(bad.getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void seedsParse() throws ParseException {
        for (String s : SEEDS) assertNotNull(SipCodec.parse(s.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void boundedMutationRun() {
        SplittableRandom r = new SplittableRandom(0x3261);
        for (int i = 0; i < 10_000; i++) {
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
