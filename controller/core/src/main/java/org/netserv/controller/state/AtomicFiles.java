package org.netserv.controller.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Crash-safe file replacement: write a temporary file in the same directory, fsync it,
 * rename it over the target, fsync the directory. After a kill -9 or power loss the
 * target holds either the old or the new content, never a mix.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    public static void write(final Path target, final byte[] content) throws IOException {
        final Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        final Path tmp = dir.resolve("." + target.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            final ByteBuffer b = ByteBuffer.wrap(content);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(dir);
    }

    static void syncDirectory(final Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException ignored) {
            // some filesystems refuse fsync on a directory; the rename is still atomic there
        }
    }
}
