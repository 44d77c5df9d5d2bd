package org.netserv.nsis.gist.node;

import static org.junit.jupiter.api.Assertions.*;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class CookieJarTest {
    @Test
    void verifiesAcrossOneRotationNotTwoAndNotTampered() {
        final CookieJar jar = new CookieJar(new SecureRandom(), 1000, 0);
        final byte[] bound = "peer|addr|sid|mri|nslpid".getBytes();
        final byte[] c = jar.make(bound);
        assertEquals(28, c.length);
        assertTrue(jar.verify(c, bound));
        assertFalse(jar.verify(c, "peer|addr|sid|mri|other".getBytes()), "bound to what the Query said");
        final byte[] t = c.clone();
        t[10] ^= 1;
        assertFalse(jar.verify(t, bound), "tampered");
        assertFalse(jar.verify(new byte[27], bound), "wrong length");
        jar.maybeRotate(999);
        assertTrue(jar.verify(c, bound), "no rotation before the period");
        jar.maybeRotate(1000);
        assertTrue(jar.verify(c, bound), "previous secret still accepted");
        assertFalse(java.util.Arrays.equals(c, jar.make(bound)), "new secret, new cookie");
        jar.maybeRotate(2000);
        assertFalse(jar.verify(c, bound), "two rotations later the cookie is dead");
    }
}
