package org.netserv.bridge;

/**
 * Loads libnetserv-bridge.so once: from the path in system property {@code netserv.bridge.lib}
 * (the container launcher and the tests set it), else by name from {@code java.library.path}.
 */
public final class NativeLibrary {
    public static final String PROPERTY = "netserv.bridge.lib";
    private static boolean loaded;

    private NativeLibrary() {}

    public static synchronized void load() {
        if (loaded) {
            return;
        }
        String path = System.getProperty(PROPERTY);
        try {
            if (path != null && !path.isEmpty()) {
                System.load(path);
            } else {
                System.loadLibrary("netserv-bridge");
            }
        } catch (UnsatisfiedLinkError e) {
            UnsatisfiedLinkError clear = new UnsatisfiedLinkError("cannot load libnetserv-bridge.so ("
                    + (path != null ? PROPERTY + "=" + path : "java.library.path="
                    + System.getProperty("java.library.path")) + "): " + e.getMessage()
                    + "; build it with 'make native' and set -D" + PROPERTY + "=<repo>/build/lib/libnetserv-bridge.so");
            clear.initCause(e);
            throw clear;
        }
        loaded = true;
    }
}
