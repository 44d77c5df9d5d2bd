package org.netserv.controller.auth;

import java.io.IOException;
import java.io.StringReader;
import java.security.PublicKey;
import java.security.Signature;
import java.security.GeneralSecurityException;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Publisher keys from PEM (parsed with Bouncy Castle) and the signature algorithm each implies:
 * Ed25519 keys sign with Ed25519, RSA with SHA256withRSA, EC with SHA256withECDSA.
 * Accepts {@code PUBLIC KEY} (SubjectPublicKeyInfo), {@code CERTIFICATE} and, for convenience
 * in tests, a key pair (only its public half is kept).
 */
public final class PublicKeys {
    static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private PublicKeys() {
    }

    public static PublicKey parsePem(final String pem) throws IOException {
        try (PEMParser p = new PEMParser(new StringReader(pem))) {
            final Object o = p.readObject();
            final JcaPEMKeyConverter conv = new JcaPEMKeyConverter().setProvider(BC);
            if (o instanceof SubjectPublicKeyInfo spki) {
                return conv.getPublicKey(spki);
            }
            if (o instanceof X509CertificateHolder cert) {
                return conv.getPublicKey(cert.getSubjectPublicKeyInfo());
            }
            if (o instanceof PEMKeyPair kp) {
                return conv.getPublicKey(kp.getPublicKeyInfo());
            }
            throw new IOException(o == null ? "no PEM object found" : "not a public key: " + o.getClass().getSimpleName());
        }
    }

    /** The JCA signature algorithm for a key, or an exception for a key type we do not accept. */
    public static String algorithmFor(final java.security.Key key) throws GeneralSecurityException {
        final String a = key.getAlgorithm();
        switch (a) {
            case "Ed25519":
            case "EdDSA":
                return "Ed25519";
            case "RSA":
                return "SHA256withRSA";
            case "EC":
            case "ECDSA":
                return "SHA256withECDSA";
            default:
                throw new GeneralSecurityException("unsupported key algorithm " + a);
        }
    }

    public static Signature signatureFor(final java.security.Key key) throws GeneralSecurityException {
        return Signature.getInstance(algorithmFor(key), BC);
    }
}
