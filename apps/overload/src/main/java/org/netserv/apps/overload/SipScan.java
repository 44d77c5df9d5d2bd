/*
 * SipScan — finds, in the bytes of one SIP message over UDP, what the Sending Entity
 * needs: the start line, each Via line, From, To (and whether it has a tag), Call-ID,
 * CSeq, the emergency markers, and the parameters of the top Via.
 *
 * It records [start, end) offsets into the packet; nothing is copied or allocated, so
 * one instance is reused for every packet (single dispatcher thread). A message whose
 * header section does not end in a blank line (truncated), has a header line without a
 * colon, or repeats a single-valued header is MALFORMED: the caller forwards it as it is
 * and counts it — judging it is the server's business (RFC 3261 §16.3 / §21.4.1).
 *
 *   request:  METHOD SP Request-URI SP SIP/2.0 CRLF      response: SIP/2.0 SP code SP reason CRLF
 *             *(header CRLF) CRLF [body]
 *   top Via:  SIP/2.0/UDP sent-by *( ";" name [ "=" value ] ) [ "," next-via ... ]
 */
package org.netserv.apps.overload;

import java.nio.ByteBuffer;

final class SipScan {

    enum Kind { REQUEST, RESPONSE, MALFORMED }

    static final int MAX_VIA = 16;

    // start line
    int methodStart, methodEnd, uriStart, uriEnd, status;
    // each Via header line, in order; the top Via value is [topVia, topViaEnd)
    final int[] viaStart = new int[MAX_VIA], viaEnd = new int[MAX_VIA];
    int vias, topVia, topViaEnd;
    int fromStart, fromEnd, toStart, toEnd, callIdStart, callIdEnd, cseqStart, cseqEnd;
    int cseqMethodStart;
    boolean toTagged, emergencyPriority;
    int toTagStart, toTagEnd;
    // top-Via overload-control parameters (RFC 7339 §4): value range, or -1 when absent;
    // ocParam >= 0 when "oc" is present at all (with or without a value)
    int ocParam, ocStart, ocEnd, algoStart, algoEnd, validityStart, validityEnd, seqStart, seqEnd;

    Kind scan(ByteBuffer p, int body, int end) {
        vias = 0;
        fromStart = toStart = callIdStart = cseqStart = -1;
        toTagged = emergencyPriority = false;
        int line = lineEnd(p, body, end);
        if (line < 0 || line == body) return Kind.MALFORMED;
        Kind kind = startLine(p, body, line);
        if (kind == Kind.MALFORMED) return kind;
        int pos = next(p, line, end);
        while (true) {
            if (pos >= end) return Kind.MALFORMED;        // no blank line: truncated
            int eol = lineEnd(p, pos, end);
            if (eol < 0) return Kind.MALFORMED;
            if (eol == pos) break;                        // end of the header section
            int stop = eol, after = next(p, eol, end);
            while (after < end && isSpace(p.get(after))) { // folded continuation (RFC 3261 §7.3.1)
                stop = lineEnd(p, after, end);
                if (stop < 0) return Kind.MALFORMED;
                after = next(p, stop, end);
            }
            int colon = indexOf(p, pos, stop, (byte) ':');
            if (colon <= pos) return Kind.MALFORMED;
            int nameEnd = colon;
            while (nameEnd > pos && isSpace(p.get(nameEnd - 1))) nameEnd--;
            int v = colon + 1;
            while (v < stop && isSpace(p.get(v))) v++;
            int ve = stop;
            while (ve > v && isSpace(p.get(ve - 1))) ve--;
            if (!header(p, pos, nameEnd, v, ve)) return Kind.MALFORMED;
            pos = after;
        }
        if (vias == 0 || fromStart < 0 || toStart < 0 || callIdStart < 0 || cseqStart < 0) return Kind.MALFORMED;
        if (!cseq(p)) return Kind.MALFORMED;
        topViaParams(p);
        return kind;
    }

    private Kind startLine(ByteBuffer p, int s, int e) {
        if (startsWith(p, s, e, SIP20) && e - s >= 12 && p.get(s + 7) == ' ') {
            int c = 0;
            for (int i = s + 8; i < s + 11; i++) {
                byte b = p.get(i);
                if (b < '0' || b > '9') return Kind.MALFORMED;
                c = c * 10 + (b - '0');
            }
            if (c < 100 || p.get(s + 11) != ' ') return Kind.MALFORMED;
            status = c;
            return Kind.RESPONSE;
        }
        int sp1 = indexOf(p, s, e, (byte) ' ');
        if (sp1 <= s) return Kind.MALFORMED;
        int sp2 = indexOf(p, sp1 + 1, e, (byte) ' ');
        if (sp2 <= sp1 + 1 || !startsWith(p, sp2 + 1, e, SIP20) || sp2 + 1 + SIP20.length != e) return Kind.MALFORMED;
        for (int i = s; i < sp1; i++) if (!isToken(p.get(i))) return Kind.MALFORMED;
        methodStart = s; methodEnd = sp1; uriStart = sp1 + 1; uriEnd = sp2;
        status = 0;
        return Kind.REQUEST;
    }

    private boolean header(ByteBuffer p, int n, int ne, int v, int ve) {
        int nl = ne - n;
        if (nameIs(p, n, nl, "via", "v")) {
            if (vias == MAX_VIA || v == ve) return false;
            if (vias == 0) {
                topVia = v;
                int comma = indexOf(p, v, ve, (byte) ',');   // only the first value is the top Via
                topViaEnd = comma < 0 ? ve : comma;
                while (topViaEnd > v && isSpace(p.get(topViaEnd - 1))) topViaEnd--;
            }
            viaStart[vias] = v; viaEnd[vias++] = ve;
        } else if (nameIs(p, n, nl, "from", "f")) {
            if (fromStart >= 0) return false;
            fromStart = v; fromEnd = ve;
        } else if (nameIs(p, n, nl, "to", "t")) {
            if (toStart >= 0) return false;
            toStart = v; toEnd = ve;
            toTag(p, v, ve);
        } else if (nameIs(p, n, nl, "call-id", "i")) {
            if (callIdStart >= 0 || v == ve) return false;
            callIdStart = v; callIdEnd = ve;
        } else if (nameIs(p, n, nl, "cseq", null)) {
            if (cseqStart >= 0) return false;
            cseqStart = v; cseqEnd = ve;
        } else if (nameIs(p, n, nl, "resource-priority", null)) {
            // RFC 7135: the "esnet" namespace marks emergency-services calls
            emergencyPriority |= indexOfIgnoreCase(p, v, ve, ESNET) >= 0;
        }
        return true;
    }

    /** "tag=" among the To parameters, i.e. after the name-addr's closing '>' if there is one. */
    private void toTag(ByteBuffer p, int v, int ve) {
        int gt = indexOf(p, v, ve, (byte) '>');
        int from = gt < 0 ? v : gt;
        int t = indexOfIgnoreCase(p, from, ve, TAG);
        toTagged = t >= 0;
        if (toTagged) {
            toTagStart = t + TAG.length;
            toTagEnd = toTagStart;
            while (toTagEnd < ve && p.get(toTagEnd) != ';' && !isSpace(p.get(toTagEnd))) toTagEnd++;
        }
    }

    /** "CSeq: 1*DIGIT LWS Method" (RFC 3261 §20.16). */
    private boolean cseq(ByteBuffer p) {
        int i = cseqStart;
        while (i < cseqEnd && p.get(i) >= '0' && p.get(i) <= '9') i++;
        if (i == cseqStart || i - cseqStart > 10 || i == cseqEnd || !isSpace(p.get(i))) return false;
        while (i < cseqEnd && isSpace(p.get(i))) i++;
        cseqMethodStart = i;
        return i < cseqEnd;
    }

    /** Finds oc, oc-algo, oc-validity, oc-seq among the top Via's parameters. */
    private void topViaParams(ByteBuffer p) {
        ocParam = ocStart = ocEnd = algoStart = algoEnd = validityStart = validityEnd = seqStart = seqEnd = -1;
        int i = indexOf(p, topVia, topViaEnd, (byte) ';');
        while (i >= 0 && i < topViaEnd) {
            int name = i + 1, ne = name;
            while (ne < topViaEnd && p.get(ne) != '=' && p.get(ne) != ';' && !isSpace(p.get(ne))) ne++;
            int vs = -1, vend = ne;
            int j = ne;
            while (j < topViaEnd && isSpace(p.get(j))) j++;
            if (j < topViaEnd && p.get(j) == '=') {
                j++;
                while (j < topViaEnd && isSpace(p.get(j))) j++;
                vs = j;
                if (j < topViaEnd && p.get(j) == '"') {          // quoted-string, e.g. oc-algo="loss,rate"
                    int q = indexOf(p, j + 1, topViaEnd, (byte) '"');
                    if (q < 0) return;                            // unterminated: ignore the rest
                    vs = j + 1; vend = q; j = q + 1;
                } else {
                    while (j < topViaEnd && p.get(j) != ';' && !isSpace(p.get(j))) j++;
                    vend = j;
                }
            }
            int nl = ne - name;
            if (matchName(p, name, nl, "oc")) { ocParam = i; ocStart = vs; ocEnd = vend; }
            else if (matchName(p, name, nl, "oc-algo")) { algoStart = vs; algoEnd = vend; }
            else if (matchName(p, name, nl, "oc-validity")) { validityStart = vs; validityEnd = vend; }
            else if (matchName(p, name, nl, "oc-seq")) { seqStart = vs; seqEnd = vend; }
            i = indexOf(p, Math.max(j, name), topViaEnd, (byte) ';');
        }
    }

    // --- requests -------------------------------------------------------------------

    boolean methodIs(ByteBuffer p, byte[] m) {
        return methodEnd - methodStart == m.length && startsWith(p, methodStart, methodEnd, m);
    }

    /** The CSeq method (of a response: the request it answers). */
    boolean cseqMethodIs(ByteBuffer p, byte[] m) {
        return cseqEnd - cseqMethodStart == m.length && startsWith(p, cseqMethodStart, cseqEnd, m);
    }

    /** An emergency request (RFC 5031 "urn:service:sos" or a "sos" user part, RFC 7135 esnet). */
    boolean emergency(ByteBuffer p) {
        if (emergencyPriority) return true;
        return startsWithIgnoreCase(p, uriStart, uriEnd, SOS_URN) || startsWithIgnoreCase(p, uriStart, uriEnd, SIP_SOS)
                || startsWithIgnoreCase(p, uriStart, uriEnd, SIPS_SOS);
    }

    // --- numbers ----------------------------------------------------------------------

    /** A non-negative decimal in [s, e), at most 9 digits; -1 when absent or malformed. */
    static int decimal(ByteBuffer p, int s, int e) {
        if (s < 0 || e <= s || e - s > 9) return -1;
        int v = 0;
        for (int i = s; i < e; i++) {
            byte b = p.get(i);
            if (b < '0' || b > '9') return -1;
            v = v * 10 + (b - '0');
        }
        return v;
    }

    /**
     * oc-seq = 1*12DIGIT "." 1*5DIGIT (RFC 7339 §4): as one long, the fraction scaled to
     * five digits so that comparing longs compares the values; -1 when malformed.
     */
    static long sequence(ByteBuffer p, int s, int e) {
        if (s < 0 || e <= s) return -1;
        long whole = 0, frac = 0;
        int i = s, digits = 0;
        for (; i < e && p.get(i) != '.'; i++, digits++) {
            byte b = p.get(i);
            if (b < '0' || b > '9' || digits == 12) return -1;
            whole = whole * 10 + (b - '0');
        }
        if (digits == 0) return -1;
        if (i < e) {                      // a fraction
            int fd = 0;
            for (i++; i < e; i++, fd++) {
                byte b = p.get(i);
                if (b < '0' || b > '9' || fd == 5) return -1;
                frac = frac * 10 + (b - '0');
            }
            if (fd == 0) return -1;
            for (; fd < 5; fd++) frac *= 10;
        }
        return whole * 100_000 + frac;
    }

    // --- byte helpers (no allocation) ------------------------------------------------

    static final byte[] SIP20 = ascii("SIP/2.0");
    private static final byte[] TAG = ascii(";tag=");
    private static final byte[] ESNET = ascii("esnet.");
    private static final byte[] SOS_URN = ascii("urn:service:sos");
    private static final byte[] SIP_SOS = ascii("sip:sos@");
    private static final byte[] SIPS_SOS = ascii("sips:sos@");

    static int lineEnd(ByteBuffer p, int pos, int end) {
        for (int i = pos; i < end; i++) {
            if (p.get(i) == '\n') return i > pos && p.get(i - 1) == '\r' ? i - 1 : i;
        }
        return -1;
    }

    static int next(ByteBuffer p, int eol, int end) {
        return eol < end && p.get(eol) == '\r' ? eol + 2 : eol + 1;
    }

    static boolean startsWith(ByteBuffer p, int s, int e, byte[] w) {
        if (e - s < w.length) return false;
        for (int i = 0; i < w.length; i++) if (p.get(s + i) != w[i]) return false;
        return true;
    }

    static boolean startsWithIgnoreCase(ByteBuffer p, int s, int e, byte[] w) {
        if (e - s < w.length) return false;
        for (int i = 0; i < w.length; i++) if (lower(p.get(s + i)) != lower(w[i])) return false;
        return true;
    }

    static boolean equalsIgnoreCase(ByteBuffer p, int s, int e, byte[] w) {
        return e - s == w.length && startsWithIgnoreCase(p, s, e, w);
    }

    static int indexOfIgnoreCase(ByteBuffer p, int s, int e, byte[] w) {
        for (int i = s; i + w.length <= e; i++) if (startsWithIgnoreCase(p, i, e, w)) return i;
        return -1;
    }

    static int indexOf(ByteBuffer p, int s, int e, byte b) {
        for (int i = s; i < e; i++) if (p.get(i) == b) return i;
        return -1;
    }

    private static boolean nameIs(ByteBuffer p, int n, int len, String full, String compact) {
        return matchName(p, n, len, full) || (compact != null && matchName(p, n, len, compact));
    }

    private static boolean matchName(ByteBuffer p, int n, int len, String name) {
        if (len != name.length()) return false;
        for (int i = 0; i < len; i++) if (lower(p.get(n + i)) != name.charAt(i)) return false;
        return true;
    }

    private static boolean isToken(byte b) {
        return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '-' || b == '.'
                || b == '!' || b == '%' || b == '*' || b == '_' || b == '+' || b == '`' || b == '\'' || b == '~';
    }

    static int lower(int b) {
        return b >= 'A' && b <= 'Z' ? b + 32 : b;
    }

    static boolean isSpace(byte b) {
        return b == ' ' || b == '\t';
    }

    static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
