package org.netserv.nsis.nslp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.netserv.nsis.gist.node.GistListener;
import org.netserv.nsis.gist.node.GistNode;
import org.netserv.nsis.gist.node.Peer;
import org.netserv.nsis.gist.wire.Mri;
import org.netserv.nsis.gist.wire.Sid;

/**
 * The NetServ NSLP on a NetServ node (paper §2.1, §4.5). A request arriving
 * from upstream is handed to the local controller, then passed on downstream
 * under the same session; the last NetServ node (GIST finds no peer beyond
 * it) answers, and each node on the way back pushes its controller block,
 * so the publisher gets the blocks farthest node first, nearest last.
 * TRIGGER travels untouched to the last node, which then starts the wrapped
 * request as a new flow back toward the publisher; on that reverse flow each
 * node appends its block to the request itself and the publisher, as the
 * flow's end, receives them all.
 *
 * <p>GIST callbacks arrive on the GIST loop; controller calls block, so all
 * NSLP work runs on one worker thread, in arrival order.
 */
public final class NetServNslp implements GistListener {
    private static final System.Logger LOG = System.getLogger(NetServNslp.class.getName());

    /** Per-session state while waiting for the downstream answer. */
    private static final class Pending {
        final NslpMessage request;
        final Mri upstream;            // where the answer goes (null: we started the flow)
        final String myBlock;          // null when this node did not act
        ScheduledFuture<?> timeout;

        Pending(NslpMessage request, Mri upstream, String myBlock) {
            this.request = request;
            this.upstream = upstream;
            this.myBlock = myBlock;
        }
    }

    private final String nodeId;
    private final int nslpId;
    private final InetAddress address;
    private final Function<Ncm, String> controller;
    private final long downstreamTimeoutMs;
    private final ThreadPoolExecutor worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
            r -> daemon(r, "nslp-worker"));
    private volatile int workerQueueLimit = 1024;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "nslp-timer"));
    private final Map<Sid, Pending> pending = new ConcurrentHashMap<>();
    private final Map<String, Refreshed> refreshed = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private volatile GistNode gist;

    /**
     * @param controller gives the controller's block for an NCM (the
     *                   {@link ControllerClient} in the daemon)
     * @param address    this node's address for {@code node-address}; null = the route's source
     */
    public NetServNslp(String nodeId, int nslpId, InetAddress address, Function<Ncm, String> controller, long downstreamTimeoutMs) {
        this.nodeId = nodeId;
        this.nslpId = nslpId;
        this.address = address;
        this.controller = controller;
        this.downstreamTimeoutMs = downstreamTimeoutMs;
    }

    private static Thread daemon(Runnable r, String name) {
        final Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    public void bind(GistNode node) { this.gist = node; }

    /**
     * Most GIST deliveries waiting for the worker (controller calls block);
     * past it a delivery is dropped and counted as {@code limit/nslp-worker-queue}
     * (timeouts are always queued, so no pending request is left behind).
     */
    public NetServNslp workerQueueLimit(int n) {
        this.workerQueueLimit = n;
        return this;
    }

    /** Queues GIST's delivery {@code r} unless {@code limit} deliveries already wait. */
    private void deliver(Runnable r, int limit) {
        final int queued = worker.getQueue().size();
        if (queued >= limit) {
            final GistNode g = gist;
            if (g != null) g.limit("nslp-worker-queue", queued + " GIST deliveries wait for the NSLP worker; dropping one");
            return;
        }
        worker.execute(r);
    }

    public Map<String, Long> counters() {
        final Map<String, Long> m = new java.util.TreeMap<>();
        counters.forEach((k, v) -> m.put("nslp-" + k, v.sum()));
        m.put("nslp-pending", (long) pending.size());
        m.put("nslp-refreshed-sessions", (long) refreshed.size());
        return m;
    }

    private void count(String k) { counters.computeIfAbsent(k, x -> new LongAdder()).increment(); }

    // ------------------------------------------------------------ GIST callbacks

    @Override public void receive(int id, Sid sid, Mri mri, byte[] data, Peer peer) {
        if (id != nslpId) return;
        deliver(() -> onMessage(sid, mri, data, peer, true), workerQueueLimit);
    }

    /**
     * Data in a Query, from a source that proved nothing: decoded (and counted
     * when malformed) with a quarter of the worker queue at most, never acted
     * on — our answer would go back as a new Query, retransmitted, to a
     * source that may be forged. NetServ nodes never put requests in Queries.
     */
    @Override public void receiveUnverified(int id, Sid sid, Mri mri, byte[] data, Peer peer) {
        if (id != nslpId) return;
        deliver(() -> onMessage(sid, mri, data, peer, false), Math.max(1, workerQueueLimit / 4));
    }

    @Override public void noPeer(int id, Sid sid, Mri mri, byte[] data, String reason) {
        if (id != nslpId) return;
        deliver(() -> onLastNode(sid, mri, reason), workerQueueLimit);
    }

    @Override public void peerLost(int id, Sid sid, Mri mri) {
        count("peer-lost");
    }

    // ------------------------------------------------------------ processing

    private void onMessage(Sid sid, Mri mri, byte[] data, Peer peer, boolean verified) {
        final NslpMessage m;
        try {
            m = NslpMessage.decode(data);
        } catch (NslpFormatException e) {
            count("malformed");
            // counted; a line per message would let a flood fill the log
            LOG.log(System.Logger.Level.DEBUG, "malformed NSLP message from " + peer + ": " + e.getMessage());
            return;
        }
        if (!verified) {
            count("unverified-dropped");
            return;
        }
        if (m.isRequest() && !mri.upstream()) {
            onRequest(sid, mri, m, peer);
        } else if (!m.isRequest() && mri.upstream()) {
            onResponse(sid, m);
        } else {
            count("unexpected-direction");
        }
    }

    private void onRequest(Sid sid, Mri mri, NslpMessage m, Peer peer) {
        count("requests");
        String block = null;
        boolean accepted = false;
        NslpMessage forward = m;
        if (m.isTriggered()) {
            // reverse flow of a TRIGGER: act and append our block to the request
            block = act(m.ncm(), peer);
            accepted = accepted(block);
            if (block != null) {
                final List<String> b = new ArrayList<>(m.blocks());
                b.add(block);
                forward = m.withBlocks(b);
            }
            block = null;
        } else if (!m.isTrigger()) {
            block = act(m.ncm(), peer);
            accepted = accepted(block);
        }
        final Pending p = new Pending(forward, mri.withDirection(true), block);
        final Pending old = pending.put(sid, p);
        if (old != null && old.timeout != null) old.timeout.cancel(false);
        p.timeout = timers.schedule(() -> worker.execute(() -> onTimeout(sid, p)), downstreamTimeoutMs, TimeUnit.MILLISECONDS);
        // only what our controller accepted keeps signaling state alive (or ends it): an NCM it refused —
        // unsigned, forged, not authorized — costs one pass and no refreshes
        final boolean keep = accepted && keepAlive(forward.ncm(), sid, mri.withDirection(false));
        if (!accepted) count("requests-not-accepted");
        gist.send(nslpId, sid, mri.withDirection(false), forward.encode(), true, keep);
        count("forwarded");
    }

    /**
     * A SETUP's downstream routing state is refreshed while the module lives:
     * until its ttl runs out or a REMOVE of the same module passes (the
     * module's soft state and the signaling state end together).
     */
    private boolean keepAlive(Ncm ncm, Sid sid, Mri downstream) {
        if (ncm.target() == null) return false;
        final String module = ncm.header("user") + "/" + ncm.target() + "/" + downstream.destination().getHostAddress();
        if ("REMOVE".equals(ncm.method())) {
            final Refreshed r = refreshed.remove(module);
            if (r != null) stopRefresh(r);
            return false;
        }
        if (!"SETUP".equals(ncm.method())) return false;
        long ttl;
        try {
            ttl = Long.parseLong(ncm.header("ttl"));
        } catch (NumberFormatException | NullPointerException e) {
            return false;
        }
        final Refreshed r = new Refreshed(sid, downstream);
        r.end = timers.schedule(() -> worker.execute(() -> {
            if (refreshed.remove(module, r)) stopRefresh(r);
        }), Math.max(1, Math.min(ttl, 366L * 86400)), TimeUnit.SECONDS);
        final Refreshed old = refreshed.put(module, r);
        if (old != null && !old.sid.equals(sid)) stopRefresh(old);
        return true;
    }

    private void stopRefresh(Refreshed r) {
        if (r.end != null) r.end.cancel(false);
        gist.release(r.sid, r.mri);
        count("refresh-stopped");
    }

    /** A SETUP session whose routing state we keep refreshing. */
    private static final class Refreshed {
        final Sid sid;
        final Mri mri;
        ScheduledFuture<?> end;

        Refreshed(Sid sid, Mri mri) {
            this.sid = sid;
            this.mri = mri;
        }
    }

    private static boolean accepted(String block) {
        if (block == null) return false;
        final int status = ResponseStack.status(block);
        return status >= 200 && status < 300;
    }

    /** Gives the NCM to the controller unless it names another node; returns our block. */
    private String act(Ncm ncm, Peer from) {
        final String only = ncm.header("node-id");
        // one node id, or the ids of a path (comma-separated): the controller checks the same, signed
        if (only != null && !java.util.Arrays.asList(only.split(",")).contains(nodeId)) {
            count("passed-other-node-id");
            return null;
        }
        String block;
        try {
            block = controller.apply(ncm);
        } catch (RuntimeException e) {
            block = "NETSERV/0.1 500 controller call failed: " + e.getMessage() + "\n\n";
        }
        if (ResponseStack.status(block) == 0) block = "NETSERV/0.1 502 controller sent no status line\n\n";
        block = ResponseStack.withHeader(block, "node-id", nodeId);
        block = ResponseStack.withHeader(block, "node-address", addressToward(from.address).getHostAddress());
        count("controller-calls");
        count("controller/" + ncm.method() + "/" + ResponseStack.status(block));
        return block;
    }

    private void onResponse(Sid sid, NslpMessage r) {
        final Pending p = pending.remove(sid);
        if (p == null) {
            count("response-without-request");
            return;
        }
        if (p.timeout != null) p.timeout.cancel(false);
        if (r.requestId() != p.request.requestId()) {
            count("response-id-mismatch");
        }
        answerUpstream(sid, p, r.blocks());
    }

    /** GIST found nobody beyond us toward the destination: we are the last NetServ node. */
    private void onLastNode(Sid sid, Mri mri, String reason) {
        final Pending p = pending.remove(sid);
        if (p == null) return;
        if (p.timeout != null) p.timeout.cancel(false);
        count("last-node/" + reason);
        if (p.upstream == null) return;          // a reverse flow we started ended without the publisher: nothing to tell
        if (p.request.isTrigger()) {
            startReverseFlow(p, mri);
            final String ack = "NETSERV/0.1 202 Triggered\nnode-id: " + nodeId + "\nnode-address: "
                    + addressToward(mri.source()).getHostAddress() + "\n\n";
            answerUpstream(sid, p, List.of(ack));
            return;
        }
        if (p.request.isTriggered()) {
            // the reverse flow found no GIST at the publisher's end: report back to the originator
            answerUpstream(sid, p, List.of());
            return;
        }
        answerUpstream(sid, p, List.of());
    }

    private void onTimeout(Sid sid, Pending p) {
        if (!pending.remove(sid, p)) return;
        count("downstream-timeouts");
        final List<String> blocks = new ArrayList<>();
        blocks.add("NETSERV/0.1 504 no answer from downstream within " + downstreamTimeoutMs + " ms\nnode-id: " + nodeId + "\n\n");
        if (p.upstream != null) answerUpstream(sid, p, blocks);
    }

    private void answerUpstream(Sid sid, Pending p, List<String> downstreamBlocks) {
        if (p.upstream == null) return;
        final List<String> blocks = new ArrayList<>(downstreamBlocks);
        if (p.myBlock != null) blocks.add(p.myBlock);
        final NslpMessage resp = NslpMessage.response(p.request.requestId(), blocks);
        gist.send(nslpId, sid, p.upstream, resp.encode(), true, false);
        if (!"SETUP".equals(p.request.ncm().method())) gist.release(sid, p.upstream.withDirection(false));
        count("responses");
    }

    /** TRIGGER at the last node: act on the wrapped request and send it back toward the publisher. */
    private void startReverseFlow(Pending p, Mri forwardFlow) {
        final InetAddress publisher = forwardFlow.source();
        final InetAddress me = addressToward(publisher);
        final NslpMessage inner = p.request.inner();
        final String block = act(inner.ncm(), new Peer(publisher, "publisher"));
        final NslpMessage reverse = p.request.triggered(block == null ? List.of() : List.of(block));
        final Sid sid = Sid.random(random);
        final Pending rp = new Pending(reverse, null, null);
        pending.put(sid, rp);
        rp.timeout = timers.schedule(() -> worker.execute(() -> onTimeout(sid, rp)), downstreamTimeoutMs, TimeUnit.MILLISECONDS);
        gist.send(nslpId, sid, Mri.flow(me, publisher), reverse.encode(), true, false);
        count("triggered-flows");
    }

    private InetAddress addressToward(InetAddress peer) {
        if (address != null) return address;
        try (DatagramChannel probe = DatagramChannel.open()) {
            probe.connect(new InetSocketAddress(peer, 270));
            return ((InetSocketAddress) probe.getLocalAddress()).getAddress();
        } catch (java.io.IOException e) {
            return peer;
        }
    }

    public void close() {
        worker.shutdownNow();
        timers.shutdownNow();
    }
}
