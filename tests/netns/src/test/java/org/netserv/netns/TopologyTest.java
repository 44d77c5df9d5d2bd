package org.netserv.netns;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NetnsExtension.class)
class TopologyTest {

    @Test
    void pingsAcrossARouter(Topology t) {
        t.host("a").host("r").host("b");
        t.link("a", "eth0", "r", "ra").link("r", "rb", "b", "eth0", 1400);
        t.addr("a", "eth0", "10.202.1.1/24").addr("r", "ra", "10.202.1.254/24");
        t.addr("b", "eth0", "10.202.2.1/24").addr("r", "rb", "10.202.2.254/24");
        t.route("a", "default", "via", "10.202.1.254").route("b", "default", "via", "10.202.2.254");
        t.forwarding("r", true);
        t.exec("a", "ping", "-q", "-c", "2", "-i", "0.2", "-W", "2", "10.202.2.1").assertOk();
        t.forwarding("r", false);
        assertFalse(t.exec("a", "ping", "-q", "-c", "1", "-W", "1", "10.202.2.1").ok(),
                "forwarding off: b must be unreachable");
    }

    @Test
    void closeRemovesNamespacesAndProcesses() throws Exception {
        String ns;
        try (Topology t = Topology.create()) {
            t.host("x");
            ns = t.nsName("x");
            t.start("x", "sleep", "30");
            assertTrue(listed(ns));
        }
        assertFalse(listed(ns));
    }

    @Test
    void sweepRemovesNamespacesOfDeadRuns() {
        // a pid that cannot exist (above pid_max) stands for a crashed run
        String stale = Topology.PREFIX + "-99999999-left";
        Topology.run(List.of("ip", "netns", "add", stale), Duration.ofSeconds(5)).assertOk();
        Topology.sweep();
        assertFalse(listed(stale));
    }

    private static boolean listed(String ns) {
        return Topology.run(List.of("ip", "netns", "list"), Duration.ofSeconds(5)).out().contains(ns);
    }
}
