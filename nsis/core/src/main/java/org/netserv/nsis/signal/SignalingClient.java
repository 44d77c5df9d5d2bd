package org.netserv.nsis.signal;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.netserv.nsis.gist.node.GistConfig;
import org.netserv.nsis.gist.node.GistListener;
import org.netserv.nsis.gist.node.GistNode;
import org.netserv.nsis.gist.node.Peer;
import org.netserv.nsis.gist.wire.Mri;
import org.netserv.nsis.gist.wire.Sid;
import org.netserv.nsis.nslp.NslpFormatException;
import org.netserv.nsis.nslp.NslpMessage;

/**
 * The publisher side (paper §2.1): sends a signed NCM toward a user's
 * address with ordinary sockets — every NetServ node on the path acts — and
 * waits for the response stack. Runs its own GIST node on UDP 270 (so it
 * cannot share a host with a running {@code netserv-nsisd}).
 * <pre>
 * try (SignalingClient c = new SignalingClient(config)) {
 *     SignalingResult r = c.request(NslpMessage.request(id, signedNcm), dest, 30_000);
 * }
 * </pre>
 */
public final class SignalingClient implements Closeable, GistListener {
    private final GistNode node;
    private final int nslpId;
    private final SecureRandom random = new SecureRandom();
    private final Map<Sid, CompletableFuture<SignalingResult>> bySession = new ConcurrentHashMap<>();
    private final Map<Integer, CompletableFuture<SignalingResult>> triggered = new ConcurrentHashMap<>();

    public SignalingClient(GistConfig cfg) throws IOException {
        this.nslpId = cfg.nslpIds[0];
        this.node = new GistNode(cfg, this).start();
    }

    public GistNode node() { return node; }

    public int newRequestId() { return random.nextInt(); }

    /**
     * Sends {@code msg} toward {@code destination} and waits up to
     * {@code timeoutMs} for the answer. For a TRIGGER, the answer is the
     * reverse flow's blocks arriving here.
     */
    public SignalingResult request(NslpMessage msg, InetAddress destination, long timeoutMs) throws InterruptedException {
        final Sid sid = Sid.random(random);
        final CompletableFuture<SignalingResult> direct = new CompletableFuture<>();
        bySession.put(sid, direct);
        CompletableFuture<SignalingResult> reverse = null;
        if (msg.isTrigger()) {
            reverse = new CompletableFuture<>();
            triggered.put(msg.requestId(), reverse);
        }
        final Mri mri = Mri.flow(sourceToward(destination), destination);
        node.send(nslpId, sid, mri, msg.encode(), true, false);
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        try {
            final SignalingResult first = direct.get(timeoutMs, TimeUnit.MILLISECONDS);
            if (reverse == null || first.outcome != SignalingResult.Outcome.OK) return first;
            final long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            return reverse.get(left, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return new SignalingResult(SignalingResult.Outcome.TIMEOUT, List.of(), "no answer within " + timeoutMs + " ms");
        } catch (ExecutionException e) {
            return new SignalingResult(SignalingResult.Outcome.TIMEOUT, List.of(), "failed: " + e.getCause());
        } finally {
            bySession.remove(sid);
            triggered.remove(msg.requestId());
            node.release(sid, mri);
        }
    }

    private InetAddress sourceToward(InetAddress dest) {
        if (node.config().address != null) return node.config().address;
        try (DatagramChannel probe = DatagramChannel.open()) {
            probe.connect(new InetSocketAddress(dest, 270));
            return ((InetSocketAddress) probe.getLocalAddress()).getAddress();
        } catch (IOException e) {
            return InetAddress.getLoopbackAddress();
        }
    }

    // ------------------------------------------------------------ GIST callbacks (event loop)

    @Override public void receive(int id, Sid sid, Mri mri, byte[] data, Peer peer) {
        final NslpMessage m;
        try {
            m = NslpMessage.decode(data);
        } catch (NslpFormatException e) {
            node.execute(() -> {});
            return;
        }
        if (!m.isRequest()) {
            final CompletableFuture<SignalingResult> f = bySession.get(sid);
            if (f == null) return;
            if (m.blocks().size() == 1 && org.netserv.nsis.nslp.ResponseStack.status(m.blocks().get(0)) == 202 && triggered.containsKey(m.requestId())) {
                f.complete(new SignalingResult(SignalingResult.Outcome.OK, m.blocks(), "triggered"));
            } else {
                f.complete(SignalingResult.of(m.blocks()));
            }
        } else if (m.isTriggered()) {
            // we are the end of a reverse flow: acknowledge so the path's pending state clears
            node.send(nslpId, sid, mri.withDirection(true), NslpMessage.response(m.requestId(), List.of()).encode(), true, false);
            final CompletableFuture<SignalingResult> f = triggered.get(m.requestId());
            if (f != null) f.complete(SignalingResult.of(m.blocks()));
        }
    }

    @Override public void noPeer(int id, Sid sid, Mri mri, byte[] data, String reason) {
        final CompletableFuture<SignalingResult> f = bySession.get(sid);
        if (f != null) {
            f.complete(new SignalingResult(SignalingResult.Outcome.NO_NETSERV_NODE, List.of(),
                    "no NetServ node on path to " + mri.destination().getHostAddress() + " (" + reason + ")"));
        }
    }

    @Override public void close() throws IOException {
        node.close();
    }
}
