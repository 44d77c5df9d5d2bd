package org.netserv.testapps.counter;

import org.netserv.container.api.PktProcessor;
import org.netserv.container.api.Verdict;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** Trivial module for the benchmark: counts packets, forwards them. */
public final class Activator implements BundleActivator {
    static long count;

    @Override
    public void start(BundleContext context) {
        context.registerService(PktProcessor.class, (pkt, c) -> {
            count++;
            return Verdict.FORWARD;
        }, null);
    }

    @Override
    public void stop(BundleContext context) {}
}
