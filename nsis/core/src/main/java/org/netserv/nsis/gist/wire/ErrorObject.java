package org.netserv.nsis.gist.wire;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * GIST Error object, RFC 5971 A.4.1.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Error Class  |           Error Code          | Error Subcode |  0
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |S|M|C|D|Q|       Reserved      |  MRI Length   |  Info Count   |  4
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |            Common Header of original message (8 bytes)        |  8
 * :              Session Id (16 bytes)                if S        :  16
 * :   Message Routing Information (MRI Length words)  if M        :
 * :   Additional Information fields (Info Count)                  :
 * :   Comment                                         if C        :
 * </pre>
 * The MRI is its value only (no TLV header). Additional information fields
 * are {@code AI-Type (16) | AI-Length (16, words) | AI-Value}. The echoed
 * common header need not be verbatim (NSIS-ka sends hops-1, length 0, C=0).
 */
public final class ErrorObject extends GistObject {
    public static final int FLAG_S = 0x8000, FLAG_M = 0x4000, FLAG_C = 0x2000, FLAG_D = 0x1000, FLAG_Q = 0x0800;
    // additional information types (RFC 5971 A.4.2)
    public static final int AI_MESSAGE_LENGTH = 1, AI_MTU = 2, AI_OBJECT_TYPE = 3, AI_OBJECT_VALUE = 4;

    /** One additional information field. */
    public static final class Info {
        public final int type;
        private final byte[] value;

        public Info(int type, byte[] value) {
            if ((value.length & 3) != 0) throw new IllegalArgumentException("AI value not word-aligned");
            this.type = type;
            this.value = value.clone();
        }

        public static Info objectType(int objectType) {
            return new Info(AI_OBJECT_TYPE, new byte[] {(byte) (objectType >>> 8), (byte) objectType, 0, 0});
        }

        public static Info messageLength(int words) {
            return new Info(AI_MESSAGE_LENGTH, new byte[] {(byte) (words >>> 8), (byte) words, 0, 0});
        }

        public byte[] value() { return value.clone(); }

        @Override public boolean equals(Object o) { return o instanceof Info && ((Info) o).type == type && Arrays.equals(((Info) o).value, value); }

        @Override public int hashCode() { return type; }
    }

    private final int errorClass, code, subcode, flags;
    private final byte[] originalHeader;
    private final Sid sid;
    private final byte[] mri;
    private final List<Info> infos;
    private final byte[] comment;

    public ErrorObject(int errorClass, int code, int subcode, int flags, byte[] originalHeader, Sid sid, byte[] mriValue,
                       List<Info> infos, byte[] comment) {
        super(Gist.OBJ_ERROR, 0);
        if (originalHeader.length != 8) throw new IllegalArgumentException("original header is 8 bytes");
        this.errorClass = errorClass;
        this.code = code;
        this.subcode = subcode;
        int f = flags & (FLAG_D | FLAG_Q);
        if (sid != null) f |= FLAG_S;
        if (mriValue != null) f |= FLAG_M;
        if (comment != null) f |= FLAG_C;
        this.flags = f;
        this.originalHeader = originalHeader.clone();
        this.sid = sid;
        this.mri = mriValue == null ? null : mriValue.clone();
        this.infos = List.copyOf(infos);
        this.comment = comment == null ? null : Arrays.copyOf(comment, Gist.pad4(comment.length));
        if (this.mri != null && ((mri.length & 3) != 0 || mri.length / 4 > 255)) throw new IllegalArgumentException("MRI value length");
    }

    public int errorClass() { return errorClass; }
    public int code() { return code; }
    public int subcode() { return subcode; }
    public int flags() { return flags; }
    public byte[] originalHeader() { return originalHeader.clone(); }
    public Sid sid() { return sid; }
    public byte[] mriValue() { return mri == null ? null : mri.clone(); }
    public List<Info> infos() { return infos; }

    /** The original message's MRI, decoded, or null if absent or not path-coupled. */
    public Mri mri() {
        if (mri == null) return null;
        try {
            return Mri.decode(ByteBuffer.wrap(mri), mri.length, 0);
        } catch (GistParseException e) {
            return null;
        }
    }

    /** NSLPID of the message this error answers. */
    public int originalNslpId() { return ((originalHeader[4] & 0xFF) << 8) | (originalHeader[5] & 0xFF); }

    /** Message type of the message this error answers. */
    public int originalType() { return originalHeader[6] & 0x7F; }

    @Override public int valueLength() {
        int n = 8 + 8;
        if (sid != null) n += 16;
        if (mri != null) n += mri.length;
        for (Info i : infos) n += 4 + i.value.length;
        if (comment != null) n += comment.length;
        return n;
    }

    @Override protected void encodeValue(ByteBuffer out) {
        out.put((byte) errorClass).putShort((short) code).put((byte) subcode);
        out.putShort((short) flags).put((byte) (mri == null ? 0 : mri.length / 4)).put((byte) infos.size());
        out.put(originalHeader);
        if (sid != null) out.putLong(sid.hi()).putLong(sid.lo());
        if (mri != null) out.put(mri);
        for (Info i : infos) {
            out.putShort((short) i.type).putShort((short) (i.value.length / 4)).put(i.value);
        }
        if (comment != null) out.put(comment);
    }

    static ErrorObject decode(ByteBuffer in, int len, int at) throws GistParseException {
        final int end = in.position() + len;
        if (len < 16) throw GistParseException.objectValue(Gist.SUB_INCORRECT_LENGTH, at, Gist.OBJ_ERROR, "Error object shorter than 16 bytes");
        final int cls = in.get() & 0xFF;
        final int code = in.getShort() & 0xFFFF;
        final int sub = in.get() & 0xFF;
        final int flags = in.getShort() & 0xFFFF;
        final int mriWords = in.get() & 0xFF;
        final int infoCount = in.get() & 0xFF;
        final byte[] hdr = new byte[8];
        in.get(hdr);
        Sid sid = null;
        if ((flags & FLAG_S) != 0) {
            if (end - in.position() < 16) throw GistParseException.objectValue(Gist.SUB_INCORRECT_LENGTH, at, Gist.OBJ_ERROR, "Error object: S flag but no room for the SID");
            sid = new Sid(in.getLong(), in.getLong());
        }
        byte[] mri = null;
        if ((flags & FLAG_M) != 0) {
            if (end - in.position() < mriWords * 4) throw GistParseException.objectValue(Gist.SUB_INCORRECT_LENGTH, at, Gist.OBJ_ERROR, "Error object: MRI length overruns the object");
            mri = new byte[mriWords * 4];
            in.get(mri);
        } else if (mriWords != 0) {
            throw GistParseException.objectValue(Gist.SUB_INVALID_FLAG_FIELD_COMBINATION, at, Gist.OBJ_ERROR, "Error object: MRI length without M flag");
        }
        final List<Info> infos = new ArrayList<>(infoCount);
        for (int i = 0; i < infoCount; i++) {
            if (end - in.position() < 4) throw GistParseException.objectValue(Gist.SUB_INCORRECT_LENGTH, at, Gist.OBJ_ERROR, "Error object: info field " + (i + 1) + " beyond the object");
            final int t = in.getShort() & 0xFFFF;
            final int w = in.getShort() & 0xFFFF;
            if (end - in.position() < w * 4) throw GistParseException.objectValue(Gist.SUB_INCORRECT_LENGTH, at, Gist.OBJ_ERROR, "Error object: info field " + (i + 1) + " overruns the object");
            final byte[] v = new byte[w * 4];
            in.get(v);
            infos.add(new Info(t, v));
        }
        byte[] comment = null;
        if ((flags & FLAG_C) != 0) {
            comment = new byte[end - in.position()];
            in.get(comment);
        } else if (in.position() != end) {
            throw GistParseException.objectValue(Gist.SUB_INCORRECT_LENGTH, at, Gist.OBJ_ERROR, "Error object has " + (end - in.position()) + " unexplained bytes");
        }
        return new ErrorObject(cls, code, sub, flags, hdr, sid, mri, infos, comment);
    }

    @Override public boolean equals(Object o) {
        if (!(o instanceof ErrorObject)) return false;
        final ErrorObject e = (ErrorObject) o;
        return e.errorClass == errorClass && e.code == code && e.subcode == subcode && e.flags == flags
                && Arrays.equals(e.originalHeader, originalHeader) && java.util.Objects.equals(e.sid, sid)
                && Arrays.equals(e.mri, mri) && e.infos.equals(infos) && Arrays.equals(e.comment, comment);
    }

    @Override public int hashCode() { return code * 256 + subcode; }

    @Override public String toString() {
        return "Error[class " + errorClass + " " + Gist.errorCodeName(code) + "/" + subcode + "]";
    }
}
