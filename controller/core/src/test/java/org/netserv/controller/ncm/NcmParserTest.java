package org.netserv.controller.ncm;

import org.netserv.ncm.Method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NcmParserTest {
    private static final String DIGEST = "ab".repeat(32);
    private static final String SETUP = """
            SETUP NetServ.apps.NetMonitor_1.0.0 NETSERV/0.1
            user: janedoe
            ttl: 3600
            url: http://publisher.example/modules/netmonitor.jar
            module-digest: sha-256=%s
            filter-proto: udp
            filter-port: 5060
            filter-dst: 10.1.0.0/16
            properties: visualizer_ip=1.2.3.4,visualizer_port=5678
            nonce: abcdefghijklmnop
            timestamp: 1700000000
            signature: AAAA

            """.formatted(DIGEST);

    private final NcmParser parser = new NcmParser();

    @Test
    void parsesTheDesignExample() throws NcmException {
        final Ncm n = parser.parse(SETUP);
        assertEquals(Method.SETUP, n.method());
        assertEquals("NetServ.apps.NetMonitor_1.0.0", n.moduleId());
        assertEquals("janedoe", n.user());
        assertEquals(3600, n.ttlSeconds());
        assertEquals(DIGEST, n.digestHex());
        assertEquals(List.of(5060), n.filterPorts());
        assertEquals(List.of(Ipv4Prefix.parse("10.1.0.0/16")), n.filterDst());
        assertEquals("1.2.3.4", n.properties().get("visualizer_ip"));
        assertTrue(n.hasFilter());
        assertEquals("AAAA", n.signature());
    }

    @Test
    void signedBytesAreEveryLineButTheSignatureEachEndedByNewline() throws NcmException {
        final Ncm n = parser.parse(SETUP);
        final String expect = SETUP.substring(0, SETUP.indexOf("signature:"));
        assertArrayEquals(expect.getBytes(StandardCharsets.UTF_8), n.signedBytes());
    }

    @Test
    void crlfIsAcceptedAndNotPartOfTheSignedBytes() throws NcmException {
        final Ncm a = parser.parse(SETUP);
        final Ncm b = parser.parse(SETUP.replace("\n", "\r\n"));
        assertArrayEquals(a.signedBytes(), b.signedBytes());
    }

    @Test
    void signatureMayAppearAnywhereAndIsExcludedInPlace() throws NcmException {
        final String moved = SETUP.replace("signature: AAAA\n", "").replace("user: janedoe\n", "signature: AAAA\nuser: janedoe\n");
        assertArrayEquals(parser.parse(SETUP).signedBytes(), parser.parse(moved).signedBytes());
    }

    @Test
    void paperStyleHeadersWithoutSpaceAndEmptyOptionalHeader() throws NcmException {
        final Ncm n = parser.parse(SETUP.replace("filter-port: 5060", "filter-port:5060").replace("ttl: 3600", "ttl: 3600\ndependencies:"));
        assertEquals(List.of(5060), n.filterPorts());
        assertTrue(n.dependencies().isEmpty());
    }

    @Test
    void probeWithoutModuleAndRemove() throws NcmException {
        final Ncm p = parser.parse("PROBE NETSERV/0.1\nprobe: status,resources\nnonce: abcdefghijklmnop\ntimestamp: 1\nsignature: AAAA\n\n");
        assertNull(p.moduleId());
        assertEquals(List.of("status", "resources"), p.probes());
        final Ncm r = parser.parse("REMOVE X_1.0 NETSERV/0.1\nuser: bob\nnonce: abcdefghijklmnop\ntimestamp: 1\nsignature: AAAA\n\n");
        assertEquals(Method.REMOVE, r.method());
        assertFalse(r.hasFilter());
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', value = {
        "SETUP NetServ.apps.NetMonitor_1.0.0 NETSERV/0.1|SETUP NetServ.apps.NetMonitor_1.0.0 NETSERV/0.2|400 unsupported version: NETSERV/0.2",
        "SETUP NetServ.apps.NetMonitor_1.0.0 NETSERV/0.1|INSTALL NetServ.apps.NetMonitor_1.0.0 NETSERV/0.1|400 unknown method: INSTALL",
        "SETUP NetServ.apps.NetMonitor_1.0.0 NETSERV/0.1|SETUP NETSERV/0.1|400 missing module id in SETUP request line",
        "SETUP NetServ.apps.NetMonitor_1.0.0 NETSERV/0.1|SETUP NetMonitor NETSERV/0.1|400 bad module id: NetMonitor (expected symbolicName_version)",
        "SETUP NetServ.apps.NetMonitor_1.0.0 NETSERV/0.1|TRIGGER NetServ.apps.NetMonitor_1.0.0 NETSERV/0.1|501 TRIGGER is handled by the NSLP, not the controller",
        "user: janedoe|user: janedoe\\nuser: bob|400 duplicate header: user",
        "user: janedoe|User: janedoe\\nUSER: bob|400 duplicate header: user",
        "user: janedoe|user: janedoe\\ncolour: blue|400 unknown header: colour",
        "user: janedoe|user: janedoe\\nprobe: status|400 header probe not allowed in SETUP",
        "ttl: 3600\\n|''|400 missing header: ttl",
        "ttl: 3600|ttl: 0|400 bad ttl: must be 1..31536000 seconds",
        "ttl: 3600|ttl: -5|400 bad ttl: must be 1..31536000 seconds",
        "ttl: 3600|ttl: 99999999999999999999|400 bad ttl: must be 1..31536000 seconds",
        "ttl: 3600|ttl:|400 empty header: ttl",
        "url: http://publisher.example/modules/netmonitor.jar|url: ftp://x/y.jar|400 bad url: expected an http or https URL with a host",
        "filter-dst: 10.1.0.0/16|filter-dst: 10.1.2.3/16|400 bad filter-dst: host bits set in 10.1.2.3/16",
        "filter-dst: 10.1.0.0/16|filter-dst: 10.1.0.0/33|400 bad filter-dst: bad prefix length in 10.1.0.0/33",
        "filter-dst: 10.1.0.0/16|filter-dst: 300.1.0.0/16|400 bad filter-dst: not an IPv4 address: 300.1.0.0",
        "filter-port: 5060|filter-port: 70000|400 bad filter-port: expected ports 1..65535, comma-separated",
        "filter-proto: udp|filter-proto: sctpish|400 bad filter-proto: expected tcp, udp, icmp or 0..255",
        "module-digest: sha-256=|module-digest: md5=|400 bad module-digest: expected sha-256=<64 hex digits>",
        "nonce: abcdefghijklmnop|nonce: short|400 bad nonce: expected 16..128 characters of [A-Za-z0-9+/=_-]",
        "timestamp: 1700000000|timestamp: soon|400 bad timestamp: must be unix seconds",
        "signature: AAAA|signature: not*base64|400 bad signature: not base64",
        "signature: AAAA\\n|''|400 missing header: signature",
        "properties: visualizer_ip=1.2.3.4,visualizer_port=5678|properties: =x|400 bad properties: expected k=v,...",
        "user: janedoe|user janedoe|400 malformed header line 2: no 'name: value'",
        "user: janedoe|user:  janedoe|400 header user: stray whitespace in value",
    })
    void rejectsWithExactReason(final String from, final String to, final String expected) {
        final String text = SETUP.replace(from.replace("\\n", "\n"), to.replace("\\n", "\n"));
        final NcmException e = assertThrows(NcmException.class, () -> parser.parse(text));
        assertEquals(expected, e.code() + " " + e.reason());
    }

    @Test
    void limitsAreEnforcedWithTheirOwnCodes() {
        final NcmException line = assertThrows(NcmException.class,
                () -> parser.parse(SETUP.replace("ttl: 3600", "x-pad: " + "a".repeat(5000))));
        assertEquals(431, line.code());
        assertTrue(line.reason().startsWith("line 11 too long") || line.reason().contains("too long"), line.reason());

        final StringBuilder many = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            many.append("x-h").append(i).append(": v\n");
        }
        final NcmException headers = assertThrows(NcmException.class, () -> parser.parse(SETUP.replace("ttl: 3600\n", "ttl: 3600\n" + many)));
        assertEquals(431, headers.code());

        final StringBuilder big = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            big.append("x-b").append(i).append(": ").append("b".repeat(1000)).append('\n');
        }
        final NcmException size = assertThrows(NcmException.class, () -> parser.parse(SETUP.replace("ttl: 3600\n", "ttl: 3600\n" + big)));
        assertEquals(413, size.code());
    }

    @Test
    void controlCharactersBadUtf8AndTruncationAreRefused() {
        assertEquals("400 control character 0x0 in line 2",
                msg(() -> parser.parse(SETUP.replace("user: janedoe", "user: jane\0doe"))));
        assertEquals("400 truncated message: no blank line before end of stream",
                msg(() -> parser.parse(SETUP.substring(0, SETUP.length() - 1))));
        final byte[] bad = SETUP.replace("janedoe", "jane\u00e9doe").getBytes(StandardCharsets.ISO_8859_1);
        final NcmException e = assertThrows(NcmException.class, () -> new NcmReader(
                new java.io.ByteArrayInputStream(bad), NcmLimits.DEFAULT).readMessage());
        assertEquals("400 invalid UTF-8 in line 2", e.code() + " " + e.reason());
        assertEquals("400 trailing data after the blank line", msg(() -> parser.parse(SETUP + "junk\n\n")));
    }

    private interface Thrower {
        void run() throws NcmException;
    }

    private static String msg(final Thrower t) {
        final NcmException e = assertThrows(NcmException.class, t::run);
        return e.code() + " " + e.reason();
    }

    @Test
    void responseBlocksAndStacksRoundTrip() throws NcmException {
        final NcmResponse near = NcmResponse.of(200, "OK").header("node-id", "r1").header("module", "A_1 state=ACTIVE")
                .header("module", "B_2 state=RESOLVED");
        final NcmResponse far = NcmResponse.of(412, "dependency missing: http").header("node-id", "r2");
        final List<NcmResponse> stack = NcmResponse.parseStack(NcmResponse.writeStack(List.of(far, near)), NcmLimits.DEFAULT);
        assertEquals(2, stack.size());
        assertEquals(412, stack.get(0).code());
        assertEquals("dependency missing: http", stack.get(0).reason());
        assertEquals(List.of("A_1 state=ACTIVE", "B_2 state=RESOLVED"), stack.get(1).all("module"));
        assertEquals("r1", stack.get(1).first("node-id").orElseThrow());
    }

    @Test
    void responseValuesCannotForgeLines() {
        final String wire = NcmResponse.of(400, "bad\nnode-id: evil").header("x", "a\nb: c").toWire();
        assertEquals(2, wire.split("\n").length); // status line, one header line
    }
}
