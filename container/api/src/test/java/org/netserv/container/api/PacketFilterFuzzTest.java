package org.netserv.container.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * PacketFilter: parsing any text either succeeds or throws IllegalArgumentException, and
 * matching never throws on any bytes (a packet of any length or content) and never moves
 * the buffer. {@link #fuzz} is a Jazzer fuzz test (regression mode by default, JAZZER_FUZZ=1
 * fuzzes); {@link #boundedRandomRun} always runs a fixed seeded set.
 */
class PacketFilterFuzzTest {
    static final String[] FILTERS = {"", "proto=udp", "proto=tcp dport=80", "proto=udp sport=1-1024 dport=5060",
        "src=10.0.0.0/8 dst=192.168.1.1", "proto=6,dport=0-65535", "proto=1"};

    @FuzzTest(maxDuration = "20s")
    void fuzz(byte[] data) {
        check(data);
    }

    static void check(byte[] data) {
        String text = new String(data, StandardCharsets.ISO_8859_1);
        try {
            PacketFilter.parse(text);
        } catch (IllegalArgumentException expected) {
            // refused with a message: fine
        }
        ByteBuffer b = ByteBuffer.allocateDirect(Math.max(data.length, 1));
        b.put(data).flip();
        for (String f : FILTERS) {
            PacketFilter.parse(f).matches(b);
            assertEquals(0, b.position());
            assertEquals(data.length, b.limit());
        }
    }

    @Test
    void boundedRandomRun() {
        SplittableRandom r = new SplittableRandom(20261128);
        for (int i = 0; i < 20_000; i++) {
            byte[] d = new byte[r.nextInt(80)];
            for (int k = 0; k < d.length; k++) {
                d[k] = (byte) r.nextInt(256);
            }
            if (d.length > 0 && r.nextBoolean()) {
                d[0] = (byte) (0x40 | r.nextInt(16)); // mostly IPv4-looking
            }
            check(d);
        }
    }
}
