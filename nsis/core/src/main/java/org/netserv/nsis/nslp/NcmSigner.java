package org.netserv.nsis.nslp;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Signing and verifying NCMs, exactly as DESIGN §3.3 defines it (the
 * controller checks the same bytes): the signed bytes are the request line
 * and every header line except {@code signature}, in order, each followed by
 * {@code \n}; the signature header carries base64 of the signature.
 * Ed25519 by default; RSA (SHA256withRSA) and ECDSA (SHA256withECDSA) keys too.
 */
public final class NcmSigner {
    private NcmSigner() {}

    /** The canonical signed bytes of {@code m}. */
    public static byte[] canonicalBytes(Ncm m) {
        final StringBuilder sb = new StringBuilder(m.requestLine()).append('\n');
        for (Ncm.Header h : m.headers()) {
            if (h.name.equals("signature")) continue;
            sb.append(h.name).append(": ").append(h.value).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static String algorithm(String keyAlgorithm) {
        switch (keyAlgorithm) {
            case "Ed25519": case "EdDSA": return "Ed25519";
            case "RSA": return "SHA256withRSA";
            case "EC": case "ECDSA": return "SHA256withECDSA";
            default: throw new IllegalArgumentException("unsupported key algorithm " + keyAlgorithm + " (Ed25519, RSA or ECDSA)");
        }
    }

    /**
     * Adds {@code nonce} and {@code timestamp} when absent, then the
     * {@code signature} header (replacing any old one) as the last line.
     */
    public static Ncm sign(Ncm m, PrivateKey key, SecureRandom random, long unixSeconds) throws GeneralSecurityException {
        Ncm s = m.without("signature");
        if (s.header("nonce") == null) {
            final byte[] n = new byte[16];
            random.nextBytes(n);
            s = s.with("nonce", HexFormat.of().formatHex(n));
        }
        if (s.header("timestamp") == null) s = s.with("timestamp", Long.toString(unixSeconds));
        final Signature sig = Signature.getInstance(algorithm(key.getAlgorithm()));
        sig.initSign(key);
        sig.update(canonicalBytes(s));
        return s.with("signature", Base64.getEncoder().encodeToString(sig.sign()));
    }

    public static boolean verify(Ncm m, PublicKey key) throws GeneralSecurityException {
        final String b64 = m.header("signature");
        if (b64 == null) return false;
        final byte[] raw;
        try {
            raw = Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            return false;
        }
        final Signature sig = Signature.getInstance(algorithm(key.getAlgorithm()));
        sig.initVerify(key);
        sig.update(canonicalBytes(m));
        return sig.verify(raw);
    }

    /** Reads a PEM private key (PKCS#8, or traditional RSA/EC key pairs). */
    public static PrivateKey readPrivateKey(Path pem) throws IOException {
        try (Reader r = Files.newBufferedReader(pem, StandardCharsets.US_ASCII); PEMParser p = new PEMParser(r)) {
            final Object o = p.readObject();
            final JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
            if (o instanceof PrivateKeyInfo) return conv.getPrivateKey((PrivateKeyInfo) o);
            if (o instanceof PEMKeyPair) return conv.getKeyPair((PEMKeyPair) o).getPrivate();
            throw new IOException(pem + ": no unencrypted private key in PEM (found " + (o == null ? "nothing" : o.getClass().getSimpleName()) + ")");
        }
    }

    public static PublicKey readPublicKey(Path pem) throws IOException {
        try (Reader r = Files.newBufferedReader(pem, StandardCharsets.US_ASCII); PEMParser p = new PEMParser(r)) {
            final Object o = p.readObject();
            if (o instanceof SubjectPublicKeyInfo) return new JcaPEMKeyConverter().getPublicKey((SubjectPublicKeyInfo) o);
            throw new IOException(pem + ": no public key in PEM");
        }
    }
}
