package org.netserv.apps.activecdn.publisher;

import java.net.InetAddress;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.netserv.nsis.signal.SignalingResult;

/**
 * The publisher's front door (paper §4.1, Figure 7): a request from a region with an
 * ActiveCDN node near it gets 302 to the nearest node; any other request is served by
 * the origin behind this handler, and a request from a region without a node also
 * starts a deployment toward that user (SETUP, then PROBE to record the installing
 * nodes). The edges' own fetches (from a recorded node, or carrying the module's Via)
 * always reach the origin.
 */
final class Redirector extends Handler.Wrapper {
    private static final System.Logger LOG = System.getLogger("netserv.activecdn.publisher");

    private final GeoLocator geo;
    private final Deployments db;
    private final Deployer deployer;
    private final ExecutorService background;
    private final int edgePort;
    private final double radiusKm;
    private final Set<String> deploying = ConcurrentHashMap.newKeySet();
    final AtomicLong redirects = new AtomicLong(), direct = new AtomicLong(), edgeFetches = new AtomicLong(),
            deploymentsStarted = new AtomicLong(), deploymentsFailed = new AtomicLong();

    Redirector(Handler origin, GeoLocator geo, Deployments db, Deployer deployer, ExecutorService background, int edgePort,
               double radiusKm) {
        super(origin);
        this.geo = geo;
        this.db = db;
        this.deployer = deployer;
        this.background = background;
        this.edgePort = edgePort;
        this.radiusKm = radiusKm;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String client = Request.getRemoteAddr(request);
        InetAddress ca = InetAddress.getByName(client);
        List<Deployments.Node> nodes = live();
        String via = request.getHeaders().get(HttpHeader.VIA);
        if ((via != null && via.contains("netserv-activecdn")) || nodes.stream().anyMatch(n -> n.address().equals(client))) {
            edgeFetches.incrementAndGet();
            return super.handle(request, response, callback);
        }
        Optional<GeoLocator.Place> where = geo.locate(ca);
        if (where.isPresent()) {
            GeoLocator.Place p = where.get();
            Optional<Deployments.Node> nearest = nodes.stream()
                    .filter(n -> p.km(place(n)) <= radiusKm)
                    .min(Comparator.comparingDouble(n -> p.km(place(n))));
            if (nearest.isPresent()) {
                redirects.incrementAndGet();
                response.setStatus(302);
                response.getHeaders().put(HttpHeader.LOCATION,
                        "http://" + nearest.get().address() + ":" + edgePort + request.getHttpURI().getPathQuery());
                response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0);
                callback.succeeded();
                return true;
            }
            deploy(ca, p);
        }
        direct.incrementAndGet();
        return super.handle(request, response, callback);
    }

    private static GeoLocator.Place place(Deployments.Node n) {
        return new GeoLocator.Place(n.region(), n.latitude(), n.longitude());
    }

    private List<Deployments.Node> live() {
        try {
            long now = System.currentTimeMillis();
            return db.all().stream().filter(n -> n.expiresAt() > now).toList();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "deployment database: " + e.getMessage());
            return List.of();
        }
    }

    /** One deployment per region at a time, in the background: the user is being served meanwhile. */
    private void deploy(InetAddress toward, GeoLocator.Place region) {
        if (!deploying.add(region.region())) return;
        deploymentsStarted.incrementAndGet();
        background.execute(() -> {
            try {
                deployLoop(toward, region);
            } catch (Exception e) {
                deploymentsFailed.incrementAndGet();
                LOG.log(System.Logger.Level.WARNING, "deployment toward " + toward.getHostAddress() + " failed: " + e);
            } finally {
                deploying.remove(region.region());
            }
        });
    }

    /**
     * SETUP, then PROBE until every node that answered the SETUP reports the module
     * ACTIVE (at most three minutes). A node whose controller was slower than its
     * signaling daemon's wait answers 504 but goes on installing, and the nodes behind it
     * may not have acted: SETUP is idempotent, so it is sent again while a node answered 504.
     */
    private void deployLoop(InetAddress toward, GeoLocator.Place region) throws Exception {
        long deadline = System.currentTimeMillis() + 180_000;
        boolean resend = true;
        java.util.Set<String> path = new java.util.TreeSet<>();
        while (System.currentTimeMillis() < deadline) {
            if (resend) {
                SignalingResult setup = deployer.setup(toward);
                LOG.log(System.Logger.Level.INFO, "SETUP toward " + toward.getHostAddress() + " (" + region.region() + "): "
                        + setup.outcome + " " + setup.detail);
                if (setup.outcome == SignalingResult.Outcome.NO_NETSERV_NODE) return;
                resend = false;
                for (String b : setup.blocks) {
                    String id = org.netserv.nsis.nslp.ResponseStack.header(b, "node-id");
                    if (id != null) path.add(id);
                    resend |= org.netserv.nsis.nslp.ResponseStack.status(b) == 504;
                }
            }
            java.util.Set<String> active = new java.util.TreeSet<>();
            try {
                List<Deployer.Installed> found = deployer.probe(toward);
                for (Deployer.Installed i : found) {
                    if ("ACTIVE".equals(i.state())) active.add(i.nodeId());
                }
                record(toward, region, found);
            } catch (java.io.IOException e) {
                LOG.log(System.Logger.Level.INFO, e.getMessage());
            }
            if (!active.isEmpty() && active.containsAll(path)) return;
            Thread.sleep(3_000);
        }
        deploymentsFailed.incrementAndGet();
        LOG.log(System.Logger.Level.WARNING, "deployment toward " + toward.getHostAddress() + ": not every node on the path "
                + path + " reports the module within three minutes");
    }

    /** Records the nodes a PROBE found running the module; returns how many. */
    int record(InetAddress toward, GeoLocator.Place region, List<Deployer.Installed> found) throws Exception {
        long now = System.currentTimeMillis();
        int n = 0;
        for (Deployer.Installed i : found) {
            if (!"ACTIVE".equals(i.state())) continue;
            GeoLocator.Place at = geo.locate(InetAddress.getByName(i.address())).orElse(region);
            long ttl = i.ttlSeconds() > 0 ? i.ttlSeconds() : deployer.ttlSeconds();
            db.record(new Deployments.Node(i.nodeId(), i.address(), at.region(), at.latitude(), at.longitude(),
                    toward.getHostAddress(), now, now + ttl * 1000, now));
            LOG.log(System.Logger.Level.INFO, "ActiveCDN runs on " + i.nodeId() + " (" + i.address() + ", " + at.region() + ")");
            n++;
        }
        return n;
    }

    /** PROBEs toward every user a deployment went to: nodes that still run the module stay, others go. */
    void checkLiveness() {
        try {
            long now = System.currentTimeMillis();
            int expired = db.expire(now);
            if (expired > 0) LOG.log(System.Logger.Level.INFO, expired + " ActiveCDN node(s) past their TTL dropped");
            Map<String, List<Deployments.Node>> byDest = new java.util.TreeMap<>();
            for (Deployments.Node n : db.all()) byDest.computeIfAbsent(n.probeDest(), k -> new java.util.ArrayList<>()).add(n);
            for (Map.Entry<String, List<Deployments.Node>> e : byDest.entrySet()) {
                List<Deployer.Installed> found;
                try {
                    found = deployer.probe(InetAddress.getByName(e.getKey()));
                } catch (Exception ex) {
                    found = List.of(); // nobody answered: none of them is known to run it
                }
                for (Deployments.Node n : e.getValue()) {
                    Optional<Deployer.Installed> f = found.stream()
                            .filter(i -> i.nodeId().equals(n.nodeId()) && "ACTIVE".equals(i.state())).findFirst();
                    if (f.isPresent()) {
                        db.seen(n.nodeId(), now, now + Math.max(1, f.get().ttlSeconds()) * 1000);
                    } else {
                        db.remove(n.nodeId());
                        LOG.log(System.Logger.Level.INFO, "ActiveCDN node " + n.nodeId() + " no longer answers PROBE: dropped");
                    }
                }
            }
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "liveness check failed: " + e);
        }
    }

    /** REMOVE toward every user a deployment went to; the rows go with it. */
    String removeAll() throws Exception {
        StringBuilder out = new StringBuilder();
        for (String dest : db.all().stream().map(Deployments.Node::probeDest).distinct().toList()) {
            var r = deployer.remove(InetAddress.getByName(dest));
            out.append("REMOVE toward ").append(dest).append(": ").append(r.outcome).append(' ').append(r.detail).append('\n');
        }
        for (Deployments.Node n : db.all()) db.remove(n.nodeId());
        return out.toString();
    }
}
