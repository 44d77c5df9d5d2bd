package org.netserv.nsis.gist.wire;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An object whose value GIST does not interpret: Query-Cookie,
 * Responder-Cookie, NSLP-Data, NAT-Traversal, and unknown objects kept for
 * forwarding (A/B = 10). The value is kept padded as on the wire: the length
 * field counts words, so NSLP payloads must delimit themselves.
 */
public final class Opaque extends GistObject {
    private final byte[] value;

    /** @param value the bytes; padded with zeros to a word boundary here */
    public Opaque(int type, int ab, byte[] value) {
        super(type, ab);
        this.value = (value.length & 3) == 0 ? value.clone() : Arrays.copyOf(value, Gist.pad4(value.length));
    }

    public static Opaque queryCookie(byte[] v) { return new Opaque(Gist.OBJ_QUERY_COOKIE, 0, v); }
    public static Opaque responderCookie(byte[] v) { return new Opaque(Gist.OBJ_RESPONDER_COOKIE, 0, v); }
    public static Opaque nslpData(byte[] v) { return new Opaque(Gist.OBJ_NSLP_DATA, 0, v); }

    /** The value including padding. */
    public byte[] value() { return value.clone(); }

    /** No copy; callers must not modify. */
    byte[] raw() { return value; }

    public int length() { return value.length; }

    @Override public int valueLength() { return value.length; }

    @Override protected void encodeValue(ByteBuffer out) { out.put(value); }

    @Override public boolean equals(Object o) {
        return o instanceof Opaque && ((Opaque) o).type() == type() && ((Opaque) o).ab() == ab() && Arrays.equals(((Opaque) o).value, value);
    }

    @Override public int hashCode() { return Arrays.hashCode(value) * 31 + type(); }

    @Override public String toString() { return Gist.objectName(type()) + "[" + HexFormat.of().formatHex(value) + "]"; }
}
