package org.netserv.ncm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NcmCodecTest {
    private static final String LINE = NcmText.requestLine("SETUP", "NetServ.apps.NetMonitor_1.0.0");
    private static final List<Map.Entry<String, String>> HEADERS = List.of(Map.entry("user", "janedoe"),
            Map.entry("signature", "ignored"), Map.entry("ttl", "3600"));

    @Test
    void signedTextIsEveryLineButTheSignature() {
        assertEquals("SETUP NetServ.apps.NetMonitor_1.0.0 NETSERV/0.1", LINE);
        assertEquals("PROBE NETSERV/0.1", NcmText.requestLine("PROBE", null));
        assertEquals(LINE + "\nuser: janedoe\nttl: 3600\n", NcmText.signedText(LINE, HEADERS));
        assertEquals(LINE + "\nuser: janedoe\nsignature: ignored\nttl: 3600\n\n", NcmText.toText(LINE, HEADERS));
        assertEquals("a\nsignature: c2ln\n\n", NcmText.withSignature("a\n", "c2ln"));
    }

    @Test
    void everyKeyTypeSignsAndVerifiesAndOnlyItsOwnKeyVerifies() throws Exception {
        final KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        final KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        final KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        for (final KeyPair k : List.of(KeyPairGenerator.getInstance("Ed25519").generateKeyPair(), ec.generateKeyPair(),
                rsa.generateKeyPair())) {
            final String text = NcmText.signedText(LINE, HEADERS);
            final String sig = NcmSignature.sign(text, k.getPrivate());
            final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            assertTrue(NcmSignature.verify(bytes, sig, List.of(other.getPublic(), k.getPublic())), k.getPublic().getAlgorithm());
            assertFalse(NcmSignature.verify(bytes, sig, List.of(other.getPublic())));
            assertFalse(NcmSignature.verify((text + "x: y\n").getBytes(StandardCharsets.UTF_8), sig, List.of(k.getPublic())));
            // the key as the policy holds it (PEM, parsed by Bouncy Castle) verifies the JDK's signature
            final String pem = "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder().encodeToString(k.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
            assertTrue(NcmSignature.verify(bytes, sig, List.of(NcmKeys.parsePublicPem(pem))));
        }
    }

    @Test
    void malformedSignaturesAndPemsAreRefusedNotThrown() {
        assertFalse(NcmSignature.verify(new byte[1], "not base64!", List.of()));
        assertFalse(NcmSignature.verify(new byte[1], null, List.of()));
        assertThrows(IOException.class, () -> NcmKeys.parsePublicPem("junk"));
        assertThrows(IOException.class, () -> NcmKeys.parsePrivatePem("junk"));
    }
}
