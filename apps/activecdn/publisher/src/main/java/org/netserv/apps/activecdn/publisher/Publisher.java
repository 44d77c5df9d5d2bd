package org.netserv.apps.activecdn.publisher;

import java.io.File;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.resource.ResourceFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The ActiveCDN publisher daemon: origin, deployment database, GeoIP redirection, signaling. */
@Command(name = "netserv-activecdn-publisher", mixinStandardHelpOptions = true,
        description = "ActiveCDN publisher: serves content, deploys edge caches toward new regions, redirects to them")
public final class Publisher implements Callable<Integer> {
    private static final System.Logger LOG = System.getLogger("netserv.activecdn.publisher");

    @Option(names = "--bind", defaultValue = "0.0.0.0", description = "address of the public listener") String bind;
    @Option(names = "--port", defaultValue = "8000") int port;
    @Option(names = "--admin", defaultValue = "127.0.0.1:8471", description = "HOST:PORT of the local admin/statistics listener") String admin;
    @Option(names = "--content", required = true, description = "directory the origin serves") Path content;
    @Option(names = "--max-age", defaultValue = "300", description = "Cache-Control max-age on content (-1: none)") long maxAge;
    @Option(names = "--db", description = "JDBC URL of the deployment database (default: embedded H2 file under --state)") String db;
    @Option(names = "--db-user", defaultValue = "") String dbUser;
    @Option(names = "--db-password", defaultValue = "") String dbPassword;
    @Option(names = "--state", defaultValue = "/var/lib/netserv/activecdn-publisher") Path state;
    @Option(names = "--geoip", required = true, description = "GeoIP2 City database (.mmdb)") File geoip;
    @Option(names = "--radius-km", defaultValue = "300", description = "a node this close to a user counts as near") double radiusKm;
    @Option(names = "--key", required = true, description = "publisher's signing key (PKCS#8 PEM)") Path key;
    @Option(names = "--user", required = true, description = "publisher's user name in the nodes' policy") String user;
    @Option(names = "--module", defaultValue = "NetServ.apps.ActiveCDN_1.0.0") String module;
    @Option(names = "--module-url", required = true) String moduleUrl;
    @Option(names = "--module-digest", required = true, description = "sha-256=HEX of the bundle") String moduleDigest;
    @Option(names = "--origin-url", description = "what the edges fetch from (default http://BIND:PORT)") String originUrl;
    @Option(names = "--edge-port", defaultValue = "8080") int edgePort;
    @Option(names = "--properties", defaultValue = "", description = "more k=v,... for the module (cache_mb=64,...)") String properties;
    @Option(names = "--ttl", defaultValue = "600", description = "module TTL in the SETUP, seconds") long ttl;
    @Option(names = "--probe-interval", defaultValue = "10", description = "seconds between liveness PROBEs") long probeInterval;
    @Option(names = "--signal-timeout", defaultValue = "60", description = "seconds to wait for a signaling answer") long signalTimeout;
    @Option(names = "--retry-limit", defaultValue = "8", description = "GIST Query back-off limit, seconds") long retryLimit;

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(state);
        String url = db != null ? db : "jdbc:h2:file:" + state.resolve("deployments").toAbsolutePath();
        String origin = originUrl != null ? originUrl : "http://" + bind + ":" + port;
        String props = "origin=" + origin + ",port=" + edgePort + (properties.isEmpty() ? "" : "," + properties);
        try (GeoLocator geo = new GeoLocator(geoip); Deployments deployments = new Deployments(url, dbUser, dbPassword)) {
            Deployer deployer = new Deployer(module, user, key, moduleUrl, moduleDigest, props, ttl,
                    signalTimeout * 1000, retryLimit * 1000);
            ScheduledExecutorService background = Executors.newScheduledThreadPool(2, r -> {
                Thread t = new Thread(r, "activecdn-publisher");
                t.setDaemon(true);
                return t;
            });
            Server server = new Server();
            server.setStopAtShutdown(true);
            // Jetty's table lacks WebM; edges process video by Content-Type (video/mp4, video/webm)
            server.getMimeTypes().addMimeMapping("webm", "video/webm");
            ServerConnector pub = new ServerConnector(server);
            pub.setHost(bind);
            pub.setPort(port);
            server.addConnector(pub);
            ResourceHandler files = new ResourceHandler();
            files.setBaseResource(ResourceFactory.of(server).newResource(content.toAbsolutePath()));
            files.setDirAllowed(false);
            files.setEtags(true);
            OriginCounter counter = new OriginCounter(files, maxAge);
            Redirector front = new Redirector(counter, geo, deployments, deployer, background, edgePort, radiusKm);
            server.setHandler(front);

            Server adminServer = new Server();
            ServerConnector ac = new ServerConnector(adminServer);
            String[] hp = admin.split(":");
            ac.setHost(hp[0]);
            ac.setPort(Integer.parseInt(hp[1]));
            adminServer.addConnector(ac);
            adminServer.setHandler(new Handler.Abstract() {
                @Override
                public boolean handle(Request request, Response response, Callback callback) throws Exception {
                    String body;
                    switch (request.getHttpURI().getPath()) {
                        case "/stats" -> body = counter.report() + "redirects " + front.redirects + "\ndirect " + front.direct
                                + "\nedge-fetches " + front.edgeFetches + "\ndeployments-started " + front.deploymentsStarted
                                + "\ndeployments-failed " + front.deploymentsFailed + "\n";
                        case "/nodes" -> {
                            StringBuilder b = new StringBuilder();
                            long now = System.currentTimeMillis();
                            for (Deployments.Node n : deployments.all()) {
                                b.append(n.nodeId()).append(' ').append(n.address()).append(' ').append(n.region())
                                        .append(" ttl-left=").append(Math.max(0, (n.expiresAt() - now) / 1000)).append('\n');
                            }
                            body = b.toString();
                        }
                        case "/check" -> {
                            front.checkLiveness();
                            body = "checked\n";
                        }
                        case "/remove" -> body = front.removeAll();
                        default -> {
                            response.setStatus(404);
                            body = "admin: /stats /nodes /check /remove\n";
                        }
                    }
                    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
                    response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
                    return true;
                }
            });
            server.start();
            adminServer.start();
            if (probeInterval > 0) {
                background.scheduleWithFixedDelay(front::checkLiveness, probeInterval, probeInterval, TimeUnit.SECONDS);
            }
            LOG.log(System.Logger.Level.INFO, "ActiveCDN publisher listening on " + bind + ":" + port + " (admin " + admin
                    + "), database " + url);
            System.out.println("activecdn-publisher: listening");
            System.out.flush();
            server.join();
            return 0;
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Publisher()).execute(args));
    }
}
