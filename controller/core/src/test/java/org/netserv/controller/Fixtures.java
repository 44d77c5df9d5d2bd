package org.netserv.controller;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.netserv.ncm.Method;
import org.netserv.controller.ncm.NcmWriter;

/** Keys, policies and signed requests for tests. */
public final class Fixtures {
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private static final AtomicLong NONCE = new AtomicLong(System.nanoTime());

    private Fixtures() {
    }

    public static KeyPair ed25519() {
        return gen("Ed25519", null);
    }

    public static KeyPair rsa() {
        return gen("RSA", null);
    }

    public static KeyPair ec() {
        return gen("EC", "secp256r1");
    }

    private static KeyPair gen(final String alg, final String curve) {
        try {
            final KeyPairGenerator g = KeyPairGenerator.getInstance(alg, BC);
            if (curve != null) {
                g.initialize(new ECGenParameterSpec(curve));
            } else if (alg.equals("RSA")) {
                g.initialize(2048);
            }
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String pem(final Object key) {
        final StringWriter w = new StringWriter();
        try (JcaPEMWriter p = new JcaPEMWriter(w)) {
            p.writeObject(key);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return w.toString();
    }

    public static String nonce() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("nonce-" + NONCE.incrementAndGet() + "-" + System.nanoTime()).getBytes());
    }

    /** A SETUP writer with every mandatory header except the signature. */
    public static NcmWriter setup(final String module, final String user, final long ttl, final String url,
                                  final String digestHex, final long nowSeconds) {
        return new NcmWriter(Method.SETUP, module).header("user", user).header("ttl", Long.toString(ttl))
                .header("url", url).header("module-digest", "sha-256=" + digestHex)
                .header("nonce", nonce()).header("timestamp", Long.toString(nowSeconds));
    }

    public static NcmWriter remove(final String module, final String user, final long nowSeconds) {
        return new NcmWriter(Method.REMOVE, module).header("user", user)
                .header("nonce", nonce()).header("timestamp", Long.toString(nowSeconds));
    }

    public static String sign(final NcmWriter w, final KeyPair k) {
        try {
            return w.signedWith(k.getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A two-slot policy: slot 0 = janedoe (10.61.0.0/16, ports 5060 8080), slot 1 = bob
     * (10.62.0.0/16, port 9000). {@code extraSlot0} goes inside slot 0 before sandbox.
     */
    public static Path policy(final Path dir, final String janePem, final String bobPem, final String janePrefixes,
                              final String slot0Limits) throws IOException {
        final String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <policy xmlns="urn:netserv:policy:1">
                  <node id="r1">
                    <address>10.60.0.1</address>
                    <building-blocks>packet-dispatcher http</building-blocks>
                  </node>
                  <replay window-seconds="300" nonce-cache="1000"/>
                  <download connect-timeout-ms="2000" timeout-ms="5000" max-redirects="2"/>
                  <slot number="0">
                    <user>janedoe</user>
                    <key>%s</key>
                    <uid>10000</uid>
                    <gid>10000</gid>
                    <ports>5060 8080</ports>
                    %s
                    <sandbox>/var/lib/netserv/sandbox/0</sandbox>
                    %s
                    <building-blocks>packet-dispatcher</building-blocks>
                  </slot>
                  <slot number="1">
                    <user>bob</user>
                    <key>%s</key>
                    <uid>10001</uid>
                    <gid>10001</gid>
                    <ports>9000</ports>
                    <prefix>10.62.0.0/16</prefix>
                    <sandbox>/var/lib/netserv/sandbox/1</sandbox>
                  </slot>
                </policy>
                """.formatted(janePem, janePrefixes, slot0Limits, bobPem);
        final Path p = dir.resolve("policy.xml");
        Files.writeString(p, xml);
        return p;
    }
}
