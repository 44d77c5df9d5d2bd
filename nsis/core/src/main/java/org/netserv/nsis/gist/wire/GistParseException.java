package org.netserv.nsis.gist.wire;

/**
 * A malformed GIST message. Carries the RFC 5971 error class/code/subcode a
 * node would put in a GIST Error message, the byte offset where parsing
 * stopped, and (when known) the offending object type, so the caller can both
 * log precisely and answer the sender.
 */
public final class GistParseException extends Exception {
    private final int errorClass;
    private final int code;
    private final int subcode;
    private final int offset;
    private final int objectType;

    public GistParseException(int errorClass, int code, int subcode, int offset, int objectType, String message) {
        super(message + " (" + Gist.errorCodeName(code) + "/" + subcode + " at byte " + offset + ")", null, false, false);
        this.errorClass = errorClass;
        this.code = code;
        this.subcode = subcode;
        this.offset = offset;
        this.objectType = objectType;
    }

    public static GistParseException header(int subcode, int offset, String message) {
        return new GistParseException(Gist.EC_PROTOCOL_ERROR, Gist.E_COMMON_HEADER_PARSE, subcode, offset, -1, message);
    }

    public static GistParseException objectType(int subcode, int offset, int objectType, String message) {
        return new GistParseException(Gist.EC_PROTOCOL_ERROR, Gist.E_OBJECT_TYPE, subcode, offset, objectType, message);
    }

    public static GistParseException objectValue(int subcode, int offset, int objectType, String message) {
        return new GistParseException(Gist.EC_PROTOCOL_ERROR, Gist.E_OBJECT_VALUE, subcode, offset, objectType, message);
    }

    public static GistParseException encapsulation(int offset, String message) {
        return new GistParseException(Gist.EC_PROTOCOL_ERROR, Gist.E_INCORRECT_ENCAPSULATION, 0, offset, -1, message);
    }

    public int errorClass() { return errorClass; }
    public int code() { return code; }
    public int subcode() { return subcode; }
    public int offset() { return offset; }
    /** The object type the error is about, or -1. */
    public int objectType() { return objectType; }
    /** A short stable key for counters, e.g. {@code object-value/0}. */
    public String kind() {
        return Gist.errorCodeName(code).toLowerCase().replace(' ', '-') + "/" + subcode;
    }
}
