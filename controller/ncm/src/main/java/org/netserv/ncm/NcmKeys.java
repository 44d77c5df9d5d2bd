package org.netserv.ncm;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Publisher keys from PEM (parsed with Bouncy Castle) and the signature algorithm each implies:
 * Ed25519 keys sign with Ed25519, RSA with SHA256withRSA, EC with SHA256withECDSA.
 * Public keys: {@code PUBLIC KEY} (SubjectPublicKeyInfo), {@code CERTIFICATE} and, for
 * convenience in tests, a key pair (only its public half is kept). Private keys: PKCS#8 or a
 * traditional RSA/EC key pair, unencrypted.
 */
public final class NcmKeys {
    public static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private NcmKeys() {
    }

    public static PublicKey parsePublicPem(final String pem) throws IOException {
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

    public static PrivateKey parsePrivatePem(final String pem) throws IOException {
        try (PEMParser p = new PEMParser(new StringReader(pem))) {
            final Object o = p.readObject();
            final JcaPEMKeyConverter conv = new JcaPEMKeyConverter().setProvider(BC);
            if (o instanceof PrivateKeyInfo pki) {
                return conv.getPrivateKey(pki);
            }
            if (o instanceof PEMKeyPair kp) {
                return conv.getKeyPair(kp).getPrivate();
            }
            throw new IOException("no unencrypted private key in PEM (found "
                    + (o == null ? "nothing" : o.getClass().getSimpleName()) + ")");
        }
    }

    public static PublicKey readPublicKey(final Path pem) throws IOException {
        try {
            return parsePublicPem(Files.readString(pem, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new IOException(pem + ": " + e.getMessage(), e);
        }
    }

    public static PrivateKey readPrivateKey(final Path pem) throws IOException {
        try {
            return parsePrivatePem(Files.readString(pem, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new IOException(pem + ": " + e.getMessage(), e);
        }
    }

    /** The JCA signature algorithm for a key, or an exception for a key type we do not accept. */
    public static String algorithmFor(final Key key) throws GeneralSecurityException {
        return switch (key.getAlgorithm()) {
            case "Ed25519", "EdDSA" -> "Ed25519";
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            default -> throw new GeneralSecurityException("unsupported key algorithm " + key.getAlgorithm()
                    + " (Ed25519, RSA or ECDSA)");
        };
    }

    /** A signature engine for {@code key}: Bouncy Castle's for its own keys, the JDK's for the JDK's. */
    public static Signature signatureFor(final Key key) throws GeneralSecurityException {
        return key.getClass().getName().startsWith("org.bouncycastle.")
                ? Signature.getInstance(algorithmFor(key), BC) : Signature.getInstance(algorithmFor(key));
    }
}
