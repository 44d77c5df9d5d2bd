package org.netserv.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netserv.controller.ncm.NcmResponse;
import org.netserv.controller.ncm.NcmWriter;
import org.netserv.controller.policy.PolicyLoader;
import org.netserv.controller.state.ModuleRecord;
import org.netserv.ncm.Canary;
import org.netserv.ncm.Method;

/**
 * Module versions (controller/README.md, "Module versions"): a SETUP of another version
 * upgrades (new in the container, one classifier write, old out, old kept), ROLLBACK puts the
 * kept one back (also after a restart), canary/nodes leave unselected nodes alone.
 */
class ModuleVersionsTest {
    static final String NAME = "NetServ.apps.NetMonitor";
    static final String V1 = NAME + "_1.0.0";
    static final String V2 = NAME + "_2.0.0";
    static final String OTHER = "NetServ.apps.KeepAlive_1.0.0";
    static final String P1 = "udp && dst port 5060 && dst net 10.61.1.0/24";
    static final String P2 = "udp && dst port 5060 && dst net 10.61.2.0/24";

    @TempDir
    Path dir;

    final KeyPair jane = Fixtures.ed25519();
    final KeyPair bob = Fixtures.ec();
    final Map<String, byte[]> jars = Map.of("/v1.jar", "PK\3\4 version one".getBytes(), "/v2.jar", "PK\3\4 version two".getBytes(),
            "/other.jar", "PK\3\4 another module".getBytes());
    HttpServer http;
    String base;
    Fakes.MutableClock clock;
    Fakes.Plane plane;
    Fakes.Containers containers;
    Controller controller;
    Path policyFile;

    @BeforeEach
    void setUp() throws Exception {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        jars.forEach((path, body) -> http.createContext(path, ex -> {
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        }));
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

    String digest(final String path) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(jars.get(path)));
    }

    NcmWriter setup(final String module, final String jar, final String dst) throws Exception {
        return Fixtures.setup(module, "janedoe", 600, base + jar, digest(jar), now()).header("filter-proto", "udp")
                .header("filter-port", "5060").header("filter-dst", dst);
    }

    NcmWriter rollback(final String module) {
        return new NcmWriter(Method.ROLLBACK, module).header("user", "janedoe").header("nonce", Fixtures.nonce())
                .header("timestamp", Long.toString(now()));
    }

    NcmResponse send(final NcmWriter w) {
        return controller.handle(Fixtures.sign(w, jane));
    }

    Map<String, ModuleRecord.Phase> phases() {
        return controller.modules().stream().collect(Collectors.toMap(ModuleRecord::moduleId, ModuleRecord::phase));
    }

    List<String> inContainer() {
        return containers.bySlot.get(0).list();
    }

    NcmResponse probe() {
        return send(new NcmWriter(Method.PROBE, null).header("user", "janedoe").header("probe", "status")
                .header("nonce", Fixtures.nonce()).header("timestamp", Long.toString(now())));
    }

    /** The classifier writes between two container events. */
    List<String> planeWritesBetween(final String first, final String last) {
        final List<String> e = List.copyOf(Fakes.EVENTS);
        final int a = e.indexOf(first);
        final int b = e.indexOf(last);
        assertTrue(a >= 0 && b > a, first + " before " + last + " in " + e);
        return e.subList(a, b).stream().filter(x -> x.startsWith("plane ")).toList();
    }

    void upgraded() throws Exception {
        assertEquals(200, send(setup(V1, "/v1.jar", "10.61.1.0/24")).code());
        Fakes.EVENTS.clear();
        final NcmResponse r = send(setup(V2, "/v2.jar", "10.61.2.0/24"));
        assertEquals(200, r.code(), r.toWire());
        assertEquals("upgraded", r.reason());
        assertEquals(V1, r.first("previous").orElseThrow());
        assertEquals(V2 + " ttl=600", r.first("module").orElseThrow());
    }

    @Test
    void setupOfAnotherVersionStartsItBeforeTheOldStopsWithOneFilterSwitch() throws Exception {
        upgraded();
        // new version in, then one write that moves the filter from v1's to v2's, then v1 out
        assertEquals(List.of("plane " + P2 + ", false, -"), planeWritesBetween("install 0 " + V2, "remove 0 " + V1));
        assertEquals(List.of(V2), inContainer());
        assertEquals(Map.of(V2, ModuleRecord.Phase.ACTIVE, V1, ModuleRecord.Phase.STANDBY), phases());
        assertEquals(P2 + ", false, -", plane.config);
        // PROBE: which version runs, which one is kept
        assertEquals(List.of(V1 + " version=1.0.0 state=STANDBY ttl=600 packets=0 slot=0",
                V2 + " version=2.0.0 state=ACTIVE ttl=600 packets=7 slot=0 previous=1.0.0"),
                probe().all("module").stream().sorted().toList());
    }

    @Test
    void rollbackPutsThePreviousVersionBackWithItsFilterAndForgetsTheBadOne() throws Exception {
        upgraded();
        clock.advanceSeconds(100);
        Fakes.EVENTS.clear();
        final NcmResponse r = send(rollback(V2));
        assertEquals(200, r.code(), r.toWire());
        assertEquals("rolled back", r.reason());
        assertEquals(V1 + " ttl=500", r.first("module").orElseThrow()); // the running version's TTL goes on
        assertEquals(V2, r.first("rolled-back").orElseThrow());
        assertEquals(List.of("plane " + P1 + ", false, -"), planeWritesBetween("install 0 " + V1, "remove 0 " + V2));
        assertEquals(List.of(V1), inContainer());
        assertEquals(Map.of(V1, ModuleRecord.Phase.ACTIVE), phases());
        final NcmResponse again = send(rollback(V1));
        assertEquals(409, again.code(), again.toWire());
        assertTrue(again.reason().startsWith("no previous version of " + NAME + " kept"), again.reason());
    }

    @Test
    void rollbackMayNameTheKeptVersion() throws Exception {
        upgraded();
        assertEquals(200, send(rollback(V1)).code());
        assertEquals(List.of(V1), inContainer());
    }

    @Test
    void theKeptVersionSurvivesARestartAndIsNotInstalled() throws Exception {
        upgraded();
        controller.close();
        containers.bySlot.get(0).modules.clear(); // the container died with the controller
        Fakes.EVENTS.clear();
        controller = newController();
        assertEquals(List.of(V2), inContainer()); // the reconcile installs only the running version
        assertEquals(Map.of(V2, ModuleRecord.Phase.ACTIVE, V1, ModuleRecord.Phase.STANDBY), phases());
        assertEquals(200, send(rollback(V2)).code());
        assertEquals(List.of(V1), inContainer());
        assertEquals(P1 + ", false, -", plane.config);
    }

    @Test
    void theKeptVersionExpiresWithItsModule() throws Exception {
        upgraded();
        clock.advanceSeconds(601);
        final long end = System.currentTimeMillis() + 10_000;
        while (!controller.modules().isEmpty() && System.currentTimeMillis() < end) {
            Thread.sleep(50);
        }
        assertEquals(Map.of(), phases());
        assertEquals(List.of(), inContainer());
        assertEquals("false, false, -", plane.config);
    }

    @Test
    void anUpgradeTakesNoFurtherPlaceInTheModuleLimit() throws Exception {
        assertEquals(200, send(setup(V1, "/v1.jar", "10.61.1.0/24")).code());
        assertEquals(200, send(Fixtures.setup(OTHER, "janedoe", 600, base + "/other.jar", digest("/other.jar"), now())).code());
        assertEquals(200, send(setup(V2, "/v2.jar", "10.61.2.0/24")).code()); // max-modules=2
        assertEquals(List.of(OTHER, V2), inContainer().stream().sorted().toList());
    }

    @Test
    void removeOfTheKeptVersionDiscardsOnlyItAndRemoveOfTheRunningOneTakesBoth() throws Exception {
        upgraded();
        final NcmResponse r = send(Fixtures.remove(V1, "janedoe", now()));
        assertEquals(200, r.code(), r.toWire());
        assertEquals("previous version discarded", r.reason());
        assertEquals(Map.of(V2, ModuleRecord.Phase.ACTIVE), phases());
        assertEquals(List.of(V2), inContainer());
        assertEquals(409, send(rollback(V2)).code());
        send(setup(V1, "/v1.jar", "10.61.1.0/24")); // a SETUP back to v1 is an upgrade too: v2 kept
        assertEquals(Map.of(V1, ModuleRecord.Phase.ACTIVE, V2, ModuleRecord.Phase.STANDBY), phases());
        assertEquals(200, send(Fixtures.remove(V1, "janedoe", now())).code());
        assertEquals(Map.of(), phases());
        assertEquals(List.of(), inContainer());
    }

    @Test
    void aNodeOutsideTheCanaryKeepsItsVersionAndSaysSo() throws Exception {
        assertEquals(200, send(setup(V1, "/v1.jar", "10.61.1.0/24")).code());
        final int bucket = Canary.bucket("r1", NAME);
        final NcmResponse out = send(setup(V2, "/v2.jar", "10.61.2.0/24").header("canary", bucket + "%"));
        assertEquals(203, out.code(), out.toWire());
        assertEquals("not in canary", out.reason());
        assertEquals(V1 + " kept", out.first("module").orElseThrow());
        assertEquals(Integer.toString(bucket), out.first("canary-bucket").orElseThrow());
        final NcmResponse other = send(setup(V2, "/v2.jar", "10.61.2.0/24").header("nodes", "r2,r3"));
        assertEquals(203, other.code(), other.toWire());
        assertEquals(List.of(V1), inContainer());
        assertEquals(Map.of(V1, ModuleRecord.Phase.ACTIVE), phases());
        // a wider canary takes this node in; so does naming it
        assertEquals(200, send(setup(V2, "/v2.jar", "10.61.2.0/24").header("canary", Integer.toString(bucket + 1))).code());
        assertEquals(List.of(V2), inContainer());
        assertEquals(203, send(rollback(V2).header("nodes", "r2")).code());
        assertEquals(200, send(rollback(V2).header("nodes", "r2,r1").header("canary", "0")).code());
        assertEquals(List.of(V1), inContainer());
    }

    @Test
    void canaryBucketsAreStableAndSpread() {
        assertEquals(Canary.bucket("r1", NAME), Canary.bucket("r1", NAME));
        final long distinct = java.util.stream.IntStream.range(0, 50).map(i -> Canary.bucket("node" + i, NAME)).distinct().count();
        assertTrue(distinct > 25, "buckets of 50 nodes: " + distinct + " distinct");
        assertTrue(new Canary(100, List.of()).selects("any", NAME));
        assertTrue(!new Canary(0, List.of()).selects("any", NAME));
        assertTrue(Canary.ALL.selects("any", NAME));
    }

    @Test
    void badVersionRequestsGetTheirOwn4xx() throws Exception {
        assertEquals(200, send(setup(V1, "/v1.jar", "10.61.1.0/24")).code());
        final Map<String, NcmWriter> bad = new java.util.LinkedHashMap<>();
        bad.put("400 bad canary: expected a percentage 0..100", setup(V2, "/v2.jar", "10.61.2.0/24").header("canary", "101"));
        bad.put("400 bad canary: expected a percentage 0..100 ", setup(V2, "/v2.jar", "10.61.2.0/24").header("canary", "half"));
        bad.put("400 bad nodes: expected node ids, comma-separated", setup(V2, "/v2.jar", "10.61.2.0/24").header("nodes", "r1,,r2"));
        bad.put("400 header ttl not allowed in ROLLBACK", rollback(V1).header("ttl", "60"));
        bad.put("400 missing header: user", new NcmWriter(Method.ROLLBACK, V1).header("nonce", Fixtures.nonce())
                .header("timestamp", Long.toString(now())));
        bad.put("400 header canary not allowed in REMOVE", Fixtures.remove(V1, "janedoe", now()).header("canary", "50"));
        bad.put("400 header nodes not allowed in PROBE", new NcmWriter(Method.PROBE, null).header("user", "janedoe")
                .header("probe", "status").header("nonce", Fixtures.nonce()).header("timestamp", Long.toString(now()))
                .header("nodes", "r1"));
        bad.put("400 missing module id in ROLLBACK request line", new NcmWriter(Method.ROLLBACK, null).header("user", "janedoe")
                .header("nonce", Fixtures.nonce()).header("timestamp", Long.toString(now())));
        bad.put("401 stale timestamp", new NcmWriter(Method.ROLLBACK, V1).header("user", "janedoe")
                .header("nonce", Fixtures.nonce()).header("timestamp", Long.toString(now() - 3600)));
        bad.put("404 module NetServ.apps.Nothing not installed", rollback("NetServ.apps.Nothing_1.0.0"));
        bad.put("409 no previous version of " + NAME + " kept (runs 1.0.0)", rollback(V1));
        bad.put("404 module " + NAME + "_3.0.0 is neither the running version (1.0.0) nor the kept one (1.0.0)", null);
        for (final Map.Entry<String, NcmWriter> e : bad.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            final NcmResponse r = send(e.getValue());
            final String got = r.code() + " " + r.reason();
            assertTrue(got.equals(e.getKey().strip()) || (e.getKey().startsWith("401") && got.startsWith(e.getKey())), got);
        }
        assertEquals(Map.of(V1, ModuleRecord.Phase.ACTIVE), phases());
        upgradedFromV1();
        final NcmResponse r = send(rollback(NAME + "_3.0.0"));
        assertEquals("404 module " + NAME + "_3.0.0 is neither the running version (2.0.0) nor the kept one (1.0.0)",
                r.code() + " " + r.reason());
        assertEquals(400, controller.handle("ROLLBACK NETSERV/0.1\nuser: janedoe\n\n").code());
    }

    private void upgradedFromV1() throws Exception {
        assertEquals(200, send(setup(V2, "/v2.jar", "10.61.2.0/24")).code());
    }
}
