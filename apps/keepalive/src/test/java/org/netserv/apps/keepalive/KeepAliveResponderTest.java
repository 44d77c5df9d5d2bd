package org.netserv.apps.keepalive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.netserv.container.api.Verdict;

class KeepAliveResponderTest {
    static final int UA = 0x0a1e0105, SERVER = 0x0a1e0201; // 10.30.1.5 -> 10.30.2.1

    static String notify(String extra) {
        return "NOTIFY sip:server@10.30.2.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 192.168.1.20:5062;branch=z9hG4bK776asdhds;rport\r\n"
                + "Via: SIP/2.0/UDP proxy.example;branch=z9hG4bKnashds8\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: \"Alice\" <sip:alice@example.com>;tag=1928301774\r\n"
                + "To: <sip:server@example.com>\r\n"
                + "Call-ID: a84b4c76e66710@pc33.example.com\r\n"
                + "CSeq: 314159 NOTIFY\r\n"
                + extra
                + "Content-Length: 0\r\n\r\n";
    }

    static ByteBuffer packet(String payload) {
        byte[] body = payload.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer p = ByteBuffer.allocateDirect(2048);
        int total = 28 + body.length;
        p.put(0, (byte) 0x45).putShort(2, (short) total).put(8, (byte) 63).put(9, (byte) 17)
                .putInt(12, UA).putInt(16, SERVER);
        p.putShort(10, (short) KeepAliveResponder.checksum(p, 0, 20, 0));
        p.putShort(20, (short) 5062).putShort(22, (short) 5060).putShort(24, (short) (8 + body.length));
        p.put(28, body);
        p.limit(total);
        return p;
    }

    static String payload(ByteBuffer p) {
        byte[] b = new byte[p.limit() - 28];
        p.get(28, b);
        return new String(b, StandardCharsets.US_ASCII);
    }

    @Test
    void answersKeepAliveNotifyOnTheServersBehalf() {
        KeepAliveResponder k = new KeepAliveResponder(true);
        ByteBuffer p = packet(notify("Event: keep-alive\r\n"));
        assertEquals(Verdict.FORWARD, k.process(p, null));
        assertEquals(1, k.answered());
        // addressed to the UA, from the server, ports swapped
        assertEquals(SERVER, p.getInt(12));
        assertEquals(UA, p.getInt(16));
        assertEquals(5060, p.getShort(20) & 0xffff);
        assertEquals(5062, p.getShort(22) & 0xffff);
        assertEquals(0, KeepAliveResponder.checksum(p, 0, 20, 0), "IP checksum");
        int n = p.limit() - 20;
        int pseudo = (SERVER >>> 16) + (SERVER & 0xffff) + (UA >>> 16) + (UA & 0xffff) + 17 + n;
        assertEquals(0, KeepAliveResponder.checksum(p, 20, n, pseudo), "UDP checksum");
        String sip = payload(p);
        assertTrue(sip.startsWith("SIP/2.0 200 OK\r\n"), sip);
        assertTrue(sip.contains("Via: SIP/2.0/UDP 192.168.1.20:5062;branch=z9hG4bK776asdhds;rport=5062;received=10.30.1.5\r\n"
                + "Via: SIP/2.0/UDP proxy.example;branch=z9hG4bKnashds8\r\n"), sip);
        assertTrue(sip.contains("From: \"Alice\" <sip:alice@example.com>;tag=1928301774\r\n"), sip);
        assertTrue(sip.matches("(?s).*To: <sip:server@example.com>;tag=[0-9a-f]{8}\r\n.*"), sip);
        assertTrue(sip.contains("Call-ID: a84b4c76e66710@pc33.example.com\r\nCSeq: 314159 NOTIFY\r\n"), sip);
        assertTrue(sip.endsWith("Content-Length: 0\r\n\r\n"), sip);
        assertFalse(sip.contains("Max-Forwards"), sip);
    }

    @Test
    void sameDialogGetsTheSameToTag() {
        KeepAliveResponder k = new KeepAliveResponder(true);
        ByteBuffer a = packet(notify("Event: keep-alive\r\n")), b = packet(notify("Event: keep-alive\r\n"));
        k.process(a, null);
        k.process(b, null);
        assertEquals(payload(a), payload(b));
    }

    @Test
    void compactFormsFoldedLinesAndEventParameters() {
        String msg = "NOTIFY sip:s@10.30.2.1 SIP/2.0\r\n"
                + "v: SIP/2.0/UDP 10.30.1.5:5062;branch=z9hG4bK1\r\n"
                + "f: <sip:a@x>;tag=9\r\n"
                + "t: <sip:s@x>;tag=77\r\n"
                + "i: abc\r\n"
                + "CSeq: 2\r\n NOTIFY\r\n"
                + "o: Keep-Alive;id=3\r\n\r\n";
        KeepAliveResponder k = new KeepAliveResponder(true);
        ByteBuffer p = packet(msg);
        k.process(p, null);
        assertEquals(1, k.answered());
        String sip = payload(p);
        // sent-by is the source: no received; existing To tag kept
        assertTrue(sip.contains("Via: SIP/2.0/UDP 10.30.1.5:5062;branch=z9hG4bK1\r\n"), sip);
        assertTrue(sip.contains("To: <sip:s@x>;tag=77\r\n"), sip);
    }

    @Test
    void crlfKeepAliveGetsItsPong() {
        KeepAliveResponder k = new KeepAliveResponder(true);
        ByteBuffer p = packet("\r\n\r\n");
        k.process(p, null);
        assertEquals("\r\n", payload(p));
        assertEquals(UA, p.getInt(16));
    }

    @Test
    void everythingElsePassesUntouched() {
        KeepAliveResponder k = new KeepAliveResponder(true);
        for (String s : new String[] {
                notify("Event: presence\r\n"),
                notify(""),
                "REGISTER sip:x SIP/2.0\r\nEvent: keep-alive\r\n\r\n",
                "SIP/2.0 200 OK\r\n\r\n"}) {
            ByteBuffer p = packet(s);
            ByteBuffer copy = ByteBuffer.allocate(p.limit()).put(p.duplicate()).flip();
            assertEquals(Verdict.FORWARD, k.process(p, null));
            assertEquals(copy, p.duplicate().position(0), s);
        }
        assertEquals(4, k.passed());
        assertEquals(0, k.answered());
    }

    @Test
    void malformedRequestsAreCountedAndForwardedUnchanged() {
        KeepAliveResponder k = new KeepAliveResponder(true);
        String[] bad = {
            "NOTIFY sip:x SIP/2.0\r\nEvent: keep-alive\r\n\r\n",                      // no Via/From/To/...
            "NOTIFY sip:x SIP/2.0\r\nEvent keep-alive\r\n\r\n",                       // header without colon
            notify("Event: keep-alive\r\n").replace("To: <sip:server@example.com>\r\n",
                    "To: <sip:a@b>\r\nTo: <sip:c@d>\r\n"),                            // two To headers
            "NOTIFY sip:x SIP/2.0\r\nEvent: keep-alive",                             // truncated line
        };
        for (String s : bad) {
            ByteBuffer p = packet(s);
            ByteBuffer copy = ByteBuffer.allocate(p.limit()).put(p.duplicate()).flip();
            k.process(p, null);
            assertEquals(copy, p.duplicate().position(0), s);
        }
        assertEquals(bad.length, k.malformed());
        // truncated IP and UDP headers
        ByteBuffer p = packet(notify("Event: keep-alive\r\n"));
        p.limit(24);
        k.process(p, null);
        ByteBuffer q = packet(notify("Event: keep-alive\r\n"));
        q.putShort(24, (short) 4000);
        k.process(q, null);
        assertEquals(bad.length + 2, k.malformed());
    }

    @Test
    void inspectOnlyModeCountsButForwardsUnchanged() {
        KeepAliveResponder k = new KeepAliveResponder(false);
        ByteBuffer p = packet(notify("Event: keep-alive\r\n"));
        ByteBuffer copy = ByteBuffer.allocate(p.limit()).put(p.duplicate()).flip();
        k.process(p, null);
        assertEquals(1, k.answered());
        assertEquals(copy, p.duplicate().position(0));
    }
}
