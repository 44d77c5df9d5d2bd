package org.netserv.controller.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.netserv.controller.Controller;
import org.netserv.controller.container.ContainerLauncher;
import org.netserv.controller.container.ContainerManager;
import org.netserv.controller.container.ContainerSupervisor;
import org.netserv.controller.container.ControlChannelLink;
import org.netserv.controller.container.ProcessContainerLauncher;
import org.netserv.controller.module.BundleStager;
import org.netserv.controller.module.OutboundGuard;
import org.netserv.controller.plane.ClickFsPlane;
import org.netserv.controller.plane.ControlSocketPlane;
import org.netserv.controller.plane.ForwardingPlane;
import org.netserv.controller.policy.Policy;
import org.netserv.controller.policy.PolicyException;
import org.netserv.controller.policy.PolicyLoader;
import org.netserv.controller.policy.Slot;

/**
 * Assembles a running controller from its config: policy, forwarding plane, container
 * supervisor, the NCM and admin sockets, the status endpoint, SIGHUP = reload. Used by both
 * entry points ({@link ControllerMain} for {@code java -jar}, {@link ControllerDaemon} for jsvc).
 */
public final class NodeRuntime implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(NodeRuntime.class.getName());

    private final Controller controller;
    private final NcmSocketServer ncm;
    private final AdminSocketServer admin;
    private final StatusHttpServer http;

    private NodeRuntime(final Controller c, final NcmSocketServer n, final AdminSocketServer a, final StatusHttpServer h) {
        this.controller = c;
        this.ncm = n;
        this.admin = a;
        this.http = h;
    }

    static OutboundGuard outbound(final ControllerConfig cfg) throws IOException {
        try {
            return new OutboundGuard(cfg.list("outbound_allow"), cfg.list("management_networks"), List.of());
        } catch (IllegalArgumentException e) {
            throw new IOException("outbound_allow / management_networks: " + e.getMessage(), e);
        }
    }

    public static NodeRuntime start(final ControllerConfig cfg) throws IOException, PolicyException {
        final Policy policy = PolicyLoader.load(cfg.path("policy"));
        final ForwardingPlane plane = plane(cfg);
        final ContainerManager containers = cfg.yes("containers") ? supervisor(cfg, policy) : new NoContainers();
        final Controller c = new Controller(policy,
                new Controller.Options(cfg.path("state_dir"), Clock.systemUTC(), cfg.integer("classifier_outputs"),
                        cfg.yes("containers") ? BundleStager.rootOwned(cfg.path("state_dir")) : BundleStager.IN_PLACE,
                        outbound(cfg)),
                plane, containers);
        c.start();
        final NcmSocketServer n = new NcmSocketServer(cfg.path("socket"), c);
        final AdminSocketServer a = new AdminSocketServer(cfg.path("admin_socket"), c);
        StatusHttpServer h = null;
        if (!cfg.get("http").isEmpty()) {
            final String hp = cfg.get("http");
            h = new StatusHttpServer(managementAddress(hp), c);
            final int colon = hp.lastIndexOf(':');
            LOG.log(System.Logger.Level.INFO, "status endpoint on http://{0}/status", hp.substring(0, colon) + ":" + h.port());
        }
        final NodeRuntime rt = new NodeRuntime(c, n, a, h);
        rt.installSighup();
        return rt;
    }

    /**
     * The status endpoint binds the management address it is given, never every address:
     * a wildcard would serve it on the routed interfaces too.
     */
    static InetSocketAddress managementAddress(final String hostPort) {
        final int colon = hostPort.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("http: expected ADDRESS:PORT of the management interface, got " + hostPort);
        }
        final InetSocketAddress a = new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
        if (a.isUnresolved() || a.getAddress().isAnyLocalAddress()) {
            throw new IllegalArgumentException("http: " + hostPort + " is not one address: give the management "
                    + "interface's address (default 127.0.0.1), never a wildcard");
        }
        return a;
    }

    static ForwardingPlane plane(final ControllerConfig cfg) {
        final String fp = cfg.get("forwarding_plane");
        if (fp.startsWith("tcp:")) {
            final java.net.SocketAddress a = ControlSocketPlane.address(fp);
            if (!(a instanceof InetSocketAddress ia) || ia.isUnresolved() || !ia.getAddress().isLoopbackAddress()) {
                throw new IllegalArgumentException("forwarding_plane " + fp + ": the engine's handlers are reachable "
                        + "from the node only; use unix:PATH (the engine's UNIX ControlSocket)");
            }
            LOG.log(System.Logger.Level.WARNING, "forwarding_plane {0}: a TCP ControlSocket refuses ns.config writes unless "
                    + "started with RECONFIGURE true; unix:PATH is the supported way", fp);
        }
        if (fp.startsWith("clickfs:")) {
            return new ClickFsPlane(Path.of(fp.substring("clickfs:".length())), cfg.get("classifier"));
        }
        return new ControlSocketPlane(fp, cfg.get("classifier"));
    }

    static ContainerManager supervisor(final ControllerConfig cfg, final Policy policy) throws IOException {
        final String uid = cfg.get("controller_uid").isEmpty() ? Integer.toString(ownUid()) : cfg.get("controller_uid");
        final ProcessContainerLauncher launcher = new ProcessContainerLauncher(new ProcessContainerLauncher.Settings(
                cfg.path("container_launcher"), cfg.path("state_dir"), cfg.path("run_dir"), cfg.path("devdir"),
                Integer.parseInt(uid), cfg.get("java_home"), cfg.get("bundles_dir"),
                withPolicyPaths(cfg, policy), cfg.yes("netns"), cfg.list("isolation_optional")));
        launcher.setAllSlots(policy.slots());
        return new ContainerSupervisor(launcher, ControlChannelLink::connect,
                cfg.integer("container_connect_timeout_ms"), cfg.yes("stop_containers_on_exit"));
    }

    /**
     * A container must never see the policy, the keys or the controller's state; the sandboxes
     * themselves may live under the state directory, so only the controller's own entries are
     * hidden, and the policy directory only when no sandbox lies inside it.
     */
    private static java.util.List<String> withPolicyPaths(final ControllerConfig cfg, final Policy policy) {
        final java.util.List<String> l = new java.util.ArrayList<>(cfg.list("hidden_paths"));
        final Path pol = cfg.path("policy").toAbsolutePath();
        l.add(pol.toString());
        final Path polDir = pol.getParent();
        if (policy.slots().stream().noneMatch(s -> s.sandbox().toAbsolutePath().startsWith(polDir))) {
            l.add(polDir.toString());
        }
        final Path state = cfg.path("state_dir").toAbsolutePath();
        for (final String own : new String[] {"bundles", "containers", "modules.json", "nonces.journal"}) {
            l.add(state.resolve(own).toString());
        }
        return l;
    }

    static int ownUid() throws IOException {
        for (final String l : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (l.startsWith("Uid:")) {
                return Integer.parseInt(l.split("\\s+")[1]);
            }
        }
        throw new IOException("no Uid in /proc/self/status");
    }

    @SuppressWarnings("restriction")
    private void installSighup() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), sig -> {
                try {
                    controller.reload();
                } catch (PolicyException e) {
                    LOG.log(System.Logger.Level.ERROR, "SIGHUP: policy not reloaded: {0}", e.getMessage());
                }
            });
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "SIGHUP reload unavailable: {0}", e.getMessage());
        }
    }

    public Controller controller() {
        return controller;
    }

    @Override
    public void close() {
        if (http != null) {
            http.close();
        }
        ncm.close();
        admin.close();
        controller.close();
    }

    /** containers = no: the node runs without service containers (signaling/forwarding tests). */
    static final class NoContainers implements ContainerManager {
        @Override
        public void start(final Policy p, final Listener l) {
        }

        @Override
        public void update(final Policy p) {
        }

        @Override
        public java.util.Optional<org.netserv.controller.container.ContainerLink> link(final int slot) {
            return java.util.Optional.empty();
        }

        @Override
        public void linkFailed(final int slot, final String why) {
        }

        @Override
        public java.util.Map<Integer, java.util.Map<String, Object>> describe() {
            return java.util.Map.of();
        }

        @Override
        public java.util.List<Integer> readySlots() {
            return java.util.List.of();
        }

        @Override
        public void close() {
        }
    }

}
