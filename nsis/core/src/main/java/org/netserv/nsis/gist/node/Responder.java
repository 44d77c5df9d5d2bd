package org.netserv.nsis.gist.node;

import java.net.InetAddress;
import java.nio.ByteBuffer;
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

    Responder(GistNode node, GistConfig cfg) {
        this.node = node;
        this.cfg = cfg;
    }

    void onQuery(GistMessage q, InetAddress source, MessagingAssociation via, boolean intercepted) {
        if (via != null) { node.count("rx-query-over-ma-dropped"); return; }
        final Nli nli = q.nli();
        if (!cfg.servesNslp(q.nslpId())) {
            if (!intercepted) {
                // addressed to us as the flow's end: NSIS-ka answers Endpoint Found (vector 05)
                final boolean endpoint = node.local.isLocal(q.mri().signalingTarget());
                node.udp.send(ErrorReporter.about(q, Gist.EC_PERMANENT_FAILURE, endpoint ? Gist.E_ENDPOINT_FOUND : Gist.E_UNKNOWN_NSLPID, 0,
                        node.local.ourNli(nli.interfaceAddress(), 0), true), nli.interfaceAddress());
                node.count("tx-error/unknown-nslpid");
            } else {
                node.count("intercepted-foreign-nslpid");
                node.passOn(q);
            }
            return;
        }
        if (q.hops() == 0) {
            node.udp.send(ErrorReporter.about(q, Gist.EC_PERMANENT_FAILURE, Gist.E_HOP_LIMIT_EXCEEDED, 0, node.local.ourNli(nli.interfaceAddress(), 0), true),
                    nli.interfaceAddress());
            return;
        }
        final Mri mri = q.mri();
        final boolean peerUp = !mri.upstream();      // the querier lies opposite the MRI's direction
        RoutingState s = node.state(RoutingState.Key.of(q.sid(), peerUp));
        final long now = System.currentTimeMillis();
        if (s == null) {
            s = node.install(new RoutingState(node, q.sid(), peerUp, q.nslpId(), mri.withDirection(peerUp)));
            node.count("routing-states-installed");
        } else if (s.querier()) {
            s.becomeResponder();
            node.udp.detach(s);
        }
        s.mri(mri.withDirection(peerUp));
        s.phase(RoutingState.ESTABLISHED);
        s.peer(nli.interfaceAddress(), nli.peerId());
        s.expiresAt(now + Math.max(1000, nli.validityMs()) + cfg.t1Ms * 4);
        node.wheel.schedule(s, s.expiresAt());

        final MessagingAssociation existing = node.mas.open(nli.peerId());
        final InetAddress replyTo = nli.interfaceAddress();
        final byte[] rc = node.cookies.make(cookieInput(q, nli));
        if (existing != null) {
            s.attach(existing);
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
        if (data != null) node.listener.receive(q.nslpId(), q.sid(), mri, data, s.peer());
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
        if (rc != null && !node.cookies.verify(rc, cookieInput(c, nli))) {
            node.count("rx-confirm-bad-cookie");
            node.mas.sendTo(ErrorReporter.about(c, Gist.EC_PROTOCOL_ERROR, Gist.E_OBJECT_VALUE, Gist.SUB_INVALID_COOKIE,
                    node.local.ourNli(nli.interfaceAddress(), 0), false), nli.interfaceAddress(), via);
            return;
        }
        final boolean peerUp = !c.mri().upstream();
        RoutingState s = node.state(RoutingState.Key.of(c.sid(), peerUp));
        final long now = System.currentTimeMillis();
        if (s == null) {
            if (rc == null) {
                node.count("rx-confirm-no-state");
                return;
            }
            // late Confirm after our state expired: the cookie vouches for it
            s = node.install(new RoutingState(node, c.sid(), peerUp, c.nslpId(), c.mri().withDirection(peerUp)));
            s.phase(RoutingState.ESTABLISHED);
            s.expiresAt(now + nli.validityMs());
            node.wheel.schedule(s, s.expiresAt());
        }
        s.peer(nli.interfaceAddress(), nli.peerId());
        if (via != null) {
            node.mas.learnPeer(via, nli.peerId());
            s.attach(via);
        }
        node.count("confirms");
        final byte[] data = c.nslpData();
        if (data != null) node.listener.receive(c.nslpId(), c.sid(), c.mri(), data, s.peer());
    }
}
