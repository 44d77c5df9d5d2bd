package org.netserv.controller.ncm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Fuzzes the NCM reader and parser with arbitrary bytes. Properties: no exception other
 * than {@link NcmException} escapes, every refusal is a 4xx/5xx with a one-line printable
 * reason, and an accepted message re-serialises to signed bytes that parse to the same
 * signed bytes (the canonical form is stable).
 *
 * <p>Without JAZZER_FUZZ=1 this replays the seed corpus (src/test/resources/.../NcmParserFuzzTestInputs);
 * {@code mvn -pl controller/core test -Pfuzz -Dtest=NcmParserFuzzTest} fuzzes for maxDuration.
 */
class NcmParserFuzzTest {
    private final NcmParser parser = new NcmParser();

    @FuzzTest(maxDuration = "30s")
    void parserNeverMisbehaves(final byte[] data) throws IOException {
        final NcmReader reader = new NcmReader(new ByteArrayInputStream(data), NcmLimits.DEFAULT);
        for (int i = 0; i < 4; i++) {
            final List<String> lines;
            try {
                lines = reader.readMessage();
            } catch (NcmException e) {
                checkRefusal(e);
                return;
            }
            if (lines == null) {
                return;
            }
            try {
                final Ncm n = parser.parseLines(lines);
                final String canon = new String(n.signedBytes(), StandardCharsets.UTF_8);
                final Ncm again = parser.parse(canon + "signature: " + n.signature() + "\n\n");
                assertEquals(canon, new String(again.signedBytes(), StandardCharsets.UTF_8));
                assertEquals(n.method(), again.method());
            } catch (NcmException e) {
                checkRefusal(e);
            }
        }
    }

    private static void checkRefusal(final NcmException e) {
        assertTrue(e.code() >= 400 && e.code() < 600, "code " + e.code());
        final String wire = NcmResponse.of(e.code(), e.reason()).toWire();
        assertEquals(2, wire.split("\n", -1).length - 1, "one status line + blank line: " + wire);
    }
}
