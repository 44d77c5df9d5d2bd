package org.netserv.nsis.bench;

import java.net.InetAddress;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import org.netserv.nsis.gist.node.GistConfig;
import org.netserv.nsis.nslp.Ncm;
import org.netserv.nsis.nslp.NcmSigner;
import org.netserv.nsis.nslp.NslpMessage;
import org.netserv.nsis.signal.SignalingClient;
import org.netserv.nsis.signal.SignalingResult;

/**
 * SETUP → response latency as the publisher sees it, in one JVM (no start-up
 * cost in the numbers): N signed SETUPs toward DEST, each a new session
 * (Query/Response/Confirm handshake per hop, C-mode MAs reused), the last
 * node found through ICMP. Prints median and p99 in microseconds, and the
 * number of NetServ nodes that answered.
 * <pre>
 * java -cp netserv-nsis-*-all.jar org.netserv.nsis.bench.LatencyBench DEST [N]
 * </pre>
 */
public final class LatencyBench {
    public static void main(String[] args) throws Exception {
        final InetAddress dest = InetAddress.getByName(args[0]);
        final int n = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        final KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        final SecureRandom rnd = new SecureRandom();
        final long[] us = new long[n];
        int nodes = -1;
        try (SignalingClient c = new SignalingClient(new GistConfig())) {
            for (int i = -20; i < n; i++) {             // 20 warm-up rounds
                final Ncm setup = NcmSigner.sign(new Ncm("SETUP", "NetServ.apps.Bench_1.0.0", List.of(new Ncm.Header("ttl", "600"))),
                        kp.getPrivate(), rnd, System.currentTimeMillis() / 1000);
                final long t0 = System.nanoTime();
                final SignalingResult r = c.request(NslpMessage.request(rnd.nextInt(), setup), dest, 30_000);
                final long t = (System.nanoTime() - t0) / 1000;
                if (r.outcome != SignalingResult.Outcome.OK) {
                    System.err.println("request " + i + ": " + r.outcome + " " + r.detail);
                    System.exit(1);
                }
                nodes = r.blocks.size();
                if (i >= 0) us[i] = t;
            }
        }
        Arrays.sort(us);
        System.out.printf("nodes=%d n=%d median_us=%d p99_us=%d min_us=%d max_us=%d%n",
                nodes, n, us[n / 2], us[Math.min(n - 1, (int) Math.ceil(n * 0.99) - 1)], us[0], us[n - 1]);
    }

    private LatencyBench() {}
}
