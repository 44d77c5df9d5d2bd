/*
 * StunMessage — a reusable, allocation-free view of one received STUN message: the
 * header fields and where each attribute the server uses sits in the buffer.
 *
 * parse() applies RFC 8489 §6.3's checks in order: the two leading zero bits, the
 * magic cookie, a length that is a multiple of 4 and matches the bytes received, then
 * the attribute framing. Of repeated attributes only the first counts (§14); after
 * MESSAGE-INTEGRITY only MESSAGE-INTEGRITY-SHA256 and FINGERPRINT are looked at, after
 * MESSAGE-INTEGRITY-SHA256 only FINGERPRINT, and FINGERPRINT must be last and correct.
 * Unknown comprehension-required attribute types are collected for the 420 answer.
 */
package org.netserv.apps.mediarelay;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;

final class StunMessage {

    /** parse() results. */
    static final int OK = 0, NOT_STUN = 1, BAD_ATTRIBUTES = 2, BAD_FINGERPRINT = 3;

    static final int MAX_UNKNOWN = 16;
    private static final int SLOTS = 0x23;         // attribute types 0x0000..0x0022 indexed directly

    ByteBuffer buf;
    int start, length, type;
    /** Value offset (absolute in buf) of the first occurrence of each known attribute, -1 when absent. */
    private final int[] valueAt = new int[SLOTS];
    private final int[] valueLen = new int[SLOTS];
    int passwordAlgorithmsAt = -1, passwordAlgorithmsLen, fingerprintAt = -1;
    /** Offset of the MESSAGE-INTEGRITY(-SHA256) attribute header, -1 when absent. */
    int integrityAt = -1, integritySha256At = -1;
    final int[] unknown = new int[MAX_UNKNOWN];
    int unknownCount;
    private final CRC32 crc = new CRC32();

    int method() { return Stun.method(type); }

    int klass() { return Stun.klass(type); }

    boolean has(int attr) { return valueAt[attr] >= 0; }

    int at(int attr) { return valueAt[attr]; }

    int len(int attr) { return valueLen[attr]; }

    /** The transaction ID's first byte offset. */
    int txid() { return start + 8; }

    /** True when {@code b[off..off+12)} equals this message's transaction ID. */
    boolean sameTransaction(byte[] id) {
        for (int i = 0; i < 12; i++) if (buf.get(start + 8 + i) != id[i]) return false;
        return true;
    }

    byte[] transactionId() {
        byte[] id = new byte[12];
        buf.get(start + 8, id);
        return id;
    }

    /** Parses {@code b[start, start+n)} as one STUN message. */
    int parse(ByteBuffer b, int start, int n) {
        buf = b;
        this.start = start;
        length = n;
        java.util.Arrays.fill(valueAt, -1);
        passwordAlgorithmsAt = fingerprintAt = integrityAt = integritySha256At = -1;
        unknownCount = 0;
        if (n < Stun.HEADER) return NOT_STUN;
        type = b.getShort(start) & 0xffff;
        int bodyLen = b.getShort(start + 2) & 0xffff;
        if ((type & 0xC000) != 0 || b.getInt(start + 4) != Stun.MAGIC) return NOT_STUN;
        if ((bodyLen & 3) != 0 || Stun.HEADER + bodyLen != n) return NOT_STUN;
        int p = start + Stun.HEADER, end = start + n;
        while (p < end) {
            if (end - p < 4) return BAD_ATTRIBUTES;
            int t = b.getShort(p) & 0xffff, l = b.getShort(p + 2) & 0xffff;
            int v = p + 4;
            if (v + l > end) return BAD_ATTRIBUTES;
            if (fingerprintAt >= 0) return BAD_FINGERPRINT;        // FINGERPRINT must be the last one
            if (t == Stun.FINGERPRINT) {
                if (l != 4 || v + 4 != end) return BAD_FINGERPRINT;
                int want = Stun.fingerprint(b, start, p - start, crc);
                if (b.getInt(v) != want) return BAD_FINGERPRINT;
                fingerprintAt = p;
            } else if (integritySha256At >= 0) {
                // ignored: §14.6
            } else if (t == Stun.MESSAGE_INTEGRITY_SHA256) {
                if (l < 16 || l > 32 || (l & 3) != 0) return BAD_ATTRIBUTES;
                integritySha256At = p;
                record(t, v, l);
            } else if (integrityAt >= 0) {
                // ignored: §14.5
            } else if (t == Stun.MESSAGE_INTEGRITY) {
                if (l != 20) return BAD_ATTRIBUTES;
                integrityAt = p;
                record(t, v, l);
            } else if (t == Stun.PASSWORD_ALGORITHMS) {
                if (passwordAlgorithmsAt < 0) {
                    passwordAlgorithmsAt = v;
                    passwordAlgorithmsLen = l;
                }
            } else if (t < 0x8000) {
                if (Stun.known(t)) record(t, v, l);
                else if (unknownCount < MAX_UNKNOWN) unknown[unknownCount++] = t;
            }
            p = v + Stun.padded(l);
        }
        if (p != end) return BAD_ATTRIBUTES;
        return OK;
    }

    private void record(int t, int v, int l) {
        if (valueAt[t] < 0) {
            valueAt[t] = v;
            valueLen[t] = l;
        }
    }

    /** The IPv4 address of an XOR address attribute as an int, or 0 when it is not a well-formed IPv4 one. */
    int xorIpv4(int attr) {
        int v = valueAt[attr];
        if (v < 0 || valueLen[attr] != 8 || buf.get(v + 1) != Stun.FAMILY_IPV4) return 0;
        return buf.getInt(v + 4) ^ Stun.MAGIC;
    }

    /** The address family byte of an address attribute, or -1. */
    int family(int attr) {
        int v = valueAt[attr];
        return v < 0 || valueLen[attr] < 4 ? -1 : buf.get(v + 1) & 0xff;
    }

    int xorPort(int attr) {
        return (buf.getShort(valueAt[attr] + 2) & 0xffff) ^ (Stun.MAGIC >>> 16);
    }

    int u32(int attr) { return buf.getInt(valueAt[attr]); }

    String string(int attr) {
        byte[] s = new byte[valueLen[attr]];
        buf.get(valueAt[attr], s);
        return new String(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    byte[] bytes(int attr) {
        byte[] s = new byte[valueLen[attr]];
        buf.get(valueAt[attr], s);
        return s;
    }
}
