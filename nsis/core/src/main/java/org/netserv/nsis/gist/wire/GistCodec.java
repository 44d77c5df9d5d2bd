package org.netserv.nsis.gist.wire;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Encodes and strictly decodes GIST messages (RFC 5971 §5, Appendix A).
 *
 * <p>UDP-carried messages (Q-mode and D-mode) are preceded by the 32-bit magic
 * number {@code 0x4E04BDA5}; C-mode messages are not and are framed by the
 * common header's length. Decoding checks, in order: magic, version, type,
 * flags against type, length against the bytes present, every object's TLV
 * header and value, and finally the object order against the §5.1 grammar.
 * Every failure is a {@link GistParseException} naming the RFC error
 * code/subcode; no other exception escapes {@link #decode}.
 */
public final class GistCodec {
    private GistCodec() {}

    /*
     * Grammar of RFC 5971 §5.1 over object types written as letters
     * (a = MRI 0, b = SID 1, c = NLI 2, d = SP 3, e = SCD 4, f = QC 5, g = RC 6,
     * h = NAT-Traversal 7, i = NSLP-Data 8, j = Error 9, k = Hello-ID 10).
     */
    private static final Pattern[] GRAMMAR = {
        Pattern.compile("h?abcf(de)?i?"),          // Query
        Pattern.compile("h?abcf(g(de)?)?i?"),      // Response
        Pattern.compile("abc(g(de?)?)?i?"),        // Confirm
        Pattern.compile("h?abc?i"),                // Data
        Pattern.compile("h?c?j"),                  // Error
        Pattern.compile("k"),                      // MA-Hello
    };

    // ------------------------------------------------------------------ encode

    /** Encodes with the magic number when {@code udp} (Q-/D-mode). */
    public static byte[] encode(GistMessage m, boolean udp) {
        final ByteBuffer b = ByteBuffer.allocate((udp ? 4 : 0) + m.encodedLength());
        encode(m, b, udp);
        return b.array();
    }

    public static void encode(GistMessage m, ByteBuffer out, boolean udp) {
        out.order(ByteOrder.BIG_ENDIAN);
        final int body = m.bodyLength();
        if (body / 4 > 0xFFFF) throw new IllegalArgumentException("message too long: " + body + " bytes");
        if (udp) out.putInt(Gist.MAGIC);
        out.put((byte) Gist.VERSION).put((byte) m.hops()).putShort((short) (body / 4));
        out.putShort((short) m.nslpId());
        out.put((byte) ((m.cFlag() ? Gist.C_BIT : 0) | m.type()));
        out.put((byte) ((m.sFlag() ? Gist.FLAG_S : 0) | (m.rFlag() ? Gist.FLAG_R : 0) | (m.eFlag() ? Gist.FLAG_E : 0)));
        for (GistObject o : m.objects()) o.encode(out);
    }

    // ------------------------------------------------------------------ decode

    /** Decodes a whole UDP payload (magic included) or a whole C-mode message. */
    public static GistMessage decode(byte[] bytes, boolean udp) throws GistParseException {
        return decode(ByteBuffer.wrap(bytes), udp);
    }

    /**
     * Decodes the message occupying all of {@code in}'s remaining bytes. The
     * buffer's position is advanced to its limit on success.
     */
    public static GistMessage decode(ByteBuffer in, boolean udp) throws GistParseException {
        final ByteBuffer b = in.slice().order(ByteOrder.BIG_ENDIAN);
        try {
            final GistMessage m = decodeStrict(b, udp);
            in.position(in.limit());
            return m;
        } catch (BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException e) {
            // length checks above should make these unreachable; never let them escape
            throw GistParseException.objectValue(Gist.SUB_INCORRECT_LENGTH, b.position(), -1, "malformed: " + e);
        }
    }

    /**
     * For C-mode framing: the total length (header included) of the message
     * starting at {@code buf[pos]}, or -1 if fewer than 8 bytes are there.
     */
    public static int framedLength(ByteBuffer buf, int pos) {
        if (buf.limit() - pos < Gist.COMMON_HEADER_LENGTH) return -1;
        return Gist.COMMON_HEADER_LENGTH + 4 * (buf.getShort(pos + 2) & 0xFFFF);
    }

    private static GistMessage decodeStrict(ByteBuffer b, boolean udp) throws GistParseException {
        final int base = udp ? 4 : 0;
        if (udp) {
            if (b.remaining() < 4) throw GistParseException.encapsulation(0, "datagram of " + b.remaining() + " bytes has no magic number");
            final int magic = b.getInt();
            if (magic != Gist.MAGIC) throw GistParseException.encapsulation(0, String.format("bad magic number 0x%08X", magic));
        }
        if (b.remaining() < Gist.COMMON_HEADER_LENGTH) {
            throw GistParseException.header(Gist.SUB_INCORRECT_MESSAGE_LENGTH, base, "only " + b.remaining() + " bytes, common header needs 8");
        }
        final int version = b.get() & 0xFF;
        final int hops = b.get() & 0xFF;
        final int words = b.getShort() & 0xFFFF;
        final int nslpId = b.getShort() & 0xFFFF;
        final int typeByte = b.get() & 0xFF;
        final int flagByte = b.get() & 0xFF;
        final int type = typeByte & 0x7F;
        final boolean c = (typeByte & Gist.C_BIT) != 0;
        final boolean s = (flagByte & Gist.FLAG_S) != 0, r = (flagByte & Gist.FLAG_R) != 0, e = (flagByte & Gist.FLAG_E) != 0;
        if (version != Gist.VERSION) throw GistParseException.header(Gist.SUB_UNKNOWN_VERSION, base, "version " + version);
        if (type > Gist.MA_HELLO) throw GistParseException.header(Gist.SUB_UNKNOWN_TYPE, base + 6, "message type " + type);
        if (words * 4 != b.remaining()) {
            throw GistParseException.header(Gist.SUB_INCORRECT_MESSAGE_LENGTH, base + 2,
                    "length field says " + words * 4 + " bytes after the header, " + b.remaining() + " present");
        }
        if (c && type != Gist.QUERY && !(udp && type == Gist.DATA)) {
            throw GistParseException.header(Gist.SUB_INVALID_C_FLAG, base + 6, "C flag on " + Gist.typeName(type));
        }
        if (type == Gist.QUERY && !r) throw GistParseException.header(Gist.SUB_INVALID_R_FLAG, base + 7, "Query without R flag");
        if (r && (type == Gist.CONFIRM || type == Gist.DATA || type == Gist.ERROR)) {
            throw GistParseException.header(Gist.SUB_INVALID_R_FLAG, base + 7, "R flag on " + Gist.typeName(type));
        }
        if (e && type != Gist.QUERY && type != Gist.DATA) {
            throw GistParseException.header(Gist.SUB_INVALID_E_FLAG, base + 7, "E flag on " + Gist.typeName(type));
        }

        final List<GistObject> objects = new ArrayList<>(8);
        final StringBuilder shape = new StringBuilder(8);
        while (b.hasRemaining()) {
            final int at = b.position();
            if (b.remaining() < Gist.OBJECT_HEADER_LENGTH) {
                throw GistParseException.objectValue(Gist.SUB_INCORRECT_LENGTH, at, -1, b.remaining() + " trailing bytes, not an object header");
            }
            final int h0 = b.getShort() & 0xFFFF;
            final int h1 = b.getShort() & 0xFFFF;
            final int ab = h0 >>> 14;
            final int otype = h0 & 0xFFF;
            final int len = (h1 & 0xFFF) * 4;
            if ((h0 & 0x3000) != 0 || (h1 & 0xF000) != 0) {
                // reserved bits: must be sent as 0; tolerated on receipt (RFC 5971 A.2)
            }
            if (ab == Gist.AB_RESERVED) {
                throw GistParseException.objectType(Gist.SUB_INVALID_EXTENSIBILITY_FLAGS, at, otype, Gist.objectName(otype) + " with A/B = 11");
            }
            if (len > b.remaining()) {
                throw GistParseException.objectValue(Gist.SUB_INCORRECT_LENGTH, at, otype,
                        Gist.objectName(otype) + " length " + len + " overruns the message (" + b.remaining() + " left)");
            }
            final int valueStart = b.position();
            final GistObject obj;
            if (otype > Gist.OBJ_MAX_KNOWN) {
                if (ab == Gist.AB_MANDATORY) {
                    throw GistParseException.objectType(Gist.SUB_UNRECOGNISED_OBJECT, at, otype, "unknown mandatory object type " + otype);
                }
                final byte[] v = new byte[len];
                b.get(v);
                obj = new Opaque(otype, ab, v);
            } else {
                obj = decodeKnown(b, otype, ab, len, at);
                shape.append((char) ('a' + otype));
            }
            if (b.position() != valueStart + len) {
                throw GistParseException.objectValue(Gist.SUB_INCORRECT_LENGTH, at, otype, Gist.objectName(otype) + " value not fully consumed");
            }
            objects.add(obj);
        }
        checkGrammar(type, shape, base);
        return new GistMessage(type, hops, nslpId, c, s, r, e, objects);
    }

    private static GistObject decodeKnown(ByteBuffer b, int otype, int ab, int len, int at) throws GistParseException {
        switch (otype) {
            case Gist.OBJ_MRI: return Mri.decode(b, len, at);
            case Gist.OBJ_SID: return Sid.decode(b, len, at);
            case Gist.OBJ_NLI: return Nli.decode(b, len, at);
            case Gist.OBJ_STACK_PROPOSAL: return StackProposal.decode(b, len, at);
            case Gist.OBJ_STACK_CONFIGURATION_DATA: return StackConfigurationData.decode(b, len, at);
            case Gist.OBJ_ERROR: return ErrorObject.decode(b, len, at);
            case Gist.OBJ_HELLO_ID: return HelloId.decode(b, len, at);
            case Gist.OBJ_QUERY_COOKIE:
            case Gist.OBJ_RESPONDER_COOKIE:
            case Gist.OBJ_NSLP_DATA:
            case Gist.OBJ_NAT_TRAVERSAL: {
                if (len == 0) throw GistParseException.objectValue(Gist.SUB_INCORRECT_LENGTH, at, otype, "empty " + Gist.objectName(otype));
                final byte[] v = new byte[len];
                b.get(v);
                return new Opaque(otype, ab, v);
            }
            default: throw new AssertionError(otype);
        }
    }

    private static void checkGrammar(int type, CharSequence shape, int at) throws GistParseException {
        if (GRAMMAR[type].matcher(shape).matches()) return;
        for (int i = 0; i < shape.length(); i++) {
            for (int j = i + 1; j < shape.length(); j++) {
                if (shape.charAt(i) == shape.charAt(j)) {
                    throw GistParseException.objectType(Gist.SUB_DUPLICATE_OBJECT, at, shape.charAt(i) - 'a',
                            "duplicate " + Gist.objectName(shape.charAt(i) - 'a') + " in " + Gist.typeName(type));
                }
            }
        }
        final String required = requiredFor(type);
        for (int i = 0; i < required.length(); i++) {
            if (shape.toString().indexOf(required.charAt(i)) < 0) {
                throw GistParseException.objectType(Gist.SUB_MISSING_OBJECT, at, required.charAt(i) - 'a',
                        Gist.typeName(type) + " lacks " + Gist.objectName(required.charAt(i) - 'a'));
            }
        }
        throw GistParseException.objectType(Gist.SUB_INVALID_OBJECT_TYPE, at, -1,
                "objects " + describe(shape) + " do not fit the " + Gist.typeName(type) + " grammar");
    }

    private static String requiredFor(int type) {
        switch (type) {
            case Gist.QUERY: case Gist.RESPONSE: return "abcf";
            case Gist.CONFIRM: return "abc";
            case Gist.DATA: return "abi";
            case Gist.ERROR: return "j";
            default: return "k";
        }
    }

    private static String describe(CharSequence shape) {
        final StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < shape.length(); i++) {
            if (i > 0) sb.append(',');
            sb.append(Gist.objectName(shape.charAt(i) - 'a'));
        }
        return sb.append(']').toString();
    }
}
