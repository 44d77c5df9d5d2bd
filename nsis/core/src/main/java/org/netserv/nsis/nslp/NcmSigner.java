package org.netserv.nsis.nslp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.netserv.ncm.Header;
import org.netserv.ncm.NcmKeys;
import org.netserv.ncm.NcmSignature;
import org.netserv.ncm.NcmText;

/**
 * Signing and verifying NCMs with the shared codec ({@link NcmText}, {@link NcmSignature}):
 * the same canonical bytes the controller checks (DESIGN §3.3). Adds the freshness headers a
 * publisher would otherwise forget.
 */
public final class NcmSigner {
    private NcmSigner() {}

    /** The canonical signed bytes of {@code m}. */
    public static byte[] canonicalBytes(Ncm m) {
        return NcmText.signedText(m.requestLine(), m.entries()).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Adds {@code nonce} and {@code timestamp} when absent, then the
     * {@code signature} header (replacing any old one) as the last line.
     */
    public static Ncm sign(Ncm m, PrivateKey key, SecureRandom random, long unixSeconds) throws GeneralSecurityException {
        Ncm s = m.without(Header.SIGNATURE.wireName());
        if (s.header(Header.NONCE.wireName()) == null) {
            final byte[] n = new byte[16];
            random.nextBytes(n);
            s = s.with(Header.NONCE.wireName(), HexFormat.of().formatHex(n));
        }
        if (s.header(Header.TIMESTAMP.wireName()) == null) s = s.with(Header.TIMESTAMP.wireName(), Long.toString(unixSeconds));
        final String signed = NcmText.signedText(s.requestLine(), s.entries());
        return s.with(Header.SIGNATURE.wireName(), NcmSignature.sign(signed, key));
    }

    public static boolean verify(Ncm m, PublicKey key) {
        return NcmSignature.verify(canonicalBytes(m), m.header(Header.SIGNATURE.wireName()), List.of(key));
    }

    /** Reads a PEM private key (PKCS#8, or traditional RSA/EC key pairs). */
    public static PrivateKey readPrivateKey(Path pem) throws IOException {
        return NcmKeys.readPrivateKey(pem);
    }

    public static PublicKey readPublicKey(Path pem) throws IOException {
        return NcmKeys.readPublicKey(pem);
    }
}
