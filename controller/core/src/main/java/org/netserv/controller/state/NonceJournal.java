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
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.netserv.controller.auth.ReplayGuard;

/**
 * Replay state that survives a restart: an append-only journal of accepted nonces
 * ({@code <timestamp> <nonce> <user>} per line, fsynced before the request is acted on; a
 * {@code floor <t> <user>} line when a user's guard raised its floor), compacted from the
 * guards' bounded snapshots at start-up. A torn last line after a crash is ignored: its
 * request was never acted on. Lines without a user (written before the guards were per user)
 * load into the guard of user {@code ""}, which the authenticator consults for every user.
 */
public final class NonceJournal implements AutoCloseable {
    private final Path file;
    private FileChannel ch;

    public NonceJournal(final Path stateDir) {
        this.file = stateDir.resolve("nonces.journal");
    }

    /** Loads the journal into {@code guards} (created by {@code create}), rewrites it compacted, opens it for appending. */
    public void open(final Map<String, ReplayGuard> guards, final Function<String, ReplayGuard> create) throws IOException {
        final Map<String, List<Map.Entry<String, Long>>> entries = new TreeMap<>();
        final Map<String, Long> floors = new TreeMap<>();
        if (Files.exists(file)) {
            for (final String l : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                final String[] f = l.split(" ");
                try {
                    if ((f.length == 2 || f.length == 3) && f[0].equals("floor")) {
                        floors.merge(f.length == 3 ? f[2] : "", Long.parseLong(f[1]), Math::max);
                    } else if (f.length == 2 || f.length == 3) {
                        entries.computeIfAbsent(f.length == 3 ? f[2] : "", u -> new ArrayList<>())
                                .add(Map.entry(f[1], Long.parseLong(f[0])));
                    }
                } catch (NumberFormatException torn) {
                    // a half-written line from a crash
                }
            }
        }
        final Set<String> users = new TreeSet<>(entries.keySet());
        users.addAll(floors.keySet());
        for (final String u : users) {
            guards.computeIfAbsent(u, create).restore(new ReplayGuard.Snapshot(entries.getOrDefault(u, List.of()),
                    floors.getOrDefault(u, Long.MIN_VALUE)));
        }
        final StringBuilder b = new StringBuilder();
        guards.forEach((u, g) -> {
            final ReplayGuard.Snapshot s = g.snapshot();
            final String who = u.isEmpty() ? "" : " " + u;
            if (s.floor() != Long.MIN_VALUE) {
                b.append("floor ").append(s.floor()).append(who).append('\n');
            }
            s.nonces().forEach(e -> b.append(e.getValue()).append(' ').append(e.getKey()).append(who).append('\n'));
        });
        AtomicFiles.write(file, b.toString().getBytes(StandardCharsets.US_ASCII));
        ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    public synchronized void append(final String user, final String nonce, final long timestamp, final long floor)
            throws IOException {
        final String who = user.isEmpty() ? "" : " " + user;
        final String line = (floor != Long.MIN_VALUE ? "floor " + floor + who + "\n" : "") + timestamp + " " + nonce + who + "\n";
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
