/*
 * NativeCache — where JavaCPP extracts FFmpeg's shared libraries before it dlopens them.
 * In a service container that is the slot's sandbox (the only place the container may
 * write; JavaCPP never runs a program, which the container's seccomp filter would
 * refuse: it only extracts and loads). Set before any FFmpeg class is touched.
 */
package org.netserv.container.video.internal;

import java.nio.file.Path;

public final class NativeCache {
    public static final String PROPERTY = "org.bytedeco.javacpp.cachedir";

    private NativeCache() {}

    public static synchronized void configure() {
        System.setProperty("java.awt.headless", "true");
        if (System.getProperty(PROPERTY) != null) return;
        String sandbox = System.getProperty("netserv.container.sandbox", "");
        Path dir = sandbox.isEmpty() ? Path.of(System.getProperty("java.io.tmpdir"), "netserv-javacpp-" + System.getProperty("user.name"))
                : Path.of(sandbox, "javacpp");
        System.setProperty(PROPERTY, dir.toString());
    }
}
