package org.netserv.controller.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.netserv.controller.Fixtures;
import org.netserv.controller.ncm.Ncm;
import org.netserv.ncm.NcmKeys;
import org.netserv.controller.ncm.NcmException;
import org.netserv.controller.ncm.NcmParser;
import org.netserv.controller.ncm.NcmWriter;

class AuthTest {
    private final NcmParser parser = new NcmParser();

    private Ncm signedSetup(final KeyPair k) throws NcmException {
        final NcmWriter w = Fixtures.setup("A.b_1.0.0", "janedoe", 60, "http://x/a.jar", "00".repeat(32), 1000);
        return parser.parse(Fixtures.sign(w, k));
    }

    @Test
    void ed25519RsaAndEcdsaKeysFromPemVerify() throws Exception {
        for (final KeyPair k : List.of(Fixtures.ed25519(), Fixtures.rsa(), Fixtures.ec())) {
            final Ncm n = signedSetup(k);
            final var pub = NcmKeys.parsePublicPem(Fixtures.pem(k.getPublic()));
            assertTrue(NcmAuthenticator.verifies(n, List.of(pub)), k.getPublic().getAlgorithm());
            assertFalse(NcmAuthenticator.verifies(n, List.of(NcmKeys.parsePublicPem(Fixtures.pem(Fixtures.ed25519().getPublic())))));
        }
    }

    @Test
    void anyChangeToASignedLineBreaksTheSignature() throws Exception {
        final KeyPair k = Fixtures.ed25519();
        final NcmWriter w = Fixtures.setup("A.b_1.0.0", "janedoe", 60, "http://x/a.jar", "00".repeat(32), 1000);
        final String wire = Fixtures.sign(w, k);
        final Ncm tampered = parser.parse(wire.replace("ttl: 60", "ttl: 61"));
        assertFalse(NcmAuthenticator.verifies(tampered, List.of(k.getPublic())));
        assertTrue(NcmAuthenticator.verifies(parser.parse(wire), List.of(k.getPublic())));
    }

    @Test
    void replayGuardRefusesStaleFutureAndReplayed() throws NcmException {
        final ReplayGuard g = new ReplayGuard(300, 100);
        g.admit("n1", 1000, 1000);
        assertEquals("409 replayed nonce", msg(() -> g.admit("n1", 1000, 1001)));
        assertEquals("401 stale timestamp: 301 s old (window 300 s)", msg(() -> g.admit("n2", 700, 1001)));
        assertEquals("401 timestamp in the future: 400 s ahead (window 300 s)", msg(() -> g.admit("n3", 1401, 1001)));
        g.admit("n4", 1001, 1001);
        assertEquals(2, g.size());
    }

    @Test
    void boundedCacheRaisesTheFloorSoEvictedNoncesCannotBeReplayed() throws NcmException {
        final ReplayGuard g = new ReplayGuard(300, 3);
        g.admit("a", 1000, 1000);
        g.admit("b", 1001, 1001);
        g.admit("c", 1002, 1002);
        g.admit("d", 1003, 1003); // evicts a, floor = 1000
        assertEquals(3, g.size());
        assertEquals(1000, g.floor());
        final NcmException e = assertThrows(NcmException.class, () -> g.admit("a", 1000, 1003));
        assertEquals(401, e.code());
        // the window also forgets: after it passed, old entries go and the size shrinks
        g.admit("e", 1400, 1400);
        assertEquals(1, g.size()); // b, c, d fell out of the window [1100, 1700]
    }

    @Test
    void snapshotRestoreKeepsReplaysOut() throws NcmException {
        final ReplayGuard g = new ReplayGuard(300, 10);
        g.admit("x", 1000, 1000);
        final ReplayGuard h = new ReplayGuard(300, 10);
        h.restore(g.snapshot());
        assertEquals("409 replayed nonce", msg(() -> h.admit("x", 1000, 1010)));
    }

    private interface T {
        void run() throws NcmException;
    }

    private static String msg(final T t) {
        final NcmException e = assertThrows(NcmException.class, t::run);
        return e.code() + " " + e.reason();
    }
}
