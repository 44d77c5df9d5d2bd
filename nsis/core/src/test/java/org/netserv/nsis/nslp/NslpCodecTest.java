package org.netserv.nsis.nslp;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class NslpCodecTest {
    static final String TEXT = "SETUP NetServ.apps.NetMonitor_1.0.0 NETSERV/0.1\n"
            + "user: janedoe\nttl: 3600\nurl: http://publisher.example/modules/netmonitor.jar\n"
            + "filter-proto: udp\nfilter-port: 5060\nproperties: visualizer_ip=1.2.3.4,visualizer_port=5678\n"
            + "x-custom: anything: with colons\nsignature: AAAA\n\n";

    @Test void textFormRoundTrips() {
        final Ncm n = Ncm.parse(TEXT);
        assertEquals("SETUP", n.method());
        assertEquals("3600", n.header("ttl"));
        assertEquals("anything: with colons", n.header("x-custom"));
        assertEquals(TEXT, n.toText());
        assertEquals(n, Ncm.parse(TEXT.replace("\n", "\r\n")));
    }

    @Test void probeOfTheWholeNodeHasNoModule() throws Exception {
        final Ncm p = Ncm.parse("PROBE NETSERV/0.1\nprobe: status\n\n");
        assertNull(p.target());
        assertEquals("PROBE NETSERV/0.1", p.requestLine());
        assertEquals(p, NslpMessage.decode(NslpMessage.request(3, p).encode()).ncm());
        assertThrows(IllegalArgumentException.class, () -> Ncm.parse("SETUP NETSERV/0.1\nttl: 1\n\n"));
    }

    @Test void badTextIsRejected() {
        for (String bad : List.of("", "SETUP\n\n", "FETCH x NETSERV/0.1\n\n", "SETUP x HTTP/1.1\n\n", "SETUP x NETSERV/0.1\nno colon here\n\n",
                "SETUP x NETSERV/0.1\n: empty name\n\n")) {
            assertThrows(IllegalArgumentException.class, () -> Ncm.parse(bad), bad);
        }
    }

    @Test void binaryRoundTripsEveryKind() throws Exception {
        final Ncm n = Ncm.parse(TEXT);
        final NslpMessage req = NslpMessage.request(0xCAFEBABE, n);
        assertEquals(req, NslpMessage.decode(req.encode()));
        // compact: shorter than the text
        assertTrue(req.encode().length < TEXT.getBytes(StandardCharsets.UTF_8).length, "binary " + req.encode().length);
        final NslpMessage trig = NslpMessage.trigger(7, new Ncm("TRIGGER", "m_1", List.of(new Ncm.Header("trigger", "SETUP"))), n);
        final NslpMessage back = NslpMessage.decode(trig.encode());
        assertEquals(trig, back);
        assertEquals(n, back.inner().ncm());
        final NslpMessage resp = NslpMessage.response(7, List.of("NETSERV/0.1 200 OK\nnode-id: r2\n\n", "NETSERV/0.1 200 OK\nnode-id: r1\n\n"));
        assertEquals(resp, NslpMessage.decode(resp.encode()));
        final NslpMessage rev = trig.triggered(List.of("NETSERV/0.1 200 OK\nnode-id: r2\n\n"));
        assertTrue(NslpMessage.decode(rev.encode()).isTriggered());
        // GIST pads NSLP-Data to a word: zero padding after the message is accepted
        final byte[] padded = Arrays.copyOf(req.encode(), req.encode().length + 3);
        assertEquals(req, NslpMessage.decode(padded));
    }

    @Test void malformedBinaryIsRejectedPrecisely() {
        final byte[] good = NslpMessage.request(1, Ncm.parse(TEXT)).encode();
        for (int i = 0; i < good.length; i++) {
            final byte[] t = Arrays.copyOf(good, i);
            assertThrows(NslpFormatException.class, () -> NslpMessage.decode(t), "truncated to " + i);
        }
        final byte[] v = good.clone();
        v[0] = 2;
        assertThrows(NslpFormatException.class, () -> NslpMessage.decode(v), "version");
        final byte[] k = good.clone();
        k[1] = 9;
        assertThrows(NslpFormatException.class, () -> NslpMessage.decode(k), "kind");
        final byte[] f = good.clone();
        f[3] = 4;
        assertThrows(NslpFormatException.class, () -> NslpMessage.decode(f), "flags");
        final byte[] t = good.clone();
        t[13] = 99;   // first TLV type
        assertThrows(NslpFormatException.class, () -> NslpMessage.decode(t), "unknown TLV");
        final byte[] m = good.clone();
        m[16] = 0;    // method code 0
        assertThrows(NslpFormatException.class, () -> NslpMessage.decode(m), "method");
        final byte[] junk = Arrays.copyOf(good, good.length + 4);
        junk[good.length + 1] = 1;
        assertThrows(NslpFormatException.class, () -> NslpMessage.decode(junk), "non-zero padding");
        final byte[] utf = NslpMessage.response(1, List.of("x")).encode();
        utf[16] = (byte) 0xC3;   // "x" -> lone UTF-8 lead byte
        assertThrows(NslpFormatException.class, () -> NslpMessage.decode(utf), "bad UTF-8");
    }

    @Test void canonicalBytesAreTheRequestLineAndHeadersWithoutSignature() {
        final Ncm n = Ncm.parse(TEXT);
        assertEquals("SETUP NetServ.apps.NetMonitor_1.0.0 NETSERV/0.1\nuser: janedoe\nttl: 3600\n"
                + "url: http://publisher.example/modules/netmonitor.jar\nfilter-proto: udp\nfilter-port: 5060\n"
                + "properties: visualizer_ip=1.2.3.4,visualizer_port=5678\nx-custom: anything: with colons\n",
                new String(NcmSigner.canonicalBytes(n), StandardCharsets.UTF_8));
    }

    @Test void signAndVerifyWithEveryKeyType() throws Exception {
        final SecureRandom rnd = new SecureRandom();
        final KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        final KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        for (KeyPair kp : List.of(KeyPairGenerator.getInstance("Ed25519").generateKeyPair(), ec.generateKeyPair(), rsa.generateKeyPair())) {
            final Ncm s = NcmSigner.sign(Ncm.parse(TEXT), kp.getPrivate(), rnd, 1_700_000_000L);
            assertNotNull(s.header("nonce"));
            assertEquals("1700000000", s.header("timestamp"));
            assertEquals("signature", s.headers().get(s.headers().size() - 1).name);
            assertTrue(NcmSigner.verify(s, kp.getPublic()), kp.getPublic().getAlgorithm());
            // survives the binary hop and the text conversion
            assertTrue(NcmSigner.verify(NslpMessage.decode(NslpMessage.request(1, s).encode()).ncm(), kp.getPublic()));
            assertTrue(NcmSigner.verify(Ncm.parse(s.toText()), kp.getPublic()));
            // any change breaks it
            assertFalse(NcmSigner.verify(s.with("ttl", "1"), kp.getPublic()));
        }
    }
}
