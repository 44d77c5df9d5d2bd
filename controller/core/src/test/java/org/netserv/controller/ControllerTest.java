package org.netserv.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netserv.controller.ncm.NcmResponse;
import org.netserv.controller.ncm.NcmWriter;
import org.netserv.controller.policy.PolicyException;
import org.netserv.controller.policy.PolicyLoader;

/**
 * The controller's logic end to end over in-memory fakes of its own seams (plane, containers)
 * and a real HTTP server for bundles.
 */
class ControllerTest {
    static final String MOD = "NetServ.apps.NetMonitor_1.0.0";
    static final String MOD2 = "NetServ.apps.KeepAlive_1.0.0";

    @TempDir
    Path dir;

    final KeyPair jane = Fixtures.ed25519();
    final KeyPair bob = Fixtures.ec();
    final KeyPair stranger = Fixtures.ed25519();
    final byte[] bundle = "PK\3\4 a bundle, as far as the controller cares".getBytes();
    final byte[] bundle2 = "PK\3\4 another bundle".getBytes();
    final byte[] big = new byte[4096];
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
        digest = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bundle));
        digest2 = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bundle2));
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        serve("/mod.jar", bundle);
        serve("/mod2.jar", bundle2);
        serve("/big.jar", big);
        http.createContext("/loop", ex -> {
            ex.getResponseHeaders().add("Location", "/loop");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        http.createContext("/chunked.jar", ex -> {
            ex.sendResponseHeaders(200, 0); // no Content-Length: the cap must hold while reading
            for (int i = 0; i < 8; i++) {
                ex.getResponseBody().write(new byte[512]);
            }
            ex.close();
        });
        http.createContext("/slow.jar", ex -> {
            try {
                Thread.sleep(8000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.close();
        });
        http.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        http.start();
        base = "http://127.0.0.1:" + http.getAddress().getPort();
        clock = new Fakes.MutableClock(1_800_000_000_000L);
        policyFile = Fixtures.policy(dir, Fixtures.pem(jane.getPublic()), Fixtures.pem(bob.getPublic()),
                "<prefix>10.61.0.0/16</prefix>", "<limits max-modules=\"2\" max-module-bytes=\"1024\"/>");
        plane = new Fakes.Plane(2);
        containers = new Fakes.Containers();
        Fakes.EVENTS.clear();
        controller = newController();
    }

    private void serve(final String path, final byte[] body) {
        http.createContext(path, ex -> {
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
    }

    private Controller newController() throws Exception {
        final Controller c = new Controller(PolicyLoader.load(policyFile),
                new Controller.Options(dir.resolve("state"), clock, 0).withOutbound(Fixtures.PUBLISHER_ON_LOOPBACK), plane, containers);
        c.start();
        return c;
    }

    @AfterEach
    void tearDown() {
        controller.close();
        http.stop(0);
    }

    long now() {
        return clock.millis() / 1000;
    }

    NcmWriter setup(final String module, final String url, final String dig) {
        return Fixtures.setup(module, "janedoe", 600, url, dig, now());
    }

    NcmWriter filtered() {
        return setup(MOD, base + "/mod.jar", digest).header("filter-proto", "udp").header("filter-port", "5060")
                .header("filter-dst", "10.61.1.0/24");
    }

    NcmResponse send(final String wire) {
        return controller.handle(wire);
    }

    static final String PATTERN = "udp && dst port 5060 && dst net 10.61.1.0/24";


    @Test
    void setupInstallsTheModuleBeforeItsFilter() {
        final NcmResponse r = send(Fixtures.sign(filtered(), jane));
        assertEquals(200, r.code(), r.toWire());
        assertEquals("installed", r.reason());
        assertEquals("r1", r.first("node-id").orElseThrow());
        assertTrue(containers.bySlot.get(0).modules.containsKey(MOD));
        assertEquals(PATTERN + ", false, -", plane.config);
        assertOrdered(Fakes.EVENTS.indexOf("install 0 " + MOD), Fakes.EVENTS.indexOf("plane " + PATTERN + ", false, -"));
    }

    @Test
    void aFilterWithoutDestinationIsBoundedByTheSlotPrefixes() {
        final NcmResponse r = send(Fixtures.sign(setup(MOD, base + "/mod.jar", digest).header("filter-proto", "tcp")
                .header("filter-port", "8080"), jane));
        assertEquals(200, r.code(), r.toWire());
        assertEquals("tcp && dst port 8080 && dst net 10.61.0.0/16, false, -", plane.config);
    }

    @Test
    void slotPatternIsTheOrOfItsModules() {
        assertEquals(200, send(Fixtures.sign(filtered(), jane)).code());
        assertEquals(200, send(Fixtures.sign(setup(MOD2, base + "/mod2.jar", digest2).header("filter-proto", "tcp")
                .header("filter-port", "8080").header("filter-dst", "10.61.2.0/24"), jane)).code());
        assertEquals("(" + PATTERN + ") || (tcp && dst port 8080 && dst net 10.61.2.0/24), false, -", plane.config);
    }

    @Test
    void repeatedSetupRefreshesTtlAndInstallsOnce() {
        assertEquals(200, send(Fixtures.sign(filtered(), jane)).code());
        clock.advanceSeconds(500);
        final NcmResponse again = send(Fixtures.sign(filtered(), jane));
        assertEquals("refreshed", again.reason());
        assertEquals(1, containers.bySlot.get(0).installs.get(MOD));
        // the deadline itself moved: 600 s from the refresh (not from the install)
        assertEquals(clock.millis() + 600_000, controller.modules().get(0).deadline());
        clock.advanceSeconds(500); // 1000 s after install, 500 after refresh: still there
        assertFalse(controller.modules().isEmpty(), "refreshed module expired early");
        clock.advanceSeconds(101); // past the refreshed deadline: now it goes
        assertTrue(waitFor(() -> controller.modules().isEmpty(), 10_000), "refreshed module never expired");
    }

    @Test
    void ttlExpiryRemovesFilterThenModule() {
        assertEquals(200, send(Fixtures.sign(filtered(), jane)).code());
        clock.advanceSeconds(601);
        assertTrue(waitFor(() -> controller.modules().isEmpty(), 10_000), "module did not expire");
        assertEquals("false, false, -", plane.config);
        assertFalse(containers.bySlot.get(0).modules.containsKey(MOD));
        assertOrdered(Fakes.EVENTS.lastIndexOf("plane false, false, -"), Fakes.EVENTS.indexOf("remove 0 " + MOD));
    }

    @Test
    void removeRemovesFilterThenModule() {
        assertEquals(200, send(Fixtures.sign(filtered(), jane)).code());
        final NcmResponse r = send(Fixtures.sign(Fixtures.remove(MOD, "janedoe", now()), jane));
        assertEquals(200, r.code(), r.toWire());
        assertEquals("false, false, -", plane.config);
        assertTrue(containers.bySlot.get(0).modules.isEmpty());
        assertOrdered(Fakes.EVENTS.lastIndexOf("plane false, false, -"), Fakes.EVENTS.indexOf("remove 0 " + MOD));
        final NcmResponse again = send(Fixtures.sign(Fixtures.remove(MOD, "janedoe", now()), jane));
        assertEquals("404 module " + MOD + " not installed", again.code() + " " + again.reason());
    }

    @Test
    void anotherUserCannotRemoveAModule() {
        assertEquals(200, send(Fixtures.sign(filtered(), jane)).code());
        final NcmResponse r = send(Fixtures.sign(Fixtures.remove(MOD, "bob", now()), bob));
        assertEquals(404, r.code());
        assertTrue(containers.bySlot.get(0).modules.containsKey(MOD));
    }

    /** Each bad request: its exact response, and nothing changed anywhere. */
    @Test
    void everyBadInputGetsItsOwn4xxAndChangesNothing() throws Exception {
        assertEquals(200, send(Fixtures.sign(setup(MOD2, base + "/mod2.jar", digest2), jane)).code());
        final String replayed = Fixtures.sign(filtered().header("x-replay", "1"), jane);
        assertEquals(200, send(replayed).code());
        assertEquals(200, send(Fixtures.sign(Fixtures.remove(MOD, "janedoe", now()), jane)).code());
        final String deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = "http://127.0.0.1:" + s.getLocalPort() + "/mod.jar";
        }
        final Map<String, Function<Void, String>> cases = new java.util.LinkedHashMap<>();
        cases.put("401 bad signature", v -> {
            final String w = Fixtures.sign(filtered(), jane);
            final int i = w.indexOf("signature: ") + 11;
            return w.substring(0, i) + (w.charAt(i) == 'A' ? 'B' : 'A') + w.substring(i + 1);
        });
        cases.put("401 signature by a key not authorized for user janedoe", v -> Fixtures.sign(filtered(), bob));
        cases.put("401 bad signature ", v -> Fixtures.sign(filtered(), stranger));
        cases.put("409 replayed nonce", v -> replayed);
        cases.put("401 stale timestamp: 400 s old (SETUP/REMOVE max age 120 s)", v -> Fixtures.sign(
                Fixtures.setup(MOD, "janedoe", 600, base + "/mod.jar", digest, now() - 400).header("node-id", "r1"), jane));
        cases.put("401 stale timestamp: 31 s old (SETUP/REMOVE naming no node: max age 30 s)", v -> Fixtures.sign(
                Fixtures.setup(MOD, "janedoe", 600, base + "/mod.jar", digest, now() - 31), jane));
        cases.put("400 bad node-id: not a name or a comma-separated list of names", v -> Fixtures.sign(
                setup(MOD, base + "/mod.jar", digest).header("node-id", "r1,,r2"), jane));
        cases.put("403 unknown user: mallory owns no container slot", v -> Fixtures.sign(
                Fixtures.setup(MOD, "mallory", 600, base + "/mod.jar", digest, now()), jane));
        cases.put("403 filter-dst 10.9.0.0/16 not within slot prefixes", v -> Fixtures.sign(
                setup(MOD, base + "/mod.jar", digest).header("filter-dst", "10.9.0.0/16"), jane));
        cases.put("403 filter-dst 10.60.0.0/14 not within slot prefixes", v -> Fixtures.sign(
                setup(MOD, base + "/mod.jar", digest).header("filter-dst", "10.60.0.0/14"), jane));
        cases.put("403 filter-src 10.62.0.0/16 not within slot prefixes", v -> Fixtures.sign(
                setup(MOD, base + "/mod.jar", digest).header("filter-src", "10.62.0.0/16"), jane));
        cases.put("403 filter-port 22 not among slot ports [5060, 8080]", v -> Fixtures.sign(
                setup(MOD, base + "/mod.jar", digest).header("filter-port", "22"), jane));
        cases.put("422 digest mismatch: bundle has sha-256=" + digest, v -> Fixtures.sign(
                setup(MOD, base + "/mod.jar", "11".repeat(32)), jane));
        cases.put("413 module too large: 4096 bytes > limit 1024", v -> Fixtures.sign(
                setup(MOD, base + "/big.jar", "22".repeat(32)), jane));
        cases.put("413 module too large: more than limit 1024 bytes", v -> Fixtures.sign(
                setup(MOD, base + "/chunked.jar", "22".repeat(32)), jane));
        cases.put("502 module download failed: timeout", v -> Fixtures.sign(
                setup(MOD, base + "/slow.jar", "22".repeat(32)), jane));
        cases.put("502 module download failed: connection refused", v -> Fixtures.sign(
                setup(MOD, deadPort, "33".repeat(32)), jane));
        cases.put("502 module download failed: HTTP 404", v -> Fixtures.sign(
                setup(MOD, base + "/nothing.jar", "33".repeat(32)), jane));
        cases.put("502 module download failed: more than 2 redirects", v -> Fixtures.sign(
                setup(MOD, base + "/loop", "33".repeat(32)), jane));
        cases.put("412 dependency missing: sip", v -> Fixtures.sign(
                setup(MOD, base + "/mod.jar", digest).header("dependencies", "packet-dispatcher,sip"), jane));
        cases.put("400 missing header: module-digest", v -> "SETUP " + MOD + " NETSERV/0.1\nuser: janedoe\nttl: 5\nurl: "
                + base + "/mod.jar\nnonce: abcdefghijklmnopq\ntimestamp: " + now() + "\nsignature: AAAA\n\n");
        cases.put("400 bad request line: expected 'METHOD [module] NETSERV/0.1'", v -> "HELLO\n\n");

        final String planeBefore = plane.config;
        final int writesBefore = plane.writes.size();
        final List<String> modsBefore = new ArrayList<>(containers.bySlot.get(0).modules.keySet());
        final String stateBefore = Files.readString(dir.resolve("state/modules.json"));
        for (final Map.Entry<String, Function<Void, String>> c : cases.entrySet()) {
            final NcmResponse r = send(c.getValue().apply(null));
            assertEquals(c.getKey().trim(), r.code() + " " + r.reason(), c.getKey());
            assertEquals("r1", r.first("node-id").orElse(""), "every block carries node-id");
            assertEquals(planeBefore, plane.config, c.getKey());
            assertEquals(writesBefore, plane.writes.size(), c.getKey());
            assertEquals(modsBefore, new ArrayList<>(containers.bySlot.get(0).modules.keySet()), c.getKey());
            assertEquals(stateBefore, Files.readString(dir.resolve("state/modules.json")), c.getKey());
        }
        // the module limit (2) is a refusal too
        assertEquals(200, send(Fixtures.sign(filtered(), jane)).code());
        final NcmResponse full = send(Fixtures.sign(setup("Third_1.0", base + "/mod.jar", digest), jane));
        assertEquals("403 module limit reached: 2 of 2 in slot 0", full.code() + " " + full.reason());
    }

    @Test
    void notificationCallsThePublishersXmlRpcUrl() throws Exception {
        final java.util.concurrent.BlockingQueue<String> calls = new java.util.concurrent.LinkedBlockingQueue<>();
        http.createContext("/rpc", ex -> {
            calls.add(ex.getRequestMethod() + " " + ex.getRequestHeaders().getFirst("Content-Type") + " "
                    + new String(ex.getRequestBody().readAllBytes()));
            final byte[] b = "<?xml version=\"1.0\"?><methodResponse><params><param><value><string>ok</string></value></param></params></methodResponse>".getBytes();
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        assertEquals(200, send(Fixtures.sign(filtered().header("notification", base + "/rpc"), jane)).code());
        final String call = calls.poll(10, java.util.concurrent.TimeUnit.SECONDS);
        assertTrue(call != null && call.startsWith("POST text/xml <?xml"), String.valueOf(call));
        assertTrue(call.contains("<methodName>netserv.notify</methodName>") && call.contains("<string>r1</string>")
                && call.contains("<string>installed</string>") && call.contains("<string>" + MOD + "</string>"), call);
        assertEquals(200, send(Fixtures.sign(Fixtures.remove(MOD, "janedoe", now()), jane)).code());
        final String removal = calls.poll(10, java.util.concurrent.TimeUnit.SECONDS);
        assertTrue(removal != null && removal.contains("<string>removed</string>"), String.valueOf(removal));
    }

    @Test
    void nodeIdAddressedElsewhereIsLeftAlone() {
        final NcmResponse r = send(Fixtures.sign(filtered().header("node-id", "r7"), jane));
        assertEquals(204, r.code());
        assertTrue(controller.modules().isEmpty());
    }

    @Test
    void probeReportsStatusCapabilitiesAndResources() {
        assertEquals(200, send(Fixtures.sign(filtered(), jane)).code());
        final NcmWriter p = new NcmWriter(org.netserv.ncm.Method.PROBE, null)
                .header("probe", "status,capabilities,resources").header("nonce", Fixtures.nonce())
                .header("timestamp", Long.toString(now()));
        final NcmResponse anon = send(Fixtures.sign(p, bob)); // no user: any known publisher key, public items only
        assertEquals(200, anon.code(), anon.toWire());
        assertTrue(anon.all("module").isEmpty(), anon.toWire());
        assertTrue(anon.first("resources").isEmpty(), anon.toWire());
        assertEquals("status,resources (not public on this node; PROBE with user)", anon.first("withheld").orElseThrow());
        final NcmResponse r = send(Fixtures.sign(new NcmWriter(org.netserv.ncm.Method.PROBE, null).header("user", "janedoe")
                .header("probe", "status,capabilities,resources").header("nonce", Fixtures.nonce())
                .header("timestamp", Long.toString(now())), jane));
        assertEquals(200, r.code(), r.toWire());
        assertEquals(List.of(MOD + " version=1.0.0 state=ACTIVE ttl=600 packets=7 slot=0"), r.all("module"));
        final String caps = anon.first("capabilities").orElseThrow();
        assertTrue(caps.contains("node-id=r1") && caps.contains("building-blocks=packet-dispatcher,http")
                && caps.contains("containers=2") && caps.contains("module-capacity-free=9/10"), caps);
        final String res = r.first("resources").orElseThrow();
        assertTrue(res.matches("cpus=\\d+ load1=\\S+ mem-total-kb=\\d+ mem-available-kb=\\d+ disk-free-mb=\\d+.*"), res);
        // a user's probe sees only that user's modules
        final NcmResponse bobs = send(Fixtures.sign(new NcmWriter(org.netserv.ncm.Method.PROBE, null)
                .header("user", "bob").header("probe", "status").header("nonce", Fixtures.nonce())
                .header("timestamp", Long.toString(now())), bob));
        assertTrue(bobs.all("module").isEmpty(), bobs.toWire());
    }

    @Test
    void eachProbeAsksTheContainerAfresh() {
        assertEquals(200, send(Fixtures.sign(filtered(), jane)).code());
        assertEquals(List.of(MOD + " version=1.0.0 state=ACTIVE ttl=600 packets=7 slot=0"), janesProbe().all("module"));
        assertEquals(200, send(Fixtures.sign(Fixtures.setup(MOD2, "janedoe", 600, base + "/mod2.jar", digest2, now()), jane)).code());
        // the second module's counters come from a new STATUS, not the answer given before it was installed
        assertTrue(janesProbe().all("module").contains(MOD2 + " version=1.0.0 state=ACTIVE ttl=600 packets=7 slot=0"),
                janesProbe().toWire());
    }

    private NcmResponse janesProbe() {
        return send(Fixtures.sign(new NcmWriter(org.netserv.ncm.Method.PROBE, null).header("user", "janedoe")
                .header("probe", "status").header("nonce", Fixtures.nonce()).header("timestamp", Long.toString(now())), jane));
    }

    @Test
    void restartAfterCrashConvergesWithoutInstallingTwice() throws Exception {
        assertEquals(200, send(Fixtures.sign(filtered(), jane)).code());
        assertEquals(200, send(Fixtures.sign(Fixtures.setup(MOD2, "janedoe", 30, base + "/mod2.jar", digest2, now()), jane)).code());
        // bound to this node: it lives max-age (120 s), longer than the 60 s the controller is down
        final String replay = Fixtures.sign(Fixtures.remove(MOD, "janedoe", now()).header("node-id", "r1").header("x-a", "1"), jane);
        controller.close(); // a crash: nothing is cleaned up beyond what was persisted
        clock.advanceSeconds(60); // MOD2 (ttl 30) expired while we were down
        plane.config = "garbage, false, -";
        controller = newController();
        assertEquals(List.of(MOD), containers.bySlot.get(0).list());
        assertEquals(1, containers.bySlot.get(0).installs.get(MOD));
        assertEquals(PATTERN + ", false, -", plane.config);
        assertEquals(List.of(MOD), controller.modules().stream().map(m -> m.moduleId()).toList());
        // nonces survived: the REMOVE signed before the crash still works once...
        assertEquals(200, send(replay).code());
        // ...and is a replay the second time
        assertEquals(409, send(replay).code());
    }

    @Test
    void restartReinstallsModulesAContainerLost() throws Exception {
        assertEquals(200, send(Fixtures.sign(filtered(), jane)).code());
        controller.close();
        containers.bySlot.get(0).modules.clear(); // the container restarted too
        controller = newController();
        assertEquals(List.of(MOD), containers.bySlot.get(0).list());
        assertEquals(2, containers.bySlot.get(0).installs.get(MOD));
    }

    @Test
    void deadContainerLosesItsFilterUntilItsModulesAreBack() {
        assertEquals(200, send(Fixtures.sign(filtered(), jane)).code());
        containers.kill(0);
        assertEquals("false, false, -", plane.config);
        containers.restart(0);
        assertEquals(List.of(MOD), containers.bySlot.get(0).list());
        assertEquals(PATTERN + ", false, -", plane.config);
        assertOrdered(Fakes.EVENTS.lastIndexOf("install 0 " + MOD), Fakes.EVENTS.lastIndexOf("plane " + PATTERN + ", false, -"));
    }

    @Test
    void anEngineThatLostItsRulesGetsThemBack() {
        assertEquals(200, send(Fixtures.sign(filtered(), jane)).code());
        plane.config = "false, false, -"; // what a restarted engine would have
        assertTrue(waitFor(() -> (PATTERN + ", false, -").equals(plane.config), 15_000), plane.config);
    }

    @Test
    void planeDownRefusesSetupAndLeavesNothingBehind() {
        plane.down = true;
        final NcmResponse r = send(Fixtures.sign(filtered(), jane));
        assertEquals("503 forwarding plane unavailable: connection refused", r.code() + " " + r.reason());
        assertTrue(containers.bySlot.get(0).modules.isEmpty());
        assertTrue(controller.modules().isEmpty());
    }

    @Test
    void policyReloadRemovesOnlyWhatIsNoLongerAuthorized() throws Exception {
        assertEquals(200, send(Fixtures.sign(filtered(), jane)).code());
        assertEquals(200, send(Fixtures.sign(setup(MOD2, base + "/mod2.jar", digest2), jane)).code());
        final String good = Files.readString(policyFile);
        Files.writeString(policyFile, good.replace("<prefix>10.61.0.0/16</prefix>", "<prefix>10.61.2.0/24</prefix>"));
        final String summary = controller.reload();
        assertTrue(summary.contains("1 modules removed") && summary.contains("filter-dst 10.61.1.0/24"), summary);
        assertEquals(List.of(MOD2), containers.bySlot.get(0).list());
        assertEquals(1, containers.bySlot.get(0).installs.get(MOD2));
        assertEquals("false, false, -", plane.config);
        // a broken policy is refused and the running one stays
        Files.writeString(policyFile, good.replace("<user>bob</user>", "<usr>bob</usr>"));
        assertThrows(PolicyException.class, () -> controller.reload());
        assertEquals(List.of(MOD2), containers.bySlot.get(0).list());
        // a user losing the slot loses its modules
        Files.writeString(policyFile, good.replace("<user>janedoe</user>", "<user>carol</user>"));
        controller.reload();
        assertTrue(containers.bySlot.get(0).list().isEmpty());
    }

    @Test
    void reverseRoutabilityCheckOfPrefixOwnership() throws Exception {
        http.createContext("/.well-known/netserv-proof", ex -> {
            final byte[] b = "one-time-token-42\n".getBytes();
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        controller.close();
        final String p = Files.readString(policyFile)
                .replace("<prefix>10.61.0.0/16</prefix>", "<prefix>127.0.0.0/8</prefix>")
                .replace("<slot number=\"0\">", "<prefix-ownership port=\"" + http.getAddress().getPort()
                        + "\" timeout-ms=\"2000\"/>\n<slot number=\"0\" verify-prefix-ownership=\"true\">");
        Files.writeString(policyFile, p);
        controller = newController();
        final NcmResponse noProof = send(Fixtures.sign(setup(MOD, base + "/mod.jar", digest)
                .header("filter-dst", "127.0.0.0/24"), jane));
        assertEquals("403 prefix ownership of 127.0.0.0/24 not proven: no prefix-proof address inside it",
                noProof.code() + " " + noProof.reason());
        final NcmResponse wrong = send(Fixtures.sign(setup(MOD, base + "/mod.jar", digest)
                .header("filter-dst", "127.0.0.0/24").header("prefix-proof", "127.0.0.1=not-the-token"), jane));
        assertEquals("403 prefix ownership of 127.0.0.0/24 not proven: token at 127.0.0.1 does not match",
                wrong.code() + " " + wrong.reason());
        assertTrue(controller.modules().isEmpty());
        final NcmResponse ok = send(Fixtures.sign(setup(MOD, base + "/mod.jar", digest)
                .header("filter-dst", "127.0.0.0/24").header("prefix-proof", "127.0.0.1=one-time-token-42"), jane));
        assertEquals(200, ok.code(), ok.toWire());

        // attack: the proof address is the tenant's to name, so it may not aim the node at its own
        // loopback services either (the node above allowed loopback only for its test publisher)
        controller.close();
        controller = new Controller(PolicyLoader.load(policyFile), new Controller.Options(dir.resolve("state2"), clock, 0),
                plane, containers);
        controller.start();
        final NcmResponse inside = send(Fixtures.sign(setup(MOD2, base + "/mod.jar", digest)
                .header("filter-dst", "127.0.0.0/24").header("prefix-proof", "127.0.0.1=one-time-token-42"), jane));
        assertEquals(403, inside.code(), inside.toWire());
        assertTrue(inside.reason().startsWith("prefix-proof address refused: 127.0.0.1 is 127.0.0.1"), inside.reason());
    }

    static boolean waitFor(final BooleanSupplier cond, final long maxMs) {
        final long end = System.nanoTime() + maxMs * 1_000_000;
        while (System.nanoTime() < end) {
            if (cond.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return cond.getAsBoolean();
    }

    /** Both events happened, {@code first} before {@code then}: a missing event fails, it does not pass. */
    private static void assertOrdered(final int first, final int then) {
        assertTrue(first >= 0, "first event missing: " + Fakes.EVENTS);
        assertTrue(then >= 0, "second event missing: " + Fakes.EVENTS);
        assertTrue(first < then, "events out of order: " + Fakes.EVENTS);
    }
}
