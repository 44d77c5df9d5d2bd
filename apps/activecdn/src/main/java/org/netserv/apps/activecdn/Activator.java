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
 *
 * Video processing (the paper's weather watermark; needs the slot's {@code video}
 * building block): {@code wm_text} (a fixed text) or {@code wm_info_url} (a local
 * information service: text/plain, or JSON with the members named in
 * {@code wm_info_fields}, refreshed every {@code wm_info_refresh_s}, 300) turn it on;
 * requests under {@code wm_prefix} ({@code /processed/}) get the watermarked variant.
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
        EdgeHandler edge = new EdgeHandler(store, origin, fetches, idle);
        org.eclipse.jetty.server.Handler handler = edge;
        InfoProvider info = infoProvider(p);
        if (info != null) {
            Processor wm;
            try {
                wm = new FfmpegWatermark();
            } catch (NoClassDefFoundError e) {
                throw new IllegalStateException("watermarking (wm_text / wm_info_url) needs the container's 'video' building block", e);
            }
            handler = new ProcessingHandler(edge, store, p.getOrDefault("wm_prefix", "/processed/").strip(), info, wm);
            System.getLogger("netserv.activecdn").log(System.Logger.Level.INFO,
                    "activecdn: watermarking under " + p.getOrDefault("wm_prefix", "/processed/") + " with FFmpeg " + FfmpegWatermark.version());
        }
        http = context.getService(ref).serve(port, "/", handler);
        Supplier<String> s = () -> counters.status(store::objects, store::used);
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(PktProcessor.STATUS, s);
        props.put(PktProcessor.STATUS_GAUGES, "objects,bytes-stored");
        status = context.registerService(Supplier.class.getName(), s, props);
    }

    private InfoProvider infoProvider(Map<String, String> p) {
        String text = p.get("wm_text"), url = p.get("wm_info_url");
        if (text != null && url != null) throw new IllegalArgumentException("properties wm_text and wm_info_url: give one, not both");
        if (text != null) return new InfoProvider.Fixed(text);
        if (url == null) return null;
        // SETUP properties are comma-separated: the field list uses ';' or spaces
        java.util.List<String> fields = java.util.Arrays.stream(p.getOrDefault("wm_info_fields", "").split("[;\\s]+"))
                .filter(f -> !f.isBlank()).toList();
        return new HttpInfo(origin.client, url.strip(), fields, intProp(p, "wm_info_refresh_s", 300, 1, 86_400) * 1000L);
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
