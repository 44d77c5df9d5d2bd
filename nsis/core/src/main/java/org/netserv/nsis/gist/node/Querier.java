package org.netserv.nsis.gist.node;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.netserv.nsis.gist.wire.ErrorObject;
import org.netserv.nsis.gist.wire.Gist;
import org.netserv.nsis.gist.wire.GistCodec;
import org.netserv.nsis.gist.wire.GistMessage;
import org.netserv.nsis.gist.wire.Mri;
import org.netserv.nsis.gist.wire.Nli;
import org.netserv.nsis.gist.wire.Sid;
import org.netserv.nsis.gist.wire.StackConfigurationData;
import org.netserv.nsis.gist.wire.StackProposal;

/**
 * The querying node's side (RFC 5971 §4.4.1, §5.3.3): sends NSLP data along
 * an MRI, starting a Query when there is no routing state, retransmits it
 * with exponential back-off, completes the handshake on the Response (opening
 * an MA for C-mode), refreshes established state, and finds the last node on
 * the path (no answer, ICMP port unreachable, Endpoint Found). Used only on
 * the event loop.
 */
final class Querier {
    private static final System.Logger LOG = System.getLogger(Querier.class.getName());

    private final GistNode node;
    private final GistConfig cfg;

    Querier(GistNode node, GistConfig cfg) {
        this.node = node;
        this.cfg = cfg;
    }

    void send(int nslpId, Sid sid, Mri mri, byte[] data, boolean reliable, boolean refresh) {
        final boolean up = mri.upstream();
        final RoutingState.Key key = RoutingState.Key.of(sid, up);
        RoutingState s = node.state(key);
        final long now = System.currentTimeMillis();
        final boolean large = data != null && data.length + 200 > cfg.pathMtu;
        if (s != null && s.phase() != RoutingState.QUERYING) {
            s.wantRefresh(refresh);
            final boolean needMa = (reliable || large) && (s.ma() == null || !s.ma().channel.isOpen());
            if (!needMa) {
                if (data != null) transmit(s, data);
                if (refresh && s.querier() && s.phase() == RoutingState.ESTABLISHED) scheduleEstablished(s, now);
                return;
            }
            if (!s.querier()) {
                // responder side without an MA: data must fit D-mode; C-mode needs the peer's port we never learnt
                if (data != null) transmit(s, data);
                return;
            }
        }
        if (s == null) {
            if (node.local.isLocal(mri.signalingTarget())) {
                // we are the flow's end: nobody beyond
                node.listener.noPeer(nslpId, sid, mri, data, "local");
                return;
            }
            s = node.install(new RoutingState(node, sid, up, nslpId, mri));
        }
        s.becomeQuerier(mri, reliable || large, refresh);
        if (data != null) s.addPending(data);
        if (s.phase() != RoutingState.QUERYING) {
            s.startQuerying(RoutingState.QUERYING, now);
            sendQuery(s, now);
        }
    }

    private void sendQuery(RoutingState s, long now) {
        s.nextAttempt(node.random.nextInt());
        final InetAddress target = s.mri().signalingTarget();
        final boolean cmode = s.reliable() && node.mas.tcpPort() > 0;
        final GistMessage q = GistMessage.query(s.nslpId(), cfg.queryHops, s.mri(), s.sid(), node.local.ourNli(target, cfg.ipTtl),
                ByteBuffer.allocate(4).putInt(s.queryCookie()).array(),
                cmode ? StackProposal.tcpOnly() : null,
                cmode ? new StackConfigurationData(cfg.maHoldTimeMs, List.of(new StackConfigurationData.Option(Gist.MA_PROTOCOL_FORWARDS_TCP, 1, false, new byte[0]))) : null,
                null);
        final byte[] bytes = GistCodec.encode(q, true);
        QuerySocket qs = s.querySocket();
        if (qs == null && cfg.icmpLastNode) qs = node.udp.querySocket(target, s);
        if (!node.udp.sendQuery(bytes, target, qs, s.attempts() == 1)) {
            onPortUnreachable(qs);
            return;
        }
        node.wheel.schedule(s, now + backoff(cfg.t1Ms, s.attempts()));
    }

    /**
     * Wait after transmission {@code attempt} (1-based): T1, 2 T1, 4 T1, ...
     * (RFC 5971 §5.3.3). A Query is re-sent while less than the retry limit has
     * passed since the first; the timer after the last one ends it. With
     * T1 = 500 ms and 64 s this gives transmissions at 0, 0.5, 1.5, ... 63.5 s
     * and the end at 127.5 s, as NSIS-ka does (vector 04).
     */
    static long backoff(long t1Ms, int attempt) {
        return t1Ms << Math.min(20, attempt - 1);
    }

    void onPortUnreachable(QuerySocket qs) {
        if (!cfg.icmpLastNode) return;
        for (RoutingState s : new ArrayList<>(qs.waiting)) {
            if (s.phase() == RoutingState.QUERYING) fail(s, "icmp");
        }
    }

    /** Timer of a routing state fired: retransmit, refresh or expire, by phase. */
    void onTimer(RoutingState s, long now) {
        if (s.phase() == RoutingState.QUERYING || s.phase() == RoutingState.REFRESHING) {
            if (now - s.firstQueryAt() >= cfg.retryLimitMs) {
                if (s.phase() == RoutingState.QUERYING) fail(s, "timeout");
                else {
                    node.remove(s);
                    node.count("routing-states-lost");
                    node.listener.peerLost(s.nslpId(), s.sid(), s.mri());
                }
                return;
            }
            sendQuery(s, now);
            return;
        }
        if (s.querier() && s.refresh()) {
            s.startQuerying(RoutingState.REFRESHING, now);
            node.count("refreshes");
            sendQuery(s, now);
            return;
        }
        node.remove(s);
        node.count("routing-states-expired");
    }

    private void fail(RoutingState s, String reason) {
        final List<byte[]> data = s.takePending();
        node.remove(s);
        node.count("no-peer/" + reason);
        if (data == null || data.isEmpty()) node.listener.noPeer(s.nslpId(), s.sid(), s.mri(), null, reason);
        else for (byte[] d : data) node.listener.noPeer(s.nslpId(), s.sid(), s.mri(), d, reason);
    }

    void onResponse(GistMessage r, InetAddress source, MessagingAssociation via) {
        final Mri mri = r.mri();
        // the Response's MRI is our Query's, inverted: our state points the other way
        final boolean stateUp = !mri.upstream();
        final RoutingState s = node.state(RoutingState.Key.of(r.sid(), stateUp));
        if (s == null || !s.querier() || (s.phase() != RoutingState.QUERYING && s.phase() != RoutingState.REFRESHING)) {
            node.count("rx-response-unexpected");
            return;
        }
        final byte[] qc = r.queryCookie();
        if (qc.length != 4 || ByteBuffer.wrap(qc).getInt() != s.queryCookie()) {
            node.count("rx-response-bad-query-cookie");
            return;
        }
        final long now = System.currentTimeMillis();
        final Nli nli = r.nli();
        node.udp.detach(s);
        s.phase(RoutingState.ESTABLISHED);
        s.peer(nli.interfaceAddress(), nli.peerId());
        s.expiresAt(now + Math.max(1000, nli.validityMs()));
        node.count("handshakes-completed");
        MessagingAssociation ma = via != null ? via : node.mas.open(nli.peerId());
        if (ma != null && !ma.channel.isOpen()) ma = null;
        final byte[] rc = r.responderCookie();
        boolean opened = false;
        if (ma == null && s.reliable()) {
            // the SCD's options name profiles of the responder's own Stack-Proposal (vector 02: NSIS-ka
            // offers {TCP} and {TLS, TCP}); take the forwards-TCP-only one
            final StackProposal rsp = r.stackProposal();
            final int profile = rsp != null ? rsp.tcpProfile() : 0;
            final int port = profile > 0 && r.stackConfiguration() != null ? r.stackConfiguration().tcpPort(profile) : -1;
            if (port > 0) {
                ma = node.mas.connect(new InetSocketAddress(nli.interfaceAddress(), port), nli.peerId(), now);
                opened = ma != null;
            }
        }
        if (ma != null) {
            s.attach(ma);
            if (r.rFlag()) {
                // on a new MA the Confirm echoes the responder's Stack-Proposal (downgrade protection,
                // RFC 5971 §8.6) with our MA hold time; on an existing MA neither is needed (vector 02 #27)
                final GistMessage c = GistMessage.confirm(s.nslpId(), s.mri(), s.sid(), node.local.ourNli(nli.interfaceAddress(), cfg.ipTtl), rc,
                        opened ? r.stackProposal() : null,
                        opened ? new StackConfigurationData(cfg.maHoldTimeMs, List.of()) : null, null);
                node.mas.send(ma, c);
            }
        } else if (r.rFlag()) {
            node.udp.send(GistMessage.confirm(s.nslpId(), s.mri(), s.sid(), node.local.ourNli(nli.interfaceAddress(), cfg.ipTtl), rc, null, null, null),
                    nli.interfaceAddress());
        }
        flushPending(s);
        scheduleEstablished(s, now);
    }

    private void scheduleEstablished(RoutingState s, long now) {
        if (s.querier() && s.refresh()) {
            // refresh well before the peer's validity runs out (RFC 5971 §4.4.3), with jitter
            final long validity = s.expiresAt() - now;
            node.wheel.schedule(s, now + validity / 2 + (long) (node.random.nextDouble() * validity / 4));
        } else {
            node.wheel.schedule(s, s.expiresAt());
        }
    }

    void onError(GistMessage e, InetAddress source) {
        final ErrorObject eo = e.error();
        node.count("rx-error/" + Gist.errorCodeName(eo.code()));
        LOG.log(System.Logger.Level.DEBUG, () -> "GIST Error from " + source + ": " + eo);
        if (eo.sid() == null || eo.originalType() != Gist.QUERY) return;
        final Mri mri = eo.mri();
        final boolean up = mri != null && mri.upstream();
        final RoutingState s = node.state(RoutingState.Key.of(eo.sid(), up));
        if (s == null || !s.querier() || s.phase() != RoutingState.QUERYING) return;
        if (eo.code() == Gist.E_ENDPOINT_FOUND || eo.code() == Gist.E_UNKNOWN_NSLPID) {
            fail(s, "endpoint");
        }
    }

    private void flushPending(RoutingState s) {
        final List<byte[]> p = s.takePending();
        if (p != null) for (byte[] d : p) transmit(s, d);
    }

    /** Data on an established state: over its MA when there is one, else D-mode. */
    void transmit(RoutingState s, byte[] data) {
        if (s.ma() != null && s.ma().channel.isOpen()) {
            node.mas.send(s.ma(), GistMessage.data(s.nslpId(), s.mri(), s.sid(), null, data));
        } else {
            node.udp.send(GistMessage.data(s.nslpId(), s.mri(), s.sid(), node.local.ourNli(s.peerAddress(), cfg.ipTtl), data), s.peerAddress());
        }
        node.count("tx-nslp-data");
    }
}
