package org.netserv.apps.mediarelay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class StunCodecTest {

    @Test
    void messageTypesFollowTheRfcBitLayout() {
        assertEquals(0x0001, Stun.type(Stun.BINDING, Stun.REQUEST));
        assertEquals(0x0101, Stun.type(Stun.BINDING, Stun.SUCCESS));
        assertEquals(0x0113, Stun.type(Stun.ALLOCATE, Stun.ERROR));
        assertEquals(0x0016, Stun.type(Stun.SEND, Stun.INDICATION));
        assertEquals(0x0017, Stun.type(Stun.DATA, Stun.INDICATION));
        assertEquals(0x0109, Stun.type(Stun.CHANNEL_BIND, Stun.SUCCESS));
        for (int m = 0; m < 0x1000; m += 7) {
            for (int c : new int[] {Stun.REQUEST, Stun.INDICATION, Stun.SUCCESS, Stun.ERROR}) {
                assertEquals(m, Stun.method(Stun.type(m, c)));
                assertEquals(c, Stun.klass(Stun.type(m, c)));
            }
        }
    }

    @Test
    void xorMappedAddressMatchesRfc5769() {
        // RFC 5769 §2.2: 192.0.2.1 port 32853 -> X-Port 0xa147, X-Address 0xe112a643
        ByteBuffer b = Turn.message(Stun.BINDING, Stun.SUCCESS, new byte[12],
                w -> w.xorAddress(Stun.XOR_MAPPED_ADDRESS, 0xC0000201, 32853));
        assertEquals(0x0020, b.getShort(20));
        assertEquals(8, b.getShort(22));
        assertEquals(0x0001, b.getShort(24));
        assertEquals((short) 0xa147, b.getShort(26));
        assertEquals(0xe112a643, b.getInt(28));
        StunMessage m = new StunMessage();
        assertEquals(StunMessage.OK, m.parse(b, 0, b.remaining()));
        assertEquals(0xC0000201, m.xorIpv4(Stun.XOR_MAPPED_ADDRESS));
        assertEquals(32853, m.xorPort(Stun.XOR_MAPPED_ADDRESS));
    }

    @Test
    void attributesArePaddedAndTheLengthCoversThem() {
        ByteBuffer b = Turn.message(Stun.BINDING, Stun.REQUEST, new byte[12], w -> w.string(Stun.USERNAME, "abcde"));
        assertEquals(20 + 4 + 8, b.remaining());
        assertEquals(12, b.getShort(2));
        assertEquals(0, b.get(24 + 5));
    }

    @Test
    void fingerprintIsCrc32XorStun() {
        ByteBuffer b = Turn.message(Stun.BINDING, Stun.REQUEST, new byte[12], w -> w.string(Stun.SOFTWARE, "x").fingerprint());
        int n = b.remaining();
        CRC32 c = new CRC32();
        c.update(b.array(), 0, n - 8);
        assertEquals((int) c.getValue() ^ 0x5354554e, b.getInt(n - 4));
        StunMessage m = new StunMessage();
        assertEquals(StunMessage.OK, m.parse(b, 0, n));
        b.put(n - 1, (byte) (b.get(n - 1) ^ 1));
        assertEquals(StunMessage.BAD_FINGERPRINT, m.parse(b, 0, n));
    }

    @Test
    void notStunIsRecognised() {
        ByteBuffer ok = Turn.message(Stun.BINDING, Stun.REQUEST, new byte[12], w -> w.string(Stun.SOFTWARE, "x"));
        StunMessage m = new StunMessage();
        int n = ok.remaining();
        assertEquals(StunMessage.NOT_STUN, m.parse(ok, 0, 19), "shorter than a header");
        assertEquals(StunMessage.NOT_STUN, m.parse(ok, 0, n - 4), "truncated: length says more");
        ByteBuffer longer = ByteBuffer.allocate(n + 4).put(ok.duplicate());
        assertEquals(StunMessage.NOT_STUN, m.parse(longer, 0, n + 4), "oversized: trailing bytes");
        ByteBuffer cookie = ByteBuffer.wrap(ok.array().clone());
        cookie.putInt(4, 0x2112A443);
        assertEquals(StunMessage.NOT_STUN, m.parse(cookie, 0, n));
        ByteBuffer bits = ByteBuffer.wrap(ok.array().clone());
        bits.put(0, (byte) 0x80);
        assertEquals(StunMessage.NOT_STUN, m.parse(bits, 0, n));
        ByteBuffer odd = ByteBuffer.wrap(ok.array().clone());
        odd.putShort(2, (short) 6);
        assertEquals(StunMessage.NOT_STUN, m.parse(odd, 0, 26));
    }

    @Test
    void attributeRunningPastTheEndIsBad() {
        ByteBuffer b = Turn.message(Stun.BINDING, Stun.REQUEST, new byte[12], w -> w.string(Stun.SOFTWARE, "abcd"));
        b.putShort(22, (short) 40);
        assertEquals(StunMessage.BAD_ATTRIBUTES, new StunMessage().parse(b, 0, b.remaining()));
    }

    @Test
    void unknownComprehensionRequiredAreCollectedOptionalIgnored() {
        ByteBuffer b = Turn.message(Stun.BINDING, Stun.REQUEST, new byte[12],
                w -> w.u32(0x0031, 1).u32(0x8031, 2).u32(0x7777, 3));
        StunMessage m = new StunMessage();
        assertEquals(StunMessage.OK, m.parse(b, 0, b.remaining()));
        assertEquals(2, m.unknownCount);
        assertEquals(0x0031, m.unknown[0]);
        assertEquals(0x7777, m.unknown[1]);
    }

    @Test
    void onlyFingerprintAndSha256CountAfterIntegrity() {
        ByteBuffer b = Turn.message(Stun.BINDING, Stun.REQUEST, new byte[12],
                w -> w.integrity(new byte[16]).u32(0x0031, 1).string(Stun.USERNAME, "late"));
        StunMessage m = new StunMessage();
        assertEquals(StunMessage.OK, m.parse(b, 0, b.remaining()));
        assertEquals(0, m.unknownCount);
        assertEquals(false, m.has(Stun.USERNAME));
    }

    @Test
    void errorCodeLayout() {
        ByteBuffer b = Turn.message(Stun.ALLOCATE, Stun.ERROR, new byte[12], w -> w.error(438, "Stale Nonce"));
        assertArrayEquals(new byte[] {0, 0, 4, 38}, new byte[] {b.get(24), b.get(25), b.get(26), b.get(27)});
    }
}
