package org.netserv.testapps.thrower;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** Test module whose activator throws: the container must stay healthy and report it. */
public final class Activator implements BundleActivator {
    @Override
    public void start(BundleContext context) {
        throw new IllegalStateException("thrower refuses to start");
    }

    @Override
    public void stop(BundleContext context) {}
}
