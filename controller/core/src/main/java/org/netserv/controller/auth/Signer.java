package org.netserv.controller.auth;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import org.netserv.controller.ncm.NcmWriter;

/** The publisher side of {@link SignatureVerifier}: base64 signature over {@link NcmWriter#signedText()}. */
public final class Signer {
    private Signer() {
    }

    public static String sign(final NcmWriter w, final PrivateKey key) throws GeneralSecurityException {
        final Signature s = PublicKeys.signatureFor(key);
        s.initSign(key);
        s.update(w.signedText().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(s.sign());
    }

    public static String signedMessage(final NcmWriter w, final PrivateKey key) throws GeneralSecurityException {
        return w.toWire(sign(w, key));
    }
}
