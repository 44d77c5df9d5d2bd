package org.netserv.container.runtime;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The control-request reader never fails other than with BadRequest or an end of stream,
 * on any bytes, and always makes progress. {@link #fuzz} is a Jazzer fuzz test (regression
 * mode by default); {@link #boundedMutationRun} mutates real requests with a fixed seed.
 */
class ControlRequestFuzzTest {
    static final List<String> SEEDS = List.of(
            "INSTALL NetServ.apps.NetMonitor_1.0.0\npath: /s/m.jar\ndigest: sha-256=00\nproperties: a=1,b=2\n\n",
            "STATUS\n\n", "STATUS X_1.0.0\n\n", "REMOVE a_1\n\n", "LIST\n\n", "SHUTDOWN\n\n", "STOP a_1\n\n");

    @FuzzTest(maxDuration = "20s")
    void fuzz(byte[] data) {
        check(data);
    }

    static void check(byte[] data) {
        ByteArrayInputStream in = new ByteArrayInputStream(data);
        for (int i = 0; i <= data.length; i++) {
            int before = in.available();
            try {
                ControlRequest r = ControlRequest.read(in);
                if (r == null) {
                    return;
                }
                assertNotNull(r.command());
                assertTrue(ControlRequest.COMMANDS.contains(r.command()));
            } catch (ControlRequest.BadRequest e) {
                assertNotNull(e.getMessage());
                if (e.fatal()) {
                    return;
                }
            } catch (EOFException e) {
                return;
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            assertTrue(in.available() < before, "the reader made progress");
        }
    }

    @Test
    void boundedMutationRun() {
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 20_000; i++) {
            byte[] d = SEEDS.get(r.nextInt(SEEDS.size())).getBytes(StandardCharsets.UTF_8);
            int muts = 1 + r.nextInt(4);
            for (int m = 0; m < muts && d.length > 0; m++) {
                switch (r.nextInt(3)) {
                    case 0:
                        d[r.nextInt(d.length)] = (byte) r.nextInt(256);
                        break;
                    case 1:
                        d = java.util.Arrays.copyOf(d, r.nextInt(d.length));
                        break;
                    default:
                        d[r.nextInt(d.length)] = (byte) "\n:\r _=,".charAt(r.nextInt(7));
                }
            }
            check(d);
        }
    }
}
