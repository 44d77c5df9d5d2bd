package org.netserv.nsis.gist.wire;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Byte-exactness against an independent implementation: every GIST message
 * in every capture of {@code ../shared/gist-vectors} decodes and re-encodes
 * to the identical bytes, and messages built from their fields equal the
 * captured ones.
 */
class VectorTest {
    private static final HexFormat HEX = HexFormat.of();

    private static Path dir() {
        final Path d = Pcap.vectorsDir();
        assumeTrue(Files.isDirectory(d), "GIST vectors absent at " + d + " (../shared/gist-vectors): skipping");
        return d;
    }

    private static List<Pcap.Msg> capture(String name) throws Exception {
        return Pcap.read(dir().resolve(name));
    }

    @TestFactory
    Stream<DynamicTest> everyCapturedMessageRoundTrips() throws Exception {
        final List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir())) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".pcap")).sorted()::iterator) {
                for (Pcap.Msg m : Pcap.read(f)) {
                    tests.add(DynamicTest.dynamicTest(f.getFileName() + " " + m, () -> {
                        final GistMessage msg = GistCodec.decode(m.bytes, m.udp);
                        assertArrayEquals(m.bytes, GistCodec.encode(msg, m.udp), "re-encoding differs for " + msg);
                    }));
                }
            }
        }
        assertTrue(tests.size() >= 30, "expected the captures to hold at least 30 GIST messages, found " + tests.size());
        return tests.stream();
    }

    @Test
    void dmodeHandshakeBuiltFromFieldsEqualsCapture() throws Exception {
        final List<Pcap.Msg> c = capture("01-dmode-handshake.pcap");
        final InetAddress a = InetAddress.getByName("10.88.1.1"), b = InetAddress.getByName("10.88.2.1");
        final Mri mri = Mri.flow(a, b);
        final Sid sid = Sid.of(HEX.parseHex("0586844d40d5169f12907c9b665508a7"));
        final Nli nliA = new Nli(64, 30000, HEX.parseHex("17fb2745eafe437357fbf1f2b1f7e61c"), a.getAddress());
        final Nli nliB = new Nli(0, 30000, HEX.parseHex("a243a57e06563f8b61835cb0f0aa4f2d"), b.getAddress());
        final byte[] qc = HEX.parseHex("a19175d9");
        final byte[] rc = HEX.parseHex("69fea7b900020000c2fb543ec5788d549f14b16992c6381c8c1f8a5f");

        final GistMessage query = GistMessage.query(32767, 32, mri, sid, nliA, qc, null, null, null);
        assertArrayEquals(c.get(0).bytes, GistCodec.encode(query, true), "Query");
        final GistMessage resp = GistMessage.response(32767, mri.inverted(), sid, nliB, qc, rc, null, null, null, true);
        assertArrayEquals(c.get(1).bytes, GistCodec.encode(resp, true), "Response");
        final GistMessage conf = GistMessage.confirm(32767, mri, sid, nliA, rc, null, null, null);
        assertArrayEquals(c.get(2).bytes, GistCodec.encode(conf, true), "Confirm");
        final GistMessage data = GistMessage.data(32767, mri, sid, nliA, "Hello World!".getBytes());
        assertArrayEquals(c.get(3).bytes, GistCodec.encode(data, true), "D-mode Data");

        // and the decoded fields are what the README's decoding says
        final GistMessage q = GistCodec.decode(c.get(0).bytes, true);
        assertEquals(Gist.QUERY, q.type());
        assertTrue(q.cFlag() && q.sFlag() && q.rFlag() && !q.eFlag());
        assertEquals(32, q.hops());
        assertEquals(mri, q.mri());
        assertEquals(sid, q.sid());
        assertEquals(30000, q.nli().validityMs());
        assertEquals(b, q.mri().destination());
        assertTrue(GistCodec.decode(c.get(1).bytes, true).mri().upstream());
    }

    @Test
    void cmodeHandshakeBuiltFromFieldsEqualsCapture() throws Exception {
        final List<Pcap.Msg> c = capture("02-cmode-handshake.pcap");
        final InetAddress a = InetAddress.getByName("10.88.1.1"), b = InetAddress.getByName("10.88.2.1");
        final Mri mri = Mri.flow(a, b);
        final Sid sid = Sid.of(HEX.parseHex("0d9469eb72b0684d309ee576585a4d9c"));
        final Nli nliA = new Nli(64, 30000, HEX.parseHex("2887672e2e378c2769ea88db7d05babf"), a.getAddress());
        final Nli nliB = new Nli(0, 30000, HEX.parseHex("8f909bb833b37399ab3b4c3f995ddf9a"), b.getAddress());
        final byte[] qc = HEX.parseHex("e6891fac");
        final byte[] rc = HEX.parseHex("4938ea9300020000addaeafed857f2923de3637a2e563d43278b3ae6");
        final StackProposal sp = new StackProposal(new int[] {1}, new int[] {2, 1});
        final StackConfigurationData scdQ = new StackConfigurationData(8000, List.of(
                new StackConfigurationData.Option(1, 1, false, new byte[0]), new StackConfigurationData.Option(1, 2, false, new byte[0])));
        final StackConfigurationData scdR = new StackConfigurationData(8000, List.of(
                StackConfigurationData.Option.tcpPort(1, 30000), StackConfigurationData.Option.tcpPort(2, 30001)));

        assertArrayEquals(c.get(0).bytes, GistCodec.encode(GistMessage.query(32767, 32, mri, sid, nliA, qc, sp, scdQ, null), true), "Query+SP+SCD");
        assertArrayEquals(c.get(1).bytes, GistCodec.encode(GistMessage.response(32767, mri.inverted(), sid, nliB, qc, rc, sp, scdR, null, true), true), "Response+SP+SCD");
        final GistMessage conf = GistMessage.confirm(32767, mri, sid, nliA, rc, sp, new StackConfigurationData(8000, List.of()), null);
        assertArrayEquals(c.get(2).bytes, GistCodec.encode(conf, false), "C-mode Confirm");
        assertArrayEquals(c.get(3).bytes, GistCodec.encode(GistMessage.data(32767, mri, sid, null, "Hello World!".getBytes()), false), "C-mode Data");
        assertArrayEquals(c.get(4).bytes, GistCodec.encode(GistMessage.maHello(0, false), false), "MA-Hello");
        assertEquals(30000, GistCodec.decode(c.get(1).bytes, true).stackConfiguration().tcpPort(1));
    }

    @Test
    void errorBuiltFromFieldsEqualsCapture() throws Exception {
        final List<Pcap.Msg> c = capture("05-unknown-nslpid.pcap");
        final GistMessage q = GistCodec.decode(c.get(0).bytes, true);
        final GistMessage e = GistCodec.decode(c.get(1).bytes, true);
        assertEquals(Gist.ERROR, e.type());
        assertEquals(Gist.EC_PERMANENT_FAILURE, e.error().errorClass());
        assertEquals(Gist.E_ENDPOINT_FOUND, e.error().code());
        assertEquals(q.sid(), e.error().sid());
        assertEquals(q.mri(), e.error().mri());
        assertEquals(32766, e.error().originalNslpId());
        final byte[] mriValue = new byte[q.mri().valueLength()];
        q.mri().encodeValue(java.nio.ByteBuffer.wrap(mriValue));
        final GistMessage built = GistMessage.error(e.nli(), new ErrorObject(Gist.EC_PERMANENT_FAILURE, Gist.E_ENDPOINT_FOUND, 0,
                ErrorObject.FLAG_D | ErrorObject.FLAG_Q, ErrorReporter.echoHeader(q), q.sid(), mriValue, List.of(), null));
        assertArrayEquals(c.get(1).bytes, GistCodec.encode(built, true), "Error");
    }
}
