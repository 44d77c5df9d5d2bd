package org.netserv.ncm;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.List;

/** The {@code signature} header: base64 of the key's signature over the canonical bytes ({@link NcmText#signedText}). */
public final class NcmSignature {
    private NcmSignature() {
    }

    public static String sign(final String signedText, final PrivateKey key) throws GeneralSecurityException {
        final Signature s = NcmKeys.signatureFor(key);
        s.initSign(key);
        s.update(signedText.getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(s.sign());
    }

    /** True when any of {@code keys} verifies {@code signatureBase64}; a malformed signature verifies with none. */
    public static boolean verify(final byte[] signedBytes, final String signatureBase64, final List<PublicKey> keys) {
        if (signatureBase64 == null) {
            return false;
        }
        final byte[] sig;
        try {
            sig = Base64.getDecoder().decode(signatureBase64);
        } catch (IllegalArgumentException e) {
            return false;
        }
        for (final PublicKey k : keys) {
            try {
                final Signature s = NcmKeys.signatureFor(k);
                s.initVerify(k);
                s.update(signedBytes);
                if (s.verify(sig)) {
                    return true;
                }
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                // a signature of the wrong shape for this key type is simply "not this key"
            }
        }
        return false;
    }
}
