package org.netserv.ncm.cli;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

/**
 * A one-line "still waiting" indicator on stderr for operations that can take long (a SETUP
 * waits while each node downloads and starts the bundle). It draws only when stderr is a
 * terminal, so scripts and pipes see exactly the output they saw before; the line is erased
 * when the operation ends. Use with try-with-resources around the blocking call.
 */
public final class Progress implements AutoCloseable {
    private static final String[] SPIN = {"|", "/", "-", "\\"};
    private final Thread ticker;
    private final PrintStream err;
    private volatile boolean done;

    private Progress(final String what, final PrintStream err, final long limitMs) {
        this.err = err;
        final long start = System.nanoTime();
        ticker = new Thread(() -> {
            int i = 0;
            while (!done) {
                final long s = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
                final String limit = limitMs > 0 ? " of " + Math.round(limitMs / 1000.0) + "s" : "";
                synchronized (err) {
                    err.print("\r" + SPIN[i++ % SPIN.length] + " " + what + " " + s + "s" + limit + "\u001b[K");
                    err.flush();
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "progress");
        ticker.setDaemon(true);
    }

    /** Starts a ticker when stderr is a terminal, else returns one that does nothing. */
    public static Progress start(final String what, final long limitMs) {
        final Progress p = new Progress(what, System.err, limitMs);
        if (Terminal.isTerminal(Terminal.STDERR)) {
            p.ticker.start();
        } else {
            p.done = true;
        }
        return p;
    }

    @Override
    public void close() {
        if (done) {
            return;
        }
        done = true;
        ticker.interrupt();
        try {
            ticker.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (err) {
            err.print("\r\u001b[K");
            err.flush();
        }
    }
}
