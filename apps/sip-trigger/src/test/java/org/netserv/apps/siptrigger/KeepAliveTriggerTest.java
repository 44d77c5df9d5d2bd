package org.netserv.apps.siptrigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeepAliveTriggerTest {

    @Test
    void signalsEachUaOnceWithinTheHoldTimeAndAgainAfterIt(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("signaled");
        KeepAliveTrigger t = new KeepAliveTrigger();
        t.listen = "127.0.0.1:0";
        t.holdSeconds = 10;
        t.command = List.of("sh", "-c", "echo {ua} >> " + log);
        long s = 1_000_000_000L;
        t.event("KA 10.0.0.5 5060", 0);
        t.event("KA 10.0.0.5 5060", 3 * s);     // held
        t.event("KA 10.0.0.6 5062", 4 * s);
        t.event("KA 10.0.0.5 5060", 11 * s);    // hold over: signaled again
        t.event("nonsense", 12 * s);
        t.event("KA 10.0.0.999 1", 12 * s);
        t.stop();
        assertEquals(List.of("10.0.0.5", "10.0.0.6", "10.0.0.5"), Files.readAllLines(log));
        assertEquals("events=6 signaled=3 failed=0 ignored=2", t.counters());
    }

    @Test
    void registrationEventsSignalLikeKeepAlives(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("signaled");
        KeepAliveTrigger t = new KeepAliveTrigger();
        t.holdSeconds = 10;
        t.command = List.of("sh", "-c", "echo {ua} >> " + log);
        t.event("REG 10.0.0.7 5060", 0);
        t.event("REG 10.0.0.7 5060", 1);          // held
        t.event("REGISTER 10.0.0.8 5060", 2);     // not an event word
        t.stop();
        assertEquals(List.of("10.0.0.7"), Files.readAllLines(log));
        assertEquals("events=3 signaled=1 failed=0 ignored=1", t.counters());
    }

    @Test
    void aFailedSignalIsRetriedOnTheNextEvent() {
        KeepAliveTrigger t = new KeepAliveTrigger();
        t.holdSeconds = 3600;
        t.command = List.of("false");
        t.event("KA 10.0.0.5 5060", 0);
        for (int i = 0; i < 200 && !t.counters().contains("failed=1"); i++) {
            try { Thread.sleep(10); } catch (InterruptedException e) { return; }
        }
        t.event("KA 10.0.0.5 5060", 1);
        t.stop();
        assertEquals("events=2 signaled=2 failed=2 ignored=0", t.counters());
    }

    @Test
    void receivesEventsOverUdp(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("signaled");
        KeepAliveTrigger t = new KeepAliveTrigger();
        t.listen = "127.0.0.1:0";
        t.command = List.of("sh", "-c", "echo {ua} >> " + log);
        t.open();
        Thread server = new Thread(t::serve);
        server.start();
        try (DatagramSocket s = new DatagramSocket()) {
            byte[] b = "KA 10.9.8.7 5060\n".getBytes(StandardCharsets.US_ASCII);
            s.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), t.port()));
        }
        for (int i = 0; i < 300 && !(Files.exists(log) && !Files.readAllLines(log).isEmpty()); i++) Thread.sleep(10);
        t.stop();
        server.join(2000);
        assertTrue(Files.readAllLines(log).contains("10.9.8.7"));
    }
}
