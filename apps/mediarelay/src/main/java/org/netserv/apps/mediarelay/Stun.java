/*
 * Stun — the STUN (RFC 8489) and TURN (RFC 8656) wire constants and the small
 * codec pieces both directions share.
 *
 * Message header (RFC 8489 §5), all numbers big-endian:
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |0 0|     STUN Message Type     |         Message Length        |  0
 *  |                   Magic Cookie 0x2112A442                     |  4
 *  |                Transaction ID (96 bits)                       |  8..19
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  Message Type: M11..M7 C1 M6..M4 C0 M3..M0 (class bits C1 at 0x0100, C0 at 0x0010).
 *  Length: bytes after the header, always a multiple of 4.
 *
 * Attribute (§14): type (2), value length (2, without padding), value padded to 4.
 *
 * ChannelData (RFC 8656 §12.4): channel number (2, 0x4000..0x4FFF) | length (2) | data,
 * padded to 4 over TCP.
 *
 * (XOR-)address value (§14.2):  0x00 | family (0x01 IPv4) | X-Port (port ^ 0x2112) |
 * X-Address (IPv4 ^ magic cookie).
 */
package org.netserv.apps.mediarelay;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;

final class Stun {
    private Stun() {}

    static final int HEADER = 20;
    static final int MAGIC = 0x2112A442;
    static final int FINGERPRINT_XOR = 0x5354554e;

    // methods
    static final int BINDING = 0x001, ALLOCATE = 0x003, REFRESH = 0x004, SEND = 0x006, DATA = 0x007,
            CREATE_PERMISSION = 0x008, CHANNEL_BIND = 0x009;
    // classes
    static final int REQUEST = 0x000, INDICATION = 0x010, SUCCESS = 0x100, ERROR = 0x110;

    // comprehension-required attributes (0x0000-0x7FFF)
    static final int MAPPED_ADDRESS = 0x0001, USERNAME = 0x0006, MESSAGE_INTEGRITY = 0x0008,
            ERROR_CODE = 0x0009, UNKNOWN_ATTRIBUTES = 0x000A, CHANNEL_NUMBER = 0x000C, LIFETIME = 0x000D,
            XOR_PEER_ADDRESS = 0x0012, DATA_ATTR = 0x0013, REALM = 0x0014, NONCE = 0x0015,
            XOR_RELAYED_ADDRESS = 0x0016, REQUESTED_ADDRESS_FAMILY = 0x0017, EVEN_PORT = 0x0018,
            REQUESTED_TRANSPORT = 0x0019, DONT_FRAGMENT = 0x001A, MESSAGE_INTEGRITY_SHA256 = 0x001C,
            PASSWORD_ALGORITHM = 0x001D, USERHASH = 0x001E, XOR_MAPPED_ADDRESS = 0x0020,
            RESERVATION_TOKEN = 0x0022;
    // comprehension-optional attributes (0x8000-0xFFFF)
    static final int ADDITIONAL_ADDRESS_FAMILY = 0x8000, PASSWORD_ALGORITHMS = 0x8002, SOFTWARE = 0x8022,
            FINGERPRINT = 0x8028;

    static final int FAMILY_IPV4 = 0x01, FAMILY_IPV6 = 0x02;
    static final int PROTO_UDP = 17;
    static final int ALG_MD5 = 0x0001, ALG_SHA256 = 0x0002;

    static final int CHANNEL_MIN = 0x4000, CHANNEL_MAX = 0x4FFF;

    /** The method bits of a message type. */
    static int method(int type) {
        return (type & 0x000F) | ((type & 0x00E0) >> 1) | ((type & 0x3E00) >> 2);
    }

    /** The class bits of a message type (REQUEST, INDICATION, SUCCESS, ERROR). */
    static int klass(int type) {
        return type & 0x0110;
    }

    static int type(int method, int klass) {
        return (method & 0x000F) | ((method & 0x0070) << 1) | ((method & 0x0F80) << 2) | klass;
    }

    static int padded(int n) {
        return (n + 3) & ~3;
    }

    /** The reason phrase we send with each error code (RFC 8489 §14.8, RFC 8656 §19). */
    static String reason(int code) {
        return switch (code) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthenticated";
            case 403 -> "Forbidden";
            case 420 -> "Unknown Attribute";
            case 437 -> "Allocation Mismatch";
            case 438 -> "Stale Nonce";
            case 440 -> "Address Family not Supported";
            case 441 -> "Wrong Credentials";
            case 442 -> "Unsupported Transport Protocol";
            case 443 -> "Peer Address Family Mismatch";
            case 486 -> "Allocation Quota Reached";
            case 500 -> "Server Error";
            case 508 -> "Insufficient Capacity";
            default -> "Error";
        };
    }

    /** Attribute types this server understands (the rest, below 0x8000, earn a 420). */
    static boolean known(int attr) {
        switch (attr) {
            case MAPPED_ADDRESS, USERNAME, MESSAGE_INTEGRITY, ERROR_CODE, UNKNOWN_ATTRIBUTES, CHANNEL_NUMBER,
                    LIFETIME, XOR_PEER_ADDRESS, DATA_ATTR, REALM, NONCE, XOR_RELAYED_ADDRESS,
                    REQUESTED_ADDRESS_FAMILY, EVEN_PORT, REQUESTED_TRANSPORT, DONT_FRAGMENT,
                    MESSAGE_INTEGRITY_SHA256, PASSWORD_ALGORITHM, USERHASH, XOR_MAPPED_ADDRESS,
                    RESERVATION_TOKEN:
                return true;
            default:
                return false;
        }
    }

    /** CRC-32 of {@code b[off, off+n)} XOR 0x5354554e (§14.7); no allocation for heap buffers. */
    static int fingerprint(ByteBuffer b, int off, int n, CRC32 crc) {
        crc.reset();
        ByteBuffer v = b.duplicate();
        v.limit(off + n).position(off);
        crc.update(v);
        return (int) crc.getValue() ^ FINGERPRINT_XOR;
    }
}
