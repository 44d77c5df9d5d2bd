package org.netserv.nsis.gist.node;

import org.netserv.nsis.gist.wire.Mri;
import org.netserv.nsis.gist.wire.Sid;

/**
 * What GIST tells its NSLP (the RecvMessage / NetworkNotification primitives
 * of RFC 5971 Appendix B, reduced to what NetServ needs). Called on the node's
 * event-loop thread: implementations must not block.
 */
public interface GistListener {
    /** NSLP data arrived from {@code peer} for the session. */
    void receive(int nslpId, Sid sid, Mri mri, byte[] data, Peer peer);

    /**
     * No GIST peer answered toward {@code mri}'s target: this node is the last
     * one on the path for that NSLP. {@code data} is what could not be sent.
     * {@code reason}: "icmp" (port unreachable), "timeout" (back-off ran out),
     * "endpoint" (the destination runs GIST without our NSLP), "local" or
     * "limit" (this node holds as many routing states as it may).
     */
    void noPeer(int nslpId, Sid sid, Mri mri, byte[] data, String reason);

    /**
     * NSLP data carried in a Query: its sender proved nothing yet (no
     * handshake; the source may be spoofed), so an NSLP may give it less room
     * than {@link #receive}. By default the same as {@code receive}.
     */
    default void receiveUnverified(int nslpId, Sid sid, Mri mri, byte[] data, Peer peer) {
        receive(nslpId, sid, mri, data, peer);
    }

    /** A peer for an established session stopped answering refreshes. */
    default void peerLost(int nslpId, Sid sid, Mri mri) {}
}
