/*
 * ModuleManager — installs, removes and reports the publisher's modules in the
 * container's OSGi framework, for the control channel. One command at a time.
 *
 * A module is installed from the exact bytes whose SHA-256 was checked (read once
 * into memory, never re-read from the path), must carry the symbolic name and
 * version its id names, and is started at once. A module that fails to resolve or
 * whose activator throws is uninstalled again and its error is kept for STATUS;
 * the container itself is unaffected.
 */
package org.netserv.container.runtime;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import org.netserv.container.api.DispatcherStats;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.FrameworkWiring;

public final class ModuleManager {

    /** Location prefix of publisher modules (building blocks are installed from file: URLs). */
    public static final String LOCATION = "netserv-module:";
    /** The data-area file holding a module's SETUP properties (see ModuleProperties in the API). */
    public static final String PROPERTIES_FILE = "netserv.properties";

    private final BundleContext system;
    private final long maxBundleBytes;
    private final Map<String, String> failed = new LinkedHashMap<>();
    private final Supplier<List<String>> containerStatus;

    public ModuleManager(BundleContext system, long maxBundleBytes, Supplier<List<String>> containerStatus) {
        this.system = system;
        this.maxBundleBytes = maxBundleBytes;
        this.containerStatus = containerStatus;
    }

    /** Outcome of a command: success with reply lines, or failure with one reason. */
    public static final class Reply {
        public final boolean ok;
        public final List<String> lines;
        /** The container must restart once this reply is sent (a module it cannot get rid of). */
        public final boolean restart;

        private Reply(boolean ok, List<String> lines, boolean restart) {
            this.ok = ok;
            this.lines = lines;
            this.restart = restart;
        }

        public static Reply ok(List<String> lines) { return new Reply(true, lines, false); }

        public static Reply fail(String reason) {
            return new Reply(false, List.of(reason.replaceAll("[\\r\\n]+", " ").strip()), false);
        }

        static Reply failAndRestart(String reason) {
            return new Reply(false, List.of(reason.replaceAll("[\\r\\n]+", " ").strip()), true);
        }
    }

    /**
     * How long a module's activator may run. One that never returns cannot be stopped or
     * uninstalled (its bundle stays STARTING), so the module is failed and the container
     * restarts without it; the controller reinstalls only the modules it recorded.
     */
    static final long ACTIVATOR_TIMEOUT_MS = Long.getLong("netserv.container.activator_timeout_ms", 20_000L);

    /** Starts {@code b} within {@link #ACTIVATOR_TIMEOUT_MS}: null when started, else why not ("" = did not return). */
    private static String startBounded(Bundle b) {
        java.util.concurrent.atomic.AtomicReference<String> err = new java.util.concurrent.atomic.AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                b.start();
            } catch (BundleException | RuntimeException e) {
                err.set("start failed: " + describe(e));
            }
        }, "netserv-activator-" + b.getBundleId());
        t.setDaemon(true);
        t.start();
        try {
            t.join(ACTIVATOR_TIMEOUT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return t.isAlive() ? "" : err.get();
    }

    private Bundle find(String moduleId) {
        Bundle b = system.getBundle(LOCATION + moduleId);
        return b != null && b.getState() != Bundle.UNINSTALLED ? b : null;
    }

    public synchronized Reply install(String moduleId, String path, String digest, String properties) {
        if (path == null || path.isEmpty()) {
            return Reply.fail("INSTALL needs a 'path' header");
        }
        if (digest == null || digest.isEmpty()) {
            return Reply.fail("INSTALL needs a 'digest: sha-256=<hex>' header");
        }
        String d = digest.strip();
        int eq = d.indexOf('=');
        if (eq < 0 || !d.substring(0, eq).toLowerCase(Locale.ROOT).equals("sha-256")) {
            return Reply.fail("unsupported digest '" + d + "' (only sha-256=<hex>)");
        }
        String expected = d.substring(eq + 1).toLowerCase(Locale.ROOT);
        if (!expected.matches("[0-9a-f]{64}")) {
            return Reply.fail("sha-256 digest must be 64 hex digits");
        }
        Properties props;
        try {
            props = parseProperties(properties);
        } catch (IllegalArgumentException e) {
            return Reply.fail(e.getMessage());
        }
        Path file = Path.of(path);
        if (!file.isAbsolute()) {
            return Reply.fail("path must be absolute: " + path);
        }
        byte[] bytes;
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return Reply.fail("no regular file at " + path);
            }
            long size = Files.size(file);
            if (size > maxBundleBytes) {
                return Reply.fail("bundle of " + size + " bytes exceeds the limit of " + maxBundleBytes);
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return Reply.fail("cannot read " + path + ": " + e);
        }
        if (bytes.length > maxBundleBytes) {
            return Reply.fail("bundle exceeds the limit of " + maxBundleBytes + " bytes");
        }
        String actual = sha256(bytes);
        if (!actual.equals(expected)) {
            return Reply.fail("digest mismatch: file has sha-256=" + actual);
        }

        String named = manifestId(bytes);
        if (named == null) {
            return Reply.fail("not an OSGi bundle: no Bundle-SymbolicName in its manifest");
        }
        if (!named.equals(moduleId)) {
            return Reply.fail("bundle is " + named + ", not " + moduleId);
        }

        Bundle existing = find(moduleId);
        Bundle b;
        try {
            if (existing != null) {
                existing.update(new ByteArrayInputStream(bytes)); // same id again: new bytes, restarted
                b = existing;
            } else {
                b = system.installBundle(LOCATION + moduleId, new ByteArrayInputStream(bytes));
            }
        } catch (BundleException | RuntimeException e) {
            failed.put(moduleId, "install failed: " + describe(e));
            return Reply.fail("install failed: " + describe(e));
        }
        String actualId = ModuleId.of(String.valueOf(b.getSymbolicName()), b.getVersion());
        if (b.getSymbolicName() == null || !b.getSymbolicName().equals(ModuleId.symbolicName(moduleId))
                || !b.getVersion().equals(ModuleId.version(moduleId))) {
            uninstall(b);
            return Reply.fail("bundle is " + actualId + ", not " + moduleId);
        }
        try {
            writeProperties(b, props);
        } catch (IOException e) {
            uninstall(b);
            return Reply.fail("cannot store properties: " + e.getMessage());
        }
        if (b.getHeaders().get("Fragment-Host") == null) {
            String why = startBounded(b);
            if (why != null && why.isEmpty()) {
                why = "activator of " + moduleId + " did not return within " + ACTIVATOR_TIMEOUT_MS
                        + " ms; the container restarts without it";
                failed.put(moduleId, why);
                return Reply.failAndRestart(why);
            }
            if (why != null) {
                uninstall(b);
                failed.put(moduleId, why);
                return Reply.fail(why);
            }
        }
        failed.remove(moduleId);
        return Reply.ok(List.of("state: " + state(b), "bundle-id: " + b.getBundleId()));
    }

    public synchronized Reply remove(String moduleId) {
        Bundle b = find(moduleId);
        if (b == null) {
            boolean wasFailed = failed.remove(moduleId) != null;
            return wasFailed ? Reply.ok(List.of()) : Reply.fail("no module " + moduleId);
        }
        String err = uninstall(b);
        return err == null ? Reply.ok(List.of()) : Reply.fail(err);
    }

    /** Stops a module without uninstalling it (its packets then go past it). */
    public synchronized Reply stop(String moduleId) {
        Bundle b = find(moduleId);
        if (b == null) {
            return Reply.fail("no module " + moduleId);
        }
        try {
            b.stop();
            return Reply.ok(List.of("state: " + state(b)));
        } catch (BundleException | RuntimeException e) {
            return Reply.fail("stop failed: " + describe(e));
        }
    }

    /** Starts a stopped module again. */
    public synchronized Reply start(String moduleId) {
        Bundle b = find(moduleId);
        if (b == null) {
            return Reply.fail("no module " + moduleId);
        }
        try {
            b.start();
            return Reply.ok(List.of("state: " + state(b)));
        } catch (BundleException | RuntimeException e) {
            return Reply.fail("start failed: " + describe(e));
        }
    }

    /** Refreshes the framework's wiring (packages of removed or updated bundles go away). */
    public synchronized Reply refresh() {
        refresh(null);
        return Reply.ok(List.of());
    }

    public synchronized Reply list() {
        List<String> lines = new ArrayList<>();
        for (Bundle b : modules()) {
            lines.add("module: " + ModuleId.of(b.getSymbolicName(), b.getVersion()) + " state=" + state(b));
        }
        failed.forEach((id, why) -> lines.add("module: " + id + " state=FAILED"));
        return Reply.ok(lines);
    }

    /** The counters a module publishes through its services' {@code netserv.status} property. */
    private static String moduleStatus(Bundle b) {
        StringBuilder out = new StringBuilder();
        org.osgi.framework.ServiceReference<?>[] refs = b.getRegisteredServices();
        if (refs == null) {
            return "";
        }
        for (org.osgi.framework.ServiceReference<?> ref : refs) {
            if (ref.getProperty("netserv.status") instanceof java.util.function.Supplier<?> supplier) {
                try {
                    // one line per module: the module's text must not break the reply's framing
                    out.append(' ').append(String.valueOf(supplier.get()).replaceAll("[\\r\\n]+", " ").strip());
                } catch (RuntimeException e) {
                    out.append(" status-error=\"").append(String.valueOf(e).replace('"', '\'')).append('"');
                }
                if (ref.getProperty("netserv.status.gauges") instanceof String g && g.matches("[A-Za-z0-9_.,-]+")) {
                    out.append(" gauges=").append(g);
                }
            }
        }
        return out.toString();
    }

    public synchronized Reply status(String only) {
        DispatcherStats stats = dispatcherStats();
        Map<Long, DispatcherStats.ModuleCounts> per = stats == null ? Map.of() : stats.modules();
        Map<Long, String> filterErrors = stats == null ? Map.of() : stats.filterErrors();
        List<String> lines = new ArrayList<>();
        boolean found = false;
        for (Bundle b : modules()) {
            String id = ModuleId.of(b.getSymbolicName(), b.getVersion());
            if (only != null && !only.equals(id)) {
                continue;
            }
            found = true;
            DispatcherStats.ModuleCounts c = per.getOrDefault(b.getBundleId(), DispatcherStats.ModuleCounts.NONE);
            String line = "module: " + id + " state=" + state(b) + " seen=" + c.seen() + " forwarded=" + c.forwarded()
                    + " dropped=" + c.dropped() + " consumed=" + c.consumed() + " errors=" + c.errors();
            line += moduleStatus(b);
            String fe = filterErrors.get(b.getBundleId());
            if (fe != null) {
                line += " error=\"" + fe.replace('"', '\'') + "\"";
            }
            lines.add(line);
        }
        for (Map.Entry<String, String> f : failed.entrySet()) {
            if (only == null || only.equals(f.getKey())) {
                found = true;
                lines.add("module: " + f.getKey() + " state=FAILED seen=0 forwarded=0 dropped=0 consumed=0 errors=1"
                        + " error=\"" + f.getValue().replace('"', '\'') + "\"");
            }
        }
        if (only != null && !found) {
            return Reply.fail("no module " + only);
        }
        Runtime rt = Runtime.getRuntime();
        lines.add("heap-used: " + (rt.totalMemory() - rt.freeMemory()));
        lines.add("heap-max: " + rt.maxMemory());
        if (stats != null) {
            DispatcherStats.ChannelCounts p = stats.packets();
            if (p != null) {
                lines.add("packets-in: " + p.in());
                lines.add("packets-forwarded: " + p.forwarded());
                lines.add("packets-dropped: " + p.dropped());
                lines.add("packets-consumed: " + p.consumed());
                lines.add("packets-injected: " + p.injected());
                lines.add("packets-malformed: " + p.malformed());
                lines.add("inject-failed: " + p.injectFailed());
            }
            lines.add("channel: " + stats.channel());
        } else {
            lines.add("channel: no packet dispatcher");
        }
        lines.addAll(containerStatus.get());
        return Reply.ok(lines);
    }

    /** Publisher modules: bundles installed through INSTALL. */
    private List<Bundle> modules() {
        List<Bundle> out = new ArrayList<>();
        for (Bundle b : system.getBundles()) {
            if (b.getLocation().startsWith(LOCATION) && b.getState() != Bundle.UNINSTALLED) {
                out.add(b);
            }
        }
        return out;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private DispatcherStats dispatcherStats() {
        try {
            Collection<ServiceReference<Supplier>> refs = system.getServiceReferences(Supplier.class,
                    "(" + DispatcherStats.ROLE_PROPERTY + "=" + DispatcherStats.ROLE + ")");
            for (ServiceReference<Supplier> r : refs) {
                Supplier s = system.getService(r);
                if (s != null) {
                    try {
                        return (DispatcherStats) s.get();
                    } finally {
                        system.ungetService(r);
                    }
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        return null;
    }

    /** Stops, uninstalls and refreshes, so the module's classes can go. Null on success. */
    private String uninstall(Bundle b) {
        String err = null;
        try {
            b.uninstall();
        } catch (BundleException | RuntimeException e) {
            err = "uninstall failed: " + describe(e);
        }
        refresh(List.of(b));
        return err;
    }

    private void refresh(Collection<Bundle> bundles) {
        FrameworkWiring w = system.getBundle(0).adapt(FrameworkWiring.class);
        CountDownLatch done = new CountDownLatch(1);
        w.refreshBundles(bundles, e -> {
            if (e.getType() == FrameworkEvent.PACKAGES_REFRESHED || e.getType() == FrameworkEvent.ERROR) {
                done.countDown();
            }
        });
        try {
            done.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** symbolicName_version from the jar's manifest, or null if it has none. */
    static String manifestId(byte[] jar) {
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            Manifest m = in.getManifest();
            if (m == null) {
                return null;
            }
            String bsn = m.getMainAttributes().getValue("Bundle-SymbolicName");
            if (bsn == null) {
                return null;
            }
            int semi = bsn.indexOf(';');
            String name = (semi < 0 ? bsn : bsn.substring(0, semi)).strip();
            String v = m.getMainAttributes().getValue("Bundle-Version");
            return ModuleId.of(name, org.osgi.framework.Version.parseVersion(v == null ? "0.0.0" : v.strip()));
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    static String state(Bundle b) {
        switch (b.getState()) {
            case Bundle.INSTALLED: return "INSTALLED";
            case Bundle.RESOLVED: return "RESOLVED";
            case Bundle.STARTING: return "STARTING";
            case Bundle.STOPPING: return "STOPPING";
            case Bundle.ACTIVE: return "ACTIVE";
            default: return "UNINSTALLED";
        }
    }

    static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable c = e.getCause(); c != null && c != e; c = c.getCause()) {
            sb.append(": ").append(c);
            if (c.getCause() == c) {
                break;
            }
        }
        return sb.toString().replaceAll("\\s+", " ").strip();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code k=v,k2=v2}; values may not contain commas (DESIGN.md §3.3). */
    static Properties parseProperties(String text) {
        Properties p = new Properties();
        if (text == null || text.isBlank()) {
            return p;
        }
        for (String kv : text.split(",")) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("bad properties entry '" + kv.strip() + "' (k=v,...)");
            }
            p.setProperty(kv.substring(0, eq).strip(), kv.substring(eq + 1).strip());
        }
        return p;
    }

    private static void writeProperties(Bundle b, Properties p) throws IOException {
        File f = b.getDataFile(PROPERTIES_FILE);
        if (f == null) {
            throw new IOException("the framework gives the bundle no data area");
        }
        Files.createDirectories(f.toPath().getParent());
        try (OutputStream out = Files.newOutputStream(f.toPath())) {
            p.store(out, "SETUP properties");
        }
    }

}
