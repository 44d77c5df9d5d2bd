package org.netserv.nsis.gist.node;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Responder cookies (RFC 5971 §8.5): a keyed hash over what the Query said,
 * so a responder can verify a Confirm without having kept state for the
 * Query. Secrets rotate; the previous one stays valid for one period.
 * <pre>
 * | generation (32) | HMAC-SHA256(secret[gen], peer-id | if-addr | SID | MRI | NSLPID), first 24 bytes |
 * </pre>
 * 28 bytes, the size NSIS-ka uses. Single-threaded (the node's event loop).
 */
final class CookieJar {
    private static final int MAC_BYTES = 24;
    private final SecureRandom random;
    private final long rotationMs;
    private Mac current, previous;
    private int generation;
    private long rotatedAt;

    CookieJar(SecureRandom random, long rotationMs, long now) {
        this.random = random;
        this.rotationMs = rotationMs;
        this.generation = random.nextInt();
        this.current = newMac();
        this.rotatedAt = now;
    }

    private Mac newMac() {
        final byte[] secret = new byte[32];
        random.nextBytes(secret);
        try {
            final Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(secret, "HmacSHA256"));
            return m;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    void maybeRotate(long now) {
        if (now - rotatedAt < rotationMs) return;
        previous = current;
        current = newMac();
        generation++;
        rotatedAt = now;
    }

    byte[] make(byte[] bound) {
        final byte[] mac = current.doFinal(bound);
        final ByteBuffer b = ByteBuffer.allocate(4 + MAC_BYTES);
        b.putInt(generation).put(mac, 0, MAC_BYTES);
        return b.array();
    }

    boolean verify(byte[] cookie, byte[] bound) {
        if (cookie == null || cookie.length != 4 + MAC_BYTES) return false;
        final int gen = ByteBuffer.wrap(cookie).getInt();
        final Mac m = gen == generation ? current : gen == generation - 1 ? previous : null;
        if (m == null) return false;
        final byte[] mac = m.doFinal(bound);
        final byte[] want = new byte[MAC_BYTES], got = new byte[MAC_BYTES];
        System.arraycopy(mac, 0, want, 0, MAC_BYTES);
        System.arraycopy(cookie, 4, got, 0, MAC_BYTES);
        return MessageDigest.isEqual(want, got);
    }
}
