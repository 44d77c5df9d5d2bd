package org.netserv.apps.activecdn.publisher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GeoIP over a database this test generates, the deployment database, the PROBE stack reader. */
class PublisherPartsTest {
    @TempDir Path dir;

    private File mmdb() throws Exception {
        File out = dir.resolve("test.mmdb").toFile();
        File script = new File("make-geoip.pl");
        assumeTrue(new File("/usr/share/perl5/MaxMind/DB/Writer.pm").exists()
                || new File("/usr/lib/x86_64-linux-gnu/perl5").exists(), "needs libmaxmind-db-writer-perl (make deps)");
        Process p = new ProcessBuilder("perl", script.getAbsolutePath(), out.getPath()).redirectErrorStream(true).start();
        p.getOutputStream().write(("10.40.1.0/24 NewYork US 40.71 -74.00\n10.40.2.0/24 Boston US 42.36 -71.06\n"
                + "10.40.12.0/24 Boston US 42.35 -71.05\n").getBytes(StandardCharsets.US_ASCII));
        p.getOutputStream().close();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), log);
        return out;
    }

    @Test
    void locatesTestAddressesAndMeasuresDistance() throws Exception {
        try (GeoLocator g = new GeoLocator(mmdb())) {
            GeoLocator.Place boston = g.locate(InetAddress.getByName("10.40.2.7")).orElseThrow();
            GeoLocator.Place ny = g.locate(InetAddress.getByName("10.40.1.1")).orElseThrow();
            assertEquals("Boston/US", boston.region());
            double km = boston.km(ny);
            assertTrue(km > 280 && km < 320, "Boston-New York is ~306 km, got " + km);
            assertTrue(g.locate(InetAddress.getByName("192.0.2.1")).isEmpty());
        }
    }

    @Test
    void deploymentDatabaseKeepsExpiresAndRemoves() throws Exception {
        try (Deployments d = new Deployments("jdbc:h2:file:" + dir.resolve("db"), "", "")) {
            d.record(new Deployments.Node("r2", "10.40.12.2", "Boston/US", 42.35, -71.05, "10.40.2.1", 1, 1000, 1));
            d.record(new Deployments.Node("r1", "10.40.1.254", "NewYork/US", 40.71, -74.0, "10.40.2.1", 1, 5000, 1));
            d.record(new Deployments.Node("r2", "10.40.12.2", "Boston/US", 42.35, -71.05, "10.40.2.1", 1, 3000, 2));
            assertEquals(2, d.all().size());
            assertEquals(0, d.expire(2999));
            assertEquals(1, d.expire(3000));
            assertEquals(List.of("r1"), d.all().stream().map(Deployments.Node::nodeId).toList());
            assertEquals(1, d.remove("r1"));
        }
        try (Deployments d = new Deployments("jdbc:h2:file:" + dir.resolve("db"), "", "")) {
            assertEquals(0, d.all().size()); // a file database: what was removed stays removed
        }
    }

    @Test
    void readsTheProbeResponseStack() {
        String m = "NetServ.apps.ActiveCDN_1.0.0";
        List<String> blocks = List.of(
                "NETSERV/0.1 200 OK\nnode-id: r2\nmodule: " + m + " version=1.0.0 state=ACTIVE ttl=590 packets=0 slot=0\n"
                        + "capabilities: node-id=r2 addresses=10.40.12.2 building-blocks=http\n",
                "NETSERV/0.1 200 OK\nnode-id: r1\nmodule: NetServ.apps.Other_1.0.0 version=1.0.0 state=ACTIVE ttl=5\n"
                        + "capabilities: node-id=r1 addresses=10.40.1.254\n",
                "NETSERV/0.1 403 Forbidden\nnode-id: r0\n");
        List<Deployer.Installed> found = Deployer.installed(blocks, m);
        assertEquals(1, found.size());
        assertEquals(new Deployer.Installed("r2", "10.40.12.2", "ACTIVE", 590), found.get(0));
    }

    @Test
    void watermarkingEdgeDependsOnTheVideoBlock() {
        assertEquals("http,video", Deployer.dependencies("cache_mb=64,wm_text=Boston 21C"));
        assertEquals("http,video", Deployer.dependencies("wm_info_url=http://10.0.0.1/w"));
        assertEquals("", Deployer.dependencies("cache_mb=64,block_kb=256"));
        assertEquals("", Deployer.dependencies(""));
    }
}
