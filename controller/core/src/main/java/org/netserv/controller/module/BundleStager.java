package org.netserv.controller.module;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.netserv.controller.policy.Slot;

/**
 * Puts a verified bundle where the slot's container can read it. A container runs as its own
 * uid in a private mount namespace that hides the controller's state directory, so the
 * bundle is copied into the slot's sandbox ({@code SANDBOX/.netserv-modules/<sha256>.jar},
 * mode 0644). The container verifies the digest again before installing, so a module that
 * tampers with its sandbox copy only breaks its own install.
 */
@FunctionalInterface
public interface BundleStager {
    Path stage(Slot slot, Path verifiedBundle, String digestHex) throws IOException;

    /** The container reads the cache directly (tests with in-memory containers, or no isolation). */
    BundleStager IN_PLACE = (slot, bundle, digest) -> bundle;

    BundleStager SANDBOX = (slot, bundle, digest) -> {
        final Path dir = slot.sandbox().resolve(".netserv-modules");
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        final Path target = dir.resolve(digest + ".jar");
        final Path tmp = dir.resolve("." + digest + ".tmp");
        Files.copy(bundle, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return target;
    };
}
