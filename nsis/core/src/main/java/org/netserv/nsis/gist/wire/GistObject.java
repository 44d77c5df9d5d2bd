package org.netserv.nsis.gist.wire;

import java.nio.ByteBuffer;

/**
 * One GIST object (RFC 5971 §5.2, A.2): a 4-byte TLV header then a value
 * padded to a 32-bit boundary.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |A|B|r|r|         Type          |r|r|r|r|        Length         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * //                      Value (Length words)                  //
 * </pre>
 * Subclasses know their value layout; {@link Opaque} covers cookies,
 * NSLP-Data, NAT-Traversal and objects we do not interpret.
 */
public abstract class GistObject {
    private final int type;
    private final int ab;

    protected GistObject(int type, int ab) {
        if (type < 0 || type > 0xFFF) throw new IllegalArgumentException("object type " + type);
        if (ab < 0 || ab > 3) throw new IllegalArgumentException("A/B " + ab);
        this.type = type;
        this.ab = ab;
    }

    public final int type() { return type; }
    public final int ab() { return ab; }

    /** Value length in bytes, a multiple of 4. */
    public abstract int valueLength();

    /** Writes the value (valueLength() bytes, padding included). */
    protected abstract void encodeValue(ByteBuffer out);

    public final int encodedLength() {
        return Gist.OBJECT_HEADER_LENGTH + valueLength();
    }

    public final void encode(ByteBuffer out) {
        final int len = valueLength();
        if ((len & 3) != 0 || len / 4 > 0xFFF) throw new IllegalStateException(Gist.objectName(type) + " value length " + len);
        out.putShort((short) ((ab << 14) | type));
        out.putShort((short) (len / 4));
        final int start = out.position();
        encodeValue(out);
        if (out.position() - start != len) throw new IllegalStateException(Gist.objectName(type) + " wrote " + (out.position() - start) + " != " + len);
    }

    @Override
    public String toString() {
        return Gist.objectName(type);
    }
}
