/*
 * SipCodec — the SIP building block (paper §2.4, building blocks; used by SIP
 * modules such as KeepAlive and OverloadControl): parses a SIP message out of a
 * packet's UDP payload and writes one back, with JAIN-SIP (the JSR 32 reference
 * implementation) doing the RFC 3261 work. JAIN-SIP's javax.sip.* API is exported
 * by this bundle too, so modules work with javax.sip.message.Request/Response.
 *
 * Parsing allocates (JAIN-SIP builds an object tree): use it for messages a module
 * has already picked out (a filter on the SIP port), not on every packet.
 */
package org.netserv.container.sip;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import javax.sip.message.Message;

public final class SipCodec {

    private static final String[] MANDATORY = {"Via", "From", "To", "Call-ID", "CSeq"};

    static {
        // no SIP stack here: without a logger of its own JAIN-SIP reaches for log4j (see QuietStackLogger)
        if (gov.nist.core.CommonLogger.legacyLogger == null) {
            gov.nist.core.CommonLogger.legacyLogger = new QuietStackLogger();
        }
    }

    private SipCodec() {}

    /**
     * Parses the SIP message in [position, limit) of {@code bytes} (a UDP payload).
     *
     * @throws ParseException for anything that is not a well-formed SIP message
     */
    public static Message parse(ByteBuffer bytes) throws ParseException {
        byte[] b = new byte[bytes.remaining()];
        bytes.duplicate().get(b);
        return parse(b);
    }

    public static Message parse(byte[] bytes) throws ParseException {
        if (bytes.length == 0) {
            throw new ParseException("empty SIP message", 0);
        }
        StringMsgParser p = new StringMsgParser();
        SIPMessage m;
        try {
            m = p.parseSIPMessage(bytes, true, true, null); // strict: a bad header is an error
        } catch (RuntimeException e) {
            ParseException pe = new ParseException("not a SIP message: " + e, 0);
            pe.initCause(e);
            throw pe;
        }
        if (m == null) {
            throw new ParseException("not a SIP message", 0);
        }
        // RFC 3261 §8.1.1: what every message must carry
        for (String h : MANDATORY) {
            if (m.getHeader(h) == null) {
                throw new ParseException("SIP message without a " + h + " header", 0);
            }
        }
        return m;
    }

    /** The wire form of a message (start line, headers, blank line, body). */
    public static byte[] encode(Message m) {
        if (m instanceof SIPMessage) {
            return ((SIPMessage) m).encodeAsBytes("UDP");
        }
        return m.toString().getBytes(StandardCharsets.UTF_8);
    }
}
