package org.netserv.testapps.faulty;

import org.netserv.container.api.PktProcessor;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** Test module whose processor throws on every packet: it must be isolated, not stall the path. */
public final class Activator implements BundleActivator {
    @Override
    public void start(BundleContext context) {
        context.registerService(PktProcessor.class, (pkt, c) -> {
            pkt.put(1, (byte) 0x55); // partly modified before failing
            throw new IllegalStateException("faulty processor");
        }, null);
    }

    @Override
    public void stop(BundleContext context) {}
}
