package org.netserv.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.netserv.controller.security.AttackLog.attack;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netserv.controller.ncm.NcmResponse;
import org.netserv.controller.ncm.NcmWriter;
import org.netserv.controller.policy.PolicyLoader;

/**
 * Issue 14 item 6: authorization means what the policy says. Each attack is performed against
 * the real controller (fakes only for the plane and containers it drives) and shown to fail,
 * with the other tenant unaffected.
 */
class PolicyAttackTest {
    static final String MOD = "NetServ.apps.Mod_1.0.0";

    @TempDir
    Path dir;

    final KeyPair jane = Fixtures.ed25519();
    final KeyPair bob = Fixtures.ec();
    final byte[] bundle = "PK\3\4 jane's private bundle".getBytes();
    final byte[] bundle2 = "PK\3\4 bob's bundle".getBytes();
    String digest;
    String digest2;
    HttpServer http;
    String base;
    Fakes.MutableClock clock;
    Fakes.Plane plane;
    Fakes.Containers containers;
    Controller controller;
    Path policyFile;

    @BeforeEach
    void setUp() throws Exception {
        digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bundle));
        digest2 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bundle2));
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        for (final var e : java.util.Map.of("/jane.jar", bundle, "/bob.jar", bundle2).entrySet()) {
            http.createContext(e.getKey(), ex -> {
                ex.sendResponseHeaders(200, e.getValue().length);
                ex.getResponseBody().write(e.getValue());
                ex.close();
            });
        }
        http.start();
        base = "http://127.0.0.1:" + http.getAddress().getPort();
        clock = new Fakes.MutableClock(1_800_000_000_000L);
        policyFile = Fixtures.policy(dir, Fixtures.pem(jane.getPublic()), Fixtures.pem(bob.getPublic()),
                "<prefix>10.61.0.0/16</prefix>", "");
        Files.writeString(policyFile, Files.readString(policyFile)
                .replace("<replay window-seconds=\"300\" nonce-cache=\"1000\"/>",
                        "<replay window-seconds=\"300\" nonce-cache=\"8\" future-skew-seconds=\"30\" max-age-seconds=\"60\"/>"));
        plane = new Fakes.Plane(2);
        containers = new Fakes.Containers();
        controller = newController();
    }

    private Controller newController() throws Exception {
        final Controller c = new Controller(PolicyLoader.load(policyFile),
                new Controller.Options(dir.resolve("state"), clock, 0).withOutbound(Fixtures.PUBLISHER_ON_LOOPBACK),
                plane, containers);
        c.start();
        return c;
    }

    @AfterEach
    void tearDown() {
        controller.close();
        http.stop(0);
    }

    private long now() {
        return clock.millis() / 1000;
    }

    private NcmResponse send(final KeyPair k, final NcmWriter w) {
        return controller.handle(Fixtures.sign(w, k));
    }

    private NcmWriter janeSetup() {
        return Fixtures.setup(MOD, "janedoe", 600, base + "/jane.jar", digest, now());
    }

    private NcmWriter bobSetup(final long timestamp) {
        return Fixtures.setup("NetServ.apps.Bob_1.0.0", "bob", 600, base + "/bob.jar", digest2, timestamp);
    }

    @Test
    void aFilterWithoutPortsGetsTheSlotsPortsNotEveryPort() throws Exception {
        attack("controller authorization", "SETUP with filter-proto udp and no filter-port (every UDP port of the prefix)",
                "filter bounded to the slot's ports 5060, 8080", () -> {
                    final NcmResponse r = send(jane, janeSetup().header("filter-proto", "udp"));
                    assertEquals(200, r.code(), r.toWire());
                    assertEquals("udp && (dst port 5060 || dst port 8080) && dst net 10.61.0.0/16, false, -", plane.config);
                });
        attack("controller authorization", "SETUP with only filter-dst (all protocols, all ports)",
                "filter bounded to tcp/udp on the slot's ports", () -> {
                    final NcmResponse r = send(bob, bobSetup(now()).header("filter-dst", "10.62.1.0/24"));
                    assertEquals(200, r.code(), r.toWire());
                    assertTrue(plane.config.endsWith(", (tcp || udp) && dst port 9000 && dst net 10.62.1.0/24, -"), plane.config);
                });
    }

    @Test
    void aPrefixMovedToAnotherTenantStopsReachingTheFirstAtOnce() throws Exception {
        assertEquals(200, send(jane, janeSetup().header("filter-proto", "udp").header("filter-port", "5060")).code());
        assertEquals("udp && dst port 5060 && dst net 10.61.0.0/16, false, -", plane.config);
        attack("controller policy reload", "prefix 10.61.128.0/17 moved from janedoe to bob; jane's filter had no filter-dst",
                "jane's filter rebuilt to 10.61.0.0/17 at reload", () -> {
                    Files.writeString(policyFile, Files.readString(policyFile)
                            .replace("<prefix>10.61.0.0/16</prefix>", "<prefix>10.61.0.0/17</prefix>")
                            .replace("<prefix>10.62.0.0/16</prefix>", "<prefix>10.62.0.0/16</prefix><prefix>10.61.128.0/17</prefix>"));
                    controller.reload();
                    assertEquals("udp && dst port 5060 && dst net 10.61.0.0/17, false, -", plane.config);
                    assertEquals(1, controller.modules().size());
                });
        attack("controller start", "same policy change made while the controller was down",
                "filter rebuilt from the current policy at start", () -> {
                    controller.close();
                    controller = newController();
                    assertEquals("udp && dst port 5060 && dst net 10.61.0.0/17, false, -", plane.config);
                });
    }

    @Test
    void oneTenantsFutureStampedFloodDoesNotLockOthersOut() throws Exception {
        attack("controller replay guard", "bob floods 3 x nonce-cache NCMs stamped 30 s ahead (raising the replay floor)",
                "jane's fresh SETUP still accepted; bob limited to the 30 s skew", () -> {
                    for (int i = 0; i < 24; i++) {
                        controller.handle(Fixtures.sign(Fixtures.remove("NetServ.apps.None_1.0.0", "bob", now() + 30), bob));
                    }
                    final NcmResponse r = send(jane, janeSetup());
                    assertEquals(200, r.code(), r.toWire());
                    final NcmResponse far = send(bob, bobSetup(now() + 31));
                    assertEquals("401 timestamp in the future: 31 s ahead (allowed skew 30 s)", far.code() + " " + far.reason());
                });
    }

    @Test
    void aTenantCannotInstallAnothersCachedBundleByNamingItsDigest() throws Exception {
        assertEquals(200, send(jane, janeSetup()).code());
        attack("controller bundle cache", "bob names jane's bundle digest with a URL that serves nothing",
                "502 download failed; jane's cached bundle not handed to bob", () -> {
                    final NcmResponse r = send(bob, Fixtures.setup("NetServ.apps.Steal_1.0.0", "bob", 600,
                            base + "/nothing-here.jar", digest, now()));
                    assertEquals("502 module download failed: HTTP 404", r.code() + " " + r.reason());
                    assertEquals(1, controller.modules().size());
                    assertTrue(containers.bySlot.get(1).modules.isEmpty());
                });
    }

    @Test
    void aProbeWithoutUserSeesOnlyWhatThePolicyMakesPublic() throws Exception {
        assertEquals(200, send(jane, janeSetup()).code());
        attack("controller PROBE", "bob sends PROBE status,resources without user (to list other tenants' modules)",
                "no module lines, no resources; says what was withheld", () -> {
                    final NcmResponse r = send(bob, new NcmWriter(org.netserv.ncm.Method.PROBE, null)
                            .header("probe", "status,capabilities,resources").header("nonce", Fixtures.nonce())
                            .header("timestamp", Long.toString(now())));
                    assertEquals(200, r.code(), r.toWire());
                    assertTrue(r.all("module").isEmpty(), r.toWire());
                    assertTrue(r.first("resources").isEmpty(), r.toWire());
                    assertTrue(r.first("capabilities").isPresent(), r.toWire());
                    assertEquals("status,resources (not public on this node; PROBE with user)", r.first("withheld").orElseThrow());
                });
        attack("controller PROBE", "neighbour: jane probes her own modules with user",
                "her module listed", () -> {
                    final NcmResponse r = send(jane, new NcmWriter(org.netserv.ncm.Method.PROBE, null).header("user", "janedoe")
                            .header("probe", "status").header("nonce", Fixtures.nonce()).header("timestamp", Long.toString(now())));
                    assertEquals(1, r.all("module").size(), r.toWire());
                });
    }

    /** Node r2: the same policy under another node id (and, when asked, requiring node binding). */
    private Controller nodeB(final Fakes.MutableClock clockB, final boolean requireBinding) throws Exception {
        final Path other = dir.resolve("node-b-" + requireBinding);
        Files.createDirectories(other);
        final Path policyB = other.resolve("policy.xml");
        String text = Files.readString(policyFile).replace("<node id=\"r1\">", "<node id=\"r2\">");
        if (requireBinding) {
            text = text.replace("max-age-seconds=\"60\"/>", "max-age-seconds=\"60\" require-node-binding=\"true\"/>");
        }
        Files.writeString(policyB, text);
        final Controller c = new Controller(PolicyLoader.load(policyB),
                new Controller.Options(other.resolve("state"), clockB, 0).withOutbound(Fixtures.PUBLISHER_ON_LOOPBACK),
                new Fakes.Plane(2), new Fakes.Containers());
        c.start();
        return c;
    }

    @Test
    void aCapturedSetupReplayedAtAnotherNodeLaterIsRefused() throws Exception {
        final String captured = Fixtures.sign(janeSetup(), jane);
        assertEquals(200, controller.handle(captured).code());
        final Fakes.MutableClock clockB = new Fakes.MutableClock(clock.millis());
        final Controller nodeB = nodeB(clockB, false);
        try {
            attack("controller replay guard", "SETUP naming no node, captured on the path through node r1, replayed at node r2 31 s later",
                    "401 stale (a SETUP/REMOVE naming no node lives 30 s, unbound-max-age-seconds); nothing installed at r2", () -> {
                        clockB.advanceSeconds(31);
                        final NcmResponse r = nodeB.handle(captured);
                        assertEquals("401 stale timestamp: 31 s old (SETUP/REMOVE naming no node: max age 30 s)", r.code() + " " + r.reason());
                        assertTrue(nodeB.modules().isEmpty());
                    });
            attack("controller replay guard", "neighbour: jane's fresh SETUP at node r2",
                    "200 installed", () -> assertEquals(200, nodeB.handle(Fixtures.sign(
                            Fixtures.setup(MOD, "janedoe", 600, base + "/jane.jar", digest, clockB.millis() / 1000), jane)).code()));
        } finally {
            nodeB.close();
        }
    }

    @Test
    void aSetupBoundToItsNodesIsIgnoredElsewhereAndExpires() throws Exception {
        final Fakes.MutableClock clockB = new Fakes.MutableClock(clock.millis());
        final Controller nodeB = nodeB(clockB, false);
        final Controller strictB = nodeB(clockB, true);
        try {
            final String boundToR1 = Fixtures.sign(janeSetup().header("node-id", "r1"), jane);
            assertEquals(200, controller.handle(boundToR1).code());
            attack("controller replay guard", "SETUP signed for node r1 (node-id: r1), captured at r1, replayed at once at node r2",
                    "ignored: 204 not addressed to this node; nothing installed at r2", () -> {
                        final NcmResponse r = nodeB.handle(boundToR1);
                        assertEquals("204 not addressed to this node", r.code() + " " + r.reason());
                        assertTrue(nodeB.modules().isEmpty());
                    });
            final String boundToPath = Fixtures.sign(bobSetup(now()).header("node-id", "r1,r3,r4"), bob);
            attack("controller replay guard", "SETUP signed for the path r1,r3,r4, replayed at node r2 (not on that path)",
                    "ignored: 204 not addressed to this node; nothing installed at r2", () -> {
                        assertEquals(200, controller.handle(boundToPath).code());
                        assertEquals(204, nodeB.handle(boundToPath).code());
                        assertTrue(nodeB.modules().isEmpty());
                    });
            attack("controller replay guard", "unbound SETUP (no node-id) at a node whose policy says require-node-binding",
                    "401 not bound to a node; nothing installed", () -> {
                        final NcmResponse r = strictB.handle(Fixtures.sign(
                                Fixtures.setup(MOD, "janedoe", 600, base + "/jane.jar", digest, clockB.millis() / 1000), jane));
                        assertEquals("401 not bound to a node: this node's policy requires node-id on SETUP/REMOVE",
                                r.code() + " " + r.reason());
                        assertTrue(strictB.modules().isEmpty());
                    });
            final String forR2 = Fixtures.sign(Fixtures.setup(MOD, "janedoe", 600, base + "/jane.jar", digest,
                    clockB.millis() / 1000).header("node-id", "r1,r2"), jane);
            attack("controller replay guard", "SETUP bound to the path r1,r2 replayed at r2 after its life (61 s, max-age-seconds 60)",
                    "401 stale; nothing installed", () -> {
                        clockB.advanceSeconds(61);
                        final NcmResponse r = strictB.handle(forR2);
                        assertEquals("401 stale timestamp: 61 s old (SETUP/REMOVE max age 60 s)", r.code() + " " + r.reason());
                        assertTrue(strictB.modules().isEmpty());
                    });
            attack("controller replay guard", "neighbour: jane's fresh SETUP bound to r1,r2 at r2 (require-node-binding)",
                    "200 installed", () -> assertEquals(200, strictB.handle(Fixtures.sign(Fixtures.setup(MOD, "janedoe", 600,
                            base + "/jane.jar", digest, clockB.millis() / 1000).header("node-id", "r1,r2"), jane)).code()));
        } finally {
            nodeB.close();
            strictB.close();
        }
    }
}
