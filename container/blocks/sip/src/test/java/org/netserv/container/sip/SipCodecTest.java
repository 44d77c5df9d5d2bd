package org.netserv.container.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import org.junit.jupiter.api.Test;

class SipCodecTest {
    static final String NOTIFY = "NOTIFY sip:alice@10.77.2.1:5060 SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 10.77.1.1:5060;branch=z9hG4bK776asdhds\r\n"
            + "Max-Forwards: 70\r\n"
            + "To: <sip:alice@10.77.2.1>\r\n"
            + "From: <sip:server@10.77.1.1>;tag=1928301774\r\n"
            + "Call-ID: a84b4c76e66710@10.77.1.1\r\n"
            + "CSeq: 314159 NOTIFY\r\n"
            + "Event: keep-alive\r\n"
            + "Content-Length: 0\r\n\r\n";

    @Test
    void parsesAndEncodesANotify() throws Exception {
        Message m = SipCodec.parse(ByteBuffer.wrap(NOTIFY.getBytes(StandardCharsets.US_ASCII)));
        assertTrue(m instanceof Request);
        assertEquals("NOTIFY", ((Request) m).getMethod());
        assertEquals("a84b4c76e66710@10.77.1.1", ((CallIdHeader) m.getHeader(CallIdHeader.NAME)).getCallId());
        assertEquals("10.77.1.1", ((ViaHeader) m.getHeader(ViaHeader.NAME)).getHost());
        String again = new String(SipCodec.encode(m), StandardCharsets.US_ASCII);
        assertTrue(again.startsWith("NOTIFY sip:alice@10.77.2.1:5060 SIP/2.0\r\n"), again);
        assertTrue(again.contains("Event: keep-alive\r\n"), again);
        Message back = SipCodec.parse(SipCodec.encode(m));
        assertEquals("314159", String.valueOf(((javax.sip.header.CSeqHeader) back.getHeader("CSeq")).getSeqNumber()));
    }

    @Test
    void malformedInputIsAParseException() {
        assertThrows(ParseException.class, () -> SipCodec.parse(new byte[0]));
        assertThrows(ParseException.class, () -> SipCodec.parse("hello world\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertThrows(ParseException.class, () -> SipCodec.parse("NOTIFY sip:a SIP/2.0\r\nVia: ???\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII)));
    }
}
