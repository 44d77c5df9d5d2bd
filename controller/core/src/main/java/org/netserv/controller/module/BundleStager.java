package org.netserv.controller.module;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.netserv.controller.policy.Slot;

/**
 * Puts a verified bundle where the slot's container can read it.
 *
 * <p>Never inside the sandbox: the tenant owns that tree and may replace any name in it with
 * a symlink to a socket, a device or a file under /etc, which root (the controller) would
 * then follow. Bundles are staged in a root-owned directory of the controller's state,
 * {@code STATE/stage/slot-N/<sha256>.jar}: the directory root:GID mode 0750, the files
 * root:GID 0640, so the slot's uid (whose gid is GID) can read them and no one but root can
 * change them; the container's mount namespace makes it read-only anyway and hides other
 * slots' stage directories. The container verifies the digest again before installing.
 */
@FunctionalInterface
public interface BundleStager {
    Path stage(Slot slot, Path verifiedBundle, String digestHex) throws IOException;

    /** The container reads the cache directly (tests with in-memory containers, or no isolation). */
    BundleStager IN_PLACE = (slot, bundle, digest) -> bundle;

    /** Where slot N's bundles are staged under the controller's state directory. */
    static Path stageDir(final Path stateDir, final int slot) {
        return stateDir.resolve("stage").resolve("slot-" + slot);
    }

    /** Stages under {@code stateDir/stage/slot-N}, owned by root (the controller), readable by the slot's gid. */
    static BundleStager rootOwned(final Path stateDir) {
        return (slot, bundle, digest) -> {
            final Path root = stateDir.resolve("stage");
            final Path dir = stageDir(stateDir, slot.number());
            Files.createDirectories(dir);
            for (Path p : new Path[] {root, dir}) {
                if (Files.isSymbolicLink(p) || !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    throw new IOException(p + " is not a directory of the controller's");
                }
            }
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-x---"));
            group(dir, slot.gid());
            final Path target = dir.resolve(digest + ".jar");
            final Path tmp = dir.resolve("." + digest + ".tmp");
            Files.copy(bundle, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r-----"));
            group(tmp, slot.gid());
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        };
    }

    private static void group(final Path p, final int gid) throws IOException {
        try {
            Files.setAttribute(p, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException | SecurityException | IOException e) {
            // not root (tests): then the slot's container is not a different uid either
            if ((Integer) Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS) != gid && isRoot()) {
                throw new IOException("cannot give " + p + " to gid " + gid + ": " + e.getMessage(), e);
            }
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
