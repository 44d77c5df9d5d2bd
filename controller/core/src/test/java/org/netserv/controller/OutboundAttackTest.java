package org.netserv.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.netserv.controller.security.AttackLog.attack;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netserv.controller.module.OutboundGuard;
import org.netserv.controller.ncm.NcmResponse;
import org.netserv.controller.policy.PolicyLoader;

/**
 * Issue 14 item 8: a tenant's signed URLs (bundle, redirect hops, notification) cannot aim the
 * node at itself. The publisher runs on 127.0.0.2 (the one address the test allows); the
 * "inside" victim is a listener on 127.0.0.1 (what the engine's ControlSocket on
 * 127.0.0.1:7777 stands for) that must see no connection at all.
 */
class OutboundAttackTest {
    @TempDir
    Path dir;

    final KeyPair jane = Fixtures.ed25519();
    final KeyPair bob = Fixtures.ec();
    final byte[] bundle = "PK\3\4 a bundle".getBytes();
    String digest;
    HttpServer publisher;
    String base;
    ServerSocket victim;
    final AtomicInteger victimConnections = new AtomicInteger();
    Fakes.Plane plane;
    Fakes.Containers containers;
    Controller controller;

    @BeforeEach
    void setUp() throws Exception {
        digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bundle));
        victim = new ServerSocket(0, 8, InetAddress.getByName("127.0.0.1"));
        final Thread t = new Thread(() -> {
            while (!victim.isClosed()) {
                try (Socket s = victim.accept()) {
                    victimConnections.incrementAndGet();
                } catch (java.io.IOException e) {
                    return;
                }
            }
        }, "victim");
        t.setDaemon(true);
        t.start();
        publisher = HttpServer.create(new InetSocketAddress("127.0.0.2", 0), 8);
        publisher.createContext("/mod.jar", ex -> {
            ex.sendResponseHeaders(200, bundle.length);
            ex.getResponseBody().write(bundle);
            ex.close();
        });
        publisher.createContext("/control-socket", ex -> {
            ex.getResponseHeaders().add("Location", "http://127.0.0.1:7777/hotconfig");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        publisher.createContext("/inside", ex -> {
            ex.getResponseHeaders().add("Location", "http://127.0.0.1:" + victim.getLocalPort() + "/hotconfig");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        publisher.start();
        base = "http://127.0.0.2:" + publisher.getAddress().getPort();
        final Path policy = Fixtures.policy(dir, Fixtures.pem(jane.getPublic()), Fixtures.pem(bob.getPublic()),
                "<prefix>10.61.0.0/16</prefix>", "");
        plane = new Fakes.Plane(2);
        containers = new Fakes.Containers();
        controller = new Controller(PolicyLoader.load(policy), new Controller.Options(dir.resolve("state"),
                java.time.Clock.systemUTC(), 0).withOutbound(new OutboundGuard(List.of("127.0.0.2/32"), List.of("192.0.2.0/24"),
                List.of())), plane, containers);
        controller.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        controller.close();
        publisher.stop(0);
        victim.close();
    }

    private NcmResponse setup(final KeyPair k, final String user, final String module, final String url, final String... extra) {
        final var w = Fixtures.setup(module, user, 600, url, digest, System.currentTimeMillis() / 1000);
        for (int i = 0; i < extra.length; i += 2) {
            w.header(extra[i], extra[i + 1]);
        }
        return controller.handle(Fixtures.sign(w, k));
    }

    @Test
    void bundleUrlsAndRedirectsCannotPointInside() throws Exception {
        attack("controller bundle download", "publisher URL 302-redirects to 127.0.0.1 (engine ControlSocket port)",
                "403, no connection to 127.0.0.1, nothing installed", () -> {
                    final NcmResponse r = setup(jane, "janedoe", "NetServ.apps.A_1.0.0", base + "/inside");
                    assertEquals(403, r.code(), r.toWire());
                    assertTrue(r.reason().startsWith("module download redirect refused: 127.0.0.1 is 127.0.0.1 (loopback)"), r.reason());
                    assertEquals(0, victimConnections.get());
                    assertTrue(controller.modules().isEmpty());
                });
        attack("controller bundle download", "publisher URL 302-redirects to http://127.0.0.1:7777/hotconfig",
                "403 at the redirect, before any connection", () -> {
                    final NcmResponse r = setup(jane, "janedoe", "NetServ.apps.A_1.0.0", base + "/control-socket");
                    assertEquals("403 module download redirect refused: 127.0.0.1 is 127.0.0.1 (loopback)", r.code() + " " + r.reason());
                });
        attack("controller bundle download", "bundle URL names loopback directly",
                "403 before any connection", () -> {
                    final NcmResponse r = setup(jane, "janedoe", "NetServ.apps.A_1.0.0",
                            "http://127.0.0.1:" + victim.getLocalPort() + "/x.jar");
                    assertEquals("403 module download refused: 127.0.0.1 is 127.0.0.1 (loopback)", r.code() + " " + r.reason());
                    assertEquals(0, victimConnections.get());
                });
        attack("controller bundle download", "bundle URL names a link-local metadata address (169.254.169.254)",
                "403", () -> assertEquals(403, setup(jane, "janedoe", "NetServ.apps.A_1.0.0", "http://169.254.169.254/latest").code()));
        attack("controller bundle download", "bundle URL names the node's own policy address (10.60.0.1)",
                "403", () -> {
                    final NcmResponse r = setup(jane, "janedoe", "NetServ.apps.A_1.0.0", "http://10.60.0.1:7777/x.jar");
                    assertEquals("403 module download refused: 10.60.0.1 is 10.60.0.1 (an address of this node)", r.code() + " " + r.reason());
                });
        attack("controller bundle download", "bundle URL inside the configured management network",
                "403", () -> {
                    final NcmResponse r = setup(jane, "janedoe", "NetServ.apps.A_1.0.0", "http://192.0.2.7/x.jar");
                    assertEquals("403 module download refused: 192.0.2.7 is 192.0.2.7 (management network)", r.code() + " " + r.reason());
                });
        attack("controller bundle download", "neighbour: another tenant installs from its (allowed) publisher meanwhile",
                "200 installed", () -> assertEquals(200, setup(bob, "bob", "NetServ.apps.B_1.0.0", base + "/mod.jar").code()));
    }

    @Test
    void notificationUrlsCannotPointInside() throws Exception {
        attack("controller notification", "SETUP with notification: http://127.0.0.1:<port>/RPC2",
                "module installed, notification refused, no connection to 127.0.0.1", () -> {
                    final NcmResponse r = setup(jane, "janedoe", "NetServ.apps.A_1.0.0", base + "/mod.jar",
                            "notification", "http://127.0.0.1:" + victim.getLocalPort() + "/RPC2");
                    assertEquals(200, r.code(), r.toWire());
                    final long deadline = System.nanoTime() + 10_000_000_000L;
                    while (controller.notificationsRefused() == 0 && System.nanoTime() < deadline) {
                        Thread.sleep(20);
                    }
                    assertEquals(1, controller.notificationsRefused());
                    assertEquals(0, victimConnections.get());
                });
    }
}
