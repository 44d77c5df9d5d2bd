package org.netserv.nsis.gist.node;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import org.netserv.nsis.gist.wire.ErrorReporter;
import org.netserv.nsis.gist.wire.Gist;
import org.netserv.nsis.gist.wire.GistMessage;
import org.netserv.nsis.gist.wire.Mri;
import org.netserv.nsis.gist.wire.Nli;
import org.netserv.nsis.gist.wire.StackConfigurationData;
import org.netserv.nsis.gist.wire.StackProposal;

/**
 * The responding node's side of the handshake (RFC 5971 §4.4.1): answers a
 * Query with a Response carrying a responder cookie (and, for a C-mode
 * Query, our Stack-Proposal and TCP port), and checks the cookie of the
 * Confirm. Used only on the event loop.
 */
final class Responder {
    private final GistNode node;
    private final GistConfig cfg;

    private final PerSecond offSource;

    Responder(GistNode node, GistConfig cfg) {
        this.node = node;
        this.cfg = cfg;
        this.offSource = new PerSecond(cfg.offSourceRepliesPerSecond);
    }

    void onQuery(GistMessage q, InetAddress source, MessagingAssociation via, boolean intercepted) {
        if (via != null) { node.count("rx-query-over-ma-dropped"); return; }
        final Nli nli = q.nli();
        final InetAddress replyTo = nli.interfaceAddress();
        if (!mayReplyTo(q, source, replyTo)) return;
        if (!cfg.servesNslp(q.nslpId())) {
            if (!intercepted) {
                // addressed to us as the flow's end: NSIS-ka answers Endpoint Found (vector 05)
                final boolean endpoint = node.local.isLocal(q.mri().signalingTarget());
                node.sendError(ErrorReporter.about(q, Gist.EC_PERMANENT_FAILURE, endpoint ? Gist.E_ENDPOINT_FOUND : Gist.E_UNKNOWN_NSLPID, 0,
                        node.local.ourNli(replyTo, 0), true), replyTo, null);
                node.count("tx-error/unknown-nslpid");
            } else {
                node.count("intercepted-foreign-nslpid");
                node.passOn(q);
            }
            return;
        }
        if (q.hops() == 0) {
            node.udp.send(ErrorReporter.about(q, Gist.EC_PERMANENT_FAILURE, Gist.E_HOP_LIMIT_EXCEEDED, 0, node.local.ourNli(replyTo, 0), true), replyTo);
            return;
        }
        // Delayed state installation (RFC 5971 §4.4.1, §8.4): a Query installs and changes nothing;
        // the Response's cookie lets the Confirm prove the querier got it, and only then is there state.
        final Mri mri = q.mri();
        final byte[] rc = node.cookies.make(cookieInput(q, nli));
        final MessagingAssociation existing = node.mas.open(nli.peerId());
        if (existing != null && existing.remote.getAddress().equals(replyTo)) {
            // vector 02 #25: with an MA in place the Response goes over it, without SP/SCD
            final GistMessage r = GistMessage.response(q.nslpId(), mri.inverted(), q.sid(), node.local.ourNli(replyTo, 0), q.queryCookie(), rc, null, null, null, true);
            node.mas.send(existing, r);
        } else {
            StackProposal sp = null;
            StackConfigurationData scd = null;
            final int tcpPort = node.mas.tcpPort();
            if (q.stackProposal() != null && tcpPort > 0) {
                final int profile = q.stackProposal().tcpProfile();
                if (profile > 0) {
                    sp = StackProposal.tcpOnly();
                    scd = new StackConfigurationData(cfg.maHoldTimeMs, List.of(StackConfigurationData.Option.tcpPort(1, tcpPort)));
                }
            }
            final GistMessage r = GistMessage.response(q.nslpId(), mri.inverted(), q.sid(), node.local.ourNli(replyTo, 0), q.queryCookie(), rc, sp, scd, null, true);
            node.udp.send(r, replyTo);
        }
        node.count("tx-response");
        final byte[] data = q.nslpData();
        if (data != null) node.listener.receiveUnverified(q.nslpId(), q.sid(), mri, data, new Peer(replyTo, HexFormat.of().formatHex(nli.peerId())));
    }

    /**
     * Whether a Query may be answered at its NLI's address (no reflection).
     * RFC 5971 §5.3 (D-mode transport, Q-mode encapsulation) and the S flag
     * of the common header (§5.1): with S set the Query's IP source is the
     * querying node's own address, with S clear it may be the flow's source;
     * the Response goes in D-mode to the interface address of the Query's
     * NLI (§4.4.1). With S set the two must agree — a Query naming another
     * address is spoofed and gets no answer, not even an Error. With S clear
     * the RFC requires the reply at the NLI address, which the IP source
     * cannot vouch for: such replies are rate-limited instead.
     */
    private boolean mayReplyTo(GistMessage q, InetAddress source, InetAddress nliAddress) {
        if (nliAddress.equals(source)) return true;
        if (q.sFlag()) {
            node.count("rx-query-nli-not-source");
            return false;
        }
        if (!offSource.tryAcquire(System.currentTimeMillis())) {
            node.limit("off-source-replies", "Query from " + source + " (S clear) asks for replies at " + nliAddress);
            return false;
        }
        return true;
    }

    /** What the responder cookie vouches for: the querier's identity and address, the session and its flow. */
    private static byte[] cookieInput(GistMessage m, Nli nli) {
        final ByteBuffer b = ByteBuffer.allocate(16 + 16 + 16 + 64 + 2);
        b.put(nli.peerId(), 0, Math.min(16, nli.peerId().length));
        b.put(nli.interfaceAddress().getAddress());
        b.putLong(m.sid().hi()).putLong(m.sid().lo());
        final Mri mri = m.mri();
        final ByteBuffer mb = ByteBuffer.allocate(mri.encodedLength());
        mri.withDirection(false).encode(mb);
        b.put(mb.array(), 0, Math.min(64, mb.capacity()));
        b.putShort((short) m.nslpId());
        b.flip();
        final byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    void onConfirm(GistMessage c, InetAddress source, MessagingAssociation via) {
        final Nli nli = c.nli();
        final byte[] rc = c.responderCookie();
        if (rc == null) {
            // we put a cookie in every Response: a Confirm without one answers none of ours
            node.count("rx-confirm-no-cookie");
            return;
        }
        if (!node.cookies.verify(rc, cookieInput(c, nli))) {
            node.count("rx-confirm-bad-cookie");
            if (via != null || nli.interfaceAddress().equals(source)) {
                node.sendError(ErrorReporter.about(c, Gist.EC_PROTOCOL_ERROR, Gist.E_OBJECT_VALUE, Gist.SUB_INVALID_COOKIE,
                        node.local.ourNli(nli.interfaceAddress(), 0), false), nli.interfaceAddress(), via);
            }
            return;
        }
        if (via != null && !node.mas.bind(via, nli.peerId())) return;
        final boolean peerUp = !c.mri().upstream();
        RoutingState s = node.state(RoutingState.Key.of(c.sid(), peerUp));
        final long now = System.currentTimeMillis();
        if (s == null) {
            s = node.install(new RoutingState(node, c.sid(), peerUp, c.nslpId(), c.mri().withDirection(peerUp)));
            if (s == null) return;
            node.count("routing-states-installed");
        } else if (s.querier()) {
            // a handshake from the other side for a state we query: the path changed; take the peer's view
            s.becomeResponder();
            node.udp.detach(s);
        }
        s.mri(c.mri().withDirection(peerUp));
        s.phase(RoutingState.ESTABLISHED);
        s.peer(nli.interfaceAddress(), nli.peerId());
        s.expiresAt(now + node.validity(nli.validityMs()) + cfg.t1Ms * 4);
        node.wheel.schedule(s, s.expiresAt());
        if (via != null) s.attach(via);
        node.count("confirms");
        final byte[] data = c.nslpData();
        if (data != null) node.listener.receive(c.nslpId(), c.sid(), c.mri(), data, s.peer());
    }
}
