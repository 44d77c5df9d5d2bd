package org.netserv.controller.auth;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import org.netserv.controller.ncm.Ncm;

/** Checks an NCM's {@code signature} header over its canonical bytes against a set of keys. */
public final class SignatureVerifier {
    private SignatureVerifier() {
    }

    /** True when any of {@code keys} verifies the signature. A malformed signature verifies with none. */
    public static boolean verify(final Ncm ncm, final List<PublicKey> keys) {
        final byte[] sig;
        try {
            sig = Base64.getDecoder().decode(ncm.signature());
        } catch (IllegalArgumentException e) {
            return false;
        }
        final byte[] data = ncm.signedBytes();
        for (final PublicKey k : keys) {
            try {
                final Signature s = PublicKeys.signatureFor(k);
                s.initVerify(k);
                s.update(data);
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
