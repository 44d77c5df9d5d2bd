/*
 * StunWriter — builds one STUN message into a reusable buffer: header, attributes
 * (each padded to 4 with zero bytes), then MESSAGE-INTEGRITY / MESSAGE-INTEGRITY-SHA256
 * and FINGERPRINT, each computed with the header's length field covering the
 * attribute itself as RFC 8489 §14.5-14.7 require.
 */
package org.netserv.apps.mediarelay;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.zip.CRC32;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

final class StunWriter {
    private ByteBuffer b;
    private int start, pos;
    private final CRC32 crc = new CRC32();

    /** Starts a message of {@code type} at {@code out}'s position, copying the transaction ID. */
    StunWriter begin(ByteBuffer out, int type, ByteBuffer txSrc, int txOff) {
        b = out;
        start = out.position();
        b.putShort(start, (short) type).putShort(start + 2, (short) 0).putInt(start + 4, Stun.MAGIC);
        for (int i = 0; i < 12; i++) b.put(start + 8 + i, txSrc.get(txOff + i));
        pos = start + Stun.HEADER;
        return this;
    }

    StunWriter begin(ByteBuffer out, int type, byte[] txid) {
        return begin(out, type, ByteBuffer.wrap(txid), 0);
    }

    private int attrHeader(int t, int len) {
        b.putShort(pos, (short) t).putShort(pos + 2, (short) len);
        int v = pos + 4;
        int padded = Stun.padded(len);
        for (int i = len; i < padded; i++) b.put(v + i, (byte) 0);
        pos = v + padded;
        b.putShort(start + 2, (short) (pos - start - Stun.HEADER));
        return v;
    }

    StunWriter u32(int t, int value) {
        b.putInt(attrHeader(t, 4), value);
        return this;
    }

    StunWriter bytes(int t, byte[] v) {
        int at = attrHeader(t, v.length);
        b.put(at, v);
        return this;
    }

    StunWriter bytes(int t, ByteBuffer src, int off, int len) {
        int at = attrHeader(t, len);
        b.put(at, src, off, len);
        return this;
    }

    StunWriter string(int t, String s) {
        return bytes(t, s.getBytes(StandardCharsets.UTF_8));
    }

    /** An XOR-*-ADDRESS attribute for an IPv4 address given as an int. */
    StunWriter xorAddress(int t, int ip, int port) {
        int v = attrHeader(t, 8);
        b.put(v, (byte) 0).put(v + 1, (byte) Stun.FAMILY_IPV4)
                .putShort(v + 2, (short) (port ^ (Stun.MAGIC >>> 16))).putInt(v + 4, ip ^ Stun.MAGIC);
        return this;
    }

    /** ERROR-CODE: 21 reserved bits, class (hundreds), number (the rest), reason phrase. */
    StunWriter error(int code, String reason) {
        byte[] r = reason.getBytes(StandardCharsets.UTF_8);
        int v = attrHeader(Stun.ERROR_CODE, 4 + r.length);
        b.putShort(v, (short) 0).put(v + 2, (byte) (code / 100)).put(v + 3, (byte) (code % 100)).put(v + 4, r);
        return this;
    }

    StunWriter unknownAttributes(int[] types, int n) {
        int v = attrHeader(Stun.UNKNOWN_ATTRIBUTES, 2 * n);
        for (int i = 0; i < n; i++) b.putShort(v + 2 * i, (short) types[i]);
        return this;
    }

    /** MESSAGE-INTEGRITY: HMAC-SHA1 with the long-term key (§14.5). */
    StunWriter integrity(byte[] key) {
        return hmac(Stun.MESSAGE_INTEGRITY, "HmacSHA1", key, 20);
    }

    /** MESSAGE-INTEGRITY-SHA256: HMAC-SHA256, not truncated (§14.6). */
    StunWriter integritySha256(byte[] key) {
        return hmac(Stun.MESSAGE_INTEGRITY_SHA256, "HmacSHA256", key, 32);
    }

    private StunWriter hmac(int t, String alg, byte[] key, int len) {
        int covered = pos - start;
        int v = attrHeader(t, len);       // sets the length field to include this attribute
        byte[] mac = mac(alg, key, b, start, covered);
        b.put(v, mac, 0, len);
        return this;
    }

    StunWriter fingerprint() {
        int covered = pos - start;
        int v = attrHeader(Stun.FINGERPRINT, 4);
        b.putInt(v, Stun.fingerprint(b, start, covered, crc));
        return this;
    }

    /** Ends the message: the buffer's limit is its end, its position its start. */
    int finish() {
        b.limit(pos).position(start);
        return pos - start;
    }

    static byte[] mac(String alg, byte[] key, ByteBuffer msg, int off, int n) {
        try {
            Mac m = Mac.getInstance(alg);
            m.init(new SecretKeySpec(key, alg));
            ByteBuffer v = msg.duplicate();
            v.limit(off + n).position(off);
            m.update(v);
            return m.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(alg + " unavailable", e);
        }
    }
}
