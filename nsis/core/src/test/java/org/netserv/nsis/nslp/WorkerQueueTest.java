package org.netserv.nsis.nslp;

import static org.junit.jupiter.api.Assertions.*;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.netserv.nsis.gist.node.GistConfig;
import org.netserv.nsis.gist.node.GistNode;
import org.netserv.nsis.gist.node.Peer;
import org.netserv.nsis.gist.wire.Mri;
import org.netserv.nsis.gist.wire.Sid;

/**
 * The NSLP worker's queue is bounded: with the controller stuck, deliveries
 * past the limit are dropped and counted as limit/nslp-worker-queue, and
 * requests carried in Queries (unverified) are never acted on. GIST node on
 * 127.0.0.12 (UDP 270; root).
 */
@Timeout(30)
class WorkerQueueTest {
    /** A PROBE request in the binary form of NSLP-FORMAT.md (request id 7). */
    static final byte[] PROBE = {1, 1, 0, 0, 0, 0, 0, 20, 0, 0, 0, 7, 0, 1, 0, 1, 3, 0, 0, 0};

    @Test
    void queueBoundedAndUnverifiedRequestsDropped() throws Exception {
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch called = new CountDownLatch(1);
        final NetServNslp nslp = new NetServNslp("n", 32767, null, ncm -> {
            called.countDown();
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "NETSERV/0.1 200 OK\n\n";
        }, 5_000).workerQueueLimit(16);
        final GistConfig cfg = new GistConfig();
        cfg.bindAddress = InetAddress.getByName("127.0.0.12");
        cfg.tcpPort = -1;
        final InetAddress a = InetAddress.getByName("127.0.0.13"), b = InetAddress.getByName("127.0.0.12");
        final SecureRandom random = new SecureRandom();
        try (GistNode node = new GistNode(cfg, nslp).start()) {
            nslp.bind(node);
            nslp.receiveUnverified(32767, Sid.random(random), Mri.flow(a, b), PROBE, new Peer(a, "x"));
            nslp.receive(32767, Sid.random(random), Mri.flow(a, b), PROBE, new Peer(a, "x"));
            assertTrue(called.await(10, TimeUnit.SECONDS), "the verified request reaches the controller");
            for (int i = 0; i < 100; i++) nslp.receive(32767, Sid.random(random), Mri.flow(a, b), PROBE, new Peer(a, "x"));
            assertEquals(100 - 16, node.counter("limit/nslp-worker-queue"), node.counters().toString());
            assertEquals(1, nslp.counters().get("nslp-unverified-dropped"));
            release.countDown();
        } finally {
            release.countDown();
            nslp.close();
        }
    }
}
