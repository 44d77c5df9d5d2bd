package org.netserv.nsis.gist.node;

import java.io.Closeable;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.netserv.nsis.gist.wire.ErrorReporter;
import org.netserv.nsis.gist.wire.Gist;
import org.netserv.nsis.gist.wire.GistCodec;
import org.netserv.nsis.gist.wire.GistMessage;
import org.netserv.nsis.gist.wire.GistParseException;
import org.netserv.nsis.gist.wire.Mri;
import org.netserv.nsis.gist.wire.Nli;
import org.netserv.nsis.gist.wire.Sid;
import org.netserv.nsis.gist.wire.StackConfigurationData;
import org.netserv.nsis.gist.wire.StackProposal;

/**
 * A GIST node (RFC 5971) for path-coupled signaling: the querying and
 * responding state machines, Q-mode / D-mode over UDP 270 and C-mode over
 * TCP messaging associations, routing and MA soft state, retransmission with
 * exponential back-off, and last-node detection (no answer, ICMP port
 * unreachable, or an "Endpoint Found" error).
 *
 * <p>One event-loop thread owns every socket and all state; the NSLP calls
 * {@link #send} from any thread (the call is queued to the loop) and is
 * called back on the loop through {@link GistListener}.
 */
public final class GistNode implements Closeable {
    private static final Logger LOG = Logger.getLogger(GistNode.class.getName());
    private static final int MAX_QUERY_SOCKETS = 256;
    private static final int CACHE_LIMIT = 4096;

    private final GistConfig cfg;
    private final GistListener listener;
    private final SecureRandom random = new SecureRandom();
    private final byte[] peerId = new byte[16];
    private final Selector selector;
    private final DatagramChannel udp;
    private final ServerSocketChannel tcp;
    private final int tcpPort;
    private final TimerWheel wheel;
    private final CookieJar cookies;
    private final Map<RoutingState.Key, RoutingState> states = new HashMap<>();
    private final Map<InetAddress, QuerySocket> querySockets = new HashMap<>();
    private final Map<String, MessagingAssociation> masByPeer = new HashMap<>();
    private final Map<InetAddress, Boolean> localCache = new HashMap<>();
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final ConcurrentHashMap<String, LongAdder> counters = new ConcurrentHashMap<>();
    private final ByteBuffer rx = ByteBuffer.allocateDirect(65536);
    private final List<Interceptor> interceptors = new ArrayList<>();
    private volatile int stateCount, maCount;
    private volatile boolean running = true;
    private final Thread loop;
    private final CountDownLatch stopped = new CountDownLatch(1);

    public GistNode(GistConfig cfg, GistListener listener) throws IOException {
        this.cfg = cfg;
        this.listener = listener;
        random.nextBytes(peerId);
        final long now = System.currentTimeMillis();
        this.wheel = new TimerWheel(4096, cfg.tickMs, now);
        this.cookies = new CookieJar(random, cfg.secretRotationMs, now);
        this.selector = Selector.open();
        final InetAddress bind = cfg.bindAddress;
        this.udp = DatagramChannel.open(bind instanceof java.net.Inet6Address ? java.net.StandardProtocolFamily.INET6 : java.net.StandardProtocolFamily.INET);
        udp.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        udp.setOption(StandardSocketOptions.SO_REUSEPORT, true);
        udp.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);   // bursts of Queries must not overflow
        udp.bind(new InetSocketAddress(bind, cfg.udpPort));
        udp.configureBlocking(false);
        udp.register(selector, SelectionKey.OP_READ, udp);
        if (cfg.tcpPort >= 0) {
            this.tcp = ServerSocketChannel.open();
            tcp.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            tcp.bind(new InetSocketAddress(bind, cfg.tcpPort));
            tcp.configureBlocking(false);
            tcp.register(selector, SelectionKey.OP_ACCEPT, tcp);
            this.tcpPort = ((InetSocketAddress) tcp.getLocalAddress()).getPort();
        } else {
            this.tcp = null;
            this.tcpPort = -1;
        }
        this.loop = new Thread(this::run, "gist-" + cfg.udpPort);
        loop.setDaemon(true);
    }

    /** Starts the event loop (after interceptors were added). */
    public GistNode start() {
        loop.start();
        return this;
    }

    /** Adds a source of intercepted Q-mode packets (before {@link #start}). */
    public void addInterceptor(Interceptor i) throws IOException {
        interceptors.add(i);
        i.attach(this, selector);
    }

    public String peerIdHex() { return HexFormat.of().formatHex(peerId); }
    public int tcpPort() { return tcpPort; }
    public int udpPort() { return ((InetSocketAddress) localAddressOf(udp)).getPort(); }
    public GistConfig config() { return cfg; }

    private static SocketAddress localAddressOf(DatagramChannel c) {
        try {
            return c.getLocalAddress();
        } catch (IOException e) {
            return new InetSocketAddress(0);
        }
    }

    // ------------------------------------------------------------ NSLP API

    /**
     * Sends NSLP data for a session along {@code mri} (downstream toward its
     * destination, or upstream toward its source when the MRI's D flag is
     * set). Without routing state this starts a Query; if no peer answers,
     * {@link GistListener#noPeer} reports it.
     *
     * @param reliable use C-mode (TCP MA) for the data
     * @param refresh  keep the routing state alive by periodic re-Query
     */
    public void send(int nslpId, Sid sid, Mri mri, byte[] data, boolean reliable, boolean refresh) {
        execute(() -> doSend(nslpId, sid, mri, data, reliable, refresh));
    }

    /** Stops refreshing a session's routing state; it then expires. */
    public void release(Sid sid, Mri mri) {
        execute(() -> {
            final RoutingState s = states.get(new RoutingState.Key(sid.hi(), sid.lo(), mri.upstream()));
            if (s != null) s.refresh = false;
        });
    }

    /** Runs {@code r} on the event loop. */
    public void execute(Runnable r) {
        tasks.add(r);
        selector.wakeup();
    }

    /** Routing states held (querier and responder, both directions). */
    public int routingStateCount() { return stateCount; }

    public int maCount() { return maCount; }

    /** Counter snapshot, sorted by name. */
    public Map<String, Long> counters() {
        final Map<String, Long> m = new TreeMap<>();
        counters.forEach((k, v) -> m.put(k, v.sum()));
        m.put("routing-states", (long) stateCount);
        m.put("messaging-associations", (long) maCount);
        return m;
    }

    public long counter(String name) {
        final LongAdder a = counters.get(name);
        return a == null ? 0 : a.sum();
    }

    void count(String name) {
        counters.computeIfAbsent(name, k -> new LongAdder()).increment();
    }

    // ------------------------------------------------------------ event loop

    private void run() {
        try {
            while (running) {
                long now = System.currentTimeMillis();
                selector.select(Math.max(1, wheel.timeoutMs(now)));
                final Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                while (it.hasNext()) {
                    final SelectionKey k = it.next();
                    it.remove();
                    try {
                        dispatch(k);
                    } catch (RuntimeException e) {
                        count("internal-errors");
                        LOG.log(Level.WARNING, "handler failed", e);
                    }
                }
                Runnable r;
                while ((r = tasks.poll()) != null) {
                    try {
                        r.run();
                    } catch (RuntimeException e) {
                        count("internal-errors");
                        LOG.log(Level.WARNING, "task failed", e);
                    }
                }
                now = System.currentTimeMillis();
                cookies.maybeRotate(now);
                wheel.advance(now);
                stateCount = states.size();
                maCount = masByPeer.size();
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.SEVERE, "GIST event loop ended", e);
        } finally {
            stopped.countDown();
        }
    }

    private void dispatch(SelectionKey k) {
        final Object a = k.attachment();
        if (!k.isValid()) return;
        if (a == udp) {
            readUdp(udp, null);
        } else if (a instanceof QuerySocket) {
            readUdp(((QuerySocket) a).channel, (QuerySocket) a);
        } else if (a == tcp) {
            accept();
        } else if (a instanceof MessagingAssociation) {
            final MessagingAssociation ma = (MessagingAssociation) a;
            if (k.isConnectable()) finishConnect(ma);
            if (k.isValid() && k.isReadable()) readMa(ma);
            if (k.isValid() && k.isWritable()) flushMa(ma);
        } else if (a instanceof Interceptor) {
            ((Interceptor) a).onReadable();
        }
    }

    // ------------------------------------------------------------ UDP receive

    private void readUdp(DatagramChannel ch, QuerySocket qs) {
        for (int i = 0; i < 64; i++) {
            rx.clear();
            final SocketAddress from;
            try {
                from = ch.receive(rx);
            } catch (PortUnreachableException e) {
                count("icmp-port-unreachable");
                if (qs != null) onPortUnreachable(qs);
                return;
            } catch (IOException e) {
                count("udp-receive-errors");
                return;
            }
            if (from == null) return;
            rx.flip();
            final byte[] bytes = new byte[rx.remaining()];
            rx.get(bytes);
            receiveDatagram(bytes, ((InetSocketAddress) from).getAddress(), false);
        }
    }

    /**
     * A UDP-carried GIST message (magic included): from our sockets, or
     * intercepted ({@code intercepted} = it was addressed beyond us).
     */
    public void receiveDatagram(byte[] bytes, InetAddress source, boolean intercepted) {
        count("rx-datagrams");
        final GistMessage m;
        try {
            m = GistCodec.decode(bytes, true);
        } catch (GistParseException e) {
            count("rx-malformed");
            count("rx-malformed/" + e.kind());
            LOG.fine(() -> "dropped malformed datagram from " + source + ": " + e.getMessage());
            if (e.code() != Gist.E_INCORRECT_ENCAPSULATION && bytes.length >= 12) {
                // RFC 5971 §5.5: report what we can; never answer a malformed Error
                if ((bytes[10] & 0x7F) != Gist.ERROR) {
                    final GistMessage err = ErrorReporter.about(e, bytes, 4, bytes.length - 4, ourNli(source, 0), intercepted);
                    if (err != null) sendUdp(err, source);
                }
            }
            return;
        }
        count("rx/" + Gist.typeName(m.type()));
        handle(m, source, null, intercepted);
    }

    // ------------------------------------------------------------ message handling

    private void handle(GistMessage m, InetAddress source, MessagingAssociation via, boolean qmode) {
        switch (m.type()) {
            case Gist.QUERY: onQuery(m, source, via, qmode); break;
            case Gist.RESPONSE: onResponse(m, source, via); break;
            case Gist.CONFIRM: onConfirm(m, source, via); break;
            case Gist.DATA: onData(m, source, via); break;
            case Gist.ERROR: onError(m, source); break;
            case Gist.MA_HELLO: onHello(m, via); break;
            default: count("rx-unexpected");
        }
    }

    private void onQuery(GistMessage q, InetAddress source, MessagingAssociation via, boolean intercepted) {
        if (via != null) { count("rx-query-over-ma-dropped"); return; }
        final Nli nli = q.nli();
        if (!cfg.servesNslp(q.nslpId())) {
            if (!intercepted) {
                // addressed to us as the flow's end: NSIS-ka answers Endpoint Found (vector 05)
                final boolean endpoint = isLocal(q.mri().signalingTarget());
                sendUdp(ErrorReporter.about(q, Gist.EC_PERMANENT_FAILURE, endpoint ? Gist.E_ENDPOINT_FOUND : Gist.E_UNKNOWN_NSLPID, 0,
                        ourNli(nli.interfaceAddress(), 0), true), nli.interfaceAddress());
                count("tx-error/unknown-nslpid");
            } else {
                count("intercepted-foreign-nslpid");
                for (Interceptor i : interceptors) i.passOn(q);
            }
            return;
        }
        if (q.hops() == 0) {
            sendUdp(ErrorReporter.about(q, Gist.EC_PERMANENT_FAILURE, Gist.E_HOP_LIMIT_EXCEEDED, 0, ourNli(nli.interfaceAddress(), 0), true), nli.interfaceAddress());
            return;
        }
        final Mri mri = q.mri();
        final boolean peerUp = !mri.upstream();      // the querier lies opposite the MRI's direction
        final RoutingState.Key key = new RoutingState.Key(q.sid().hi(), q.sid().lo(), peerUp);
        RoutingState s = states.get(key);
        final long now = System.currentTimeMillis();
        if (s == null) {
            s = new RoutingState(q.sid(), peerUp, q.nslpId(), mri.withDirection(peerUp));
            s.node = this;
            states.put(key, s);
            count("routing-states-installed");
        } else if (s.querier) {
            // a Query from the other side for a state we query: path changed; take the peer's view
            s.querier = false;
            s.pending = null;
            detachQuery(s);
        }
        s.mri = mri.withDirection(peerUp);
        s.phase = RoutingState.ESTABLISHED;
        s.peerAddress = nli.interfaceAddress();
        s.peerId = nli.peerId();
        s.expiresAt = now + Math.max(1000, nli.validityMs()) + cfg.t1Ms * 4;
        wheel.schedule(s, s.expiresAt);

        final MessagingAssociation existing = masByPeer.get(HexFormat.of().formatHex(nli.peerId()));
        final InetAddress replyTo = nli.interfaceAddress();
        final byte[] rc = cookies.make(cookieInput(q, nli));
        if (existing != null && existing.channel.isOpen()) {
            attach(s, existing);
            // vector 02 #25: with an MA in place the Response goes over it, without SP/SCD
            final GistMessage r = GistMessage.response(q.nslpId(), mri.inverted(), q.sid(), ourNli(replyTo, 0), q.queryCookie(), rc, null, null, null, true);
            sendMa(existing, r);
        } else {
            StackProposal sp = null;
            StackConfigurationData scd = null;
            if (q.stackProposal() != null && tcpPort > 0) {
                final int profile = q.stackProposal().tcpProfile();
                if (profile > 0) {
                    sp = StackProposal.tcpOnly();
                    scd = new StackConfigurationData(cfg.maHoldTimeMs, List.of(StackConfigurationData.Option.tcpPort(1, tcpPort)));
                }
            }
            final GistMessage r = GistMessage.response(q.nslpId(), mri.inverted(), q.sid(), ourNli(replyTo, 0), q.queryCookie(), rc, sp, scd, null, true);
            sendUdp(r, replyTo);
        }
        count("tx-response");
        final byte[] data = q.nslpData();
        if (data != null) listener.receive(q.nslpId(), q.sid(), mri, data, s.peer());
    }

    private byte[] cookieInput(GistMessage m, Nli nli) {
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

    private void onResponse(GistMessage r, InetAddress source, MessagingAssociation via) {
        final Mri mri = r.mri();
        // the Response's MRI is our Query's, inverted: our state points the other way
        final boolean stateUp = !mri.upstream();
        final RoutingState s = states.get(new RoutingState.Key(r.sid().hi(), r.sid().lo(), stateUp));
        if (s == null || !s.querier || (s.phase != RoutingState.QUERYING && s.phase != RoutingState.REFRESHING)) {
            count("rx-response-unexpected");
            return;
        }
        final byte[] qc = r.queryCookie();
        if (qc.length != 4 || ByteBuffer.wrap(qc).getInt() != s.queryCookie) {
            count("rx-response-bad-query-cookie");
            return;
        }
        final long now = System.currentTimeMillis();
        final Nli nli = r.nli();
        detachQuery(s);
        s.phase = RoutingState.ESTABLISHED;
        s.peerAddress = nli.interfaceAddress();
        s.peerId = nli.peerId();
        s.expiresAt = now + Math.max(1000, nli.validityMs());
        count("handshakes-completed");
        final String pid = HexFormat.of().formatHex(nli.peerId());
        MessagingAssociation ma = via != null ? via : masByPeer.get(pid);
        if (ma != null && !ma.channel.isOpen()) ma = null;
        final byte[] rc = r.responderCookie();
        boolean opened = false;
        if (ma == null && s.reliable) {
            // the SCD's options name profiles of the responder's own Stack-Proposal (vector 02: NSIS-ka
            // offers {TCP} and {TLS, TCP}); take the forwards-TCP-only one
            final StackProposal rsp = r.stackProposal();
            final int profile = rsp != null ? rsp.tcpProfile() : 0;
            final int port = profile > 0 && r.stackConfiguration() != null ? r.stackConfiguration().tcpPort(profile) : -1;
            if (port > 0) {
                ma = connect(new InetSocketAddress(nli.interfaceAddress(), port), nli.peerId(), now);
                opened = ma != null;
            }
        }
        if (ma != null) {
            attach(s, ma);
            if (r.rFlag()) {
                // on a new MA the Confirm echoes the responder's Stack-Proposal (downgrade protection,
                // RFC 5971 §8.6) with our MA hold time; on an existing MA neither is needed (vector 02 #27)
                final GistMessage c = GistMessage.confirm(s.nslpId, s.mri, s.sid, ourNli(nli.interfaceAddress(), cfg.ipTtl), rc,
                        opened ? r.stackProposal() : null,
                        opened ? new StackConfigurationData(cfg.maHoldTimeMs, List.of()) : null, null);
                sendMa(ma, c);
            }
        } else if (r.rFlag()) {
            sendUdp(GistMessage.confirm(s.nslpId, s.mri, s.sid, ourNli(nli.interfaceAddress(), cfg.ipTtl), rc, null, null, null), nli.interfaceAddress());
        }
        flushPending(s);
        scheduleEstablished(s, now);
    }

    private void scheduleEstablished(RoutingState s, long now) {
        if (s.querier && s.refresh) {
            // refresh well before the peer's validity runs out (RFC 5971 §4.4.3), with jitter
            final long validity = s.expiresAt - now;
            wheel.schedule(s, now + validity / 2 + (long) (random.nextDouble() * validity / 4));
        } else {
            wheel.schedule(s, s.expiresAt);
        }
    }

    private void onConfirm(GistMessage c, InetAddress source, MessagingAssociation via) {
        final Nli nli = c.nli();
        final byte[] rc = c.responderCookie();
        if (rc != null && !cookies.verify(rc, cookieInput(c, nli))) {
            count("rx-confirm-bad-cookie");
            sendTo(ErrorReporter.about(c, Gist.EC_PROTOCOL_ERROR, Gist.E_OBJECT_VALUE, Gist.SUB_INVALID_COOKIE, ourNli(nli.interfaceAddress(), 0), false),
                    nli.interfaceAddress(), via);
            return;
        }
        final boolean peerUp = !c.mri().upstream();
        final RoutingState.Key key = new RoutingState.Key(c.sid().hi(), c.sid().lo(), peerUp);
        RoutingState s = states.get(key);
        final long now = System.currentTimeMillis();
        if (s == null) {
            if (rc == null) {
                count("rx-confirm-no-state");
                return;
            }
            // late Confirm after our state expired: the cookie vouches for it
            s = new RoutingState(c.sid(), peerUp, c.nslpId(), c.mri().withDirection(peerUp));
            s.node = this;
            states.put(key, s);
            s.phase = RoutingState.ESTABLISHED;
            s.expiresAt = now + nli.validityMs();
            wheel.schedule(s, s.expiresAt);
        }
        s.peerAddress = nli.interfaceAddress();
        s.peerId = nli.peerId();
        if (via != null) {
            if (via.peerId == null) {
                via.peerId = nli.peerId();
                masByPeer.put(HexFormat.of().formatHex(nli.peerId()), via);
            }
            attach(s, via);
        }
        count("confirms");
        final byte[] data = c.nslpData();
        if (data != null) listener.receive(c.nslpId(), c.sid(), c.mri(), data, s.peer());
    }

    private void onData(GistMessage d, InetAddress source, MessagingAssociation via) {
        final Nli nli = d.nli();
        final boolean peerUp = !d.mri().upstream();
        final RoutingState s = states.get(new RoutingState.Key(d.sid().hi(), d.sid().lo(), peerUp));
        Peer peer;
        if (s != null) {
            peer = s.peer();
        } else if (nli != null) {
            peer = new Peer(nli.interfaceAddress(), HexFormat.of().formatHex(nli.peerId()));
        } else if (via != null) {
            peer = new Peer(via.remote.getAddress(), via.peerId == null ? "?" : HexFormat.of().formatHex(via.peerId));
        } else {
            count("rx-data-no-state");
            return;
        }
        count("rx-nslp-data");
        listener.receive(d.nslpId(), d.sid(), d.mri(), d.nslpData(), peer);
    }

    private void onError(GistMessage e, InetAddress source) {
        final org.netserv.nsis.gist.wire.ErrorObject eo = e.error();
        count("rx-error/" + Gist.errorCodeName(eo.code()));
        LOG.fine(() -> "GIST Error from " + source + ": " + eo);
        if (eo.sid() == null || eo.originalType() != Gist.QUERY) return;
        final Mri mri = eo.mri();
        final boolean up = mri != null && mri.upstream();
        final RoutingState s = states.get(new RoutingState.Key(eo.sid().hi(), eo.sid().lo(), up));
        if (s == null || !s.querier || s.phase != RoutingState.QUERYING) return;
        if (eo.code() == Gist.E_ENDPOINT_FOUND || eo.code() == Gist.E_UNKNOWN_NSLPID) {
            fail(s, "endpoint");
        }
    }

    private void onHello(GistMessage h, MessagingAssociation via) {
        if (via == null) { count("rx-hello-not-cmode"); return; }
        if (h.rFlag()) sendMa(via, GistMessage.maHello(h.helloId().id(), false));
    }

    // ------------------------------------------------------------ querying node

    private void doSend(int nslpId, Sid sid, Mri mri, byte[] data, boolean reliable, boolean refresh) {
        final boolean up = mri.upstream();
        final RoutingState.Key key = new RoutingState.Key(sid.hi(), sid.lo(), up);
        RoutingState s = states.get(key);
        final long now = System.currentTimeMillis();
        final boolean large = data != null && data.length + 200 > cfg.pathMtu;
        if (s != null && s.phase != RoutingState.QUERYING) {
            s.refresh |= refresh;
            final boolean needMa = (reliable || large) && (s.ma == null || !s.ma.channel.isOpen());
            if (!needMa) {
                if (data != null) transmit(s, data);
                if (refresh && s.querier && s.phase == RoutingState.ESTABLISHED) scheduleEstablished(s, now);
                return;
            }
            if (!s.querier) {
                // responder side without an MA: data must fit D-mode; C-mode needs the peer's port we never learnt
                if (data != null) transmit(s, data);
                return;
            }
        }
        if (s == null) {
            if (isLocal(mri.signalingTarget())) {
                // we are the flow's end: nobody beyond
                listener.noPeer(nslpId, sid, mri, data, "local");
                return;
            }
            s = new RoutingState(sid, up, nslpId, mri);
            s.node = this;
            states.put(key, s);
        }
        s.querier = true;
        s.mri = mri;
        s.reliable |= reliable || large;
        s.refresh |= refresh;
        if (data != null) {
            if (s.pending == null) s.pending = new ArrayList<>(1);
            s.pending.add(data);
        }
        if (s.phase != RoutingState.QUERYING) {
            s.phase = RoutingState.QUERYING;
            s.firstQueryAt = now;
            s.attempts = 0;
            sendQuery(s, now);
        }
    }

    private void sendQuery(RoutingState s, long now) {
        s.queryCookie = random.nextInt();   // new cookie for every (re)transmission, as NSIS-ka
        s.attempts++;
        final InetAddress target = s.mri.signalingTarget();
        final boolean cmode = s.reliable && tcpPort > 0;
        final GistMessage q = GistMessage.query(s.nslpId, cfg.queryHops, s.mri, s.sid, ourNli(target, cfg.ipTtl),
                ByteBuffer.allocate(4).putInt(s.queryCookie).array(),
                cmode ? StackProposal.tcpOnly() : null,
                cmode ? new StackConfigurationData(cfg.maHoldTimeMs, List.of(new StackConfigurationData.Option(Gist.MA_PROTOCOL_FORWARDS_TCP, 1, false, new byte[0]))) : null,
                null);
        final byte[] bytes = GistCodec.encode(q, true);
        QuerySocket qs = s.querySocket;
        if (qs == null && cfg.icmpLastNode) qs = querySocket(target, s);
        try {
            if (qs != null) qs.channel.write(ByteBuffer.wrap(bytes));
            else udp.send(ByteBuffer.wrap(bytes), new InetSocketAddress(target, Gist.PORT));
            count(s.attempts == 1 ? "tx-query" : "tx-query-retransmit");
        } catch (PortUnreachableException e) {
            count("icmp-port-unreachable");
            if (qs != null) { onPortUnreachable(qs); return; }
        } catch (IOException e) {
            count("tx-errors");
        }
        wheel.schedule(s, now + backoff(cfg.t1Ms, s.attempts));
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

    private QuerySocket querySocket(InetAddress target, RoutingState s) {
        QuerySocket qs = querySockets.get(target);
        if (qs == null) {
            if (querySockets.size() >= MAX_QUERY_SOCKETS) { count("query-sockets-exhausted"); return null; }
            try {
                final DatagramChannel ch = DatagramChannel.open(target instanceof Inet4Address ? java.net.StandardProtocolFamily.INET : java.net.StandardProtocolFamily.INET6);
                ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                ch.setOption(StandardSocketOptions.SO_REUSEPORT, true);
                ch.bind(new InetSocketAddress(cfg.bindAddress, cfg.udpPort));
                ch.connect(new InetSocketAddress(target, Gist.PORT));
                ch.configureBlocking(false);
                qs = new QuerySocket(target, ch);
                qs.key = ch.register(selector, SelectionKey.OP_READ, qs);
                querySockets.put(target, qs);
            } catch (IOException e) {
                count("query-socket-errors");
                LOG.fine(() -> "no connected socket toward " + target + ": " + e);
                return null;
            }
        }
        qs.waiting.add(s);
        s.querySocket = qs;
        return qs;
    }

    private void detachQuery(RoutingState s) {
        final QuerySocket qs = s.querySocket;
        if (qs == null) return;
        s.querySocket = null;
        qs.waiting.remove(s);
        if (qs.waiting.isEmpty()) {
            querySockets.remove(qs.target);
            qs.key.cancel();
            try {
                qs.channel.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }

    private void onPortUnreachable(QuerySocket qs) {
        if (!cfg.icmpLastNode) return;
        for (RoutingState s : new ArrayList<>(qs.waiting)) {
            if (s.phase == RoutingState.QUERYING) fail(s, "icmp");
        }
    }

    /** Timer of a routing state fired: retransmit, refresh or expire, by phase. */
    void onTimer(RoutingState s, long now) {
        if (states.get(s.key()) != s) return;
        if (s.phase == RoutingState.QUERYING || s.phase == RoutingState.REFRESHING) {
            if (now - s.firstQueryAt >= cfg.retryLimitMs) {
                if (s.phase == RoutingState.QUERYING) fail(s, "timeout");
                else {
                    remove(s);
                    count("routing-states-lost");
                    listener.peerLost(s.nslpId, s.sid, s.mri);
                }
                return;
            }
            sendQuery(s, now);
            return;
        }
        if (s.querier && s.refresh) {
            s.phase = RoutingState.REFRESHING;
            s.firstQueryAt = now;
            s.attempts = 0;
            count("refreshes");
            sendQuery(s, now);
            return;
        }
        remove(s);
        count("routing-states-expired");
    }

    private void fail(RoutingState s, String reason) {
        final List<byte[]> data = s.pending;
        remove(s);
        count("no-peer/" + reason);
        if (data == null || data.isEmpty()) listener.noPeer(s.nslpId, s.sid, s.mri, null, reason);
        else for (byte[] d : data) listener.noPeer(s.nslpId, s.sid, s.mri, d, reason);
    }

    private void remove(RoutingState s) {
        wheel.cancel(s);
        detachQuery(s);
        states.remove(s.key());
        if (s.ma != null) {
            s.ma.users--;
            s.ma = null;
        }
    }

    private void flushPending(RoutingState s) {
        final List<byte[]> p = s.pending;
        s.pending = null;
        if (p != null) for (byte[] d : p) transmit(s, d);
    }

    /** Data on an established state: over its MA when there is one, else D-mode. */
    private void transmit(RoutingState s, byte[] data) {
        if (s.ma != null && s.ma.channel.isOpen()) {
            sendMa(s.ma, GistMessage.data(s.nslpId, s.mri, s.sid, null, data));
        } else {
            sendUdp(GistMessage.data(s.nslpId, s.mri, s.sid, ourNli(s.peerAddress, cfg.ipTtl), data), s.peerAddress);
        }
        count("tx-nslp-data");
    }

    // ------------------------------------------------------------ C-mode

    private void attach(RoutingState s, MessagingAssociation ma) {
        if (s.ma == ma) return;
        if (s.ma != null) s.ma.users--;
        s.ma = ma;
        ma.users++;
    }

    private MessagingAssociation connect(InetSocketAddress remote, byte[] peer, long now) {
        try {
            final SocketChannel ch = SocketChannel.open();
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            final MessagingAssociation ma = new MessagingAssociation(ch, remote, true, cfg.maHoldTimeMs, now);
            ma.node = this;
            ma.peerId = peer;
            ma.connected = ch.connect(remote);
            ma.key = ch.register(selector, ma.connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, ma);
            masByPeer.put(HexFormat.of().formatHex(peer), ma);
            wheel.schedule(ma, now + ma.holdTimeMs / 3);
            count("ma-opened");
            return ma;
        } catch (IOException e) {
            count("ma-connect-errors");
            return null;
        }
    }

    private void accept() {
        try {
            SocketChannel ch;
            while ((ch = tcp.accept()) != null) {
                ch.configureBlocking(false);
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                final long now = System.currentTimeMillis();
                final MessagingAssociation ma = new MessagingAssociation(ch, (InetSocketAddress) ch.getRemoteAddress(), false, cfg.maHoldTimeMs, now);
                ma.node = this;
                ma.connected = true;
                ma.key = ch.register(selector, SelectionKey.OP_READ, ma);
                wheel.schedule(ma, now + ma.holdTimeMs / 3);
                count("ma-accepted");
            }
        } catch (IOException e) {
            count("ma-accept-errors");
        }
    }

    private void finishConnect(MessagingAssociation ma) {
        try {
            if (ma.channel.finishConnect()) {
                ma.connected = true;
                ma.key.interestOps(SelectionKey.OP_READ | (ma.out.isEmpty() ? 0 : SelectionKey.OP_WRITE));
            }
        } catch (IOException e) {
            count("ma-connect-errors");
            closeMa(ma, "connect failed: " + e.getMessage());
        }
    }

    private void readMa(MessagingAssociation ma) {
        try {
            final int n = ma.channel.read(ma.in);
            if (n < 0) { closeMa(ma, "peer closed"); return; }
            ma.lastReceived = System.currentTimeMillis();
            ma.in.flip();
            while (true) {
                final int len = GistCodec.framedLength(ma.in, ma.in.position());
                if (len < 0 || ma.in.remaining() < len) {
                    if (len > ma.in.capacity()) {
                        if (len > Gist.MAX_MESSAGE_LENGTH) { closeMa(ma, "frame too large"); return; }
                        final ByteBuffer bigger = ByteBuffer.allocate(len);
                        bigger.put(ma.in);
                        ma.in = bigger;
                        return;
                    }
                    break;
                }
                final byte[] msg = new byte[len];
                ma.in.get(msg);
                count("rx-cmode-messages");
                try {
                    final GistMessage m = GistCodec.decode(msg, false);
                    count("rx/" + Gist.typeName(m.type()));
                    handle(m, ma.remote.getAddress(), ma, false);
                } catch (GistParseException e) {
                    count("rx-malformed");
                    count("rx-malformed/" + e.kind());
                    if (e.code() == Gist.E_COMMON_HEADER_PARSE) { closeMa(ma, "unparseable stream: " + e.getMessage()); return; }
                }
                if (!ma.channel.isOpen()) return;
            }
            ma.in.compact();
        } catch (IOException e) {
            closeMa(ma, e.getMessage());
        }
    }

    private void sendMa(MessagingAssociation ma, GistMessage m) {
        ma.out.add(ByteBuffer.wrap(GistCodec.encode(m, false)));
        ma.lastSent = System.currentTimeMillis();
        count("tx-cmode/" + Gist.typeName(m.type()));
        if (ma.connected) flushMa(ma);
    }

    private void flushMa(MessagingAssociation ma) {
        try {
            while (!ma.out.isEmpty()) {
                final ByteBuffer b = ma.out.peek();
                ma.channel.write(b);
                if (b.hasRemaining()) break;
                ma.out.poll();
            }
            if (ma.key.isValid()) ma.key.interestOps(SelectionKey.OP_READ | (ma.out.isEmpty() ? 0 : SelectionKey.OP_WRITE));
        } catch (IOException e) {
            closeMa(ma, e.getMessage());
        }
    }

    void onMaTimer(MessagingAssociation ma, long now) {
        if (!ma.channel.isOpen()) return;
        if (now - ma.lastReceived >= ma.holdTimeMs && now - ma.lastSent >= ma.holdTimeMs / 3) {
            closeMa(ma, "hold time expired");
            count("ma-expired");
            return;
        }
        if (ma.users > 0 && now - ma.lastSent >= ma.holdTimeMs / 3) {
            // keep the MA alive while sessions use it; ask for a reply if we heard nothing lately
            sendMa(ma, GistMessage.maHello(random.nextInt(), now - ma.lastReceived >= ma.holdTimeMs / 3));
        }
        wheel.schedule(ma, now + ma.holdTimeMs / 3);
    }

    private void closeMa(MessagingAssociation ma, String why) {
        LOG.fine(() -> "closing " + ma + ": " + why);
        wheel.cancel(ma);
        if (ma.peerId != null) masByPeer.remove(HexFormat.of().formatHex(ma.peerId), ma);
        try {
            ma.channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        count("ma-closed");
    }

    // ------------------------------------------------------------ output

    private void sendUdp(GistMessage m, InetAddress to) {
        try {
            udp.send(ByteBuffer.wrap(GistCodec.encode(m, true)), new InetSocketAddress(to, Gist.PORT));
            count("tx/" + Gist.typeName(m.type()));
        } catch (IOException e) {
            count("tx-errors");
        }
    }

    private void sendTo(GistMessage m, InetAddress to, MessagingAssociation via) {
        if (via != null) sendMa(via, m);
        else sendUdp(m, to);
    }

    /** Our NLI toward {@code peer}. */
    Nli ourNli(InetAddress peer, int ttl) {
        return new Nli(ttl, cfg.stateValidityMs, peerId, interfaceAddressToward(peer).getAddress());
    }

    private final Map<InetAddress, InetAddress> routeCache = new HashMap<>();

    private InetAddress interfaceAddressToward(InetAddress peer) {
        if (cfg.address != null) return cfg.address;
        if (cfg.bindAddress != null && !cfg.bindAddress.isAnyLocalAddress()) return cfg.bindAddress;
        if (routeCache.size() >= CACHE_LIMIT) routeCache.clear();     // peers are attacker-chosen: stay bounded
        return routeCache.computeIfAbsent(peer, p -> {
            try (DatagramChannel probe = DatagramChannel.open()) {
                probe.connect(new InetSocketAddress(p, Gist.PORT));
                return ((InetSocketAddress) probe.getLocalAddress()).getAddress();
            } catch (IOException e) {
                return InetAddress.getLoopbackAddress();
            }
        });
    }

    /** True when {@code a} is this node itself (then nobody lies beyond it). */
    private boolean isLocal(InetAddress a) {
        if (localCache.size() >= CACHE_LIMIT) localCache.clear();
        return localCache.computeIfAbsent(a, x -> {
            if (cfg.bindAddress != null && !cfg.bindAddress.isAnyLocalAddress()) return cfg.bindAddress.equals(x);
            try {
                return NetworkInterface.getByInetAddress(x) != null;
            } catch (SocketException e) {
                return false;
            }
        });
    }

    @Override
    public void close() throws IOException {
        running = false;
        selector.wakeup();
        if (loop.isAlive()) {
            try {
                stopped.await(java.util.concurrent.TimeUnit.SECONDS.toMillis(5), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Interceptor i : interceptors) i.close();
        for (SelectionKey k : selector.keys()) {
            try {
                k.channel().close();
            } catch (IOException ignored) {
                // best effort
            }
        }
        selector.close();
    }

}
