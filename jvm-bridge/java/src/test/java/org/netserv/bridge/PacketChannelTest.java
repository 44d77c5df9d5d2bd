package org.netserv.bridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PacketChannelTest {
    @TempDir Path dir;
    FakeClick engine;

    @BeforeEach
    void start() throws IOException {
        engine = new FakeClick(dir, "0");
    }

    @AfterEach
    void stop() throws IOException {
        engine.close();
    }

    private static int receiveAtLeast(PacketChannel ch, int n) throws IOException {
        int got = 0;
        for (int tries = 0; got < n && tries < 100; tries++) {
            got = ch.receive(200);
            if (got > 0) {
                return got;
            }
        }
        return got;
    }

    @Test
    void packetsArriveAsViewsAndLeaveModifiedInPlace() throws IOException {
        try (PacketChannel ch = PacketChannel.open(dir, "0", 16, 2048)) {
            engine.udp(5, 64, 9999);
            int total = 0;
            while (total < 5) {
                int n = receiveAtLeast(ch, 1);
                assertTrue(n > 0, "no packets");
                for (int i = 0; i < n; i++) {
                    ByteBuffer p = ch.packet(i);
                    assertTrue(p.isDirect());
                    assertEquals(64, p.remaining());
                    assertEquals(0x45, p.get(0) & 0xff);
                    assertFalse(ch.truncated(i));
                    p.put(8, (byte) 7); // rewrite the TTL in place
                    ch.queueReceived(i);
                }
                assertEquals(n, ch.flush());
                total += n;
            }
            List<byte[]> out = engine.receive(5, 5);
            assertEquals(5, out.size());
            for (int k = 0; k < 5; k++) {
                assertEquals(7, out.get(k)[8]);
                assertEquals(k, ByteBuffer.wrap(out.get(k), 28, 4).getInt(), "order kept");
            }
        }
    }

    @Test
    void lengthAndStartFollowTheView() throws IOException {
        try (PacketChannel ch = PacketChannel.open(dir, "0", 4, 256)) {
            engine.send(new byte[] {1, 2, 3, 4, 5, 6});
            assertEquals(1, receiveAtLeast(ch, 1));
            ByteBuffer p = ch.packet(0);
            p.limit(10).put(6, (byte) 9).put(7, (byte) 9).put(8, (byte) 9).put(9, (byte) 9); // grow
            p.position(1); // pull one byte
            ch.queueReceived(0);
            ch.flush();
            assertArrayEquals(new byte[] {2, 3, 4, 5, 6, 9, 9, 9, 9}, engine.receive(1, 5).get(0));
        }
    }

    @Test
    void injectsBuiltPacketsAndCopiesForSend() throws IOException {
        try (PacketChannel ch = PacketChannel.open(dir, "0", 4, 256)) {
            ByteBuffer t = ch.txSlot(0);
            t.put(new byte[] {0x45, 1, 2}).flip();
            ch.queueTx(0);
            ch.send(ByteBuffer.wrap(new byte[] {0x45, 9}));
            assertEquals(0, ch.queued());
            List<byte[]> out = engine.receive(2, 5);
            assertArrayEquals(new byte[] {0x45, 1, 2}, out.get(0));
            assertArrayEquals(new byte[] {0x45, 9}, out.get(1));
        }
    }

    @Test
    void moreQueuedThanTheSendListFlushesOnItsOwn() throws IOException {
        try (PacketChannel ch = PacketChannel.open(dir, "0", 2, 128)) {
            for (int k = 0; k < 9; k++) {
                ByteBuffer t = ch.txSlot(k % 2);
                t.put((byte) k).flip();
                ch.queueTx(k % 2);
                if (ch.queued() == 0) {
                    fail("queue emptied before a flush was needed");
                }
            }
            ch.flush();
            List<byte[]> out = engine.receive(9, 5);
            assertEquals(9, out.size());
        }
    }

    private static void fail(String m) {
        throw new AssertionError(m);
    }

    @Test
    void oversizedPacketIsReportedTruncated() throws IOException {
        try (PacketChannel ch = PacketChannel.open(dir, "0", 4, 64)) {
            engine.send(new byte[300]);
            assertEquals(1, receiveAtLeast(ch, 1));
            assertTrue(ch.truncated(0));
            assertEquals(64, ch.packet(0).remaining());
        }
    }

    @Test
    void engineRestartIsAPeerClosedException() throws IOException {
        try (PacketChannel ch = PacketChannel.open(dir, "0", 4, 256)) {
            // both connections accepted first: one still in the backlog would outlive the drop
            assertTrue(engine.awaitPeers(20), "the channel never connected both sockets");
            engine.drop();
            IOException e = assertThrows(IOException.class, () -> {
                for (int i = 0; i < 100; i++) {
                    ch.receive(100);
                }
            });
            assertTrue(e instanceof PeerClosedException, e.toString());
        }
    }

    @Test
    void closeWakesABlockedReceiver() throws Exception {
        PacketChannel ch = PacketChannel.open(dir, "0", 4, 256);
        CompletableFuture<Throwable> r = CompletableFuture.supplyAsync(() -> {
            try {
                ch.receive(-1);
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        Thread.sleep(100);
        ch.close();
        Throwable t = r.get(10, TimeUnit.SECONDS);
        assertTrue(t instanceof ClosedChannelException, String.valueOf(t));
        assertThrows(ClosedChannelException.class, () -> ch.receive(0));
        ch.close(); // idempotent
    }

    @Test
    void badArgumentsAreRefusedClearly() throws IOException {
        assertThrows(IllegalArgumentException.class, () -> PacketChannel.open(dir, "../x"));
        assertThrows(IllegalArgumentException.class, () -> PacketChannel.open(dir, ""));
        assertThrows(IllegalArgumentException.class, () -> PacketChannel.open(dir, "0", 0, 2048));
        assertThrows(IllegalArgumentException.class, () -> PacketChannel.open(dir, "0", 8, 10));
        IOException e = assertThrows(IOException.class,
                () -> PacketChannel.open(dir.resolve("missing"), "0"));
        assertTrue(e.getMessage().contains("fromclick0"), e.getMessage());
        try (PacketChannel ch = PacketChannel.open(dir, "0", 4, 64)) {
            assertThrows(IndexOutOfBoundsException.class, () -> ch.packet(0));
            assertThrows(IllegalArgumentException.class, () -> ch.send(ByteBuffer.allocate(65)));
            assertTrue(Files.exists(dir.resolve("toclick0")));
        }
    }
}
