package org.netserv.apps.overload.publisher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OverloadTriggerTest {

    /** A trigger whose commands append "setup UA" / "remove UA" to {@code log}. */
    static OverloadTrigger trigger(Path dir, Path log) throws Exception {
        Path rec = dir.resolve("rec.sh");
        Files.writeString(rec, "echo \"$@\" >> " + log + "\n");
        OverloadTrigger t = new OverloadTrigger();
        t.listen = "127.0.0.1:0";
        t.holdSeconds = 10;
        t.setup = "sh " + rec + " setup {ua}";
        t.remove = "sh " + rec + " remove {ua}";
        return t;
    }

    @Test
    void setupOncePerSourceThenRemoveForEveryOneOnLow(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("signaled");
        OverloadTrigger t = trigger(dir, log);
        long s = 1_000_000_000L;
        t.event("OL 10.0.0.5 5061", 0);
        t.event("OL 10.0.0.5 5061", s);         // held
        t.event("OL 10.0.0.6 5061", 2 * s);
        t.event("OL 10.0.0.300 5061", 2 * s);   // not an address
        t.event("HIGH", 2 * s);
        t.event("LOW", 3 * s);
        t.event("OL 10.0.0.5 5061", 4 * s);     // signaled anew after LOW
        t.stop();
        assertEquals(List.of("setup 10.0.0.5", "setup 10.0.0.6", "remove 10.0.0.5", "remove 10.0.0.6", "setup 10.0.0.5"),
                Files.readAllLines(log));
        assertEquals("events=7 setups=3 removes=2 failed=0 ignored=2", t.counters());
    }

    @Test
    void aFailedSetupIsRetriedOnTheNextEvent(@TempDir Path dir) throws Exception {
        OverloadTrigger t = trigger(dir, dir.resolve("x"));
        t.setup = "false";
        t.event("OL 10.0.0.5 5061", 0);
        for (int i = 0; i < 300 && !t.counters().contains("failed=1"); i++) Thread.sleep(10);
        t.event("OL 10.0.0.5 5061", 1);
        t.stop();
        assertEquals("events=2 setups=2 removes=0 failed=2 ignored=0", t.counters());
    }

    @Test
    void receivesEventsOverUdp(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("signaled");
        OverloadTrigger t = trigger(dir, log);
        t.open();
        Thread server = new Thread(t::serve);
        server.start();
        try (DatagramSocket s = new DatagramSocket()) {
            byte[] b = "OL 10.9.8.7 5061\n".getBytes(StandardCharsets.US_ASCII);
            s.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), t.port()));
        }
        for (int i = 0; i < 300 && !Files.exists(log); i++) Thread.sleep(10);
        t.stop();
        server.join(5000);
        assertEquals(List.of("setup 10.9.8.7"), Files.readAllLines(log));
    }
}
