/*
 * PacketFilter — which IPv4 packets a module sees. Compiled once from text, tested
 * per packet without allocation.
 *
 * Syntax: terms separated by spaces or commas, all of which must match:
 *   proto=udp|tcp|icmp|<0-255>    src=<a.b.c.d>[/len]    dst=<a.b.c.d>[/len]
 *   sport=<port>[-<port>]          dport=<port>[-<port>]
 * The empty filter matches every packet. Ports match only unfragmented-first
 * TCP/UDP packets (the ports are in the first fragment only).
 */
package org.netserv.container.api;

import java.nio.ByteBuffer;
import java.util.Locale;

public final class PacketFilter {

    public static final PacketFilter ALL = new PacketFilter(-1, 0, 0, 0, 0, -1, -1, -1, -1, "");

    private final int proto;        // -1: any
    private final int src, srcMask;
    private final int dst, dstMask;
    private final int sportLo, sportHi; // -1: any
    private final int dportLo, dportHi;
    private final String text;

    private PacketFilter(int proto, int src, int srcMask, int dst, int dstMask,
                         int sportLo, int sportHi, int dportLo, int dportHi, String text) {
        this.proto = proto;
        this.src = src;
        this.srcMask = srcMask;
        this.dst = dst;
        this.dstMask = dstMask;
        this.sportLo = sportLo;
        this.sportHi = sportHi;
        this.dportLo = dportLo;
        this.dportHi = dportHi;
        this.text = text;
    }

    /**
     * Parses a filter.
     *
     * @throws IllegalArgumentException naming the bad term
     */
    public static PacketFilter parse(String text) {
        if (text == null || text.isBlank()) {
            return ALL;
        }
        int proto = -1, src = 0, srcMask = 0, dst = 0, dstMask = 0;
        int sportLo = -1, sportHi = -1, dportLo = -1, dportHi = -1;
        for (String term : text.trim().split("[\\s,]+")) {
            int eq = term.indexOf('=');
            if (eq <= 0 || eq == term.length() - 1) {
                throw new IllegalArgumentException("filter term '" + term + "' is not key=value");
            }
            String key = term.substring(0, eq).toLowerCase(Locale.ROOT);
            String value = term.substring(eq + 1);
            switch (key) {
                case "proto":
                    proto = protocol(value);
                    break;
                case "src": {
                    int[] p = prefix(value);
                    src = p[0];
                    srcMask = p[1];
                    break;
                }
                case "dst": {
                    int[] p = prefix(value);
                    dst = p[0];
                    dstMask = p[1];
                    break;
                }
                case "sport": {
                    int[] r = portRange(value);
                    sportLo = r[0];
                    sportHi = r[1];
                    break;
                }
                case "dport": {
                    int[] r = portRange(value);
                    dportLo = r[0];
                    dportHi = r[1];
                    break;
                }
                default:
                    throw new IllegalArgumentException("unknown filter key '" + key
                            + "' (proto, src, dst, sport, dport)");
            }
        }
        if ((sportLo >= 0 || dportLo >= 0) && proto != 6 && proto != 17) {
            throw new IllegalArgumentException("ports need proto=tcp or proto=udp");
        }
        return new PacketFilter(proto, src, srcMask, dst, dstMask, sportLo, sportHi, dportLo, dportHi,
                text.trim());
    }

    private static int protocol(String v) {
        switch (v.toLowerCase(Locale.ROOT)) {
            case "icmp": return 1;
            case "tcp": return 6;
            case "udp": return 17;
            default:
                int p = number(v, "protocol");
                if (p > 255) {
                    throw new IllegalArgumentException("protocol " + v + " outside 0..255");
                }
                return p;
        }
    }

    private static int number(String v, String what) {
        if (v.isEmpty() || v.length() > 5 || !v.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("bad " + what + " '" + v + "'");
        }
        return Integer.parseInt(v);
    }

    private static int[] portRange(String v) {
        int dash = v.indexOf('-');
        int lo = number(dash < 0 ? v : v.substring(0, dash), "port");
        int hi = dash < 0 ? lo : number(v.substring(dash + 1), "port");
        if (lo > 65535 || hi > 65535 || lo > hi) {
            throw new IllegalArgumentException("bad port range '" + v + "'");
        }
        return new int[] {lo, hi};
    }

    private static int[] prefix(String v) {
        int slash = v.indexOf('/');
        String addr = slash < 0 ? v : v.substring(0, slash);
        int len = slash < 0 ? 32 : number(v.substring(slash + 1), "prefix length");
        if (len > 32) {
            throw new IllegalArgumentException("prefix length in '" + v + "' exceeds 32");
        }
        String[] parts = addr.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("bad IPv4 address '" + addr + "'");
        }
        int a = 0;
        for (String part : parts) {
            int b = number(part, "IPv4 address byte");
            if (b > 255) {
                throw new IllegalArgumentException("bad IPv4 address '" + addr + "'");
            }
            a = (a << 8) | b;
        }
        int mask = len == 0 ? 0 : -1 << (32 - len);
        return new int[] {a & mask, mask};
    }

    /** True when the IPv4 packet in [0, limit) matches. Malformed packets never match. */
    public boolean matches(ByteBuffer p) {
        if (this == ALL) {
            return true;
        }
        int len = p.limit();
        if (len < 20 || (p.get(0) & 0xf0) != 0x40) {
            return false;
        }
        if (proto >= 0 && (p.get(9) & 0xff) != proto) {
            return false;
        }
        if ((p.getInt(12) & srcMask) != src || (p.getInt(16) & dstMask) != dst) {
            return false;
        }
        if (sportLo < 0 && dportLo < 0) {
            return true;
        }
        if ((p.getShort(6) & 0x1fff) != 0) {
            return false; // a later fragment: no ports
        }
        int ihl = (p.get(0) & 0x0f) * 4;
        if (ihl < 20 || len < ihl + 4) {
            return false;
        }
        int sport = p.getShort(ihl) & 0xffff;
        int dport = p.getShort(ihl + 2) & 0xffff;
        return (sportLo < 0 || (sport >= sportLo && sport <= sportHi))
                && (dportLo < 0 || (dport >= dportLo && dport <= dportHi));
    }

    @Override
    public String toString() {
        return text.isEmpty() ? "(all)" : text;
    }
}
