package org.netserv.nsis.bench;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import org.netserv.nsis.gist.node.GistConfig;
import org.netserv.nsis.gist.node.GistListener;
import org.netserv.nsis.gist.node.GistNode;
import org.netserv.nsis.gist.node.Peer;
import org.netserv.nsis.gist.wire.GistCodec;
import org.netserv.nsis.gist.wire.GistMessage;
import org.netserv.nsis.gist.wire.Mri;
import org.netserv.nsis.gist.wire.Nli;
import org.netserv.nsis.gist.wire.Sid;

/**
 * How many signaling sessions one node holds in soft state, and at what
 * memory and time per message (compare Fu et al. 2009: 45,000 sessions,
 * 1.1 ms per message, 2.4 KB per session). A generator on 127.0.0.1 sends
 * Q-mode Queries for N distinct sessions (distinct SIDs and flows) to a GIST
 * node on 127.0.0.2, which answers each with a Response; the generator
 * completes each handshake with a Confirm carrying the node's cookie, on
 * which the node installs the routing state. Needs root (UDP 270).
 * <pre>
 * java -Xmx3g -cp netserv-nsis-*-all.jar org.netserv.nsis.bench.SessionBench [N]
 * </pre>
 */
public final class SessionBench {
    public static void main(String[] args) throws Exception {
        final int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        final InetAddress gen = InetAddress.getByName("127.0.0.1"), nodeAddr = InetAddress.getByName("127.0.0.2");
        final GistConfig cfg = new GistConfig();
        cfg.bindAddress = nodeAddr;
        cfg.tcpPort = -1;
        cfg.maxRoutingStates = n + 1000;
        cfg.maxStateLifetimeMs = 3_600_000;
        final GistNode node = new GistNode(cfg, new GistListener() {
            @Override public void receive(int id, Sid sid, Mri mri, byte[] data, Peer peer) {}
            @Override public void noPeer(int id, Sid sid, Mri mri, byte[] data, String reason) {}
        }).start();
        final long heap0 = usedHeap();
        try (DatagramChannel out = DatagramChannel.open(); DatagramChannel drain = DatagramChannel.open()) {
            drain.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            drain.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 20);
            drain.bind(new InetSocketAddress(gen, 270));
            drain.configureBlocking(false);
            out.bind(new InetSocketAddress(gen, 0));
            final SecureRandom rnd = new SecureRandom();
            final byte[] peerId = new byte[16];
            rnd.nextBytes(peerId);
            // a long validity so nothing expires during the run
            final Nli nli = new Nli(64, 3_600_000, peerId, gen.getAddress());
            final ByteBuffer sink = ByteBuffer.allocateDirect(2048);
            final InetSocketAddress to = new InetSocketAddress(nodeAddr, 270);
            final long t0 = System.nanoTime();
            int sent = 0;
            long responses = 0;
            long lastProgress = System.nanoTime(), lastCount = -1;
            while (node.routingStateCount() < n) {
                // keep a bounded window in flight so the socket buffers never overflow
                while (sent < n && sent - node.routingStateCount() < 500) {
                    final int i = sent++;
                    final byte[] dst = {10, (byte) (i >>> 16), (byte) (i >>> 8), (byte) i};
                    final Mri mri = new Mri(false, 0, gen.getAddress(), dst, 32, 32, 0, 0, 0, 0, 0, 0);
                    final byte[] q = GistCodec.encode(GistMessage.query(32767, 32, mri, new Sid(rnd.nextLong(), i), nli,
                            new byte[] {(byte) i, 1, 2, 3}, null, null, null), true);
                    out.send(ByteBuffer.wrap(q), to);
                }
                while (drain.receive(sink.clear()) != null) {
                    responses++;
                    confirm(sink.flip(), nli, out, to);
                }
                if (System.nanoTime() - lastProgress > 2_000_000_000L) {
                    final int c = node.routingStateCount();
                    System.err.printf("  %d sent, %d held, %s%n", sent, c, node.counters());
                    if (c == lastCount) break;           // nothing moves: Queries were lost; report what is held
                    lastCount = c;
                    lastProgress = System.nanoTime();
                }
                Thread.onSpinWait();
            }
            final double secs = (System.nanoTime() - t0) / 1e9;
            final long cpu = loopCpuNanos();
            Thread.sleep(500);
            while (drain.receive(sink.clear()) != null) responses++;
            final int held = node.routingStateCount();
            final long heap1 = usedHeap();
            System.out.printf("sessions held in soft state: %d (of %d Queries sent)%n", held, sent);
            System.out.printf("memory per session: %.0f bytes (heap %d MB -> %d MB)%n",
                    (heap1 - heap0) / (double) Math.max(1, held), heap0 >> 20, heap1 >> 20);
            System.out.printf("time per message (Query in, Response out; Confirm in, state installed): %.1f us CPU of the GIST thread; %.0f handshakes/s wall%n",
                    cpu / 1e3 / Math.max(1, node.counter("rx-datagrams")), held / secs);
            System.out.printf("responses received by the generator: %d%n", responses);
            System.out.println("reference (Fu et al. 2009): 45,000 sessions, 1.1 ms per message, 2.4 KB per session");
        } finally {
            node.close();
        }
    }

    /** Completes the handshake the node answered: state is installed only on the Confirm with its cookie. */
    private static void confirm(ByteBuffer response, Nli nli, DatagramChannel out, InetSocketAddress to) throws java.io.IOException {
        final byte[] b = new byte[response.remaining()];
        response.get(b);
        final GistMessage r;
        try {
            r = GistCodec.decode(b, true);
        } catch (org.netserv.nsis.gist.wire.GistParseException e) {
            return;
        }
        if (r.type() != org.netserv.nsis.gist.wire.Gist.RESPONSE) return;
        out.send(ByteBuffer.wrap(GistCodec.encode(GistMessage.confirm(r.nslpId(), r.mri().inverted(), r.sid(), nli, r.responderCookie(), null, null, null), true)), to);
    }

    /** CPU time of the node's event-loop thread (the generator competes for the same cores). */
    static long loopCpuNanos() {
        final java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("gist-")) return mx.getThreadCpuTime(t.getId());
        }
        return -1;
    }

    static long usedHeap() throws InterruptedException {
        final Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    private SessionBench() {}
}
