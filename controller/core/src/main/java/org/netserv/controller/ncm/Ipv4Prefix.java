package org.netserv.controller.ncm;

/**
 * An IPv4 prefix {@code a.b.c.d/len} held as two ints, so containment is two masks and a compare.
 * Strict text form: four decimal octets without leading zeros, host bits must be zero
 * ({@code 10.1.2.3/16} is refused: it usually means the sender meant something else).
 */
public record Ipv4Prefix(int network, int length) {

    public Ipv4Prefix {
        if (length < 0 || length > 32) {
            throw new IllegalArgumentException("prefix length out of range: " + length);
        }
        if ((network & ~mask(length)) != 0) {
            throw new IllegalArgumentException("host bits set in " + format(network) + "/" + length);
        }
    }

    static int mask(final int length) {
        return length == 0 ? 0 : -1 << (32 - length);
    }

    /** Parses {@code a.b.c.d/len} or a bare address (taken as /32). */
    public static Ipv4Prefix parse(final String text) {
        final int slash = text.indexOf('/');
        final String addr = slash < 0 ? text : text.substring(0, slash);
        int len = 32;
        if (slash >= 0) {
            final String l = text.substring(slash + 1);
            if (l.isEmpty() || l.length() > 2 || !l.chars().allMatch(Character::isDigit)
                    || (l.length() == 2 && l.charAt(0) == '0')) {
                throw new IllegalArgumentException("bad prefix length in " + text);
            }
            len = Integer.parseInt(l);
            if (len > 32) {
                throw new IllegalArgumentException("bad prefix length in " + text);
            }
        }
        return new Ipv4Prefix(parseAddress(addr), len);
    }

    public static int parseAddress(final String addr) {
        final String[] parts = addr.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + addr);
        }
        int v = 0;
        for (final String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')
                    || (p.length() > 1 && p.charAt(0) == '0')) {
                throw new IllegalArgumentException("not an IPv4 address: " + addr);
            }
            final int o = Integer.parseInt(p);
            if (o > 255) {
                throw new IllegalArgumentException("not an IPv4 address: " + addr);
            }
            v = (v << 8) | o;
        }
        return v;
    }

    public static String format(final int a) {
        return ((a >>> 24) & 255) + "." + ((a >>> 16) & 255) + "." + ((a >>> 8) & 255) + "." + (a & 255);
    }

    /** True when every address of {@code other} lies in this prefix. */
    public boolean contains(final Ipv4Prefix other) {
        return other.length >= length && (other.network & mask(length)) == network;
    }

    public boolean containsAddress(final int address) {
        return (address & mask(length)) == network;
    }

    @Override
    public String toString() {
        return format(network) + "/" + length;
    }
}
