package org.netserv.controller.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.netserv.controller.security.AttackLog.attack;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
 * Issue 14 item 7 with REAL containers: janedoe installs a module whose activator never returns
 * (test bundle {@code hang}); while that install hangs, bob's SETUP, REMOVE and a TTL expiry go
 * through. Jane's module is then failed after the container's bound and gone (the container
 * restarts without it); her container takes a normal module afterwards.
 */
class FreezeAttackTest {
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

    private static Path hangBundle() throws java.io.IOException {
        final Path target = RealPeers.root().resolve("container/test-bundles/target");
        if (!Files.isDirectory(target)) {
            return null;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(target, "netserv-container-test-bundles-*-hang.jar")) {
            for (final Path p : s) {
                return p;
            }
        }
        return null;
    }

    @Test
    void aModuleWhoseActivatorNeverReturnsFreezesNobodyElse() throws Exception {
        final Path launcher = RealPeers.containerLauncher(dir);
        assumeTrue(launcher != null, "container runtime not built (build/bin/netserv-container or build/container/lib)");
        assumeTrue(RealContainerTest.uid() == 0 || !launcher.endsWith("bin/netserv-container"),
                "the container launcher needs root (it drops each container to its own uid)");
        final Path hangJar = hangBundle();
        assumeTrue(hangJar != null, "test bundle 'hang' not built (mvn -pl container/test-bundles package)");
        final byte[] hang = Files.readAllBytes(hangJar);
        final byte[] plain = RealPeers.bundle("NetServ.test.Plain", "1.0.0");
        final byte[] other = RealPeers.bundle("NetServ.test.Other", "1.0.0");
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        for (final var e : Map.of("/hang.jar", hang, "/plain.jar", plain, "/other.jar", other).entrySet()) {
            http.createContext(e.getKey(), ex -> {
                ex.sendResponseHeaders(200, e.getValue().length);
                ex.getResponseBody().write(e.getValue());
                ex.close();
            });
        }
        http.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        http.start();
        final String base = "http://127.0.0.1:" + http.getAddress().getPort();

        final KeyPair jane = Fixtures.ed25519();
        final KeyPair bob = Fixtures.ed25519();
        final Path policyFile = Fixtures.policy(dir, Fixtures.pem(jane.getPublic()), Fixtures.pem(bob.getPublic()),
                "<prefix>10.61.0.0/16</prefix>", "");
        RealPeers.useSlots4041(dir, policyFile);
        final Policy policy = PolicyLoader.load(policyFile);
        final ProcessContainerLauncher pl = new ProcessContainerLauncher(new ProcessContainerLauncher.Settings(
                launcher, dir.resolve("state"), dir.resolve("run"), dir.resolve("dev"), RealContainerTest.uid(), "", "",
                List.of(), false));
        final ContainerSupervisor sup = new ContainerSupervisor(pl, ControlChannelLink::connect, 60_000, true);
        controller = new Controller(policy, new Controller.Options(dir.resolve("state"), Clock.systemUTC(), 0,
                org.netserv.controller.module.BundleStager.rootOwned(dir.resolve("state"))).withOutbound(Fixtures.PUBLISHER_ON_LOOPBACK),
                new org.netserv.controller.Fakes.Plane(42), sup);
        controller.start();
        assertTrue(RealContainerTest.waitFor(() -> controller.readySlotCount() == 2, 90_000), "containers did not come up: " + sup.describe());
        final String hangDigest = hex(hang);
        final long janePid = (Long) sup.describe().get(40).get("pid");

        final CompletableFuture<NcmResponse> janeSetup = CompletableFuture.supplyAsync(() -> controller.handle(Fixtures.sign(
                Fixtures.setup("NetServ.test.hang_1.0.0", "janedoe", 600, base + "/hang.jar", hangDigest, now()), jane)));
        // jane's install is under way once her bundle is staged for her container (the INSTALL call follows)
        assertTrue(RealContainerTest.waitFor(() -> staged(dir.resolve("state").resolve("stage"), hangDigest) || janeSetup.isDone(), 60_000),
                "jane's bundle was never staged");
        Thread.sleep(1000);
        assertTrue(!janeSetup.isDone(), "jane's install of a never-returning activator finished: " + janeSetup.getNow(null));
        attack("controller <-> container", "tenant module whose activator never returns (real container, real bundle)",
                "other tenant's SETUP, REMOVE, TTL expiry and PROBE complete while it hangs", () -> {
                    final NcmResponse s1 = controller.handle(Fixtures.sign(Fixtures.setup("NetServ.test.Plain_1.0.0", "bob", 600,
                            base + "/plain.jar", hex(plain), now()), bob));
                    assertEquals(200, s1.code(), s1.toWire());
                    final NcmResponse rm = controller.handle(Fixtures.sign(Fixtures.remove("NetServ.test.Plain_1.0.0", "bob", now()), bob));
                    assertEquals(200, rm.code(), rm.toWire());
                    final NcmResponse s2 = controller.handle(Fixtures.sign(Fixtures.setup("NetServ.test.Other_1.0.0", "bob", 1,
                            base + "/other.jar", hex(other), now()), bob));
                    assertEquals(200, s2.code(), s2.toWire());
                    assertTrue(RealContainerTest.waitFor(() -> controller.modules().stream()
                            .noneMatch(m -> m.moduleId().equals("NetServ.test.Other_1.0.0")), 30_000), "bob's TTL did not expire");
                    final NcmResponse probe = controller.handle(Fixtures.sign(new org.netserv.controller.ncm.NcmWriter(
                            org.netserv.ncm.Method.PROBE, null).header("user", "bob").header("probe", "status,resources")
                            .header("nonce", Fixtures.nonce()).header("timestamp", Long.toString(now())), bob));
                    assertEquals(200, probe.code(), probe.toWire());
                    // ordering, not a time limit: bob was not queued behind jane's hanging install
                    assertTrue(!janeSetup.isDone(), "jane's install finished before bob's work: bob was serialized behind it");
                });
        attack("controller <-> container", "same module, after the container's activator bound",
                "SETUP answers 500, module gone, container restarted without it, takes a normal module after", () -> {
                    final NcmResponse r = janeSetup.get(120, TimeUnit.SECONDS);
                    assertEquals(500, r.code(), r.toWire());
                    assertTrue(r.reason().contains("activator of NetServ.test.hang_1.0.0 did not return"), r.reason());
                    assertTrue(controller.modules().stream().noneMatch(m -> m.moduleId().startsWith("NetServ.test.hang")));
                    assertTrue(RealContainerTest.waitFor(() -> !Long.valueOf(janePid).equals(sup.describe().get(40).get("pid"))
                            && controller.readySlotCount() == 2, 90_000), "container 40 not restarted: " + sup.describe());
                    final NcmResponse after = controller.handle(Fixtures.sign(Fixtures.setup("NetServ.test.Plain_1.0.0", "janedoe", 600,
                            base + "/plain.jar", hex(plain), now()), jane));
                    assertEquals(200, after.code(), after.toWire());
                    final ControlChannelLink l = ControlChannelLink.connect(pl.controlSocket(policy.slot(40).orElseThrow()), 40, "janedoe");
                    assertEquals(List.of("NetServ.test.Plain_1.0.0"), l.list());
                    l.close();
                });
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private static String hex(final byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private static boolean staged(final Path stageRoot, final String digest) {
        try (var files = Files.walk(stageRoot)) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith(digest));
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }
}
