package org.netserv.testapps.unresolvable;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** Test module importing a package nobody exports (see its manifest): it cannot resolve. */
public final class Activator implements BundleActivator {
    @Override
    public void start(BundleContext context) {}

    @Override
    public void stop(BundleContext context) {}
}
