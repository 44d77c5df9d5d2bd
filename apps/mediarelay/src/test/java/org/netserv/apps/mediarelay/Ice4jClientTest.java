package org.netserv.apps.mediarelay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.ice.Agent;
import org.ice4j.ice.CandidateType;
import org.ice4j.ice.IceMediaStream;
import org.ice4j.ice.LocalCandidate;
import org.ice4j.ice.harvest.TurnCandidateHarvester;
import org.ice4j.security.LongTermCredential;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * ice4j (Jitsi's ICE/TURN stack, a client written by others) gathers a relayed candidate from
 * the relay running on real sockets: its Allocate must pass our 401 challenge, long-term
 * credentials and MESSAGE-INTEGRITY as ice4j checks them; with a wrong password it gets none.
 */
class Ice4jClientTest {
    MediaRelay relay;
    Agent agent;
    InetAddress at;

    @AfterEach
    void stop() {
        if (agent != null) agent.free();
        if (relay != null) relay.stop();
    }

    /** A non-loopback IPv4 address of this host: ice4j harvests host candidates only there. */
    static InetAddress hostAddress() throws Exception {
        for (NetworkInterface n : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!n.isUp() || n.isLoopback()) continue;
            for (InetAddress a : Collections.list(n.getInetAddresses())) if (a instanceof Inet4Address) return a;
        }
        return null;
    }

    int start(InetAddress at) throws Exception {
        for (int attempt = 0; attempt < 10; attempt++) {
            int port;
            try (DatagramSocket probe = new DatagramSocket(0, at)) {
                port = probe.getLocalPort();
            }
            Map<String, String> p = new HashMap<>(Map.of("listen_ip", at.getHostAddress(), "port", String.valueOf(port),
                    "relay_ports", "47200-47299", "users", "ice:4j-password", "threads", "1"));
            try {
                relay = new MediaRelay(new Config(p));
                relay.start();
                return port;
            } catch (java.io.IOException e) {
                // the port was taken meanwhile: try another
            }
        }
        throw new IllegalStateException("no free port");
    }

    /** Starts the relay on this host's address and lets ice4j gather candidates with {@code password}. */
    List<LocalCandidate> gather(String password) throws Exception {
        at = hostAddress();
        Assumptions.assumeTrue(at != null, "no non-loopback IPv4 address for ice4j's host candidates");
        int port = start(at);
        agent = new Agent();
        agent.addCandidateHarvester(new TurnCandidateHarvester(new TransportAddress(at, port, Transport.UDP),
                new LongTermCredential("ice", password)));
        IceMediaStream stream = agent.createMediaStream("audio");
        return agent.createComponent(stream, 47300, 47300, 47399).getLocalCandidates();
    }

    @Test
    void ice4jGetsARelayedCandidate() throws Exception {
        List<LocalCandidate> all = gather("4j-password");
        LocalCandidate relayed = all.stream().filter(c -> c.getType() == CandidateType.RELAYED_CANDIDATE).findFirst().orElse(null);
        assertTrue(relayed != null, "ice4j found no relayed candidate among " + all + "; relay: " + relay.status());
        int rport = relayed.getTransportAddress().getPort();
        assertTrue(rport >= 47200 && rport <= 47299, "relayed port " + rport);
        assertEquals(at, relayed.getTransportAddress().getAddress());
        assertTrue(relay.status().contains("allocations=1 "), relay.status());
    }

    @Test
    void ice4jWithAWrongPasswordGetsNoRelayedCandidate() throws Exception {
        List<LocalCandidate> all = gather("not-the-password");
        assertTrue(all.stream().noneMatch(c -> c.getType() == CandidateType.RELAYED_CANDIDATE), String.valueOf(all));
        assertTrue(relay.status().contains("allocations=0 "), relay.status());
    }
}
