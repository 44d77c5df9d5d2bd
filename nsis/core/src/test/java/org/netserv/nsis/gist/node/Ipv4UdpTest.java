package org.netserv.nsis.gist.node;

import static org.junit.jupiter.api.Assertions.*;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Ipv4UdpTest {
    @Test void buildThenParse() throws Exception {
        final ByteBuffer out = ByteBuffer.allocate(200);
        final ByteBuffer payload = ByteBuffer.wrap("GIST payload!".getBytes());
        Ipv4Udp.build(out, (Inet4Address) InetAddress.getByName("10.88.1.1"), (Inet4Address) InetAddress.getByName("10.88.2.1"), 270, 270, 64, 0x1234, payload);
        out.flip();
        final Ipv4Udp.Datagram d = Ipv4Udp.parse(out);
        assertNotNull(d);
        assertEquals("10.88.1.1", d.source.getHostAddress());
        assertEquals(270, d.destPort);
        assertEquals(64, d.ttl);
        final byte[] p = new byte[d.payload.remaining()];
        d.payload.get(p);
        assertEquals("GIST payload!", new String(p));
        // every single-bit error is caught (header checksum, UDP checksum or a length check)
        for (int i = 0; i < out.limit(); i++) {
            final ByteBuffer c = ByteBuffer.allocate(out.limit()).put(out.duplicate());
            c.flip();
            c.put(i, (byte) (c.get(i) ^ 0x01));
            assertNull(Ipv4Udp.parse(c), "a flipped bit in byte " + i + " must fail a check");
        }
    }

    @Test void knownChecksum() {
        // RFC 1071-style check on a header whose checksum is known (example from Wikipedia's IPv4 header checksum article)
        final byte[] h = HexFormat.of().parseHex("450000730000400040110000c0a80001c0a800c7");
        assertEquals(0xB861, Ipv4Udp.checksum(ByteBuffer.wrap(h), 0, 20, 0));
    }

    @Test void rejectsNonUdpFragmentsAndShortPackets() {
        assertNull(Ipv4Udp.parse(ByteBuffer.allocate(10)));
        final byte[] tcp = HexFormat.of().parseHex("450000280000400040060000c0a80001c0a800c700000000000000000000000000000000");
        assertNull(Ipv4Udp.parse(ByteBuffer.wrap(tcp)));
    }
}
