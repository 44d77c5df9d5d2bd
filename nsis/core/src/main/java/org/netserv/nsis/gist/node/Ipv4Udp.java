package org.netserv.nsis.gist.node;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

/**
 * IPv4 + UDP framing for packets that pass through the router graph's
 * signaling channel (which carries bare IPv4 packets, Ethernet stripped).
 * <pre>
 *  0               1               2               3
 * |Ver=4|IHL=5 | DSCP/ECN |          Total Length               |  0
 * |        Identification          |Flags|   Fragment Offset    |  4
 * |    TTL      |  Protocol=17  |        Header Checksum        |  8
 * |                       Source Address                        |  12
 * |                    Destination Address                      |  16
 * |         Source Port           |       Destination Port      |  20 (UDP)
 * |           Length              |          Checksum           |  24
 * </pre>
 * Checksums: RFC 791 header checksum; RFC 768 UDP checksum over the
 * pseudo-header (0 on the wire is sent as 0xFFFF).
 */
public final class Ipv4Udp {
    public static final int IP_HEADER = 20, UDP_HEADER = 8;

    private Ipv4Udp() {}

    /** A parsed datagram: addresses, ports and the payload view. */
    public static final class Datagram {
        public final InetAddress source, destination;
        public final int sourcePort, destPort, ttl;
        public final ByteBuffer payload;

        Datagram(InetAddress s, InetAddress d, int sp, int dp, int ttl, ByteBuffer payload) {
            this.source = s;
            this.destination = d;
            this.sourcePort = sp;
            this.destPort = dp;
            this.ttl = ttl;
            this.payload = payload;
        }
    }

    /** Writes a complete IPv4/UDP packet into {@code out} (position advanced). */
    public static void build(ByteBuffer out, Inet4Address src, Inet4Address dst, int sport, int dport, int ttl, int ident, ByteBuffer payload) {
        final int plen = payload.remaining();
        final int total = IP_HEADER + UDP_HEADER + plen;
        if (total > 0xFFFF) throw new IllegalArgumentException("datagram too large");
        final int ip = out.position();
        out.put((byte) 0x45).put((byte) 0).putShort((short) total);
        out.putShort((short) ident).putShort((short) 0x4000);            // DF
        out.put((byte) ttl).put((byte) 17).putShort((short) 0);
        out.put(src.getAddress()).put(dst.getAddress());
        out.putShort(ip + 10, (short) checksum(out, ip, IP_HEADER, 0));
        final int udp = out.position();
        out.putShort((short) sport).putShort((short) dport).putShort((short) (UDP_HEADER + plen)).putShort((short) 0);
        out.put(payload.duplicate());
        long pseudo = sum(src.getAddress()) + sum(dst.getAddress()) + 17 + UDP_HEADER + plen;
        int c = checksum(out, udp, UDP_HEADER + plen, pseudo);
        if (c == 0) c = 0xFFFF;
        out.putShort(udp + 6, (short) c);
    }

    /**
     * Parses an IPv4/UDP packet; null if it is not one (or is a fragment, or
     * its lengths do not add up). Checksums are verified when present.
     */
    public static Datagram parse(ByteBuffer p) {
        final int base = p.position();
        final int len = p.remaining();
        if (len < IP_HEADER + UDP_HEADER) return null;
        final int vihl = p.get(base) & 0xFF;
        if (vihl >>> 4 != 4) return null;
        final int ihl = (vihl & 0x0F) * 4;
        final int total = p.getShort(base + 2) & 0xFFFF;
        if (ihl < IP_HEADER || total > len || total < ihl + UDP_HEADER) return null;
        if ((p.getShort(base + 6) & 0x3FFF) != 0) return null;              // fragment
        if ((p.get(base + 9) & 0xFF) != 17) return null;
        if (checksum(p, base, ihl, 0) != 0) return null;
        final int u = base + ihl;
        final int ulen = p.getShort(u + 4) & 0xFFFF;
        if (ulen < UDP_HEADER || u + ulen > base + total) return null;
        final byte[] s = new byte[4], d = new byte[4];
        p.get(base + 12, s).get(base + 16, d);
        if (p.getShort(u + 6) != 0) {
            final long pseudo = sum(s) + sum(d) + 17 + ulen;
            if (checksum(p, u, ulen, pseudo) != 0) return null;
        }
        final ByteBuffer payload = p.duplicate();
        payload.position(u + UDP_HEADER).limit(u + ulen);
        try {
            return new Datagram(InetAddress.getByAddress(s), InetAddress.getByAddress(d), p.getShort(u) & 0xFFFF,
                    p.getShort(u + 2) & 0xFFFF, p.get(base + 8) & 0xFF, payload.slice());
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static long sum(byte[] a) {
        long s = 0;
        for (int i = 0; i < a.length; i += 2) s += ((a[i] & 0xFF) << 8) | (a[i + 1] & 0xFF);
        return s;
    }

    /** One's complement checksum of {@code len} bytes at {@code off}, plus {@code initial}. */
    static int checksum(ByteBuffer b, int off, int len, long initial) {
        long s = initial;
        int i = 0;
        for (; i + 1 < len; i += 2) s += b.getShort(off + i) & 0xFFFF;
        if (i < len) s += (b.get(off + i) & 0xFF) << 8;
        while ((s >>> 16) != 0) s = (s & 0xFFFF) + (s >>> 16);
        return (int) (~s & 0xFFFF);
    }
}
