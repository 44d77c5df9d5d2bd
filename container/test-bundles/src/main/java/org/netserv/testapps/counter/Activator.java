package org.netserv.testapps.counter;

import java.util.Hashtable;
import java.util.function.Supplier;
import org.netserv.container.api.PktProcessor;
import org.netserv.container.api.Verdict;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * Trivial module for the benchmark: counts packets, forwards them. Its STATUS words
 * ({@code counted=N} a counter, {@code last-length=N} a gauge) are the metrics test's
 * example of a module's own counters.
 */
public final class Activator implements BundleActivator {
    static long count;
    static volatile int lastLength;

    @Override
    public void start(BundleContext context) {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(PktProcessor.STATUS, (Supplier<String>) () -> "counted=" + count + " last-length=" + lastLength);
        p.put(PktProcessor.STATUS_GAUGES, "last-length");
        context.registerService(PktProcessor.class, (pkt, c) -> {
            count++;
            lastLength = pkt.limit();
            return Verdict.FORWARD;
        }, p);
    }

    @Override
    public void stop(BundleContext context) {}
}
