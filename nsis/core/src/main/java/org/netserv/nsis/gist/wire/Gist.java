package org.netserv.nsis.gist.wire;

/**
 * GIST (RFC 5971) wire constants: message types, object types, flag masks,
 * encapsulation numbers and error codes. Values from RFC 5971 §5.1, §5.2,
 * Appendix A and the IANA "gist-parameters" registry; cross-checked against
 * the NSIS-ka captures in {@code shared/gist-vectors}.
 */
public final class Gist {
    private Gist() {}

    /** Precedes every UDP-carried (Q-mode and D-mode) message; absent in C-mode. */
    public static final int MAGIC = 0x4E04BDA5;
    /** IANA-assigned UDP port for GIST Q-mode (and our D-mode). */
    public static final int PORT = 270;
    public static final int VERSION = 1;
    public static final int COMMON_HEADER_LENGTH = 8;
    public static final int OBJECT_HEADER_LENGTH = 4;
    /** Largest message a 16-bit word count can describe. */
    public static final int MAX_MESSAGE_LENGTH = COMMON_HEADER_LENGTH + 0xFFFF * 4;
    /** RFC 5971 §5.3.2: without path MTU knowledge, larger messages must use C-mode. */
    public static final int DEFAULT_PATH_MTU = 576;
    /** IANA experimental NSLPID range (RFC 5971 §9). */
    public static final int NSLPID_EXPERIMENTAL_MIN = 32704;
    public static final int NSLPID_EXPERIMENTAL_MAX = 32767;

    // message types (common header, 7 bits)
    public static final int QUERY = 0;
    public static final int RESPONSE = 1;
    public static final int CONFIRM = 2;
    public static final int DATA = 3;
    public static final int ERROR = 4;
    public static final int MA_HELLO = 5;

    // flags: last byte of the common header
    public static final int FLAG_S = 0x80;
    public static final int FLAG_R = 0x40;
    public static final int FLAG_E = 0x20;
    /** The C bit is the top bit of the type byte (byte 6). */
    public static final int C_BIT = 0x80;

    // object types (12 bits)
    public static final int OBJ_MRI = 0;
    public static final int OBJ_SID = 1;
    public static final int OBJ_NLI = 2;
    public static final int OBJ_STACK_PROPOSAL = 3;
    public static final int OBJ_STACK_CONFIGURATION_DATA = 4;
    public static final int OBJ_QUERY_COOKIE = 5;
    public static final int OBJ_RESPONDER_COOKIE = 6;
    public static final int OBJ_NAT_TRAVERSAL = 7;
    public static final int OBJ_NSLP_DATA = 8;
    public static final int OBJ_ERROR = 9;
    public static final int OBJ_HELLO_ID = 10;
    public static final int OBJ_MAX_KNOWN = OBJ_HELLO_ID;

    // extensibility flags (A/B, top two bits of the object header)
    public static final int AB_MANDATORY = 0;
    public static final int AB_IGNORE = 1;
    public static final int AB_FORWARD = 2;
    public static final int AB_RESERVED = 3;

    // MA protocol ids (IANA)
    public static final int MA_PROTOCOL_FORWARDS_TCP = 1;
    public static final int MA_PROTOCOL_TLS = 2;

    // error classes (RFC 5971 A.4.3)
    public static final int EC_INFORMATIONAL = 0;
    public static final int EC_SUCCESS = 1;
    public static final int EC_PROTOCOL_ERROR = 2;
    public static final int EC_TRANSIENT_FAILURE = 3;
    public static final int EC_PERMANENT_FAILURE = 4;

    // error codes (RFC 5971 A.4.4)
    public static final int E_COMMON_HEADER_PARSE = 1;
    public static final int E_HOP_LIMIT_EXCEEDED = 2;
    public static final int E_INCORRECT_ENCAPSULATION = 3;
    public static final int E_INCORRECTLY_DELIVERED = 4;
    public static final int E_NO_ROUTING_STATE = 5;
    public static final int E_UNKNOWN_NSLPID = 6;
    public static final int E_ENDPOINT_FOUND = 7;
    public static final int E_MESSAGE_TOO_LARGE = 8;
    public static final int E_OBJECT_TYPE = 9;
    public static final int E_OBJECT_VALUE = 10;
    public static final int E_INVALID_IP_TTL = 11;
    public static final int E_MRI_VALIDATION = 12;

    // subcodes of Common Header Parse Error
    public static final int SUB_UNKNOWN_VERSION = 0;
    public static final int SUB_UNKNOWN_TYPE = 1;
    public static final int SUB_INVALID_R_FLAG = 2;
    public static final int SUB_INCORRECT_MESSAGE_LENGTH = 3;
    public static final int SUB_INVALID_E_FLAG = 4;
    public static final int SUB_INVALID_C_FLAG = 5;
    // subcodes of Object Type Error
    public static final int SUB_DUPLICATE_OBJECT = 0;
    public static final int SUB_UNRECOGNISED_OBJECT = 1;
    public static final int SUB_MISSING_OBJECT = 2;
    public static final int SUB_INVALID_OBJECT_TYPE = 3;
    public static final int SUB_UNTRANSLATED_OBJECT = 4;
    public static final int SUB_INVALID_EXTENSIBILITY_FLAGS = 5;
    // subcodes of Object Value Error
    public static final int SUB_INCORRECT_LENGTH = 0;
    public static final int SUB_VALUE_NOT_SUPPORTED = 1;
    public static final int SUB_INVALID_FLAG_FIELD_COMBINATION = 2;
    public static final int SUB_EMPTY_LIST = 3;
    public static final int SUB_INVALID_COOKIE = 4;
    public static final int SUB_SP_SCD_MISMATCH = 5;

    public static String typeName(int type) {
        switch (type) {
            case QUERY: return "Query";
            case RESPONSE: return "Response";
            case CONFIRM: return "Confirm";
            case DATA: return "Data";
            case ERROR: return "Error";
            case MA_HELLO: return "MA-Hello";
            default: return "type-" + type;
        }
    }

    public static String objectName(int type) {
        switch (type) {
            case OBJ_MRI: return "MRI";
            case OBJ_SID: return "SID";
            case OBJ_NLI: return "NLI";
            case OBJ_STACK_PROPOSAL: return "Stack-Proposal";
            case OBJ_STACK_CONFIGURATION_DATA: return "Stack-Configuration-Data";
            case OBJ_QUERY_COOKIE: return "Query-Cookie";
            case OBJ_RESPONDER_COOKIE: return "Responder-Cookie";
            case OBJ_NAT_TRAVERSAL: return "NAT-Traversal";
            case OBJ_NSLP_DATA: return "NSLP-Data";
            case OBJ_ERROR: return "Error";
            case OBJ_HELLO_ID: return "Hello-ID";
            default: return "object-" + type;
        }
    }

    public static String errorCodeName(int code) {
        switch (code) {
            case E_COMMON_HEADER_PARSE: return "Common Header Parse Error";
            case E_HOP_LIMIT_EXCEEDED: return "Hop Limit Exceeded";
            case E_INCORRECT_ENCAPSULATION: return "Incorrect Encapsulation";
            case E_INCORRECTLY_DELIVERED: return "Incorrectly Delivered Message";
            case E_NO_ROUTING_STATE: return "No Routing State";
            case E_UNKNOWN_NSLPID: return "Unknown NSLPID";
            case E_ENDPOINT_FOUND: return "Endpoint Found";
            case E_MESSAGE_TOO_LARGE: return "Message Too Large";
            case E_OBJECT_TYPE: return "Object Type Error";
            case E_OBJECT_VALUE: return "Object Value Error";
            case E_INVALID_IP_TTL: return "Invalid IP TTL";
            case E_MRI_VALIDATION: return "MRI Validation Failure";
            default: return "error-" + code;
        }
    }

    /** Pads a byte count up to the next 32-bit word boundary. */
    public static int pad4(int n) {
        return (n + 3) & ~3;
    }
}
