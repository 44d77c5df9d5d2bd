package org.netserv.nsis.gist.wire;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the GIST Error messages a node answers with (RFC 5971 §5.5,
 * A.4): from a parse failure of a received message, or for a well-formed
 * message that cannot be processed (unknown NSLPID, endpoint found, no
 * routing state).
 */
public final class ErrorReporter {
    private ErrorReporter() {}

    /**
     * The common header to echo, as NSIS-ka sends it: hops − 1, length 0 and
     * the C flag cleared (README of the vectors, item 11).
     */
    public static byte[] echoHeader(GistMessage m) {
        final ByteBuffer b = ByteBuffer.allocate(8);
        b.put((byte) Gist.VERSION).put((byte) Math.max(0, m.hops() - 1)).putShort((short) 0);
        b.putShort((short) m.nslpId()).put((byte) m.type());
        b.put((byte) ((m.sFlag() ? Gist.FLAG_S : 0) | (m.rFlag() ? Gist.FLAG_R : 0) | (m.eFlag() ? Gist.FLAG_E : 0)));
        return b.array();
    }

    /** An Error about a message that parsed: includes its SID and MRI. */
    public static GistMessage about(GistMessage original, int errorClass, int code, int subcode, Nli ourNli, boolean qMode) {
        final Mri mri = original.mri();
        byte[] mriValue = null;
        if (mri != null) {
            mriValue = new byte[mri.valueLength()];
            mri.encodeValue(ByteBuffer.wrap(mriValue));
        }
        final ErrorObject e = new ErrorObject(errorClass, code, subcode,
                ErrorObject.FLAG_D | (qMode ? ErrorObject.FLAG_Q : 0), echoHeader(original), original.sid(), mriValue, List.of(), null);
        return GistMessage.error(ourNli, e);
    }

    /**
     * An Error about a message that failed to parse; {@code raw} is the
     * message without magic. Returns null when there is not even a common
     * header to echo (then nothing can be said to the sender).
     */
    public static GistMessage about(GistParseException p, byte[] raw, int rawOffset, int rawLength, Nli ourNli, boolean qMode) {
        if (rawLength < Gist.COMMON_HEADER_LENGTH) return null;
        final byte[] hdr = new byte[8];
        System.arraycopy(raw, rawOffset, hdr, 0, 8);
        final List<ErrorObject.Info> infos = new ArrayList<>(1);
        if (p.code() == Gist.E_COMMON_HEADER_PARSE && p.subcode() == Gist.SUB_INCORRECT_MESSAGE_LENGTH) {
            infos.add(ErrorObject.Info.messageLength((rawLength - 8) / 4));
        } else if ((p.code() == Gist.E_OBJECT_TYPE || p.code() == Gist.E_OBJECT_VALUE) && p.objectType() >= 0) {
            infos.add(ErrorObject.Info.objectType(p.objectType()));
        }
        final ErrorObject e = new ErrorObject(p.errorClass(), p.code(), p.subcode(),
                ErrorObject.FLAG_D | (qMode ? ErrorObject.FLAG_Q : 0), hdr, null, null, infos, null);
        return GistMessage.error(ourNli, e);
    }
}
