/*
 * TurnServer — the TURN server's state machine (RFC 8656 on STUN, RFC 8489), apart
 * from the sockets that feed it: RelayLoop hands it each message a client sent
 * (onClient) and each datagram a peer sent to a relayed address (onPeer); it answers
 * through the client's link and sends to peers through the allocation's relay socket.
 * One thread calls it; nothing here locks.
 *
 * Request processing follows RFC 8489 §6.3 and §9.2.4 (long-term credentials), then the
 * per-method steps of RFC 8656 §7-§11:
 *   Binding             no authentication; XOR-MAPPED-ADDRESS
 *   Allocate            401/438 challenge, 437 when the 5-tuple has one (a retransmission
 *                       of the same transaction gets the same answer), 400/442 on
 *                       REQUESTED-TRANSPORT, 440 for IPv6, 400 for RESERVATION-TOKEN with
 *                       EVEN-PORT or REQUESTED-ADDRESS-FAMILY, 486 per-user quota, 508 no port,
 *                       quota or unknown token; LIFETIME = max(default, min(asked, max))
 *   Refresh             437, 441, 443; LIFETIME 0 deletes; min(asked, max) otherwise
 *   CreatePermission    437, 441, 400, 443, 403 (denied peers), 508 (table full); 300 s each
 *   ChannelBind         437, 441, 400 (number outside 0x4000-0x4FFF, rebinding either side), 443,
 *                       403, 508; 600 s, and the peer's permission refreshed
 *   Send / ChannelData  silently dropped without allocation, permission or binding (counted)
 * Unknown comprehension-required attributes: 420 + UNKNOWN-ATTRIBUTES in requests, a
 * silent drop in indications. DONT-FRAGMENT is one of them when the JVM cannot set DF
 * (jdk.net.ExtendedSocketOptions.IP_DONTFRAGMENT, JDK 19+): RFC 8656 §7.2 says so.
 *
 * Relayed data is copied once, from the receive buffer to the socket: a peer's datagram
 * is received behind 36 bytes of headroom, and the ChannelData header (4 bytes) or Data
 * indication header (36 bytes) is written in front of it in place.
 */
package org.netserv.apps.mediarelay;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

final class TurnServer {
    private static final System.Logger LOG = System.getLogger("org.netserv.apps.mediarelay");
    /** Room in front of a received peer datagram for the Data indication header. */
    static final int HEADROOM = Stun.HEADER + 12 + 4;
    static final long RESERVATION_NANOS = TimeUnit.SECONDS.toNanos(30);

    final Config cfg;
    final Credentials creds;
    final Counters counters = new Counters();
    private final LongSupplier clock;
    private final Selector selector;
    private final SocketOption<Boolean> dontFragment = dontFragmentOption();

    private final RelayShared shared;
    final List<Allocation> allocations = new ArrayList<>();

    private final StunMessage msg = new StunMessage();
    private final StunWriter w = new StunWriter();
    private final ByteBuffer out = ByteBuffer.allocate(4096);
    private long txSeed;

    // the request being answered: who it authenticated as, with which key and integrity type
    private String authUser;
    private byte[] authKey;
    private boolean authSha256;

    /**
     * @param selector where relay sockets are registered (OP_READ, attachment the Allocation);
     *                 null leaves them unregistered (unit tests read them themselves)
     * @param clock    nanoseconds, monotonic
     */
    TurnServer(RelayShared shared, Selector selector, LongSupplier clock) {
        this.cfg = shared.cfg;
        this.shared = shared;
        this.selector = selector;
        this.clock = clock;
        this.creds = shared.creds;
        this.txSeed = new SecureRandom().nextLong();
    }

    /** A server of its own (tests): nothing shared with other threads. */
    TurnServer(Config cfg, Selector selector, LongSupplier clock) {
        this(new RelayShared(cfg), selector, clock);
    }

    boolean dontFragmentSupported() { return dontFragment != null; }

    /** Wall-clock seconds, for nonces and REST username expiry (replaceable in tests). */
    LongSupplier wallSeconds = () -> System.currentTimeMillis() / 1000;

    long nowSeconds() {
        return wallSeconds.getAsLong();
    }

    // ------------------------------------------------------------------ from clients

    /** One message from a client: {@code b[off, off+len)} is a STUN message or a ChannelData message. */
    void onClient(ClientLink link, ByteBuffer b, int off, int len) {
        if (len >= 4 && (b.get(off) & 0xC0) == 0x40) {
            channelData(link, b, off, len);
            return;
        }
        int r = msg.parse(b, off, len);
        if (r == StunMessage.NOT_STUN || r == StunMessage.BAD_FINGERPRINT) {
            counters.inc(Counters.DROPPED_MALFORMED);     // RFC 8489 §6.3: silently discarded
            return;
        }
        int klass = msg.klass(), method = msg.method();
        if (klass == Stun.INDICATION) {
            if (r == StunMessage.OK && method == Stun.SEND && msg.unknownCount == 0) send(link);
            else counters.inc(Counters.DROPPED_MALFORMED);
            return;
        }
        if (klass != Stun.REQUEST) {
            counters.inc(Counters.DROPPED_OTHER);          // responses: we never sent a request
            return;
        }
        counters.inc(Counters.REQUESTS);
        authUser = null;
        authKey = null;
        authSha256 = false;
        if (r == StunMessage.BAD_ATTRIBUTES) {
            error(link, 400);
            return;
        }
        if (method == Stun.BINDING) {
            if (msg.unknownCount > 0) {
                error(link, 420);
                return;
            }
            begin(Stun.SUCCESS).xorAddress(Stun.XOR_MAPPED_ADDRESS, link.remoteIp, link.remotePort);
            reply(link);
            return;
        }
        if (method != Stun.ALLOCATE && method != Stun.REFRESH && method != Stun.CREATE_PERMISSION
                && method != Stun.CHANNEL_BIND) {
            error(link, 400);
            return;
        }
        if (!authenticate(link)) return;
        if (link.allocation != null && method != Stun.ALLOCATE && !link.allocation.username.equals(authUser)) {
            error(link, 441);
            return;
        }
        if (msg.unknownCount > 0) {
            error(link, 420);
            return;
        }
        switch (method) {
            case Stun.ALLOCATE -> allocate(link);
            case Stun.REFRESH -> refresh(link);
            case Stun.CREATE_PERMISSION -> createPermission(link);
            default -> channelBind(link);
        }
    }

    /**
     * RFC 8489 §9.2.4. On success sets authUser/authKey/authSha256; otherwise answers
     * (400, 401 or 438) and returns false.
     */
    private boolean authenticate(ClientLink link) {
        boolean sha = msg.integritySha256At >= 0;
        if (!sha && msg.integrityAt < 0) {
            error(link, 401);
            return false;
        }
        boolean hasUser = msg.has(Stun.USERNAME) || msg.has(Stun.USERHASH);
        if (!hasUser || !msg.has(Stun.REALM) || !msg.has(Stun.NONCE)) {
            error(link, 400);
            return false;
        }
        String nonce = msg.string(Stun.NONCE);
        int algorithm = Stun.ALG_MD5;
        if (nonce.startsWith(Credentials.NONCE_COOKIE)) {
            boolean list = msg.passwordAlgorithmsAt >= 0, one = msg.has(Stun.PASSWORD_ALGORITHM);
            if (list || one) {
                if (!list || !one || !offeredAlgorithms() || msg.len(Stun.PASSWORD_ALGORITHM) < 4) {
                    error(link, 400);
                    return false;
                }
                algorithm = msg.buf.getShort(msg.at(Stun.PASSWORD_ALGORITHM)) & 0xffff;
                if (algorithm != Stun.ALG_MD5 && algorithm != Stun.ALG_SHA256) {
                    error(link, 400);
                    return false;
                }
            }
        }
        long nowS = nowSeconds();
        String user;
        if (msg.has(Stun.USERNAME)) user = msg.string(Stun.USERNAME);
        else user = msg.len(Stun.USERHASH) == 32 ? creds.userOfHash(msg.bytes(Stun.USERHASH)) : null;
        String password = user == null ? null : creds.password(user, nowS);
        if (password == null) {
            error(link, 401);
            return false;
        }
        byte[] key = creds.key(user, password, algorithm);
        if (!integrityOk(key, sha)) {
            error(link, 401);
            return false;
        }
        // authenticated from here on: the answers carry MESSAGE-INTEGRITY
        authUser = user;
        authKey = key;
        authSha256 = sha;
        if (!creds.nonceValid(nonce, nowS)) {
            authKey = null;                     // 438 carries a fresh NONCE and no integrity (§9.2.4)
            error(link, 438);
            return false;
        }
        return true;
    }

    private boolean offeredAlgorithms() {
        if (msg.passwordAlgorithmsLen != Credentials.ALGORITHMS.length) return false;
        for (int i = 0; i < Credentials.ALGORITHMS.length; i++) {
            if (msg.buf.get(msg.passwordAlgorithmsAt + i) != Credentials.ALGORITHMS[i]) return false;
        }
        return true;
    }

    /** HMAC over the message up to the integrity attribute, the length field set to end with it. */
    private boolean integrityOk(byte[] key, boolean sha) {
        int at = sha ? msg.integritySha256At : msg.integrityAt;
        int vlen = msg.buf.getShort(at + 2) & 0xffff;
        ByteBuffer b = msg.buf;
        int lenField = msg.start + 2;
        short saved = b.getShort(lenField);
        b.putShort(lenField, (short) (at + 4 + vlen - msg.start - Stun.HEADER));
        byte[] mac = StunWriter.mac(sha ? "HmacSHA256" : "HmacSHA1", key, b, msg.start, at - msg.start);
        b.putShort(lenField, saved);
        for (int i = 0; i < vlen; i++) if (b.get(at + 4 + i) != mac[i]) return false;
        return true;
    }

    // ------------------------------------------------------------------ Allocate

    private void allocate(ClientLink link) {
        long now = clock.getAsLong();
        Allocation existing = link.allocation;
        if (existing != null) {
            if (msg.sameTransaction(existing.allocateTxid) && existing.allocateResponse != null) {
                link.send(ByteBuffer.wrap(existing.allocateResponse));   // retransmission: same answer
            } else {
                error(link, 437);
            }
            return;
        }
        if (!msg.has(Stun.REQUESTED_TRANSPORT) || msg.len(Stun.REQUESTED_TRANSPORT) != 4) {
            error(link, 400);
            return;
        }
        if ((msg.buf.get(msg.at(Stun.REQUESTED_TRANSPORT)) & 0xff) != Stun.PROTO_UDP) {
            error(link, 442);
            return;
        }
        if (msg.has(Stun.DONT_FRAGMENT) && dontFragment == null) {
            msg.unknown[0] = Stun.DONT_FRAGMENT;
            msg.unknownCount = 1;
            error(link, 420);
            return;
        }
        boolean token = msg.has(Stun.RESERVATION_TOKEN), even = msg.has(Stun.EVEN_PORT);
        if (token && (even || msg.has(Stun.REQUESTED_ADDRESS_FAMILY))) {
            error(link, 400);
            return;
        }
        if (token && msg.len(Stun.RESERVATION_TOKEN) != 8 || even && msg.len(Stun.EVEN_PORT) < 1) {
            error(link, 400);
            return;
        }
        if (msg.has(Stun.REQUESTED_ADDRESS_FAMILY)) {
            int f = msg.len(Stun.REQUESTED_ADDRESS_FAMILY) == 4 ? msg.buf.get(msg.at(Stun.REQUESTED_ADDRESS_FAMILY)) & 0xff : -1;
            if (f == Stun.FAMILY_IPV6) {
                error(link, 440);
                return;
            }
            if (f != Stun.FAMILY_IPV4) {
                error(link, 400);
                return;
            }
        }
        Object admitted = shared.admit(authUser, now);
        if (admitted instanceof Integer code) {
            error(link, code);
            return;
        }
        RelayShared.UserState user = (RelayShared.UserState) admitted;
        int ip = link.local.getAddress().hashCode();
        RelayShared.Opened opened;
        long reservationToken = 0;
        if (token) {
            opened = shared.take(msg.buf.getLong(msg.at(Stun.RESERVATION_TOKEN)), ip, now);
        } else {
            boolean reserve = even && (msg.buf.get(msg.at(Stun.EVEN_PORT)) & 0x80) != 0;
            opened = shared.open(link.local.getAddress(), even, reserve);
            if (opened != null && opened.reserved() != null) {
                reservationToken = shared.reserve(opened.reserved(), ip, opened.port() + 1, now + RESERVATION_NANOS);
            }
        }
        if (opened == null) {
            shared.leave(user);
            error(link, 508);
            return;
        }
        DatagramChannel relay = opened.channel();
        int port = opened.port();
        if (msg.has(Stun.DONT_FRAGMENT)) {
            try {
                relay.setOption(dontFragment, true);
            } catch (IOException | UnsupportedOperationException e) {
                shared.release(relay, port);
                shared.leave(user);
                error(link, 500);
                return;
            }
        }
        int lifetime = cfg.defaultLifetime;
        if (msg.has(Stun.LIFETIME) && msg.len(Stun.LIFETIME) == 4) {
            long asked = msg.u32(Stun.LIFETIME) & 0xffffffffL;
            lifetime = (int) Math.max(cfg.defaultLifetime, Math.min(asked, cfg.maxLifetime));
        }
        Allocation a = new Allocation(link, authUser, user, relay, ip, port, msg.transactionId(),
                now + TimeUnit.SECONDS.toNanos(lifetime), cfg.maxPermissions, cfg.maxChannels);
        if (selector != null) {
            try {
                relay.configureBlocking(false);
                a.key = relay.register(selector, SelectionKey.OP_READ, a);
            } catch (IOException e) {
                shared.release(relay, port);
                shared.leave(user);
                error(link, 500);
                return;
            }
        }
        link.allocation = a;
        allocations.add(a);
        counters.inc(Counters.ALLOCATIONS);
        counters.inc(Counters.ALLOCATIONS_TOTAL);
        StunWriter s = begin(Stun.SUCCESS).xorAddress(Stun.XOR_RELAYED_ADDRESS, ip, port).u32(Stun.LIFETIME, lifetime);
        if (reservationToken != 0) {
            byte[] t = new byte[8];
            ByteBuffer.wrap(t).putLong(reservationToken);
            s.bytes(Stun.RESERVATION_TOKEN, t);
        }
        s.xorAddress(Stun.XOR_MAPPED_ADDRESS, link.remoteIp, link.remotePort);
        seal();
        byte[] copy = new byte[out.remaining()];
        out.get(out.position(), copy);
        a.allocateResponse = copy;
        link.send(out);
        LOG.log(System.Logger.Level.DEBUG, "allocation {0} for {1} at port {2}", link, authUser, port);
    }

    // ------------------------------------------------------------------ Refresh, permissions, channels

    private void refresh(ClientLink link) {
        Allocation a = link.allocation;
        if (a == null) {
            error(link, 437);
            return;
        }
        if (msg.has(Stun.REQUESTED_ADDRESS_FAMILY) && msg.family(Stun.REQUESTED_ADDRESS_FAMILY) != -1
                && (msg.buf.get(msg.at(Stun.REQUESTED_ADDRESS_FAMILY)) & 0xff) != Stun.FAMILY_IPV4) {
            error(link, 443);
            return;
        }
        long lifetime = cfg.defaultLifetime;
        if (msg.has(Stun.LIFETIME) && msg.len(Stun.LIFETIME) == 4) {
            lifetime = Math.min(msg.u32(Stun.LIFETIME) & 0xffffffffL, cfg.maxLifetime);
        }
        if (lifetime == 0) {
            delete(a);
        } else {
            a.expiresAt = clock.getAsLong() + TimeUnit.SECONDS.toNanos(lifetime);
        }
        begin(Stun.SUCCESS).u32(Stun.LIFETIME, (int) lifetime);
        reply(link);
    }

    private void createPermission(ClientLink link) {
        Allocation a = link.allocation;
        if (a == null) {
            error(link, 437);
            return;
        }
        // every XOR-PEER-ADDRESS counts (RFC 8656 §9.2): check them all, then install them all
        int added = 0;
        int[] ips = new int[16];
        int n = 0;
        ByteBuffer b = msg.buf;
        for (int p = msg.start + Stun.HEADER, end = msg.start + msg.length; p + 4 <= end; ) {
            int t = b.getShort(p) & 0xffff, l = b.getShort(p + 2) & 0xffff;
            if (t == Stun.MESSAGE_INTEGRITY || t == Stun.MESSAGE_INTEGRITY_SHA256) break;
            if (t == Stun.XOR_PEER_ADDRESS) {
                int family = l >= 4 ? b.get(p + 5) & 0xff : -1;
                if (family == Stun.FAMILY_IPV6) {
                    error(link, 443);
                    return;
                }
                if (family != Stun.FAMILY_IPV4 || l != 8) {
                    error(link, 400);
                    return;
                }
                int ip = b.getInt(p + 8) ^ Stun.MAGIC;
                if (cfg.denied(ip)) {
                    error(link, 403);
                    return;
                }
                if (n == ips.length) ips = java.util.Arrays.copyOf(ips, n * 2);
                ips[n++] = ip;
                if (a.permissionIndex(ip) < 0) added++;
            }
            p += 4 + Stun.padded(l);
        }
        if (n == 0) {
            error(link, 400);
            return;
        }
        if (a.permissions + added > cfg.maxPermissions) {
            error(link, 508);
            return;
        }
        long expires = clock.getAsLong() + TimeUnit.SECONDS.toNanos(cfg.permissionLifetime);
        for (int i = 0; i < n; i++) {
            int before = a.permissions;
            a.permit(ips[i], expires);
            counters.add(Counters.PERMISSIONS, a.permissions - before);
        }
        begin(Stun.SUCCESS);
        reply(link);
    }

    private void channelBind(ClientLink link) {
        Allocation a = link.allocation;
        if (a == null) {
            error(link, 437);
            return;
        }
        if (!msg.has(Stun.CHANNEL_NUMBER) || msg.len(Stun.CHANNEL_NUMBER) != 4 || !msg.has(Stun.XOR_PEER_ADDRESS)) {
            error(link, 400);
            return;
        }
        int number = msg.buf.getShort(msg.at(Stun.CHANNEL_NUMBER)) & 0xffff;
        if (number < Stun.CHANNEL_MIN || number > cfg.channelMax) {
            error(link, 400);
            return;
        }
        int family = msg.family(Stun.XOR_PEER_ADDRESS);
        if (family == Stun.FAMILY_IPV6) {
            error(link, 443);
            return;
        }
        int ip = msg.xorIpv4(Stun.XOR_PEER_ADDRESS);
        if (family != Stun.FAMILY_IPV4 || msg.len(Stun.XOR_PEER_ADDRESS) != 8) {
            error(link, 400);
            return;
        }
        int port = msg.xorPort(Stun.XOR_PEER_ADDRESS);
        if (cfg.denied(ip)) {
            error(link, 403);
            return;
        }
        int byNumber = a.channelOfNumber(number), byPeer = a.channelOfPeer(ip, port);
        if (byNumber != byPeer) {          // the number is bound to another peer, or the peer to another number
            error(link, 400);
            return;
        }
        if (byNumber < 0 && (a.channels == cfg.maxChannels
                || a.permissionIndex(ip) < 0 && a.permissions == cfg.maxPermissions)) {
            error(link, 508);
            return;
        }
        long now = clock.getAsLong();
        if (byNumber >= 0) {
            a.chExpires[byNumber] = now + TimeUnit.SECONDS.toNanos(cfg.channelLifetime);
        } else {
            a.bind(number, ip, port, now + TimeUnit.SECONDS.toNanos(cfg.channelLifetime));
            counters.inc(Counters.CHANNELS);
        }
        int before = a.permissions;
        a.permit(ip, now + TimeUnit.SECONDS.toNanos(cfg.permissionLifetime));
        counters.add(Counters.PERMISSIONS, a.permissions - before);
        begin(Stun.SUCCESS);
        reply(link);
    }

    // ------------------------------------------------------------------ data: client -> peer

    private void send(ClientLink link) {
        Allocation a = link.allocation;
        if (a == null || !msg.has(Stun.XOR_PEER_ADDRESS) || !msg.has(Stun.DATA_ATTR)) {
            counters.inc(Counters.DROPPED_OTHER);
            return;
        }
        int ip = msg.xorIpv4(Stun.XOR_PEER_ADDRESS);
        if (ip == 0) {
            counters.inc(Counters.DROPPED_MALFORMED);
            return;
        }
        long now = clock.getAsLong();
        if (!a.permitted(ip, now)) {
            counters.inc(Counters.DROPPED_NO_PERMISSION);
            return;
        }
        toPeer(a, msg.buf, msg.at(Stun.DATA_ATTR), msg.len(Stun.DATA_ATTR), a.peer(ip, msg.xorPort(Stun.XOR_PEER_ADDRESS)), now);
    }

    /*
     * ChannelData (RFC 8656 §12.4):
     *   0                   1                   2                   3
     *  +-------------------------------+-------------------------------+
     *  |         Channel Number        |            Length             |
     *  +-------------------------------+-------------------------------+
     *  |                  Application Data (Length bytes)              |
     */
    private void channelData(ClientLink link, ByteBuffer b, int off, int len) {
        int number = b.getShort(off) & 0xffff, dataLen = b.getShort(off + 2) & 0xffff;
        if (number > cfg.channelMax) {                  // 0x5000-0x7FFF: reserved (RFC 8656), never bound
            counters.inc(Counters.DROPPED_BAD_CHANNEL);
            return;
        }
        // over UDP the datagram may carry padding (pjnath does): more is fine, less is truncated
        if (4 + dataLen > len) {
            counters.inc(Counters.DROPPED_MALFORMED);
            return;
        }
        Allocation a = link.allocation;
        int c = a == null ? -1 : a.channelOfNumber(number);
        long now = clock.getAsLong();
        if (c < 0 || a.chExpires[c] <= now) {
            counters.inc(Counters.DROPPED_BAD_CHANNEL);
            return;
        }
        if (!a.permitted(a.chIp[c], now)) {
            counters.inc(Counters.DROPPED_NO_PERMISSION);
            return;
        }
        toPeer(a, b, off + 4, dataLen, a.chPeer[c], now);
    }

    private void toPeer(Allocation a, ByteBuffer b, int off, int len, InetSocketAddress peer, long now) {
        if (!shared.bandwidth(a.user, len, now)) {
            counters.inc(Counters.DROPPED_BANDWIDTH);
            return;
        }
        int pos = b.position(), lim = b.limit();
        b.limit(off + len).position(off);
        try {
            a.relay.send(b, peer);
            counters.inc(Counters.TO_PEER_PACKETS);
            counters.add(Counters.TO_PEER_BYTES, len);
        } catch (IOException e) {
            counters.inc(Counters.DROPPED_OTHER);
        } finally {
            b.limit(lim).position(pos);
        }
    }

    // ------------------------------------------------------------------ data: peer -> client

    /**
     * A datagram a peer sent to {@code a}'s relayed address: {@code b[HEADROOM, HEADROOM+len)},
     * with HEADROOM bytes free in front and 3 behind for padding.
     */
    void onPeer(Allocation a, ByteBuffer b, int len, InetSocketAddress from) {
        int ip = from.getAddress().hashCode(), port = from.getPort();
        long now = clock.getAsLong();
        if (!a.permitted(ip, now)) {
            counters.inc(Counters.DROPPED_NO_PERMISSION);     // RFC 8656 §10.3: silently discarded
            return;
        }
        if (!shared.bandwidth(a.user, len, now)) {
            counters.inc(Counters.DROPPED_BANDWIDTH);
            return;
        }
        int c = a.channelOfPeer(ip, port);
        int start, end;
        if (c >= 0 && a.chExpires[c] > now) {
            start = HEADROOM - 4;
            b.putShort(start, (short) a.chNumber[c]).putShort(start + 2, (short) len);
            end = HEADROOM + len;
            if (a.link.stream()) end = pad(b, end, start);
        } else {
            /* Data indication:
             *  header (20) | XOR-PEER-ADDRESS: 0x0012 len 8 | 0 fam x-port x-addr (12) | DATA: 0x0013 len (4) | data | pad */
            start = 0;
            int padded = Stun.padded(len);
            b.putShort(0, (short) Stun.type(Stun.DATA, Stun.INDICATION)).putShort(2, (short) (HEADROOM - Stun.HEADER + padded))
                    .putInt(4, Stun.MAGIC);
            long t = txSeed = txSeed * 6364136223846793005L + 1442695040888963407L;
            b.putLong(8, t).putInt(16, (int) (t >>> 17) ^ (int) now);
            b.putShort(20, (short) Stun.XOR_PEER_ADDRESS).putShort(22, (short) 8)
                    .put(24, (byte) 0).put(25, (byte) Stun.FAMILY_IPV4)
                    .putShort(26, (short) (port ^ (Stun.MAGIC >>> 16))).putInt(28, ip ^ Stun.MAGIC);
            b.putShort(32, (short) Stun.DATA_ATTR).putShort(34, (short) len);
            end = pad(b, HEADROOM + len, 0);
        }
        b.limit(end).position(start);
        a.link.send(b);
        counters.inc(Counters.TO_CLIENT_PACKETS);
        counters.add(Counters.TO_CLIENT_BYTES, len);
    }

    private static int pad(ByteBuffer b, int end, int start) {
        while (((end - start) & 3) != 0) b.put(end++, (byte) 0);
        return end;
    }

    // ------------------------------------------------------------------ lifetimes

    /** Expires allocations, permissions, channels and reservations; call about once a second. */
    void tick() {
        long now = clock.getAsLong();
        for (int i = allocations.size() - 1; i >= 0; i--) {
            Allocation a = allocations.get(i);
            if (a.expiresAt <= now) {
                counters.inc(Counters.EXPIRED);
                delete(a);
                continue;
            }
            long gone = a.expire(now);
            counters.add(Counters.PERMISSIONS, -(gone >>> 32));
            counters.add(Counters.CHANNELS, -(gone & 0xffffffffL));
        }
        shared.expireReservations(now);
    }

    void delete(Allocation a) {
        if (!allocations.remove(a)) return;
        if (a.key != null) a.key.cancel();
        shared.release(a.relay, a.relayPort);
        a.link.allocation = null;
        shared.leave(a.user);
        counters.add(Counters.ALLOCATIONS, -1);
        counters.add(Counters.PERMISSIONS, -a.permissions);
        counters.add(Counters.CHANNELS, -a.channels);
    }

    /** A TCP client went away: its allocation goes with it (RFC 8656 §2.4). */
    void closed(ClientLink link) {
        if (link.allocation != null) delete(link.allocation);
        link.close();
    }

    void framingError(ClientLink link) {
        counters.inc(Counters.DROPPED_MALFORMED);
        closed(link);
    }

    void shutdown() {
        for (Allocation a : new ArrayList<>(allocations)) delete(a);
        shared.shutdown();
    }

    // ------------------------------------------------------------------ answers

    private StunWriter begin(int klass) {
        out.clear();
        return w.begin(out, Stun.type(msg.method(), klass), msg.buf, msg.txid());
    }

    /** MESSAGE-INTEGRITY(-SHA256) when the request authenticated, SOFTWARE, FINGERPRINT when the request had one. */
    private void seal() {
        if (!cfg.software.isEmpty() && Stun.klass(out.getShort(0)) == Stun.ERROR) w.string(Stun.SOFTWARE, cfg.software);
        if (authKey != null) {
            if (authSha256) w.integritySha256(authKey);
            else w.integrity(authKey);
        }
        if (msg.fingerprintAt >= 0) w.fingerprint();
        w.finish();
    }

    private void reply(ClientLink link) {
        seal();
        link.send(out);
    }

    private void error(ClientLink link, int code) {
        counters.inc(Counters.ERRORS);
        StunWriter s = begin(Stun.ERROR).error(code, Stun.reason(code));
        if (code == 401 || code == 438) {
            authKey = null;
            s.string(Stun.REALM, creds.realm).string(Stun.NONCE, creds.nonce(nowSeconds()))
                    .bytes(Stun.PASSWORD_ALGORITHMS, Credentials.ALGORITHMS);
        } else if (code == 420) {
            s.unknownAttributes(msg.unknown, msg.unknownCount);
        }
        reply(link);
    }

    /** "name=value ..." for STATUS and PROBE. */
    String status() {
        return counters.line();
    }

    private static SocketOption<Boolean> dontFragmentOption() {
        try {
            Field f = Class.forName("jdk.net.ExtendedSocketOptions").getField("IP_DONTFRAGMENT");
            @SuppressWarnings("unchecked")
            SocketOption<Boolean> o = (SocketOption<Boolean>) f.get(null);
            return o;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
