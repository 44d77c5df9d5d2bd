/*
 * Credentials — the long-term credential mechanism (RFC 8489 §9.2) with the two user
 * sources a TURN operator has:
 *   - static users from the SETUP properties (users=alice:secret1;bob:secret2);
 *   - coturn "use-auth-secret" REST credentials (secret=...): the username is
 *     "<expiry unix time>:<user>" and the password base64(HMAC-SHA1(secret, username));
 *     an expired username is refused.
 * Nonces are stateless: nonce cookie "obMatJos2" plus the security feature set
 * (both "password algorithms" and "username anonymity" bits: "wAAA"), then the
 * expiry second in hex and a truncated HMAC of it under a per-process key, so a
 * forged or stale nonce is recognised without a table.
 */
package org.netserv.apps.mediarelay;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

final class Credentials {
    static final String NONCE_COOKIE = "obMatJos2";
    static final String FEATURES = "wAAA";    // 0xC00000: password algorithms + username anonymity
    /** PASSWORD-ALGORITHMS value we offer: SHA-256 then MD5, each with no parameters (§14.11). */
    static final byte[] ALGORITHMS = {0, 2, 0, 0, 0, 1, 0, 0};

    final String realm;
    private final Map<String, String> users;
    private final byte[] secret;
    private final long nonceSeconds;
    private final byte[] nonceKey = new byte[20];
    /** USERHASH -> username, for the static users and REST usernames seen in clear. */
    private final Map<String, String> byHash = new LinkedHashMap<>(64, 0.75f, true) {
        @Override protected boolean removeEldestEntry(Map.Entry<String, String> e) { return size() > 4096; }
    };

    Credentials(String realm, Map<String, String> users, String secret, long nonceSeconds) {
        this.realm = realm;
        this.users = new HashMap<>(users);
        this.secret = secret == null || secret.isEmpty() ? null : secret.getBytes(StandardCharsets.UTF_8);
        this.nonceSeconds = nonceSeconds;
        new SecureRandom().nextBytes(nonceKey);
        for (String u : users.keySet()) byHash.put(hex(userhash(u)), u);
    }

    /** A fresh nonce valid for the configured time from {@code nowSeconds}. */
    String nonce(long nowSeconds) {
        String exp = String.format("%08x", nowSeconds + nonceSeconds);
        return NONCE_COOKIE + FEATURES + exp + hex(StunWriter.mac("HmacSHA1", nonceKey,
                ByteBuffer.wrap(exp.getBytes(StandardCharsets.US_ASCII)), 0, 8)).substring(0, 16);
    }

    /** One of ours and not expired. */
    boolean nonceValid(String nonce, long nowSeconds) {
        int p = NONCE_COOKIE.length() + FEATURES.length();
        if (nonce.length() != p + 24 || !nonce.startsWith(NONCE_COOKIE + FEATURES)) return false;
        String exp = nonce.substring(p, p + 8);
        String mac = hex(StunWriter.mac("HmacSHA1", nonceKey, ByteBuffer.wrap(exp.getBytes(StandardCharsets.US_ASCII)), 0, 8))
                .substring(0, 16);
        if (!MessageDigest.isEqual(mac.getBytes(StandardCharsets.US_ASCII), nonce.substring(p + 8).getBytes(StandardCharsets.US_ASCII))) {
            return false;
        }
        try {
            return Long.parseLong(exp, 16) >= nowSeconds;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The password of {@code username}, or null when there is no such (or no longer a valid) user. */
    synchronized String password(String username, long nowSeconds) {
        String p = users.get(username);
        if (p != null) return p;
        if (secret == null) return null;
        int colon = username.indexOf(':');
        if (colon <= 0) return null;
        long expiry;
        try {
            expiry = Long.parseLong(username.substring(0, colon));
        } catch (NumberFormatException e) {
            return null;
        }
        if (expiry < nowSeconds) return null;
        byte[] mac = StunWriter.mac("HmacSHA1", secret, ByteBuffer.wrap(username.getBytes(StandardCharsets.UTF_8)), 0,
                username.getBytes(StandardCharsets.UTF_8).length);
        byHash.put(hex(userhash(username)), username);
        return Base64.getEncoder().encodeToString(mac);
    }

    /** The user a USERHASH names, or null. */
    synchronized String userOfHash(byte[] hash) {
        return byHash.get(hex(hash));
    }

    /** The long-term key: MD5 or SHA-256 of "username:realm:password" (§9.2.2). */
    byte[] key(String username, String password, int algorithm) {
        String s = username + ":" + realm + ":" + password;
        return digest(algorithm == Stun.ALG_SHA256 ? "SHA-256" : "MD5", s);
    }

    /** USERHASH: SHA-256 of "username:realm" (§14.4). */
    byte[] userhash(String username) {
        return digest("SHA-256", username + ":" + realm);
    }

    /** The REST password coturn's clients compute for a username (for tests and the publisher). */
    static String restPassword(String secret, String username) {
        byte[] u = username.getBytes(StandardCharsets.UTF_8);
        return Base64.getEncoder().encodeToString(StunWriter.mac("HmacSHA1", secret.getBytes(StandardCharsets.UTF_8),
                ByteBuffer.wrap(u), 0, u.length));
    }

    private static byte[] digest(String alg, String s) {
        try {
            return MessageDigest.getInstance(alg).digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(alg, e);
        }
    }

    static String hex(byte[] b) {
        StringBuilder s = new StringBuilder(b.length * 2);
        for (byte x : b) s.append(Character.forDigit((x >> 4) & 15, 16)).append(Character.forDigit(x & 15, 16));
        return s.toString();
    }
}
