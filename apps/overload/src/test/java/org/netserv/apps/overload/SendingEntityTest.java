package org.netserv.apps.overload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.netserv.container.api.Verdict;

class SendingEntityTest {
    static final int UA = 0x0a280201, SERVER = 0x0a280101, EDGE = 0x0a2802fe; // 10.40.2.1, 10.40.1.1, 10.40.2.254
    long now = 1_000_000_000L;
    final SendingEntity se = new SendingEntity(5060, "loss,rate", 0, () -> now, ua -> EDGE);

    static String invite(String callId, String to, String extra) {
        return "INVITE sip:service@10.40.1.1:5060 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 10.40.2.1:5061;branch=z9hG4bK-" + callId + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: sipp <sip:sipp@10.40.2.1:5061>;tag=77" + callId + "\r\n"
                + "To: " + to + "\r\n"
                + "Call-ID: " + callId + "@10.40.2.1\r\n"
                + "CSeq: 1 INVITE\r\n"
                + extra
                + "Content-Length: 0\r\n\r\n";
    }

    static String invite(String callId) {
        return invite(callId, "<sip:service@10.40.1.1:5060>", "");
    }

    static String request(String method, String callId, String to) {
        return invite(callId, to, "").replace("INVITE sip", method + " sip").replace("1 INVITE", "1 " + method);
    }

    static String feedback(String params) {
        return "SIP/2.0 200 OK\r\n"
                + "Via: SIP/2.0/UDP 10.40.2.1:5061;branch=z9hG4bK-x;rport=5061;oc" + params + "\r\n"
                + "From: <sip:sipp@10.40.2.1>;tag=1\r\nTo: <sip:service@10.40.1.1>;tag=2\r\n"
                + "Call-ID: fb@10.40.2.1\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n";
    }

    static ByteBuffer packet(String payload, int src, int sport, int dst, int dport) {
        byte[] body = payload.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer p = ByteBuffer.allocateDirect(2048);
        int total = 28 + body.length;
        p.put(0, (byte) 0x45).putShort(2, (short) total).put(8, (byte) 63).put(9, (byte) 17)
                .putInt(12, src).putInt(16, dst);
        p.putShort(10, (short) SendingEntity.checksum(p, 0, 20, 0));
        p.putShort(20, (short) sport).putShort(22, (short) dport).putShort(24, (short) (8 + body.length));
        p.put(28, body);
        p.limit(total);
        int pseudo = (src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff) + 17 + 8 + body.length;
        p.putShort(26, (short) SendingEntity.checksum(p, 20, 8 + body.length, pseudo));
        return p;
    }

    static ByteBuffer toServer(String sip) { return packet(sip, UA, 5061, SERVER, 5060); }

    static ByteBuffer fromServer(String sip) { return packet(sip, SERVER, 5060, UA, 5061); }

    static String payload(ByteBuffer p) {
        byte[] b = new byte[p.limit() - 28];
        p.get(28, b);
        return new String(b, StandardCharsets.US_ASCII);
    }

    static void assertChecksums(ByteBuffer p) {
        assertEquals(p.limit(), p.getShort(2) & 0xffff, "IP total length");
        assertEquals(p.limit() - 20, p.getShort(24) & 0xffff, "UDP length");
        assertEquals(0, SendingEntity.checksum(p, 0, 20, 0), "IP checksum");
        int src = p.getInt(12), dst = p.getInt(16), n = p.limit() - 20;
        int pseudo = (src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff) + 17 + n;
        assertEquals(0, SendingEntity.checksum(p, 20, n, pseudo), "UDP checksum");
    }

    boolean rejected(String sip) {
        ByteBuffer p = toServer(sip);
        assertEquals(Verdict.FORWARD, se.process(p, null));
        return p.getInt(16) == UA;
    }

    void feed(String params) {
        assertEquals(Verdict.FORWARD, se.process(fromServer(feedback(params)), null));
    }

    @Test
    void marksTheTopViaOfEveryRequestItForwards() {
        ByteBuffer p = toServer(invite("a1"));
        se.process(p, null);
        String sip = payload(p);
        assertTrue(sip.contains("Via: SIP/2.0/UDP 10.40.2.1:5061;branch=z9hG4bK-a1;rport;oc;oc-algo=\"loss,rate\"\r\n"), sip);
        assertTrue(sip.endsWith("Content-Length: 0\r\n\r\n"), sip);
        assertChecksums(p);
        assertEquals(SERVER, p.getInt(16));
        assertEquals(1, se.counter(SendingEntity.ADMITTED));
        assertEquals(1, se.counter(SendingEntity.MARKED));
    }

    @Test
    void lossRejectsAboutOcPercentOfNewRequests() {
        feed("=30;oc-algo=\"loss\";oc-validity=60000;oc-seq=100.1");
        assertEquals(1, se.counter(SendingEntity.FEEDBACK));
        int n = 10_000, rejected = 0;
        for (int i = 0; i < n; i++) if (rejected(invite("c" + i))) rejected++;
        assertEquals(n * 30 / 100, rejected, "oc=30: 30 % rejected, spread evenly");
        assertEquals(rejected, se.counter(SendingEntity.REJECTED));
        assertEquals(n - rejected, se.counter(SendingEntity.ADMITTED));
        assertTrue(se.status().contains("algorithm=loss oc=30 rate=0"), se.status());
    }

    @Test
    void the503IsWellFormedAndSentAsTheServer() throws Exception {
        feed("=100;oc-validity=4500;oc-seq=1.0");
        ByteBuffer p = toServer(invite("r1"));
        se.process(p, null);
        assertEquals(SERVER, p.getInt(12));   // a container sends only from its slot's prefixes
        assertEquals(UA, p.getInt(16));
        assertEquals(5060, p.getShort(20) & 0xffff);
        assertEquals(5061, p.getShort(22) & 0xffff);
        assertChecksums(p);
        String sip = payload(p);
        SIPResponse r = (SIPResponse) new StringMsgParser().parseSIPMessage(sip.getBytes(StandardCharsets.US_ASCII),
                true, false, null);
        assertEquals(503, r.getStatusCode());
        assertEquals("r1@10.40.2.1", r.getCallId().getCallId());
        assertEquals("INVITE", r.getCSeq().getMethod());
        assertEquals("77r1", r.getFromTag());
        assertTrue(r.getToTag().startsWith("nsoc"), r.getToTag());
        assertEquals("z9hG4bK-r1", r.getTopmostVia().getBranch());
        assertEquals(5061, r.getTopmostVia().getRPort());
        assertEquals("10.40.2.1", r.getTopmostVia().getReceived());
        assertTrue(sip.contains("Retry-After: 5\r\n"), sip);
        assertTrue(sip.contains("X-NetServ-Overload: rejected at edge 10.40.2.254 (algorithm loss, oc 100)\r\n"), sip);
        assertEquals(1, se.counter(SendingEntity.REJECTED));
    }

    @Test
    void theAckOfOur503IsAbsorbedAndRetransmissionsStayRejected() {
        feed("=100;oc-validity=4500");
        ByteBuffer p = toServer(invite("t1"));
        se.process(p, null);
        String tag = payload(p).replaceAll("(?s).*;tag=(nsoc[0-9a-f]{8}).*", "$1");
        ByteBuffer ack = toServer(request("ACK", "t1", "<sip:service@10.40.1.1:5060>;tag=" + tag));
        assertEquals(Verdict.CONSUME, se.process(ack, null));      // it ends here...
        assertEquals(1, se.counter(SendingEntity.ABSORBED));
        feed("=0;oc-validity=4500");                                // ...then the server lifts the limit
        assertTrue(rejected(invite("t1")), "a retransmission of a rejected INVITE is rejected again");
        assertFalse(rejected(invite("t2")));
    }

    @Test
    void exemptRequestsPassEvenAtFullLoss() {
        feed("=100;oc-validity=60000");
        assertFalse(rejected(request("BYE", "e1", "<sip:service@10.40.1.1>;tag=abc")));
        assertFalse(rejected(request("ACK", "e2", "<sip:service@10.40.1.1>;tag=abc")));
        assertFalse(rejected(request("CANCEL", "e3", "<sip:service@10.40.1.1>")));
        assertFalse(rejected(invite("e4", "<sip:service@10.40.1.1>;tag=reinvite", "")));       // in-dialog re-INVITE
        assertFalse(rejected(invite("e5").replace("INVITE sip:service@10.40.1.1:5060", "INVITE urn:service:sos")));
        assertFalse(rejected(invite("e6", "<sip:service@10.40.1.1>", "Resource-Priority: esnet.1\r\n")));
        assertEquals(6, se.counter(SendingEntity.EXEMPT));
        // out-of-dialog non-INVITE requests are new work for the server: subject to throttling
        assertTrue(rejected(request("OPTIONS", "e7", "<sip:service@10.40.1.1>")));
        assertTrue(rejected(request("REGISTER", "e8", "<sip:service@10.40.1.1>")));
    }

    @Test
    void rateLetsThroughTheAnnouncedRate() {
        SendingEntity rate = new SendingEntity(5060, "loss,rate", 0, () -> now, ua -> EDGE);
        rate.process(fromServer(feedback("=20;oc-algo=\"rate\";oc-validity=60000;oc-seq=5")), null);
        int admitted = 0;
        for (int i = 0; i < 1000; i++) {         // 1000 requests/s for 2 s
            now += 2_000_000L;
            ByteBuffer p = toServer(invite("q" + i));
            rate.process(p, null);
            if (p.getInt(16) == SERVER) admitted++;
        }
        assertTrue(admitted >= 39 && admitted <= 41, "admitted " + admitted + " in 2 s at rate 20");
        assertTrue(rate.status().contains("algorithm=rate oc=20 rate=20"), rate.status());
    }

    @Test
    void staleSequenceIsIgnoredEqualRefreshesHigherReplaces() {
        feed("=100;oc-validity=1000;oc-seq=200.5");
        feed("=0;oc-validity=1000;oc-seq=200.4");                  // older: stale
        assertEquals(1, se.counter(SendingEntity.STALE));
        assertTrue(rejected(invite("s1")));
        now += 900_000_000L;
        feed("=100;oc-validity=1000;oc-seq=200.5");                // same feedback again: validity restarts
        now += 900_000_000L;
        assertTrue(rejected(invite("s2")));
        feed("=0;oc-validity=1000;oc-seq=201");                    // newer
        assertFalse(rejected(invite("s3")));
    }

    @Test
    void expiredOrZeroValidityStopsThrottling() {
        feed("=100;oc-validity=500;oc-seq=1");
        assertTrue(rejected(invite("v1")));
        now += 501_000_000L;
        assertFalse(rejected(invite("v2")), "feedback older than oc-validity no longer applies");
        feed("=100;oc-validity=5000;oc-seq=2");
        assertTrue(rejected(invite("v3")));
        feed("=100;oc-validity=0;oc-seq=3");                       // RFC 7339: 0 stops overload control
        assertFalse(rejected(invite("v4")));
        assertTrue(se.status().contains("active=false"), se.status());
    }

    @Test
    void feedbackIsPerServer() {
        feed("=100;oc-validity=5000");
        ByteBuffer other = packet(invite("o1"), UA, 5061, SERVER + 1, 5060);
        se.process(other, null);
        assertEquals(SERVER + 1, other.getInt(16), "another server's requests are not throttled");
        assertTrue(rejected(invite("o2")));
    }

    @Test
    void malformedFeedbackIsCountedAndChangesNothing() {
        feed("=100;oc-validity=5000;oc-seq=10");
        String[] bad = {
            "=abc;oc-validity=100",                 // oc not a number
            "=150;oc-validity=100",                 // loss above 100 %
            "=10",                                  // no oc-validity
            "=10;oc-validity=-5",
            "=10;oc-validity=100;oc-seq=x.1",       // oc-seq not a number
            "=10;oc-validity=100;oc-seq=1.",        // no fraction digits
            "=10;oc-validity=100;oc-seq=1234567890123.1", // 13 digits
            "=10;oc-algo=\"vegas\";oc-validity=100",// an algorithm we did not offer
            "=10;oc-algo=\"loss;oc-validity=100",   // unterminated quoted string
        };
        for (String b : bad) feed(b);
        assertEquals(bad.length, se.counter(SendingEntity.BAD_FEEDBACK) + se.counter(SendingEntity.PASSED), se.status());
        assertEquals(1, se.counter(SendingEntity.FEEDBACK));
        assertTrue(rejected(invite("m1")), "the good feedback still holds");
    }

    @Test
    void malformedAndTruncatedRequestsAreForwardedUntouched() {
        String full = invite("x1");
        String[] bad = {
            full.substring(0, full.length() - 2),                  // no blank line: truncated
            full.substring(0, 60),
            full.replace("Call-ID: x1@10.40.2.1\r\n", ""),         // no Call-ID
            full.replace("CSeq: 1 INVITE", "CSeq: INVITE"),
            full.replace("From:", "From"),                          // no colon
            full.replace("Via:", "Via: \r\nVia:"),                  // empty Via
            full.replace("Max-Forwards: 70", "To: <sip:dup@x>"),  // two To headers
            "INVITE sip:x SIP/3.0\r\n\r\n",
            "\r\n\r\n",
            "SIP/2.0 2x0 OK\r\n\r\n",
        };
        feed("=100;oc-validity=60000");
        for (String b : bad) {
            ByteBuffer p = toServer(b);
            ByteBuffer copy = ByteBuffer.allocate(p.limit());
            for (int i = 0; i < p.limit(); i++) copy.put(i, p.get(i));
            assertEquals(Verdict.FORWARD, se.process(p, null));
            for (int i = 0; i < copy.limit(); i++) assertEquals(copy.get(i), p.get(i), "byte " + i + " of: " + b);
        }
        assertEquals(0, se.counter(SendingEntity.REJECTED));
        assertEquals(bad.length - 1, se.counter(SendingEntity.MALFORMED) - 0, se.status()); // "\r\n\r\n" is a keep-alive
        // a packet shorter than its headers claim, and a non-IPv4 one
        ByteBuffer p = toServer(full);
        p.limit(30);
        assertEquals(Verdict.FORWARD, se.process(p, null));
        ByteBuffer v6 = ByteBuffer.allocateDirect(64);
        v6.put(0, (byte) 0x60);
        assertEquals(Verdict.FORWARD, se.process(v6, null));
    }

    @Test
    void noRoomToMarkForwardsUnmarked() {
        byte[] body = invite("big").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer p = packet(invite("big"), UA, 5061, SERVER, 5060);
        ByteBuffer tight = ByteBuffer.allocateDirect(28 + body.length);
        for (int i = 0; i < tight.capacity(); i++) tight.put(i, p.get(i));
        se.process(tight, null);
        assertEquals(1, se.counter(SendingEntity.UNMARKED));
        assertEquals(28 + body.length, tight.limit());
        assertChecksums(tight);
    }

    @Test
    void aRequestMarkedByAnSeNearerTheSourceIsNotThrottledAgain() {
        feed("=100;oc-validity=60000");
        String marked = invite("u1").replace(";rport\r\n", ";rport;oc;oc-algo=\"loss\"\r\n");
        ByteBuffer p = toServer(marked);
        se.process(p, null);
        assertEquals(marked, payload(p), "passed on untouched");
        assertEquals(1, se.counter(SendingEntity.UPSTREAM));
        assertEquals(0, se.counter(SendingEntity.REJECTED));
    }

    @Test
    void announcesTheConfiguredAlgorithms() {
        SendingEntity loss = new SendingEntity(5060, "loss", 0, () -> now, ua -> EDGE);
        ByteBuffer p = toServer(invite("al"));
        loss.process(p, null);
        assertTrue(payload(p).contains(";rport;oc;oc-algo=\"loss\"\r\n"), payload(p));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new SendingEntity(5060, "vegas", 0, () -> now, ua -> EDGE));
    }

    @Test
    void theAdmitAndRejectPathsAllocateNothing() {
        feed("=30;oc-validity=600000;oc-seq=1");
        byte[] template = new byte[toServer(invite("000000")).limit()];
        toServer(invite("000000")).get(0, template);
        String text = new String(template, StandardCharsets.ISO_8859_1);
        int[] digits = {text.indexOf("000000@"), text.indexOf("-000000"), text.indexOf("77000000")};
        ByteBuffer p = ByteBuffer.allocateDirect(2048);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId(), before = 0;
        for (int i = 0; i < 60_000; i++) {
            if (i == 40_000) before = mx.getThreadAllocatedBytes(id);     // after warm-up (JIT)
            for (int d = 0, v = i; d < 6; d++, v /= 10) {
                byte c = (byte) ('0' + v % 10);
                template[digits[0] + 5 - d] = c;
                template[digits[1] + 6 - d] = c;
                template[digits[2] + 7 - d] = c;
            }
            p.clear();
            p.put(0, template);
            p.limit(template.length);
            se.process(p, null);
        }
        long allocated = mx.getThreadAllocatedBytes(id) - before;
        assertTrue(se.counter(SendingEntity.REJECTED) > 10_000 && se.counter(SendingEntity.ADMITTED) > 30_000, se.status());
        // an object per packet would be >= 16 bytes x 20000; what remains is the JIT's and MXBean's own
        assertTrue(allocated < 20_000, allocated + " bytes allocated for 20000 packets");
    }

    @Test
    void otherTrafficPasses() {
        ByteBuffer p = packet(invite("n1"), UA, 5061, SERVER, 5080);
        se.process(p, null);
        assertEquals(1, se.counter(SendingEntity.PASSED));
        assertEquals(0, se.counter(SendingEntity.MARKED));
    }
}

