/*
 * PacketLoop — the container's packet path: receive a batch from the engine
 * (fromclickN), run each packet through the Dispatcher, queue what is forwarded or
 * injected, send the batch back (toclickN). One thread; no allocation per packet.
 *
 * When the engine goes away (restart) the loop reconnects by path; if that is not
 * possible for `giveUpMillis` (an unprivileged container cannot reconnect to sockets
 * the launcher connected for it), it exits the process so that the controller
 * restarts the container (DESIGN.md §3.5).
 */
package org.netserv.container.dispatcher;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.netserv.bridge.PacketChannel;
import org.netserv.container.api.PacketContext;

public final class PacketLoop implements Runnable, PacketContext {

    /** Opens (or re-opens) the channel. */
    @FunctionalInterface
    public interface Opener {
        PacketChannel open() throws IOException;
    }

    private final Dispatcher dispatcher;
    private final Opener reopen;
    private final Consumer<String> log;
    private final long giveUpMillis;
    private final Runnable giveUp;
    private volatile PacketChannel channel;
    private volatile boolean running = true;
    private volatile String state = "starting";
    private int txUsed;

    // Container-wide counters; single writer (this thread), read by status.
    private volatile long packetsIn, forwarded, dropped, consumed, injected, malformed, injectFailed;

    public PacketLoop(Dispatcher dispatcher, PacketChannel first, Opener reopen, Consumer<String> log,
                      long giveUpMillis, Runnable giveUp) {
        this.dispatcher = dispatcher;
        this.channel = first;
        this.reopen = reopen;
        this.log = log;
        this.giveUpMillis = giveUpMillis;
        this.giveUp = giveUp;
    }

    public static Opener byPath(Path devDir, String name, int batch, int slot) {
        return () -> PacketChannel.open(devDir, name, batch, slot);
    }

    @Override
    public void run() {
        while (running) {
            PacketChannel ch = channel;
            if (ch == null) {
                ch = reconnect();
                if (ch == null) {
                    return;
                }
            }
            state = "up";
            try {
                pump(ch);
            } catch (ClosedChannelException e) {
                if (!running) {
                    break;
                }
                state = "down: closed";
            } catch (IOException e) {
                state = "down: " + e.getMessage();
                log.accept("packet channel " + ch.name() + " lost: " + e.getMessage());
            }
            ch.close();
            channel = null;
        }
        state = "stopped";
    }

    private PacketChannel reconnect() {
        long deadline = System.nanoTime() + giveUpMillis * 1_000_000L;
        String last = "no way to reopen";
        while (running) {
            if (reopen != null) {
                try {
                    PacketChannel ch = reopen.open();
                    channel = ch;
                    log.accept("packet channel " + ch.name() + " reconnected");
                    return ch;
                } catch (IOException | RuntimeException e) {
                    last = e.getMessage();
                    state = "connecting: " + last;
                }
            }
            if (System.nanoTime() - deadline > 0) {
                state = "down: " + last;
                log.accept("packet channel cannot be reopened (" + last + "); giving up");
                giveUp.run();
                return null;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return null;
            }
        }
        return null;
    }

    private void pump(PacketChannel ch) throws IOException {
        while (running) {
            int n = ch.receive(100);
            if (n == 0) {
                continue;
            }
            Stage[] path = dispatcher.stages(); // one module list per batch
            txUsed = 0;
            int fwd = 0, drop = 0, cons = 0, bad = 0;
            for (int i = 0; i < n; i++) {
                ByteBuffer p = ch.packet(i);
                if (ch.truncated(i) || p.limit() < 20) {
                    bad++; // not a whole IPv4 packet: nothing sensible to forward
                    continue;
                }
                switch (dispatcher.dispatch(p, path, this)) {
                    case Dispatcher.FORWARD:
                        if (p.limit() < 20) {
                            bad++; // a module cut it below an IPv4 header: not sent to the engine
                            break;
                        }
                        fwd++;
                        ch.queueReceived(i);
                        break;
                    case Dispatcher.DROP:
                        drop++;
                        break;
                    default:
                        cons++;
                        break;
                }
            }
            ch.flush();
            // Published once per batch: the volatile writes stay off the per-packet path.
            packetsIn += n;
            forwarded += fwd;
            dropped += drop;
            consumed += cons;
            malformed += bad;
        }
    }

    /** PacketContext: copies into a tx slot and queues it behind the packets already queued. */
    @Override
    public boolean inject(ByteBuffer packet) {
        PacketChannel ch = channel;
        if (ch == null || packet.remaining() > ch.slotSize() || packet.remaining() < 20) {
            injectFailed++;
            return false;
        }
        try {
            if (txUsed == ch.batchSize()) {
                ch.flush(); // frees every tx slot
                txUsed = 0;
            }
            int slot = txUsed++;
            ByteBuffer t = ch.txSlot(slot);
            t.put(packet.duplicate()).flip();
            ch.queueTx(slot);
            injected++;
            return true;
        } catch (IOException e) {
            injectFailed++;
            return false;
        }
    }

    public void stop() {
        running = false;
        PacketChannel ch = channel;
        if (ch != null) {
            ch.close();
        }
    }

    public String state() { return state; }

    public long packetsIn() { return packetsIn; }

    public long forwarded() { return forwarded; }

    public long dropped() { return dropped; }

    public long consumed() { return consumed; }

    public long injected() { return injected; }

    public long malformed() { return malformed; }

    public long injectFailed() { return injectFailed; }
}
