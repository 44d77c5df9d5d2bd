package org.netserv.apps.netmonitor;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Hashtable;
import java.util.Map;
import java.util.function.Supplier;
import org.netserv.container.api.ModuleProperties;
import org.netserv.container.api.PktProcessor;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * Starts NetMonitor: registers the counter with the packet dispatcher and starts the
 * reporter thread (paper §2.4: "server modules typically spawn a thread in start").
 *
 * SETUP properties: {@code visualizer_ip} (required), {@code visualizer_port}
 * (default 5678), {@code interval_ms} (default 500), {@code node_id} (default: the
 * framework property {@code netserv.node.id} if the container sets it, else this
 * node's address toward the visualizer — one SETUP reaches many nodes, so the
 * default must differ per node, and containers of one machine share a host name),
 * {@code max_flows} (default 65536), {@code filter} (which packets to count,
 * PacketFilter syntax; default all the controller diverts to the container).
 */
public final class Activator implements BundleActivator {
    private ServiceRegistration<PktProcessor> registration;
    private NetMonitor monitor;
    private Thread reporter;

    @Override
    public void start(BundleContext context) throws UnknownHostException {
        Map<String, String> props = ModuleProperties.of(context.getBundle());
        String ip = props.get("visualizer_ip");
        if (ip == null || ip.isBlank()) throw new IllegalArgumentException("property visualizer_ip is required");
        int port = Integer.parseInt(props.getOrDefault("visualizer_port", "5678"));
        long interval = Long.parseLong(props.getOrDefault("interval_ms", "500"));
        if (port < 1 || port > 65535) throw new IllegalArgumentException("visualizer_port out of range: " + port);
        if (interval < 10) throw new IllegalArgumentException("interval_ms must be at least 10: " + interval);
        InetSocketAddress target = new InetSocketAddress(InetAddress.getByName(ip), port);
        String node = props.getOrDefault("node_id", context.getProperty("netserv.node.id"));
        if (node == null || node.isBlank()) node = localAddressToward(target);
        String module = context.getBundle().getSymbolicName() + "_" + context.getBundle().getVersion();
        FlowTable table = new FlowTable(Integer.parseInt(props.getOrDefault("max_flows", "65536")));
        monitor = new NetMonitor(table, target, interval, node, module);
        reporter = new Thread(monitor, "netmonitor-reporter");
        reporter.setDaemon(true);
        reporter.start();
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(PktProcessor.FILTER, props.getOrDefault("filter", ""));
        NetMonitor m = monitor;
        p.put(PktProcessor.STATUS, (Supplier<String>) () -> "counted=" + table.packets() + " overflow=" + table.overflow()
                + " reports=" + m.reportsSent() + " report-errors=" + m.sendErrors());
        registration = context.registerService(PktProcessor.class, monitor, p);
    }

    /** The source address the node's routing picks toward the visualizer (no packet is sent). */
    static String localAddressToward(InetSocketAddress target) {
        try (java.net.DatagramSocket probe = new java.net.DatagramSocket()) {
            probe.connect(target);
            return probe.getLocalAddress().getHostAddress();
        } catch (java.io.IOException e) {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException u) {
                return "unknown";
            }
        }
    }

    @Override
    public void stop(BundleContext context) throws InterruptedException {
        if (registration != null) registration.unregister();
        if (monitor != null) monitor.stop();
        if (reporter != null) reporter.join(2000);
    }
}
