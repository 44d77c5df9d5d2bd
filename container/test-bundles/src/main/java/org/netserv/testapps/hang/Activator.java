package org.netserv.testapps.hang;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * Test module whose activator never returns (it even swallows interrupts): the container must
 * fail it after its bound, and the controller must keep serving the other tenants meanwhile.
 */
public final class Activator implements BundleActivator {
    @Override
    public void start(BundleContext context) {
        while (true) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException ignored) {
                // never returns
            }
        }
    }

    @Override
    public void stop(BundleContext context) {}
}
