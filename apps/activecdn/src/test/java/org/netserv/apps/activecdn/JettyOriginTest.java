package org.netserv.apps.activecdn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Revalidation against Jetty's ResourceHandler, the publisher's origin (weak ETags, Last-Modified). */
class JettyOriginTest {
    @TempDir Path dir;

    @Test
    void revalidationAgainstJettyResourceHandlerEndsIn304() throws Exception {
        Files.write(dir.resolve("a.bin"), EdgeCacheTest.random(50_000, 1));
        Server origin = new Server();
        ServerConnector oc = new ServerConnector(origin);
        oc.setHost("127.0.0.1");
        origin.addConnector(oc);
        ResourceHandler files = new ResourceHandler();
        files.setBaseResource(ResourceFactory.of(origin).newResource(dir));
        files.setEtags(true);
        origin.setHandler(files);
        origin.start();
        Server edge = new Server();
        ServerConnector ec = new ServerConnector(edge);
        ec.setHost("127.0.0.1");
        edge.addConnector(ec);
        Counters counters = new Counters();
        Store store = new Store(dir.resolve("cache"), 1 << 20, 16384, counters);
        Origin o = new Origin(URI.create("http://127.0.0.1:" + oc.getLocalPort()), 2000, 3000, 2000);
        edge.setHandler(new EdgeHandler(store, o, new ThreadPoolExecutor(0, 8, 5, TimeUnit.SECONDS, new SynchronousQueue<>()), 2000));
        edge.start();
        try {
            HttpClient c = HttpClient.newHttpClient();
            URI u = URI.create("http://127.0.0.1:" + ec.getLocalPort() + "/a.bin");
            HttpResponse<byte[]> r1 = c.send(HttpRequest.newBuilder(u).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals("MISS", r1.headers().firstValue("X-Cache").orElse(""));
            HttpResponse<byte[]> r2 = c.send(HttpRequest.newBuilder(u).header("Cache-Control", "no-cache").build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals("REVALIDATED", r2.headers().firstValue("X-Cache").orElse(""), r2.headers().toString());
            assertEquals(1, counters.notModified.get());
            assertEquals(1, r2.headers().allValues("Date").size(), r2.headers().toString());
        } finally {
            edge.stop();
            origin.stop();
            o.close();
        }
    }
}
