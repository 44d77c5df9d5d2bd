package org.netserv.testapps.memhog;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.netserv.container.api.ModuleProperties;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * Test module that takes memory until something stops it: property mode=heap (Java heap,
 * the JVM's -Xmx) or mode=direct (native memory, touched page by page: the cgroup limit).
 */
public final class Activator implements BundleActivator {
    private static final List<Object> HOARD = new ArrayList<>();

    @Override
    public void start(BundleContext context) {
        String mode = ModuleProperties.of(context.getBundle()).getOrDefault("mode", "heap");
        Thread t = new Thread(() -> {
            for (int i = 0; i < 1_000_000; i++) {
                if (mode.equals("direct")) {
                    ByteBuffer b = ByteBuffer.allocateDirect(4 << 20);
                    for (int off = 0; off < b.capacity(); off += 4096) {
                        b.put(off, (byte) 1);
                    }
                    HOARD.add(b);
                } else {
                    byte[] b = new byte[4 << 20];
                    for (int off = 0; off < b.length; off += 4096) {
                        b[off] = 1;
                    }
                    HOARD.add(b);
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "memhog");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void stop(BundleContext context) {}
}
