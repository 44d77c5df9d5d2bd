/*
 * Container — one publisher's service container, inside the JVM (paper §2.4):
 * starts Eclipse Equinox with its storage in the sandbox, installs the building
 * blocks the operator chose, then serves the control channel until SHUTDOWN.
 *
 * Building block NAME is the directory BUNDLES_DIR/NAME: every bundle in it is
 * installed, then every non-fragment started. The JNI packet channel package
 * (org.netserv.bridge) lives on the class path, outside the framework, and is
 * exported to bundles by the system bundle, like the paper's PktConduit.
 */
package org.netserv.container.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channel;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

public final class Container {

    private static final System.Logger LOG = System.getLogger("netserv.container");

    /** Bridge package exported by the system bundle to the dispatcher and modules. */
    /** Shared with the bundles as one class space: the JNI bridge and the container API (DispatcherStats crosses here). */
    public static final String SYSTEM_PACKAGES = "org.netserv.bridge;version=\"0.1.0\",org.netserv.container.api;version=\"1.0.0\"";

    private final ContainerConfig config;
    private final CountDownLatch shutdown = new CountDownLatch(1);
    private final long started = System.nanoTime();
    private Framework framework;
    private ControlServer control;

    public Container(ContainerConfig config) {
        this.config = config;
    }

    /** Runs until SHUTDOWN (or the framework stops). Returns the process exit code. */
    public int run() throws Exception {
        Path sandbox = Path.of(config.get("sandbox", ""));
        if (!Files.isDirectory(sandbox)) {
            throw new IOException("sandbox " + sandbox + " is not a directory");
        }
        config.exportToSystemProperties();
        Path storage = sandbox.resolve("osgi");
        Map<String, String> fw = new HashMap<>();
        fw.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        // Fresh framework each start: the controller reinstalls modules from its own state.
        fw.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        fw.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, SYSTEM_PACKAGES);
        fw.put("osgi.configuration.area", sandbox.resolve("osgi-config").toString());
        fw.put("osgi.instance.area", sandbox.resolve("osgi-instance").toString());
        fw.put("osgi.user.area", sandbox.resolve("osgi-user").toString());
        fw.put("eclipse.log.enabled", "false");

        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no OSGi framework (org.eclipse.osgi) on the class path"));
        framework = factory.newFramework(fw);
        framework.init();
        framework.start();
        BundleContext ctx = framework.getBundleContext();

        List<String> blocks = config.list("building_blocks");
        installBuildingBlocks(ctx, blocks);

        long maxBundle = (long) config.getInt("max_bundle_mb", 64) << 20;
        ModuleManager modules = new ModuleManager(ctx, maxBundle, this::containerStatus);
        control = new ControlServer(controlSocket(), controllerPrincipal(), "NETSERV-CONTAINER/1 "
                + config.get("slot", "") + " " + config.get("user", ""), r -> handle(modules, r), shutdown::countDown);
        control.start();
        LOG.log(System.Logger.Level.INFO, "container " + config.get("slot", "") + " (" + config.get("user", "") + ") ready; building blocks "
                + blocks + "; control " + config.get("control_socket", ""));
        System.out.println("netserv-container: ready");
        System.out.flush();

        Thread watcher = new Thread(() -> {
            try {
                framework.waitForStop(0);
            } catch (InterruptedException ignored) {
                // exiting
            }
            shutdown.countDown();
        }, "netserv-framework-watch");
        watcher.setDaemon(true);
        watcher.start();

        // SIGTERM (the controller stopping the node): stop the framework cleanly, modules' stop() run
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                framework.stop();
                framework.waitForStop(10_000);
            } catch (Exception ignored) {
                // exiting anyway
            }
        }, "netserv-shutdown"));
        shutdown.await();
        LOG.log(System.Logger.Level.INFO, "container " + config.get("slot", "") + " shutting down");
        control.close();
        framework.stop();
        framework.waitForStop(15_000);
        return 0;
    }

    private ModuleManager.Reply handle(ModuleManager modules, ControlRequest r) {
        switch (r.command()) {
            case "INSTALL":
                return modules.install(r.moduleId(), r.header("path"), r.header("digest"), r.header("properties"));
            case "REMOVE":
                return modules.remove(r.moduleId());
            case "LIST":
                return modules.list();
            case "STATUS":
                return modules.status(r.moduleId());
            case "STOP":
                return modules.stop(r.moduleId());
            case "START":
                return modules.start(r.moduleId());
            case "REFRESH":
                return modules.refresh();
            case "SHUTDOWN":
                return ModuleManager.Reply.ok(List.of());
            default:
                return ModuleManager.Reply.fail("unknown command " + r.command());
        }
    }

    private List<String> containerStatus() {
        List<String> l = new ArrayList<>();
        l.add("slot: " + config.get("slot", ""));
        l.add("user: " + config.get("user", ""));
        l.add("building-blocks: " + String.join(",", config.list("building_blocks")));
        l.add("isolation: " + System.getProperty("netserv.isolation",
                "launcher=off: started without netserv-container, no OS-level isolation"));
        l.add("uptime-s: " + (System.nanoTime() - started) / 1_000_000_000L);
        return l;
    }

    private void installBuildingBlocks(BundleContext ctx, List<String> blocks) throws IOException, BundleException {
        Path dir = Path.of(config.get("bundles_dir", ""));
        List<Bundle> installed = new ArrayList<>();
        for (String block : blocks) {
            Path d = dir.resolve(block);
            if (!block.matches("[A-Za-z0-9_.-]+") || !Files.isDirectory(d)) {
                throw new IOException("building block '" + block + "' not found (no directory " + d + ")");
            }
            List<Path> jars = new ArrayList<>();
            try (DirectoryStream<Path> s = Files.newDirectoryStream(d, "*.jar")) {
                s.forEach(jars::add);
            }
            jars.sort(null);
            for (Path jar : jars) {
                try (InputStream in = Files.newInputStream(jar)) {
                    installed.add(ctx.installBundle(jar.toUri().toString(), in));
                } catch (BundleException e) {
                    throw new BundleException("building block '" + block + "': cannot install " + jar.getFileName()
                            + ": " + e.getMessage(), e);
                }
            }
        }
        for (Bundle b : installed) {
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) != null) {
                continue;
            }
            try {
                b.start();
            } catch (BundleException e) {
                throw new BundleException("building block bundle " + b.getSymbolicName() + " failed to start: "
                        + ModuleManager.describe(e), e);
            }
        }
    }

    /** The launcher binds the socket while privileged and passes it as fd 0; else bind here. */
    private ServerSocketChannel controlSocket() throws IOException {
        if (Boolean.getBoolean("netserv.control.inherited")) {
            Channel c = System.inheritedChannel();
            if (c instanceof ServerSocketChannel) {
                return (ServerSocketChannel) c;
            }
            throw new IOException("launcher said the control socket is inherited, but fd 0 is " + c);
        }
        Path p = Path.of(config.get("control_socket", ""));
        if (Files.exists(p)) {
            Files.delete(p); // a stale socket from an earlier run of this slot
        }
        Files.createDirectories(p.getParent());
        ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        s.bind(UnixDomainSocketAddress.of(p));
        return s;
    }

    private UserPrincipal controllerPrincipal() throws IOException {
        String uid = config.get("controller_uid", "0");
        return FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(uid);
    }

    /** For tests: stop as SHUTDOWN would. */
    public void shutdown() {
        shutdown.countDown();
    }
}
