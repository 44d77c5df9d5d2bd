package org.netserv.controller.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.netserv.controller.auth.ReplayGuard;

/**
 * Replay state that survives a restart: an append-only journal of accepted nonces
 * ({@code <timestamp> <nonce>} per line, fsynced before the request is acted on), compacted
 * from the {@link ReplayGuard}'s bounded snapshot at start-up. A torn last line after a
 * crash is ignored: its request was never acted on.
 */
public final class NonceJournal implements AutoCloseable {
    private final Path file;
    private FileChannel ch;

    public NonceJournal(final Path stateDir) {
        this.file = stateDir.resolve("nonces.journal");
    }

    /** Loads the journal into {@code guard}, rewrites it compacted and opens it for appending. */
    public void open(final ReplayGuard guard) throws IOException {
        final List<Map.Entry<String, Long>> entries = new ArrayList<>();
        long floor = Long.MIN_VALUE;
        if (Files.exists(file)) {
            for (final String l : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                final String[] f = l.split(" ");
                try {
                    if (f.length == 2 && f[0].equals("floor")) {
                        floor = Math.max(floor, Long.parseLong(f[1]));
                    } else if (f.length == 2) {
                        entries.add(Map.entry(f[1], Long.parseLong(f[0])));
                    }
                } catch (NumberFormatException torn) {
                    // a half-written line from a crash
                }
            }
        }
        guard.restore(new ReplayGuard.Snapshot(entries, floor));
        final ReplayGuard.Snapshot s = guard.snapshot();
        final StringBuilder b = new StringBuilder();
        if (s.floor() != Long.MIN_VALUE) {
            b.append("floor ").append(s.floor()).append('\n');
        }
        s.nonces().forEach(e -> b.append(e.getValue()).append(' ').append(e.getKey()).append('\n'));
        AtomicFiles.write(file, b.toString().getBytes(StandardCharsets.US_ASCII));
        ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    public synchronized void append(final String nonce, final long timestamp, final long floor) throws IOException {
        final String line = (floor != Long.MIN_VALUE ? "floor " + floor + "\n" : "") + timestamp + " " + nonce + "\n";
        final ByteBuffer b = ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII));
        while (b.hasRemaining()) {
            ch.write(b);
        }
        ch.force(false);
    }

    @Override
    public synchronized void close() {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing buffered: every append was forced
            }
        }
    }
}
