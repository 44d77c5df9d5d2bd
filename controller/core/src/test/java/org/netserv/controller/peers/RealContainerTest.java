package org.netserv.controller.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netserv.controller.Controller;
import org.netserv.controller.Fixtures;
import org.netserv.controller.container.ContainerSupervisor;
import org.netserv.controller.container.ControlChannelLink;
import org.netserv.controller.container.ProcessContainerLauncher;
import org.netserv.controller.ncm.NcmResponse;
import org.netserv.controller.policy.Policy;
import org.netserv.controller.policy.PolicyLoader;

/**
 * The controller with REAL service containers (the container runtime, its control channel,
 * Equinox installing real bundles) launched and supervised by {@link ContainerSupervisor},
 * bundles served by a real HTTP server. The forwarding plane is the in-memory fake (modules
 * here carry no filter); {@code tests/controller/test-controller-e2e.sh} adds the real engine.
 */
class RealContainerTest {
    @TempDir
    Path dir;

    Controller controller;
    HttpServer http;

    @AfterEach
    void tearDown() {
        if (controller != null) {
            controller.close();
        }
        if (http != null) {
            http.stop(0);
        }
    }

    @Test
    void installsIntoARealContainerAndReinstallsAfterTheContainerIsKilled() throws Exception {
        final Path launcher = RealPeers.containerLauncher(dir);
        assumeTrue(launcher != null, "container runtime not built (build/bin/netserv-container or build/container/lib)");
        assumeTrue(uid() == 0 || !launcher.endsWith("bin/netserv-container"),
                "the container launcher needs root (it drops each container to its own uid)");
        final byte[] bundle = RealPeers.bundle("NetServ.test.Plain", "1.0.0");
        final String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bundle));
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
        http.createContext("/plain.jar", ex -> {
            ex.sendResponseHeaders(200, bundle.length);
            ex.getResponseBody().write(bundle);
            ex.close();
        });
        http.start();

        final KeyPair jane = Fixtures.ed25519();
        final Path policyFile = Fixtures.policy(dir, Fixtures.pem(jane.getPublic()), Fixtures.pem(Fixtures.ed25519().getPublic()),
                "<prefix>10.61.0.0/16</prefix>", "");
        RealPeers.useSlots4041(dir, policyFile);
        final Policy policy = PolicyLoader.load(policyFile);
        final ProcessContainerLauncher pl = new ProcessContainerLauncher(new ProcessContainerLauncher.Settings(
                launcher, dir.resolve("state"), dir.resolve("run"), dir.resolve("dev"), uid(), "", "", List.of(), false));
        final ContainerSupervisor sup = new ContainerSupervisor(pl, ControlChannelLink::connect, 60_000, true);
        final org.netserv.controller.Fakes.Plane plane = new org.netserv.controller.Fakes.Plane(42);
        controller = new Controller(policy, new Controller.Options(dir.resolve("state"), Clock.systemUTC(), 0,
                org.netserv.controller.module.BundleStager.rootOwned(dir.resolve("state"))).withOutbound(Fixtures.PUBLISHER_ON_LOOPBACK),
                plane, sup);
        controller.start();
        assertTrue(waitFor(() -> sup.readySlots().size() == 2 && controller.readySlotCount() == 2, 90_000),
                "containers did not come up: " + sup.describe() + "\n" + log("slot-40"));

        final long now = System.currentTimeMillis() / 1000;
        final NcmResponse r = controller.handle(Fixtures.sign(Fixtures.setup("NetServ.test.Plain_1.0.0", "janedoe", 600,
                "http://127.0.0.1:" + http.getAddress().getPort() + "/plain.jar", digest, now), jane));
        assertEquals(200, r.code(), r.toWire());
        final ControlChannelLink probe = ControlChannelLink.connect(pl.controlSocket(policy.slot(40).orElseThrow()), 40, "janedoe");
        assertEquals(List.of("NetServ.test.Plain_1.0.0"), probe.list());
        assertEquals("ACTIVE", probe.status().modules().get("NetServ.test.Plain_1.0.0").state());
        probe.close();

        // a module whose bundle is not what its id says is refused by the container: 500 with its reason
        final NcmResponse wrongId = controller.handle(Fixtures.sign(Fixtures.setup("NetServ.test.Other_1.0.0", "janedoe", 600,
                "http://127.0.0.1:" + http.getAddress().getPort() + "/plain.jar", digest, now), jane));
        assertEquals(500, wrongId.code(), wrongId.toWire());
        assertTrue(wrongId.reason().startsWith("container refused install: "), wrongId.reason());

        // kill -9 the container: the supervisor restarts it and the controller reinstalls the module
        final long pid = (Long) sup.describe().get(40).get("pid");
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        assertTrue(waitFor(() -> !Long.valueOf(pid).equals(sup.describe().get(40).get("pid"))
                && sup.readySlots().contains(40) && controller.readySlotCount() == 2, 90_000),
                "container not restarted: " + sup.describe());
        final ControlChannelLink again = ControlChannelLink.connect(pl.controlSocket(policy.slot(40).orElseThrow()), 40, "janedoe");
        assertEquals(List.of("NetServ.test.Plain_1.0.0"), again.list());
        again.close();
        assertEquals(1, (Integer) sup.describe().get(40).get("restarts"));

        // REMOVE goes through to the real container
        final NcmResponse rm = controller.handle(Fixtures.sign(Fixtures.remove("NetServ.test.Plain_1.0.0", "janedoe",
                System.currentTimeMillis() / 1000), jane));
        assertEquals(200, rm.code(), rm.toWire());
        final ControlChannelLink after = ControlChannelLink.connect(pl.controlSocket(policy.slot(40).orElseThrow()), 40, "janedoe");
        assertEquals(List.of(), after.list());
        after.close();

        // a reload that changes the container's own settings restarts it; its modules come back
        assertEquals(200, controller.handle(Fixtures.sign(Fixtures.setup("NetServ.test.Plain_1.0.0", "janedoe", 600,
                "http://127.0.0.1:" + http.getAddress().getPort() + "/plain.jar", digest,
                System.currentTimeMillis() / 1000), jane)).code());
        final long pid2 = (Long) sup.describe().get(40).get("pid");
        Files.writeString(policyFile, Files.readString(policyFile).replace("<sandbox>" + dir.resolve("sandbox") + "/0</sandbox>",
                "<sandbox>" + dir.resolve("sandbox") + "/0</sandbox>\n<limits memory-mb=\"192\"/>"));
        assertTrue(controller.reload().contains("0 modules removed"));
        assertTrue(waitFor(() -> !Long.valueOf(pid2).equals(sup.describe().get(40).get("pid"))
                && sup.readySlots().contains(40) && controller.readySlotCount() == 2, 90_000),
                "container not restarted after a settings change: " + sup.describe());
        assertTrue(log("slot-40").contains("memory_mb = 192"), log("slot-40"));
        final ControlChannelLink restarted = ControlChannelLink.connect(pl.controlSocket(policy.slot(40).orElseThrow()), 40, "janedoe");
        assertEquals(List.of("NetServ.test.Plain_1.0.0"), restarted.list());
        restarted.close();
    }

    private String log(final String name) {
        try {
            final String l = Files.readString(dir.resolve("state/containers/" + name + ".log"));
            return l.substring(Math.max(0, l.length() - 3000)) + "\nconfig:\n"
                    + Files.readString(dir.resolve("state/containers/" + name + ".conf"));
        } catch (java.io.IOException e) {
            return "(no log: " + e + ")";
        }
    }

    static int uid() throws java.io.IOException {
        for (final String l : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (l.startsWith("Uid:")) {
                return Integer.parseInt(l.split("\\s+")[1]);
            }
        }
        throw new java.io.IOException("no uid");
    }

    static boolean waitFor(final java.util.function.BooleanSupplier c, final long ms) throws InterruptedException {
        final long end = System.nanoTime() + ms * 1_000_000;
        while (System.nanoTime() < end) {
            if (c.getAsBoolean()) {
                return true;
            }
            Thread.sleep(100);
        }
        return c.getAsBoolean();
    }

}
