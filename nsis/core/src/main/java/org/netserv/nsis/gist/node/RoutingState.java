package org.netserv.nsis.gist.node;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
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

    /** Map key: SID and the direction of the peer. */
    record Key(long hi, long lo, boolean up) {
        static Key of(Sid sid, boolean up) { return new Key(sid.hi(), sid.lo(), up); }
    }

    private final Sid sid;
    private final boolean upstream;       // direction of the peer this state points to
    private final int nslpId;
    private final GistNode node;          // reacts to the timer by phase
    private Mri mri;                      // as the NSLP gave it (direction = upstream)
    private byte phase;
    private boolean querier;              // we sent the Query (else we responded)
    private boolean reliable;             // C-mode wanted
    private boolean refresh;              // querier keeps the state alive by re-querying
    private InetAddress peerAddress;
    private byte[] peerId;
    private MessagingAssociation ma;
    private int queryCookie;
    private long firstQueryAt;
    private int attempts;
    private long expiresAt;               // end of validity (the peer's NLI time)
    private ArrayList<byte[]> pending;    // NSLP data waiting for the handshake
    private QuerySocket querySocket;

    RoutingState(GistNode node, Sid sid, boolean upstream, int nslpId, Mri mri) {
        this.node = node;
        this.sid = sid;
        this.upstream = upstream;
        this.nslpId = nslpId;
        this.mri = mri;
    }

    Key key() { return Key.of(sid, upstream); }

    Sid sid() { return sid; }
    int nslpId() { return nslpId; }
    Mri mri() { return mri; }
    void mri(Mri m) { mri = m; }
    byte phase() { return phase; }
    void phase(byte p) { phase = p; }
    boolean querier() { return querier; }
    boolean reliable() { return reliable; }
    boolean refresh() { return refresh; }
    void stopRefresh() { refresh = false; }
    void wantRefresh(boolean r) { refresh |= r; }
    InetAddress peerAddress() { return peerAddress; }
    long expiresAt() { return expiresAt; }
    void expiresAt(long t) { expiresAt = t; }
    int queryCookie() { return queryCookie; }
    long firstQueryAt() { return firstQueryAt; }
    int attempts() { return attempts; }
    QuerySocket querySocket() { return querySocket; }
    void querySocket(QuerySocket qs) { querySocket = qs; }
    MessagingAssociation ma() { return ma; }

    /** The peer as its NLI names it. */
    void peer(InetAddress address, byte[] id) {
        peerAddress = address;
        peerId = id;
    }

    Peer peer() {
        return new Peer(peerAddress, peerId == null ? "?" : java.util.HexFormat.of().formatHex(peerId));
    }

    /** We query along {@code m}; reliable and refresh only ever get added. */
    void becomeQuerier(Mri m, boolean wantReliable, boolean wantRefresh) {
        querier = true;
        mri = m;
        reliable |= wantReliable;
        refresh |= wantRefresh;
    }

    /** A Query from the other side for a state we query: the path changed; take the peer's view. */
    void becomeResponder() {
        querier = false;
        pending = null;
    }

    /** A (re)query starts: the retry limit counts from {@code now}. */
    void startQuerying(byte p, long now) {
        phase = p;
        firstQueryAt = now;
        attempts = 0;
    }

    /** A new cookie for every (re)transmission, as NSIS-ka. */
    void nextAttempt(int cookie) {
        queryCookie = cookie;
        attempts++;
    }

    void addPending(byte[] data) {
        if (pending == null) pending = new ArrayList<>(1);
        pending.add(data);
    }

    /** NSLP data waiting for the handshake, now handed over (null when none). */
    List<byte[]> takePending() {
        final List<byte[]> p = pending;
        pending = null;
        return p;
    }

    /** Points this state at {@code m}, keeping the MAs' user counts. */
    void attach(MessagingAssociation m) {
        if (ma == m) return;
        if (ma != null) ma.users--;
        ma = m;
        if (m != null) m.users++;
    }

    @Override void expire(long now) { node.onTimer(this, now); }
}
