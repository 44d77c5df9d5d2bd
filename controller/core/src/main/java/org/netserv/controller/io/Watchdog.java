package org.netserv.controller.io;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A deadline for blocking I/O on a channel that has no read timeout of its own (UNIX stream
 * sockets through channel streams): when the deadline passes, the channel is closed, which
 * ends the blocked read with an exception. So a peer that stops answering (a hung container,
 * an engine, a slow-loris client) costs its caller at most the deadline.
 */
public final class Watchdog {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        final Thread t = new Thread(r, "controller-watchdog");
        t.setDaemon(true);
        return t;
    });

    private Watchdog() {
    }

    /** An armed deadline; {@link #close} disarms it. */
    public static final class Armed implements AutoCloseable {
        private final ScheduledFuture<?> future;
        private volatile boolean fired;

        private Armed(final Closeable target, final long timeoutMs) {
            this.future = TIMER.schedule(() -> {
                fired = true;
                try {
                    target.close();
                } catch (IOException ignored) {
                    // it is being abandoned anyway
                }
            }, timeoutMs, TimeUnit.MILLISECONDS);
        }

        /** True when the deadline passed and the channel was closed. */
        public boolean fired() {
            return fired;
        }

        @Override
        public void close() {
            future.cancel(false);
        }
    }

    /** Closes {@code target} after {@code timeoutMs} unless the returned handle is closed first. */
    public static Armed arm(final Closeable target, final long timeoutMs) {
        return new Armed(target, timeoutMs);
    }
}
