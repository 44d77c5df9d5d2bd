package org.netserv.nsis.gist.node;

import static org.junit.jupiter.api.Assertions.*;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.netserv.nsis.gist.wire.Mri;
import org.netserv.nsis.gist.wire.Sid;

/**
 * C-mode soft state between two nodes on loopback (127.0.0.7 → 127.0.0.8,
 * UDP 270; root): the MA stays up through MA-Hellos while a refreshed session
 * uses it, carries data both ways, and is closed after the hold time once the
 * sessions are gone.
 */
@Timeout(60)
class MessagingAssociationTest {
    static final class Recorder implements GistListener {
        final List<String> got = new CopyOnWriteArrayList<>();

        @Override public void receive(int id, Sid sid, Mri mri, byte[] data, Peer peer) {
            // NSLP-Data comes padded to a word: the payload must delimit itself; here, trailing zeros
            got.add(new String(data).replace("\0", "") + (mri.upstream() ? " up" : " down"));
        }

        @Override public void noPeer(int id, Sid sid, Mri mri, byte[] data, String reason) {
            got.add("noPeer " + reason);
        }
    }

    static GistConfig cfg(String bind) throws Exception {
        final GistConfig c = new GistConfig();
        c.bindAddress = InetAddress.getByName(bind);
        c.maHoldTimeMs = 2_000;
        c.stateValidityMs = 1_200;
        c.t1Ms = 100;
        return c;
    }

    @Test
    void maKeptAliveByHellosThenExpires() throws Exception {
        final Recorder ra = new Recorder(), rb = new Recorder();
        try (GistNode a = new GistNode(cfg("127.0.0.7"), ra).start(); GistNode b = new GistNode(cfg("127.0.0.8"), rb).start()) {
            final Sid sid = Sid.random(new SecureRandom());
            final Mri mri = Mri.flow(InetAddress.getByName("127.0.0.7"), InetAddress.getByName("127.0.0.8"));
            a.send(32767, sid, mri, "hello down".getBytes(), true, true);
            waitFor(() -> rb.got.contains("hello down down"), () -> "data over the MA at b: " + rb.got + " a=" + a.counters() + " b=" + b.counters());
            assertEquals(1, a.counter("ma-opened"));
            // b answers upstream on the same session: over the same MA
            b.send(32767, sid, mri.withDirection(true), "hello up".getBytes(), true, false);
            waitFor(() -> ra.got.contains("hello up up"), "data back over the MA at a");
            // three hold times with a refreshed session: the MA survives on MA-Hellos and refreshes
            Thread.sleep(3 * 2_000);
            assertEquals(1, a.maCount(), a.counters().toString());
            assertEquals(0, a.counter("ma-expired"));
            assertTrue(a.counter("tx-cmode/MA-Hello") + a.counter("refreshes") >= 1, a.counters().toString());
            assertEquals(1, a.counter("ma-opened"), "refreshes reuse the MA");
            // stop refreshing: routing state expires on both sides, then the MA goes
            a.release(sid, mri);
            waitFor(() -> a.routingStateCount() == 0 && b.routingStateCount() == 0, "routing state expiry");
            waitFor(() -> a.maCount() == 0 && b.maCount() == 0, "MA expiry after the hold time");
            assertTrue(a.counter("ma-expired") + b.counter("ma-expired") >= 1);
        }
    }

    @Test
    void unreliableDataGoesInDmodeWithoutAnMa() throws Exception {
        final Recorder ra = new Recorder(), rb = new Recorder();
        try (GistNode a = new GistNode(cfg("127.0.0.7"), ra).start(); GistNode b = new GistNode(cfg("127.0.0.8"), rb).start()) {
            final Sid sid = Sid.random(new SecureRandom());
            final Mri mri = Mri.flow(InetAddress.getByName("127.0.0.7"), InetAddress.getByName("127.0.0.8"));
            a.send(32767, sid, mri, "first".getBytes(), false, false);
            waitFor(() -> rb.got.contains("first down"), "D-mode data after the handshake");
            a.send(32767, sid, mri, "second".getBytes(), false, false);     // routing state in place: no new Query
            waitFor(() -> rb.got.contains("second down"), "second D-mode data");
            b.send(32767, sid, mri.withDirection(true), "back".getBytes(), false, false);
            waitFor(() -> ra.got.contains("back up"), "D-mode data upstream");
            assertEquals(1, a.counter("tx-query"), a.counters().toString());
            assertEquals(2, a.counter("tx/Data"));
            assertEquals(1, a.counter("tx/Confirm"), "D-mode Confirm");
            assertEquals(0, a.counter("ma-opened") + b.counter("ma-accepted"));
        }
    }

    static void waitFor(java.util.function.BooleanSupplier c, String what) throws InterruptedException {
        waitFor(c, () -> what);
    }

    static void waitFor(java.util.function.BooleanSupplier c, java.util.function.Supplier<String> what) throws InterruptedException {
        final long end = System.nanoTime() + 20_000_000_000L;
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > end) fail("timed out waiting for " + what.get());
            Thread.sleep(20);
        }
    }
}
