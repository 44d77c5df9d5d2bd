package org.netserv.apps.overload;

import java.util.Hashtable;
import java.util.Map;
import java.util.function.Supplier;
import org.netserv.container.api.ModuleProperties;
import org.netserv.container.api.PktProcessor;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * Registers the overload-control Sending Entity with the container's packet dispatcher.
 *
 * SETUP properties: {@code sip_port} (default 5060) — the servers' SIP port: requests to
 * it are throttled, responses from it carry the feedback; {@code tau_ms} (default 200) —
 * the rate algorithm's burst tolerance; {@code oc_algo} (default loss) — what the module
 * announces in oc-algo: loss, rate or loss,rate. The SETUP's filter must also divert the replies
 * ({@code filter-replies: yes}), or no feedback reaches the module and it only marks.
 */
public final class Activator implements BundleActivator {
    private ServiceRegistration<PktProcessor> registration;

    @Override
    public void start(BundleContext context) {
        Map<String, String> props = ModuleProperties.of(context.getBundle());
        int port = Integer.parseInt(props.getOrDefault("sip_port", "5060"));
        if (port < 1 || port > 65535) throw new IllegalArgumentException("sip_port out of range: " + port);
        long tau = Long.parseLong(props.getOrDefault("tau_ms", "200"));
        if (tau < 0 || tau > 10_000) throw new IllegalArgumentException("tau_ms out of range: " + tau);
        // one algorithm by default: Kamailio 5.6 cannot parse a comma inside a quoted Via parameter
        SendingEntity se = new SendingEntity(port, props.getOrDefault("oc_algo", "loss"), tau, System::nanoTime, new EdgeAddress());
        Hashtable<String, Object> p = new Hashtable<>();
        // both directions: the module tells requests (dport) from feedback (sport) itself
        p.put(PktProcessor.FILTER, "proto=udp");
        p.put(PktProcessor.STATUS, (Supplier<String>) se::status);
        p.put(PktProcessor.STATUS_GAUGES, "oc,rate,validity_ms");
        registration = context.registerService(PktProcessor.class, se, p);
    }

    @Override
    public void stop(BundleContext context) {
        if (registration != null) registration.unregister();
    }
}
