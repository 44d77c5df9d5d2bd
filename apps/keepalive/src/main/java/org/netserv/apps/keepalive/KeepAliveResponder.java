/*
 * KeepAliveResponder — answers SIP NAT keep-alives at the edge on the SIP server's
 * behalf (paper §4.2, Figure 8).
 *
 * A UA behind a NAT refreshes its binding by sending the server a NOTIFY with
 * "Event: keep-alive" every few seconds; the server only answers 200 OK. Installed
 * on a NetServ router near the UA, this module turns such a request into the very
 * 200 OK the server would have sent — Via (all of them, in order), From, To (with a
 * tag added when absent), Call-ID and CSeq copied as RFC 3261 §8.2.6.2 says, and
 * the top Via given "received"/"rport" as §18.2.1 and RFC 3581 say — addressed to
 * the UA with the server's address as source. The request never reaches the ITSP.
 * An RFC 5626 CRLF keep-alive ("\r\n\r\n") is answered with its pong ("\r\n") the
 * same way. Everything else passes untouched.
 *
 * The packet is rewritten in place: the 200 OK replaces the request in the same
 * buffer and goes back into the forwarding plane, which routes it to the UA. Matching
 * works on the packet's bytes; nothing is allocated per packet.
 *
 *   IPv4 header (options dropped in the answer)     UDP header
 *   0      1      2      3                         0      1      2      3
 *   +------+------+-------------+                  +-------------+-------------+
 *   |VER/HL| TOS  | total length|  0               | src port    | dst port    | 0
 *   | identification | flags/frag|  4               | length      | checksum    | 4
 *   | TTL  |proto |  checksum   |  8               +-------------+-------------+
 *   | source address            | 12               | SIP message ...            8
 *   | destination address       | 16
 *
 * Single writer: process() runs on the container's dispatcher thread only; the
 * counters are published with opaque stores for the status reader.
 */
package org.netserv.apps.keepalive;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import org.netserv.container.api.PacketContext;
import org.netserv.container.api.PktProcessor;
import org.netserv.container.api.Verdict;

public final class KeepAliveResponder implements PktProcessor {

    private static final int IP_HDR = 20;
    private static final int UDP_HDR = 8;
    private static final int MAX_VIA = 16;
    /** A SIP answer bigger than this is not built (the request is passed on instead). */
    private static final int MAX_ANSWER = 1400;

    private static final byte[] NOTIFY_SP = ascii("NOTIFY ");
    private static final byte[] KEEP_ALIVE = ascii("keep-alive");
    private static final byte[] STATUS_LINE = ascii("SIP/2.0 200 OK\r\n");
    private static final byte[] VIA = ascii("Via: ");
    private static final byte[] FROM = ascii("From: ");
    private static final byte[] TO = ascii("To: ");
    private static final byte[] CALL_ID = ascii("Call-ID: ");
    private static final byte[] CSEQ = ascii("CSeq: ");
    private static final byte[] TAIL = ascii("Content-Length: 0\r\n\r\n");
    private static final byte[] TAG_PARAM = ascii(";tag=");
    private static final byte[] RECEIVED = ascii(";received=");
    private static final byte[] RPORT = ascii(";rport");
    private static final byte[] CRLF = ascii("\r\n");

    private static final VarHandle ANSWERED, PASSED, MALFORMED;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            ANSWERED = l.findVarHandle(KeepAliveResponder.class, "answered", long.class);
            PASSED = l.findVarHandle(KeepAliveResponder.class, "passed", long.class);
            MALFORMED = l.findVarHandle(KeepAliveResponder.class, "malformed", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final boolean answer;
    private long answered, passed, malformed;
    private int ipId;

    // header positions of the request being looked at: [start, end) of each value
    private final int[] viaStart = new int[MAX_VIA], viaEnd = new int[MAX_VIA];
    private int vias, fromStart, fromEnd, toStart, toEnd, callIdStart, callIdEnd, cseqStart, cseqEnd;
    private boolean keepAliveEvent;
    private final byte[] out = new byte[MAX_ANSWER];

    /**
     * @param answer false inspects and counts keep-alives but forwards them unchanged
     *               (the paper's measurement setting: "we disabled the address swapping")
     */
    public KeepAliveResponder(boolean answer) {
        this.answer = answer;
    }

    public long answered() { return (long) ANSWERED.getOpaque(this); }

    public long passed() { return (long) PASSED.getOpaque(this); }

    public long malformed() { return (long) MALFORMED.getOpaque(this); }

    @Override
    public Verdict process(ByteBuffer p, PacketContext context) {
        final int len = p.limit();
        if (len < IP_HDR || (p.get(0) & 0xf0) != 0x40) return bad();
        final int ihl = (p.get(0) & 0x0f) * 4;
        final int total = p.getShort(2) & 0xffff;
        if (ihl < IP_HDR || total > len || total < ihl + UDP_HDR) return bad();
        if (p.get(9) != 17 || (p.getShort(6) & 0x3fff) != 0) return pass(); // not UDP, or a fragment
        final int udpLen = p.getShort(ihl + 4) & 0xffff;
        if (udpLen < UDP_HDR || ihl + udpLen > total) return bad();
        final int body = ihl + UDP_HDR, end = ihl + udpLen;

        if (end - body == 4 && p.getInt(body) == 0x0d0a0d0a) {   // RFC 5626 §4.4.1 ping
            return answer ? reply(p, ihl, CRLF, 0, CRLF.length) : count(ANSWERED);
        }
        if (!startsWith(p, body, end, NOTIFY_SP)) return pass();
        switch (scanHeaders(p, body, end)) {
            case NOT_KEEPALIVE: return pass();
            case MALFORMED: return bad();
            default: break;
        }
        if (!answer) return count(ANSWERED);
        final int n = buildAnswer(p, ihl);
        return n < 0 ? pass() : reply(p, ihl, out, 0, n);
    }

    private enum Scan { KEEPALIVE, NOT_KEEPALIVE, MALFORMED }

    /** Finds the headers the answer copies; says whether this is a keep-alive NOTIFY. */
    private Scan scanHeaders(ByteBuffer p, int body, int end) {
        vias = 0;
        fromStart = toStart = callIdStart = cseqStart = -1;
        keepAliveEvent = false;
        int line = lineEnd(p, body, end);           // skip the request line
        if (line < 0) return Scan.MALFORMED;
        int pos = next(p, line, end);
        while (pos < end) {
            int eol = lineEnd(p, pos, end);
            if (eol < 0) return Scan.MALFORMED;
            if (eol == pos) break;                   // the blank line: end of headers
            // folded continuation lines (RFC 3261 §7.3.1) belong to this header
            int stop = eol, after = next(p, eol, end);
            while (after < end && (p.get(after) == ' ' || p.get(after) == '\t')) {
                stop = lineEnd(p, after, end);
                if (stop < 0) return Scan.MALFORMED;
                after = next(p, stop, end);
            }
            int colon = indexOf(p, pos, stop, (byte) ':');
            if (colon < 0) return Scan.MALFORMED;
            int nameEnd = colon;
            while (nameEnd > pos && isSpace(p.get(nameEnd - 1))) nameEnd--;
            int v = colon + 1;
            while (v < stop && isSpace(p.get(v))) v++;
            int ve = stop;
            while (ve > v && isSpace(p.get(ve - 1))) ve--;
            if (!header(p, pos, nameEnd, v, ve)) return Scan.MALFORMED;
            pos = after;
        }
        if (!keepAliveEvent) return Scan.NOT_KEEPALIVE;
        if (vias == 0 || fromStart < 0 || toStart < 0 || callIdStart < 0 || cseqStart < 0) return Scan.MALFORMED;
        return Scan.KEEPALIVE;
    }

    /** Records one header; false when it is malformed (duplicate single header, too many Vias). */
    private boolean header(ByteBuffer p, int n, int ne, int v, int ve) {
        int nl = ne - n;
        if (nameIs(p, n, nl, "via", "v")) {
            // a Via line may hold several comma-separated values: kept as one, in order
            if (vias == MAX_VIA) return false;
            viaStart[vias] = v; viaEnd[vias++] = ve;
        } else if (nameIs(p, n, nl, "from", "f")) {
            if (fromStart >= 0) return false;
            fromStart = v; fromEnd = ve;
        } else if (nameIs(p, n, nl, "to", "t")) {
            if (toStart >= 0) return false;
            toStart = v; toEnd = ve;
        } else if (nameIs(p, n, nl, "call-id", "i")) {
            if (callIdStart >= 0) return false;
            callIdStart = v; callIdEnd = ve;
        } else if (nameIs(p, n, nl, "cseq", null)) {
            if (cseqStart >= 0) return false;
            cseqStart = v; cseqEnd = ve;
        } else if (nameIs(p, n, nl, "event", "o")) {
            // event-type, then optional ;params (RFC 6665 §8.2.1)
            int t = v;
            while (t < ve && p.get(t) != ';' && !isSpace(p.get(t))) t++;
            keepAliveEvent = equalsIgnoreCase(p, v, t, KEEP_ALIVE);
        }
        return true;
    }

    /** Writes the 200 OK into {@link #out}; its length, or -1 when it does not fit. */
    private int buildAnswer(ByteBuffer p, int ihl) {
        // the CSeq method must be NOTIFY: "CSeq: 4711 NOTIFY"
        int m = cseqStart;
        while (m < cseqEnd && !isSpace(p.get(m))) m++;
        while (m < cseqEnd && isSpace(p.get(m))) m++;
        if (!equalsIgnoreCase(p, m, cseqEnd, ascii("NOTIFY"))) return -1;
        int o = put(out, 0, STATUS_LINE);
        for (int i = 0; i < vias && o >= 0; i++) {
            o = put(out, o, VIA);
            o = i == 0 ? topVia(p, ihl, o) : copy(p, viaStart[i], viaEnd[i], o);
            o = put(out, o, CRLF);
        }
        o = header(FROM, p, fromStart, fromEnd, o);
        o = put(out, o, TO);
        o = copy(p, toStart, toEnd, o);
        if (o >= 0 && indexOfIgnoreCase(p, toStart, toEnd, TAG_PARAM) < 0) {
            o = put(out, o, TAG_PARAM);
            o = hex(tagOf(p, callIdStart, callIdEnd), o);
        }
        o = put(out, o, CRLF);
        o = header(CALL_ID, p, callIdStart, callIdEnd, o);
        o = header(CSEQ, p, cseqStart, cseqEnd, o);
        return put(out, o, TAIL);
    }

    /**
     * The top Via as the server would return it: "received=<source>" when the sent-by
     * host is not the packet's source address (RFC 3261 §18.2.1) or rport is asked
     * for, and "rport=<source port>" filled in (RFC 3581 §4).
     */
    private int topVia(ByteBuffer p, int ihl, int o) {
        int s = viaStart[0], e = viaEnd[0];
        // only the first value of a comma-separated Via line is the top one
        int comma = indexOf(p, s, e, (byte) ',');
        int first = comma < 0 ? e : comma;
        int rport = indexOfIgnoreCase(p, s, first, RPORT);
        boolean rportEmpty = rport >= 0 && (rport + RPORT.length == first || p.get(rport + RPORT.length) == ';'
                || isSpace(p.get(rport + RPORT.length)));
        int srcPort = p.getShort(ihl) & 0xffff;
        if (rportEmpty) {
            o = copy(p, s, rport + RPORT.length, o);
            o = put(out, o, (byte) '=');
            o = decimal(srcPort, o);
            o = copy(p, rport + RPORT.length, first, o);
        } else {
            o = copy(p, s, first, o);
        }
        if (o >= 0 && (rportEmpty || !sentByIsSource(p, s, first)) && indexOfIgnoreCase(p, s, first, RECEIVED) < 0) {
            o = put(out, o, RECEIVED);
            o = dotted(p.getInt(12), o);
        }
        return copy(p, first, e, o);
    }

    /** "SIP/2.0/UDP host[:port];..." — is host the packet's source address, literally? */
    private boolean sentByIsSource(ByteBuffer p, int s, int e) {
        int h = s;
        while (h < e && !isSpace(p.get(h))) h++;   // protocol "SIP/2.0/UDP"
        while (h < e && isSpace(p.get(h))) h++;
        int he = h;
        while (he < e && p.get(he) != ':' && p.get(he) != ';' && !isSpace(p.get(he))) he++;
        int src = p.getInt(12), q = h;
        for (int octet = 3; octet >= 0; octet--) {
            int value = 0, digits = 0;
            while (q < he && p.get(q) >= '0' && p.get(q) <= '9' && digits < 3) {
                value = value * 10 + (p.get(q++) - '0');
                digits++;
            }
            if (digits == 0 || value != ((src >>> (octet * 8)) & 0xff)) return false;
            if (octet > 0) {
                if (q >= he || p.get(q) != '.') return false;
                q++;
            }
        }
        return q == he;
    }

    /** Replaces the request in {@code p} by the answer: addresses and ports swapped. */
    private Verdict reply(ByteBuffer p, int ihl, byte[] msg, int off, int n) {
        int total = IP_HDR + UDP_HDR + n;
        if (total > p.capacity()) return pass();
        int src = p.getInt(12), dst = p.getInt(16);
        int sport = p.getShort(ihl) & 0xffff, dport = p.getShort(ihl + 2) & 0xffff;
        int tos = p.get(1) & 0xff;
        p.limit(total);
        p.put(0, (byte) 0x45).put(1, (byte) tos).putShort(2, (short) total)
                .putShort(4, (short) ipId++).putShort(6, (short) 0x4000)
                .put(8, (byte) 64).put(9, (byte) 17).putShort(10, (short) 0)
                .putInt(12, dst).putInt(16, src);
        p.putShort(10, (short) checksum(p, 0, IP_HDR, 0));
        p.putShort(20, (short) dport).putShort(22, (short) sport)
                .putShort(24, (short) (UDP_HDR + n)).putShort(26, (short) 0);
        p.put(28, msg, off, n);
        int pseudo = (dst >>> 16) + (dst & 0xffff) + (src >>> 16) + (src & 0xffff) + 17 + UDP_HDR + n;
        int c = checksum(p, IP_HDR, UDP_HDR + n, pseudo);
        p.putShort(26, (short) (c == 0 ? 0xffff : c));
        return count(ANSWERED);
    }

    private Verdict pass() { return count(PASSED); }

    private Verdict bad() {
        MALFORMED.setOpaque(this, malformed + 1);
        return Verdict.FORWARD;     // not ours to judge: the server sees it as it was
    }

    private Verdict count(VarHandle counter) {
        counter.setOpaque(this, (long) counter.get(this) + 1);
        return Verdict.FORWARD;
    }

    // --- byte helpers (no allocation) ---------------------------------------------

    static int checksum(ByteBuffer p, int off, int n, int initial) {
        long sum = initial & 0xffffffffL;
        int i = off, end = off + n;
        for (; i + 1 < end; i += 2) sum += p.getShort(i) & 0xffff;
        if (i < end) sum += (p.get(i) & 0xff) << 8;
        while ((sum >>> 16) != 0) sum = (sum & 0xffff) + (sum >>> 16);
        return (int) (~sum & 0xffff);
    }

    private int header(byte[] name, ByteBuffer p, int s, int e, int o) {
        o = put(out, o, name);
        o = copy(p, s, e, o);
        return put(out, o, CRLF);
    }

    private int copy(ByteBuffer p, int s, int e, int o) {
        if (o < 0 || o + (e - s) > out.length) return -1;
        p.get(s, out, o, e - s);
        return o + (e - s);
    }

    private static int put(byte[] out, int o, byte[] b) {
        if (o < 0 || o + b.length > out.length) return -1;
        System.arraycopy(b, 0, out, o, b.length);
        return o + b.length;
    }

    private static int put(byte[] out, int o, byte b) {
        if (o < 0 || o >= out.length) return -1;
        out[o] = b;
        return o + 1;
    }

    private int decimal(int v, int o) {
        if (o < 0 || o + 5 > out.length) return -1;
        int digits = v >= 10000 ? 5 : v >= 1000 ? 4 : v >= 100 ? 3 : v >= 10 ? 2 : 1;
        for (int i = digits - 1; i >= 0; i--, v /= 10) out[o + i] = (byte) ('0' + v % 10);
        return o + digits;
    }

    private int dotted(int a, int o) {
        for (int shift = 24; shift >= 0 && o >= 0; shift -= 8) {
            o = decimal((a >>> shift) & 0xff, o);
            if (shift > 0) o = put(out, o, (byte) '.');
        }
        return o;
    }

    private int hex(int v, int o) {
        if (o < 0 || o + 8 > out.length) return -1;
        for (int i = 7; i >= 0; i--, v >>>= 4) out[o + i] = (byte) "0123456789abcdef".charAt(v & 0xf);
        return o + 8;
    }

    /** A To tag that is the same for every retransmission of the same dialog. */
    private static int tagOf(ByteBuffer p, int s, int e) {
        int h = 0x811c9dc5;                     // FNV-1a
        for (int i = s; i < e; i++) h = (h ^ (p.get(i) & 0xff)) * 0x01000193;
        return h;
    }

    private static int lineEnd(ByteBuffer p, int pos, int end) {
        for (int i = pos; i < end; i++) {
            byte b = p.get(i);
            if (b == '\n') return i > pos && p.get(i - 1) == '\r' ? i - 1 : i;
        }
        return -1;
    }

    private static int next(ByteBuffer p, int eol, int end) {
        return eol < end && p.get(eol) == '\r' ? eol + 2 : eol + 1;
    }

    private static boolean startsWith(ByteBuffer p, int s, int e, byte[] w) {
        if (e - s < w.length) return false;
        for (int i = 0; i < w.length; i++) if (p.get(s + i) != w[i]) return false;
        return true;
    }

    private static boolean nameIs(ByteBuffer p, int n, int len, String full, String compact) {
        return matchName(p, n, len, full) || (compact != null && matchName(p, n, len, compact));
    }

    private static boolean matchName(ByteBuffer p, int n, int len, String name) {
        if (len != name.length()) return false;
        for (int i = 0; i < len; i++) if (lower(p.get(n + i)) != name.charAt(i)) return false;
        return true;
    }

    private static boolean equalsIgnoreCase(ByteBuffer p, int s, int e, byte[] w) {
        if (e - s != w.length) return false;
        for (int i = 0; i < w.length; i++) if (lower(p.get(s + i)) != lower(w[i])) return false;
        return true;
    }

    private static int indexOfIgnoreCase(ByteBuffer p, int s, int e, byte[] w) {
        outer:
        for (int i = s; i + w.length <= e; i++) {
            for (int j = 0; j < w.length; j++) if (lower(p.get(i + j)) != lower(w[j])) continue outer;
            return i;
        }
        return -1;
    }

    private static int indexOf(ByteBuffer p, int s, int e, byte b) {
        for (int i = s; i < e; i++) if (p.get(i) == b) return i;
        return -1;
    }

    private static int lower(int b) {
        return b >= 'A' && b <= 'Z' ? b + 32 : b;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t';
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
