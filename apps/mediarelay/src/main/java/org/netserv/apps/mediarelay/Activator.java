package org.netserv.apps.mediarelay;

import java.util.Hashtable;
import java.util.function.Supplier;
import org.netserv.container.api.ModuleProperties;
import org.netserv.container.api.PktProcessor;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * Starts the Media Relay (a TURN server) as a server module: it listens through the
 * node's IP stack on the ports the SETUP's properties name (see {@link Config}) and
 * publishes its counters as the module's STATUS (the {@code netserv.status} property).
 */
public final class Activator implements BundleActivator {
    private MediaRelay relay;
    private ServiceRegistration<?> registration;

    @Override
    public void start(BundleContext context) throws Exception {
        relay = new MediaRelay(new Config(ModuleProperties.of(context.getBundle())));
        relay.start();
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(PktProcessor.STATUS, (Supplier<String>) relay::status);
        registration = context.registerService(Object.class.getName(), new Object(), p);
        System.getLogger("org.netserv.apps.mediarelay").log(System.Logger.Level.INFO, "Media Relay up: {0}", relay.status());
    }

    @Override
    public void stop(BundleContext context) {
        if (registration != null) registration.unregister();
        if (relay != null) relay.stop();
    }
}
