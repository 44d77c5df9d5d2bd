package org.netserv.nsis.fuzz;

import static org.junit.jupiter.api.Assertions.*;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.netserv.nsis.gist.wire.GistCodec;
import org.netserv.nsis.gist.wire.GistMessage;
import org.netserv.nsis.gist.wire.GistParseException;
import org.netserv.nsis.nslp.NslpFormatException;
import org.netserv.nsis.nslp.NslpMessage;

/**
 * The GIST and NSLP parsers never fail other than with their own parse
 * exception, and whatever they accept re-encodes to something that parses to
 * the same message.
 *
 * <p>{@link #fuzzGist} is a Jazzer fuzz test: in the default run it replays
 * its inputs (regression mode); with {@code JAZZER_FUZZ=1} it fuzzes for at
 * most 30 s. {@link #boundedMutationRun} always runs: a fixed number of
 * seeded mutations of real captured messages (truncations, bit flips, length
 * and type rewrites), so the default test run fuzzes too.
 */
class GistParserFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void fuzzGist(byte[] data) {
        checkGist(data, true);
        checkGist(data, false);
        checkNslp(data);
    }

    static void checkGist(byte[] data, boolean udp) {
        final GistMessage m;
        try {
            m = GistCodec.decode(data, udp);
        } catch (GistParseException e) {
            assertNotNull(e.kind());
            return;
        }
        final byte[] again = GistCodec.encode(m, udp);
        try {
            assertEquals(m, GistCodec.decode(again, udp));
        } catch (GistParseException e) {
            fail("re-encoded message does not parse: " + e.getMessage());
        }
    }

    static void checkNslp(byte[] data) {
        final NslpMessage m;
        try {
            m = NslpMessage.decode(data);
        } catch (NslpFormatException e) {
            return;
        }
        try {
            assertEquals(m, NslpMessage.decode(m.encode()));
        } catch (NslpFormatException e) {
            fail("re-encoded NSLP message does not parse: " + e.getMessage());
        }
    }

    @Test
    void boundedMutationRun() throws Exception {
        final List<byte[]> seeds = seeds();
        final SplittableRandom rnd = new SplittableRandom(0x5EED);
        for (int i = 0; i < 200_000; i++) {
            final byte[] s = seeds.get(rnd.nextInt(seeds.size()));
            final byte[] b = mutate(s, rnd);
            checkGist(b, true);
            if (b.length > 4) checkGist(java.util.Arrays.copyOfRange(b, 4, b.length), false);
            checkNslp(b);
        }
    }

    static byte[] mutate(byte[] s, SplittableRandom rnd) {
        byte[] b = s.clone();
        final int ops = 1 + rnd.nextInt(4);
        for (int k = 0; k < ops && b.length > 0; k++) {
            switch (rnd.nextInt(6)) {
                case 0: b = java.util.Arrays.copyOf(b, rnd.nextInt(b.length + 1)); break;                     // truncate
                case 1: b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8)); break;                       // bit flip
                case 2: b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256); break;                             // byte
                case 3: if (b.length > 7) b[7] = (byte) rnd.nextInt(256); break;                               // GIST length
                case 4: { // an object length field: words of a plausible TLV header
                    final int at = 12 + 4 * rnd.nextInt(Math.max(1, (b.length - 12) / 4));
                    if (at + 3 < b.length) b[at + 3] = (byte) rnd.nextInt(256);
                    break;
                }
                default: b = java.util.Arrays.copyOf(b, b.length + 4 * rnd.nextInt(3)); break;               // grow
            }
        }
        return b;
    }

    static List<byte[]> seeds() throws Exception {
        final List<byte[]> out = new ArrayList<>();
        final Path dir = Path.of(System.getProperty("netserv.root", ".")).resolve("../shared/gist-vectors").normalize();
        if (Files.isDirectory(dir)) {
            try (var files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".pcap"))::iterator) {
                    out.addAll(udpPayloads(Files.readAllBytes(f)));
                }
            }
        }
        // our own encodings too, so the run does not depend on ../shared
        out.add(java.util.HexFormat.of().parseHex("4e04bda5012000147fff80c000000004000040000a5801010a58020120200000"
                + "000100040586844d40d5169f12907c9b665508a7000200071040400000007530"
                + "17fb2745eafe437357fbf1f2b1f7e61c0a58010100050001a19175d9"));
        out.add(NslpMessage.request(1, org.netserv.nsis.nslp.Ncm.parse("SETUP m_1 NETSERV/0.1\nttl: 10\nx-y: z\n\n")).encode());
        out.add(NslpMessage.response(1, List.of("NETSERV/0.1 200 OK\nnode-id: r1\n\n")).encode());
        return out;
    }

    /** UDP payloads of a classic Ethernet pcap (a crude walk; the seeds need not be complete). */
    static List<byte[]> udpPayloads(byte[] pcap) {
        final List<byte[]> out = new ArrayList<>();
        final java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(pcap).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.position(24);
        while (b.remaining() >= 16) {
            b.position(b.position() + 8);
            final int incl = b.getInt();
            b.getInt();
            if (incl > b.remaining()) break;
            final byte[] p = new byte[incl];
            b.get(p);
            if (incl > 42 && p[12] == 8 && p[13] == 0 && p[23] == 17) {
                final int ihl = (p[14] & 0xF) * 4;
                final int tot = ((p[16] & 0xFF) << 8) | (p[17] & 0xFF);
                out.add(java.util.Arrays.copyOfRange(p, 14 + ihl + 8, Math.min(p.length, 14 + tot)));
            }
        }
        return out;
    }
}
