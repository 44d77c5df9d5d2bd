package org.netserv.testapps.dropper;

import java.util.Hashtable;
import java.util.Map;
import org.netserv.container.api.ModuleProperties;
import org.netserv.container.api.PktProcessor;
import org.netserv.container.api.Verdict;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** Test module: drops UDP packets to the port given in its SETUP property {@code dport} (default 9). */
public final class Activator implements BundleActivator {
    @Override
    public void start(BundleContext context) {
        Map<String, String> props = ModuleProperties.of(context.getBundle());
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(PktProcessor.FILTER, "proto=udp dport=" + props.getOrDefault("dport", "9"));
        context.registerService(PktProcessor.class, (pkt, c) -> Verdict.DROP, p);
    }

    @Override
    public void stop(BundleContext context) {}
}
