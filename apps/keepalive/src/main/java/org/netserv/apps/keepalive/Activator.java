package org.netserv.apps.keepalive;

import java.util.Hashtable;
import java.util.Map;
import java.util.function.Supplier;
import org.netserv.container.api.ModuleProperties;
import org.netserv.container.api.PktProcessor;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * Registers the KeepAlive Responder with the container's packet dispatcher.
 *
 * SETUP properties: {@code sip_port} (default 5060) — the server's SIP port whose
 * traffic the module inspects; {@code answer} (default true) — false inspects and
 * counts but forwards unchanged (the paper's benchmark configuration 6).
 */
public final class Activator implements BundleActivator {
    private ServiceRegistration<PktProcessor> registration;

    @Override
    public void start(BundleContext context) {
        Map<String, String> props = ModuleProperties.of(context.getBundle());
        int port = Integer.parseInt(props.getOrDefault("sip_port", "5060"));
        if (port < 1 || port > 65535) throw new IllegalArgumentException("sip_port out of range: " + port);
        boolean answer = !"false".equalsIgnoreCase(props.getOrDefault("answer", "true"));
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(PktProcessor.FILTER, "proto=udp dport=" + port);
        KeepAliveResponder responder = new KeepAliveResponder(answer);
        p.put(PktProcessor.STATUS, (Supplier<String>) () -> "answered=" + responder.answered()
                + " passed=" + responder.passed() + " malformed=" + responder.malformed());
        registration = context.registerService(PktProcessor.class, responder, p);
    }

    @Override
    public void stop(BundleContext context) {
        if (registration != null) registration.unregister();
    }
}
