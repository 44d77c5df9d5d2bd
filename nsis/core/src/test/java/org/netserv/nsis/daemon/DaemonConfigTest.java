package org.netserv.nsis.daemon;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonConfigTest {
    @TempDir Path tmp;

    Path write(String s) throws Exception {
        final Path p = tmp.resolve("nsisd.conf");
        Files.writeString(p, s);
        return p;
    }

    @Test
    void readsKeysIgnoringCommentsAndBlankLines() throws Exception {
        final Map<String, String> c = NsisDaemon.readConfig(write("# comment\nnode_id = r1   # trailing\n\nnslpid=32704\n"));
        assertEquals(Map.of("node_id", "r1", "nslpid", "32704"), c);
    }

    @Test
    void rejectsUnknownKeysAndMalformedLines() throws Exception {
        final IllegalArgumentException u = assertThrows(IllegalArgumentException.class, () -> NsisDaemon.readConfig(write("node = r1\n")));
        assertTrue(u.getMessage().contains("unknown key 'node'"), u.getMessage());
        assertTrue(u.getMessage().contains(":1:"), u.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NsisDaemon.readConfig(write("node_id r1\n")));
        assertThrows(IllegalArgumentException.class, () -> NsisDaemon.readConfig(write("= r1\n")));
    }

    @Test
    void rejectsBadValuesBeforeStarting() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> NsisDaemon.run(NsisDaemon.readConfig(write("nslpid = 70000\n"))));
        assertThrows(IllegalArgumentException.class, () -> NsisDaemon.run(NsisDaemon.readConfig(write("interception = magic\nbind = 127.0.0.9\ntcp_port = -1\n"))));
        final IllegalArgumentException n = assertThrows(IllegalArgumentException.class, () -> NsisDaemon.run(NsisDaemon.readConfig(write("t1_ms = soon\n"))));
        assertEquals("t1_ms must be a number, not 'soon'", n.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NsisDaemon.run(NsisDaemon.readConfig(write("icmp_last_node = maybe\n"))));
    }

    @Test
    void limitsMustBePositive() throws Exception {
        for (String key : new String[] {"max_routing_states", "max_tcp_connections", "max_connections_per_address", "max_mas",
                "ma_setup_timeout_ms", "frame_timeout_ms", "nslp_queue_limit"}) {
            final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> NsisDaemon.run(NsisDaemon.readConfig(write(key + " = 0\nbind = 127.0.0.9\ntcp_port = -1\n"))));
            assertTrue(e.getMessage().startsWith(key + " must be from 1 to "), e.getMessage());
        }
        final IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
                () -> NsisDaemon.run(NsisDaemon.readConfig(write("max_routing_states = 9999999999\n"))));
        assertTrue(big.getMessage().startsWith("max_routing_states must be from 1 to "), big.getMessage());
    }
}
