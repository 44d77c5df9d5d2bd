package org.netserv.apps.activecdn;

import java.net.URI;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.netserv.container.api.ModuleProperties;
import org.netserv.container.api.PktProcessor;
import org.netserv.container.http.HttpServers;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;

/**
 * Starts the ActiveCDN edge cache: a server module on one of the container's ports,
 * through the container's HTTP building block.
 *
 * SETUP properties: {@code origin} (required, e.g. {@code http://10.40.1.1:8000}) — the
 * publisher's origin; {@code port} (8080) — one of the slot's ports; {@code cache_mb}
 * (64) — the store's size, capped by the slot's disk limit when the container states
 * it ({@code netserv.container.disk_mb}); {@code cache_dir} (default
 * {@code <sandbox>/activecdn}); {@code block_kb} (1024); {@code header_timeout_ms}
 * (10000), {@code idle_timeout_ms} (10000) — how long an origin may take to answer or
 * stall mid-body; {@code max_fetches} (64) — concurrent origin fetches.
 */
public final class Activator implements BundleActivator {
    private HttpServers.Registration http;
    private Origin origin;
    private ThreadPoolExecutor fetches;
    private ServiceRegistration<?> status;

    @Override
    public void start(BundleContext context) throws Exception {
        Map<String, String> p = ModuleProperties.of(context.getBundle());
        String originUrl = p.get("origin");
        if (originUrl == null || originUrl.isBlank()) throw new IllegalArgumentException("property 'origin' (http://host:port) is required");
        int port = intProp(p, "port", 8080, 1, 65535);
        long cacheBytes = (long) intProp(p, "cache_mb", 64, 1, 1 << 20) << 20;
        String disk = System.getProperty("netserv.container.disk_mb", "");
        if (disk.matches("[0-9]{1,9}")) cacheBytes = Math.min(cacheBytes, (long) Integer.parseInt(disk) << 20);
        int blockBytes = intProp(p, "block_kb", 1024, 4, 65536) << 10;
        String sandbox = System.getProperty("netserv.container.sandbox", "");
        String dir = p.getOrDefault("cache_dir", sandbox.isEmpty() ? "" : sandbox + "/activecdn");
        if (dir.isEmpty()) throw new IllegalStateException("no sandbox directory known (netserv.container.sandbox) and no cache_dir");
        long idle = intProp(p, "idle_timeout_ms", 10_000, 100, 600_000);
        origin = new Origin(URI.create(originUrl.strip()), 5_000, intProp(p, "header_timeout_ms", 10_000, 100, 600_000), idle);
        Counters counters = new Counters();
        Store store = new Store(Path.of(dir), cacheBytes, blockBytes, counters);
        fetches = new ThreadPoolExecutor(0, intProp(p, "max_fetches", 64, 1, 4096), 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, "activecdn-fetch");
                    t.setDaemon(true);
                    return t;
                });
        ServiceReference<HttpServers> ref = context.getServiceReference(HttpServers.class);
        if (ref == null) throw new IllegalStateException("ActiveCDN needs the container's 'http' building block");
        http = context.getService(ref).serve(port, "/", new EdgeHandler(store, origin, fetches, idle));
        Supplier<String> s = () -> counters.status(store::objects, store::used);
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(PktProcessor.STATUS, s);
        props.put(PktProcessor.STATUS_GAUGES, "objects,bytes-stored");
        status = context.registerService(Supplier.class.getName(), s, props);
    }

    private static int intProp(Map<String, String> p, String name, int dflt, int min, int max) {
        String v = p.get(name);
        if (v == null || v.isBlank()) return dflt;
        int n;
        try {
            n = Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("property " + name + " must be a number, not '" + v + "'");
        }
        if (n < min || n > max) throw new IllegalArgumentException("property " + name + " must be in " + min + ".." + max);
        return n;
    }

    @Override
    public void stop(BundleContext context) throws Exception {
        if (status != null) status.unregister();
        if (http != null) http.close();
        if (fetches != null) fetches.shutdownNow();
        if (origin != null) origin.close();
    }
}
