package org.netserv.controller.module;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.FileInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pinned request goes to the checked address and still names the host: {@code Host} over
 * http; over https SNI, and the server certificate is verified against the name, not the
 * address (a certificate for another name is refused). No resolver involved: the destination
 * already carries the address, as {@link OutboundGuard#resolve} returns it.
 */
class PinnedHttpTest {
    @TempDir
    Path dir;

    @Test
    void httpGoesToTheAddressWithTheNameInHost() throws Exception {
        final List<String> hosts = new CopyOnWriteArrayList<>();
        final HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
        s.createContext("/", ex -> {
            hosts.add(ex.getRequestHeaders().getFirst("Host") + " " + ex.getRequestURI());
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        s.start();
        try {
            final int port = s.getAddress().getPort();
            final PinnedHttp.Destination d = new PinnedHttp.Destination(
                    URI.create("http://publisher.invalid:" + port + "/a%2Fb/mod.jar?v=1"), InetAddress.getByName("127.0.0.1"));
            assertEquals(URI.create("http://127.0.0.1:" + port + "/a%2Fb/mod.jar?v=1"), d.pinnedUri());
            final HttpResponse<Void> r = PinnedHttp.client(d, Duration.ofSeconds(5))
                    .send(PinnedHttp.request(d).GET().build(), HttpResponse.BodyHandlers.discarding());
            assertEquals(200, r.statusCode());
            assertEquals(List.of("publisher.invalid:" + port + " /a%2Fb/mod.jar?v=1"), hosts);
        } finally {
            s.stop(0);
        }
    }

    @Test
    void httpsVerifiesTheCertificateAgainstTheNameNotTheAddress() throws Exception {
        final Path ks = keystore("pinned.test");
        final SSLContext server = context(ks);
        final javax.net.ssl.TrustManager[] client = trust(ks);
        final List<String> hosts = new CopyOnWriteArrayList<>();
        final HttpsServer s = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
        s.setHttpsConfigurator(new HttpsConfigurator(server));
        s.createContext("/", ex -> {
            hosts.add(ex.getRequestHeaders().getFirst("Host"));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        s.start();
        try {
            final int port = s.getAddress().getPort();
            final InetAddress lo = InetAddress.getByName("127.0.0.1");
            final PinnedHttp.Destination good = new PinnedHttp.Destination(URI.create("https://pinned.test:" + port + "/x"), lo);
            assertEquals(200, PinnedHttp.client(good, Duration.ofSeconds(5), client)
                    .send(PinnedHttp.request(good).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode());
            assertEquals(List.of("pinned.test:" + port), hosts);
            // the same server and address under a name its certificate does not carry, right after a
            // verified session with it (a resumed session would skip the certificate check)
            final PinnedHttp.Destination other = new PinnedHttp.Destination(URI.create("https://other.test:" + port + "/x"), lo);
            final IOException e = assertThrows(IOException.class, () -> PinnedHttp.client(other, Duration.ofSeconds(5), client)
                    .send(PinnedHttp.request(other).GET().build(), HttpResponse.BodyHandlers.discarding()));
            assertTrue(String.valueOf(e.getMessage()).contains("other.test") || e instanceof javax.net.ssl.SSLHandshakeException,
                    String.valueOf(e));
        } finally {
            s.stop(0);
        }
    }

    /** A self-signed key for {@code name} (SAN dns:name), made with the JDK's keytool. */
    private Path keystore(final String name) throws Exception {
        final Path ks = dir.resolve("ks.p12");
        final Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keystore", ks.toString(), "-storetype", "PKCS12", "-storepass", "changeit",
                "-alias", "srv", "-keyalg", "EC", "-dname", "CN=" + name, "-ext", "san=dns:" + name, "-validity", "2")
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "keytool");
        return ks;
    }

    private static KeyStore load(final Path ks) throws Exception {
        final KeyStore k = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(ks.toFile())) {
            k.load(in, "changeit".toCharArray());
        }
        return k;
    }

    private static SSLContext context(final Path ks) throws Exception {
        final KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(load(ks), "changeit".toCharArray());
        final SSLContext c = SSLContext.getInstance("TLS");
        c.init(kmf.getKeyManagers(), null, null);
        return c;
    }

    private static javax.net.ssl.TrustManager[] trust(final Path ks) throws Exception {
        final TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(load(ks));
        return tmf.getTrustManagers();
    }
}
