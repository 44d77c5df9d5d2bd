/*
 * Activator — the packet dispatcher building block. Tracks PktProcessor services,
 * keeps the Dispatcher's stage list in service order, runs the PacketLoop on the
 * container's channel and publishes counters for the control channel.
 *
 * Where the channel comes from (system properties the runtime sets from the
 * container configuration):
 *   netserv.channel.fds        "rx,tx" sockets the launcher connected (preferred)
 *   netserv.container.devdir   + netserv.container.channel: connect by path
 *   netserv.container.batch / netserv.container.slot_size
 * Without a channel name the container has no packet path (server modules only).
 *
 * Counters are published as a java.util.function.Supplier<DispatcherStats> service with
 * netserv.role=dispatcher-stats (DispatcherStats is exported by the system bundle, so the
 * runtime outside the framework reads the same class).
 */
package org.netserv.container.dispatcher;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.netserv.bridge.PacketChannel;
import org.netserv.container.api.DispatcherStats;
import org.netserv.container.api.PacketFilter;
import org.netserv.container.api.PktProcessor;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;

public final class Activator implements BundleActivator {

    private final Map<Long, ModuleCounters> modules = new ConcurrentHashMap<>();
    private final Map<Long, String> filterErrors = new ConcurrentHashMap<>();
    private Dispatcher dispatcher;
    private ServiceTracker<PktProcessor, Stage> tracker;
    private PacketLoop loop;
    private Thread thread;
    private ServiceRegistration<?> stats;
    private volatile String channelState = "none";

    private static final System.Logger LOG = System.getLogger("netserv.dispatcher");

    private static void log(String m) {
        LOG.log(System.Logger.Level.WARNING, m);
    }

    @Override
    public void start(BundleContext context) throws Exception {
        dispatcher = new Dispatcher(Activator::log);
        tracker = new ServiceTracker<>(context, PktProcessor.class, new Customizer(context));
        tracker.open();

        String name = System.getProperty("netserv.container.channel", "").trim();
        if (!name.isEmpty()) {
            int batch = Integer.getInteger("netserv.container.batch", PacketChannel.DEFAULT_BATCH);
            int slot = Integer.getInteger("netserv.container.slot_size", PacketChannel.DEFAULT_SLOT_SIZE);
            Path devDir = Path.of(System.getProperty("netserv.container.devdir", "/run/netserv/dev"));
            PacketLoop.Opener byPath = PacketLoop.byPath(devDir, name, batch, slot);
            PacketChannel first = null;
            String fds = System.getProperty("netserv.channel.fds", "").trim();
            if (!fds.isEmpty()) {
                String[] f = fds.split(",");
                first = PacketChannel.adopt(name, Integer.parseInt(f[0].trim()), Integer.parseInt(f[1].trim()),
                        batch, slot);
                // Adopted descriptors are used once; a later reconnect goes by path.
                System.clearProperty("netserv.channel.fds");
            } else {
                try {
                    first = byPath.open();
                } catch (IOException e) {
                    // the engine may not be up yet: the loop keeps trying for channel_retry_ms
                    log("packet channel " + name + " not open yet: " + e.getMessage());
                }
            }
            long giveUp = Long.getLong("netserv.container.channel_retry_ms", 30_000L);
            loop = new PacketLoop(dispatcher, first, byPath, Activator::log, giveUp, () -> {
                log("exiting so that the controller restarts the container");
                // from another thread: the loop ends at once and the shutdown's bundle stop need not wait for it
                Thread exit = new Thread(() -> System.exit(75), "netserv-exit"); // EX_TEMPFAIL
                exit.start();
            });
            thread = new Thread(loop, "netserv-packets-" + name);
            thread.setDaemon(true);
            thread.start();
        }
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(DispatcherStats.ROLE_PROPERTY, DispatcherStats.ROLE);
        Supplier<DispatcherStats> supplier = this::snapshot;
        stats = context.registerService(Supplier.class.getName(), supplier, props);
    }

    @Override
    public void stop(BundleContext context) throws Exception {
        if (stats != null) {
            stats.unregister();
        }
        if (loop != null) {
            loop.stop();
            thread.join(5000);
        }
        tracker.close();
    }

    /** Counters for the control channel: container totals and per bundle id. */
    private DispatcherStats snapshot() {
        Map<Long, DispatcherStats.ModuleCounts> per = new HashMap<>();
        modules.forEach((id, c) -> per.put(id, c.snapshot()));
        PacketLoop l = loop;
        return l == null ? new DispatcherStats(channelState, null, per, filterErrors)
                : new DispatcherStats(l.state(), new DispatcherStats.ChannelCounts(l.packetsIn(), l.forwarded(),
                        l.dropped(), l.consumed(), l.injected(), l.malformed(), l.injectFailed()), per, filterErrors);
    }

    /** The stage list in service order (highest ranking first, then oldest first), one version per module. */
    private void publish(ServiceReference<PktProcessor> adding, Stage added, ServiceReference<PktProcessor> removing) {
        Map<ServiceReference<PktProcessor>, Stage> all = new TreeMap<>(Collections.reverseOrder());
        all.putAll(tracker.getTracked());
        if (adding != null) {
            all.put(adding, added);
        }
        if (removing != null) {
            all.remove(removing);
        }
        List<StagePath.Candidate> candidates = new ArrayList<>();
        all.forEach((ref, stage) -> {
            Bundle b = ref.getBundle();
            if (b != null) { // null: unregistered meanwhile, its removedService republishes
                candidates.add(new StagePath.Candidate(String.valueOf(b.getSymbolicName()), b.getBundleId(), stage));
            }
        });
        dispatcher.setStages(StagePath.of(candidates)); // one version per module (StagePath)
    }

    private PacketFilter filterOf(ServiceReference<PktProcessor> ref, String moduleId) {
        Object f = ref.getProperty(PktProcessor.FILTER);
        long id = ref.getBundle().getBundleId();
        try {
            PacketFilter filter = PacketFilter.parse(f == null ? null : f.toString());
            filterErrors.remove(id);
            return filter;
        } catch (IllegalArgumentException e) {
            filterErrors.put(id, "bad " + PktProcessor.FILTER + ": " + e.getMessage());
            log("module " + moduleId + " not on the packet path: bad filter: " + e.getMessage());
            return null;
        }
    }

    private final class Customizer implements ServiceTrackerCustomizer<PktProcessor, Stage> {
        private final BundleContext context;

        Customizer(BundleContext context) {
            this.context = context;
        }

        @Override
        public Stage addingService(ServiceReference<PktProcessor> ref) {
            Bundle b = ref.getBundle();
            String moduleId = b.getSymbolicName() + "_" + b.getVersion();
            ModuleCounters counters = modules.computeIfAbsent(b.getBundleId(), k -> new ModuleCounters(moduleId));
            PacketFilter filter = filterOf(ref, moduleId);
            if (filter == null) {
                return null;
            }
            PktProcessor p = context.getService(ref);
            if (p == null) {
                return null;
            }
            Stage s = new Stage(p, filter, counters);
            publish(ref, s, null); // the tracker records s only after we return
            return s;
        }

        @Override
        public void modifiedService(ServiceReference<PktProcessor> ref, Stage stage) {
            PacketFilter filter = filterOf(ref, stage.counters.moduleId());
            if (filter != null) {
                stage.filter = filter;
            }
            publish(null, null, null); // the ranking may have changed
        }

        @Override
        public void removedService(ServiceReference<PktProcessor> ref, Stage stage) {
            publish(null, null, ref);
            context.ungetService(ref);
        }
    }
}
