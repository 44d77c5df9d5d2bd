package org.netserv.nsis.gist.node;

import java.net.InetAddress;
import java.util.ArrayList;
import org.netserv.nsis.gist.wire.Mri;
import org.netserv.nsis.gist.wire.Sid;

/**
 * Routing state for one (session, direction): who the GIST peer is that way,
 * and — while querying — the handshake in progress (RFC 5971 §4.4.1).
 * The object is its own timer (retransmit, refresh or expiry, by phase) so
 * that soft state for a million sessions needs no other per-session object
 * than this, its key and its MRI.
 */
final class RoutingState extends TimerWheel.Entry {
    static final byte QUERYING = 1, ESTABLISHED = 2, REFRESHING = 3;

    final Sid sid;
    final boolean upstream;       // direction of the peer this state points to
    final int nslpId;
    Mri mri;                      // as the NSLP gave it (direction = upstream)
    byte phase;
    boolean querier;              // we sent the Query (else we responded)
    boolean reliable;             // C-mode wanted
    boolean refresh;              // querier keeps the state alive by re-querying
    InetAddress peerAddress;
    byte[] peerId;
    MessagingAssociation ma;
    int queryCookie;
    long firstQueryAt;
    int attempts;
    long expiresAt;               // end of validity (the peer's NLI time)
    ArrayList<byte[]> pending;    // NSLP data waiting for the handshake
    QuerySocket querySocket;

    RoutingState(Sid sid, boolean upstream, int nslpId, Mri mri) {
        this.sid = sid;
        this.upstream = upstream;
        this.nslpId = nslpId;
        this.mri = mri;
    }

    RoutingState.Key key() { return new Key(sid.hi(), sid.lo(), upstream); }

    Peer peer() {
        return new Peer(peerAddress, peerId == null ? "?" : java.util.HexFormat.of().formatHex(peerId));
    }

    // the node reacts to the expiry by phase; it installs itself here
    GistNode node;

    @Override void expire(long now) { node.onTimer(this, now); }

    /** Map key: SID and direction. */
    static final class Key {
        final long hi, lo;
        final boolean up;

        Key(long hi, long lo, boolean up) {
            this.hi = hi;
            this.lo = lo;
            this.up = up;
        }

        @Override public boolean equals(Object o) {
            return o instanceof Key && ((Key) o).hi == hi && ((Key) o).lo == lo && ((Key) o).up == up;
        }

        @Override public int hashCode() { return Long.hashCode(hi ^ (lo * 31)) ^ (up ? 1 : 0); }
    }
}
