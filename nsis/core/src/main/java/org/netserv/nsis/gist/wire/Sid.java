package org.netserv.nsis.gist.wire;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Session Identification, RFC 5971 A.3.3: 128 bits chosen at random by the
 * NSLP. Kept as two longs so routing-state tables can key on it without
 * holding an array.
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                                                               |  0
 * +                      Session ID (128 bits)                    +
 * |                                                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class Sid extends GistObject {
    public static final int LENGTH = 16;
    private final long hi, lo;

    public Sid(long hi, long lo) {
        super(Gist.OBJ_SID, 0);
        this.hi = hi;
        this.lo = lo;
    }

    public static Sid random(SecureRandom rnd) {
        return new Sid(rnd.nextLong(), rnd.nextLong());
    }

    public static Sid of(byte[] b) {
        if (b.length != LENGTH) throw new IllegalArgumentException("SID is 16 bytes");
        final ByteBuffer bb = ByteBuffer.wrap(b);
        return new Sid(bb.getLong(), bb.getLong());
    }

    public long hi() { return hi; }
    public long lo() { return lo; }

    @Override public int valueLength() { return LENGTH; }

    @Override protected void encodeValue(ByteBuffer out) { out.putLong(hi).putLong(lo); }

    static Sid decode(ByteBuffer in, int len, int at) throws GistParseException {
        if (len != LENGTH) throw GistParseException.objectValue(Gist.SUB_INCORRECT_LENGTH, at, Gist.OBJ_SID, "SID length " + len + " != 16");
        return new Sid(in.getLong(), in.getLong());
    }

    @Override public boolean equals(Object o) { return o instanceof Sid && ((Sid) o).hi == hi && ((Sid) o).lo == lo; }

    @Override public int hashCode() { return Long.hashCode(hi * 31 + lo); }

    @Override public String toString() {
        return HexFormat.of().toHexDigits(hi) + HexFormat.of().toHexDigits(lo);
    }
}
