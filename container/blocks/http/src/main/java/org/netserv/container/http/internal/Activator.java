package org.netserv.container.http.internal;

import org.netserv.container.http.HttpServers;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** Registers the HttpServers service; stops every server when the block stops. */
public final class Activator implements BundleActivator {
    private JettyServers servers;

    @Override
    public void start(BundleContext context) {
        servers = new JettyServers(System.getProperty("netserv.container.ports", ""));
        context.registerService(HttpServers.class, servers, null);
    }

    @Override
    public void stop(BundleContext context) {
        servers.stopAll();
    }
}
