package org.netserv.nsis.gist.node;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
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
import org.netserv.nsis.gist.wire.ErrorReporter;
import org.netserv.nsis.gist.wire.Gist;
import org.netserv.nsis.gist.wire.GistCodec;
import org.netserv.nsis.gist.wire.GistMessage;
import org.netserv.nsis.gist.wire.GistParseException;
import org.netserv.nsis.gist.wire.Mri;
import org.netserv.nsis.gist.wire.Nli;
import org.netserv.nsis.gist.wire.Sid;

/**
 * A GIST node (RFC 5971) for path-coupled signaling: the querying and
 * responding state machines, Q-mode / D-mode over UDP 270 and C-mode over
 * TCP messaging associations, routing and MA soft state, retransmission with
 * exponential back-off, and last-node detection (no answer, ICMP port
 * unreachable, or an "Endpoint Found" error).
 *
 * <p>One event-loop thread owns every socket and all state; the NSLP calls
 * {@link #send} from any thread (the call is queued to the loop) and is
 * called back on the loop through {@link GistListener}. The node keeps the
 * loop, the routing-state table and this NSLP-facing API; the jobs are
 * {@link UdpEndpoint} (Q-/D-mode sockets), {@link MaTable} (C-mode
 * messaging associations), {@link Querier} and {@link Responder} (the two
 * sides of the handshake) and {@link LocalAddresses} (our NLI).
 */
public final class GistNode implements Closeable {
    private static final System.Logger LOG = System.getLogger(GistNode.class.getName());

    // the parts share these; all of them run on the loop
    final GistConfig cfg;
    final GistListener listener;
    final SecureRandom random = new SecureRandom();
    final TimerWheel wheel;
    final CookieJar cookies;
    final LocalAddresses local;
    final UdpEndpoint udp;
    final MaTable mas;
    final Querier querier;
    final Responder responder;

    private final byte[] peerId = new byte[16];
    private final Selector selector;
    private final Map<RoutingState.Key, RoutingState> states = new HashMap<>();
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final ConcurrentHashMap<String, LongAdder> counters = new ConcurrentHashMap<>();
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
        this.local = new LocalAddresses(cfg, peerId);
        this.selector = Selector.open();
        this.udp = new UdpEndpoint(this, cfg, selector);
        this.mas = new MaTable(this, cfg, selector);
        this.querier = new Querier(this, cfg);
        this.responder = new Responder(this, cfg);
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
    public int tcpPort() { return mas.tcpPort(); }
    public int udpPort() { return udp.port(); }
    public GistConfig config() { return cfg; }

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
        execute(() -> querier.send(nslpId, sid, mri, data, reliable, refresh));
    }

    /** Stops refreshing a session's routing state; it then expires. */
    public void release(Sid sid, Mri mri) {
        execute(() -> {
            final RoutingState s = states.get(RoutingState.Key.of(sid, mri.upstream()));
            if (s != null) s.stopRefresh();
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
                        LOG.log(System.Logger.Level.WARNING, "handler failed", e);
                    }
                }
                Runnable r;
                while ((r = tasks.poll()) != null) {
                    try {
                        r.run();
                    } catch (RuntimeException e) {
                        count("internal-errors");
                        LOG.log(System.Logger.Level.WARNING, "task failed", e);
                    }
                }
                now = System.currentTimeMillis();
                cookies.maybeRotate(now);
                wheel.advance(now);
                stateCount = states.size();
                maCount = mas.size();
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "GIST event loop ended", e);
        } finally {
            stopped.countDown();
        }
    }

    private void dispatch(SelectionKey k) {
        final Object a = k.attachment();
        if (!k.isValid()) return;
        if (a == udp) {
            udp.onReadable();
        } else if (a instanceof QuerySocket) {
            udp.onReadable((QuerySocket) a);
        } else if (a == mas) {
            mas.accept();
        } else if (a instanceof MessagingAssociation) {
            mas.onReady((MessagingAssociation) a, k);
        } else if (a instanceof Interceptor) {
            ((Interceptor) a).onReadable();
        }
    }

    // ------------------------------------------------------------ receive

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
            LOG.log(System.Logger.Level.DEBUG, () -> "dropped malformed datagram from " + source + ": " + e.getMessage());
            if (e.code() != Gist.E_INCORRECT_ENCAPSULATION && bytes.length >= 12) {
                // RFC 5971 §5.5: report what we can; never answer a malformed Error
                if ((bytes[10] & 0x7F) != Gist.ERROR) {
                    final GistMessage err = ErrorReporter.about(e, bytes, 4, bytes.length - 4, local.ourNli(source, 0), intercepted);
                    if (err != null) udp.send(err, source);
                }
            }
            return;
        }
        count("rx/" + Gist.typeName(m.type()));
        handle(m, source, null, intercepted);
    }

    /** A decoded message, from UDP ({@code via} null) or over an MA. */
    void handle(GistMessage m, InetAddress source, MessagingAssociation via, boolean qmode) {
        switch (m.type()) {
            case Gist.QUERY: responder.onQuery(m, source, via, qmode); break;
            case Gist.RESPONSE: querier.onResponse(m, source, via); break;
            case Gist.CONFIRM: responder.onConfirm(m, source, via); break;
            case Gist.DATA: onData(m, source, via); break;
            case Gist.ERROR: querier.onError(m, source); break;
            case Gist.MA_HELLO: onHello(m, via); break;
            default: count("rx-unexpected");
        }
    }

    private void onData(GistMessage d, InetAddress source, MessagingAssociation via) {
        final Nli nli = d.nli();
        final boolean peerUp = !d.mri().upstream();
        final RoutingState s = states.get(RoutingState.Key.of(d.sid(), peerUp));
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

    private void onHello(GistMessage h, MessagingAssociation via) {
        if (via == null) { count("rx-hello-not-cmode"); return; }
        if (h.rFlag()) mas.send(via, GistMessage.maHello(h.helloId().id(), false));
    }

    /** An intercepted Query for an NSLP we do not serve: let the interceptors pass it on. */
    void passOn(GistMessage q) {
        for (Interceptor i : interceptors) i.passOn(q);
    }

    // ------------------------------------------------------------ routing-state table

    RoutingState state(RoutingState.Key key) { return states.get(key); }

    RoutingState install(RoutingState s) {
        states.put(s.key(), s);
        return s;
    }

    void remove(RoutingState s) {
        wheel.cancel(s);
        udp.detach(s);
        states.remove(s.key());
        s.attach(null);
    }

    /** Timer of a routing state fired (only a state still in the table acts on it). */
    void onTimer(RoutingState s, long now) {
        if (states.get(s.key()) != s) return;
        querier.onTimer(s, now);
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
