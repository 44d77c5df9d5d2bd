package org.netserv.controller.module;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import org.netserv.controller.ncm.NcmException;

/**
 * HTTP requests that go to the address the {@link OutboundGuard} checked, not to whatever the
 * name resolves to when the client connects (DNS rebinding). The request URI carries the IP
 * literal; the original name travels in the {@code Host} header and, for https, in TLS SNI,
 * against which the JDK's trust manager also checks the server certificate (it verifies the
 * SNI name it sent), so virtual hosts and certificates keep working.
 *
 * <p>{@code Host} is a restricted header of {@code java.net.http}; the JDK reads the opt-in
 * ({@code jdk.httpclient.allowRestrictedHeaders=host}) once, when its HTTP classes load. This
 * class sets it in its static initializer, which runs before the controller builds its first
 * client; should some other code have loaded those classes first, {@link #request} refuses
 * with a 500 rather than fall back to connecting by name.
 */
public final class PinnedHttp {
    static {
        final String k = "jdk.httpclient.allowRestrictedHeaders";
        final String v = System.getProperty(k);
        if (v == null || v.isBlank()) {
            System.setProperty(k, "host");
        } else if (!List.of(v.toLowerCase(Locale.ROOT).split("\\s*,\\s*")).contains("host")) {
            System.setProperty(k, v + ",host");
        }
    }

    private PinnedHttp() {
    }

    /** Runs the static initializer; call first thing in {@code main}, before any HTTP client is built. */
    public static void init() {
        // the static block did the work
    }

    /** A URL and the one address it was checked at. */
    public record Destination(URI uri, InetAddress address) {
        /** The request URI: the same URL with the host replaced by the checked address. */
        public URI pinnedUri() {
            final String ip = address instanceof Inet6Address ? "[" + address.getHostAddress().replaceAll("%.*", "") + "]"
                    : address.getHostAddress();
            // raw components: decoding and re-encoding the path could change what the server sees
            final String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return URI.create(uri.getScheme() + "://" + ip + (uri.getPort() == -1 ? "" : ":" + uri.getPort()) + path
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        }

        /** What {@code Host} says: the name and, when the URL gives one, the port. */
        public String hostHeader() {
            final String h = uri.getHost();
            return uri.getPort() == -1 ? h : h + ":" + uri.getPort();
        }

        boolean https() {
            return "https".equalsIgnoreCase(uri.getScheme());
        }
    }

    /** A client for one destination: never follows redirects itself, SNI names the original host. */
    public static HttpClient client(final Destination d, final Duration connectTimeout) {
        return client(d, connectTimeout, null);
    }

    /**
     * The same, trusting {@code trust} (null: the JDK's default trust store; tests bring their own CA).
     *
     * <p>Every client gets an SSLContext of its own, so no TLS session is ever resumed across
     * requests: the JDK caches sessions by peer host and port, which for a pinned connection is
     * the IP, and a resumed session skips the certificate check — a session set up for one name
     * would be accepted for another name resolving to the same address (PinnedHttpTest).
     */
    static HttpClient client(final Destination d, final Duration connectTimeout, final javax.net.ssl.TrustManager[] trust) {
        final HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1);
        if (d.https()) {
            try {
                final javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
                tls.init(null, trust, null);
                b.sslContext(tls);
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException("TLS unavailable: " + e.getMessage(), e);
            }
        }
        if (d.https() && !isLiteral(d.uri().getHost())) {
            final SSLParameters p = new SSLParameters();
            p.setServerNames(List.of(new SNIHostName(d.uri().getHost())));
            p.setEndpointIdentificationAlgorithm("HTTPS");
            b.sslParameters(p);
        }
        return b.build();
    }

    /** A request builder aimed at the checked address, {@code Host} naming the original host. */
    public static HttpRequest.Builder request(final Destination d) throws NcmException {
        final HttpRequest.Builder b = HttpRequest.newBuilder(d.pinnedUri());
        if (!isLiteral(d.uri().getHost())) {
            try {
                b.setHeader("Host", d.hostHeader());
            } catch (IllegalArgumentException e) {
                throw new NcmException(500, "cannot pin the connection to " + d.address().getHostAddress()
                        + ": start the JVM with -Djdk.httpclient.allowRestrictedHeaders=host");
            }
        }
        return b;
    }

    static boolean isLiteral(final String host) {
        return host.startsWith("[") || host.matches("[0-9.]+");
    }
}
