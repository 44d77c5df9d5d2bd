package org.netserv.controller.peers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Where the real parts of the node are, for tests that drive them. Each getter returns null
 * when the part is not built, so tests can skip with the reason.
 */
public final class RealPeers {
    private RealPeers() {
    }

    public static Path root() {
        return Path.of(System.getProperty("netserv.root", "../..")).toAbsolutePath().normalize();
    }

    public static Path build() {
        return Path.of(System.getProperty("netserv.build.dir", root().resolve("build").toString()));
    }

    /**
     * A container launcher: {@code build/bin/netserv-container} when it exists, else the
     * container runtime's documented development mode ({@code java ... Main --config FILE},
     * same control channel, no OS isolation) wrapped in a script. Null when neither exists.
     */
    public static Path containerLauncher(final Path tmp) throws IOException {
        final Path real = build().resolve("bin/netserv-container");
        if (Files.isExecutable(real)) {
            return real;
        }
        final Path lib = build().resolve("container/lib");
        if (!Files.exists(lib.resolve("netserv-container-runtime.jar"))) {
            return null;
        }
        final Path script = tmp.resolve("netserv-container-dev");
        Files.writeString(script, "#!/bin/sh\nexec " + System.getProperty("java.home") + "/bin/java"
                + " -Dnetserv.bridge.lib=" + build().resolve("lib/libnetserv-bridge.so")
                + " -cp '" + lib + "/*' org.netserv.container.runtime.Main \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    /** A minimal valid OSGi bundle (no activator, no imports): enough for a container to install and start. */
    public static byte[] bundle(final String symbolicName, final String version) throws IOException {
        final Manifest m = new Manifest();
        final Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", symbolicName);
        a.putValue("Bundle-Version", version);
        final ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (JarOutputStream j = new JarOutputStream(b, m)) {
            j.putNextEntry(new java.util.jar.JarEntry("README.txt"));
            j.write(("test bundle " + symbolicName + "\n").getBytes());
        }
        return b.toByteArray();
    }

    /**
     * Rewrites a {@code Fixtures.policy} file for real containers: slots 40/41 and uids
     * 10040/10041 (clear of the slots other parts' tests use at the same time), no building
     * blocks, sandboxes under {@code dir}.
     */
    public static void useSlots4041(final Path dir, final Path policyFile) throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(policyFile, Files.readString(policyFile)
                .replace("<slot number=\"0\">", "<slot number=\"40\">").replace("<slot number=\"1\">", "<slot number=\"41\">")
                .replace("<uid>10000</uid>", "<uid>10040</uid>").replace("<gid>10000</gid>", "<gid>10040</gid>")
                .replace("<uid>10001</uid>", "<uid>10041</uid>").replace("<gid>10001</gid>", "<gid>10041</gid>")
                .replace("<building-blocks>packet-dispatcher</building-blocks>", "")
                .replace("/var/lib/netserv/sandbox/", dir.resolve("sandbox").toString() + "/"));
    }
}
