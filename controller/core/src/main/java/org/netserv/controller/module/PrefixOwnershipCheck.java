package org.netserv.controller.module;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.netserv.controller.ncm.Ipv4Prefix;
import org.netserv.controller.ncm.NcmException;
import org.netserv.controller.policy.Policy;

/**
 * The reverse-routability check of prefix ownership the paper plans (§3.2): for every
 * requested {@code filter-dst} prefix, the SETUP names an address inside it with a one-time
 * token ({@code prefix-proof: 10.1.2.3=token}); the controller fetches
 * {@code http://10.1.2.3:PORT/PATH} and the body must equal the token. Reaching that address
 * and finding the publisher's token there shows the publisher controls a host in the prefix.
 */
public final class PrefixOwnershipCheck {
    private static final long MAX_BODY = 1024;
    private final Policy.PrefixOwnership settings;
    private final HttpClient client;
    private final OutboundGuard guard;

    /** {@code guard}: the proof address is tenant-named like a bundle URL, so it may not point inside either. */
    public PrefixOwnershipCheck(final Policy.PrefixOwnership settings, final OutboundGuard guard) {
        this.settings = settings;
        this.guard = guard;
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(settings.timeoutMs()))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public void verify(final List<Ipv4Prefix> prefixes, final Map<Integer, String> proofs) throws NcmException {
        for (final Ipv4Prefix p : prefixes) {
            final Map.Entry<Integer, String> proof = proofs.entrySet().stream()
                    .filter(e -> p.containsAddress(e.getKey())).findFirst()
                    .orElseThrow(() -> new NcmException(403, "prefix ownership of " + p + " not proven: no prefix-proof address inside it"));
            final String addr = Ipv4Prefix.format(proof.getKey());
            final URI uri = URI.create("http://" + addr + ":" + settings.port() + settings.path());
            guard.check(uri, "prefix-proof address");
            final String body = fetch(uri, p);
            if (!MessageDigest.isEqual(body.trim().getBytes(StandardCharsets.UTF_8),
                    proof.getValue().getBytes(StandardCharsets.UTF_8))) {
                throw new NcmException(403, "prefix ownership of " + p + " not proven: token at " + addr + " does not match");
            }
        }
    }

    private String fetch(final URI uri, final Ipv4Prefix p) throws NcmException {
        try {
            final HttpResponse<InputStream> r = client.send(HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofMillis(settings.timeoutMs())).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                if (r.statusCode() != 200) {
                    throw new NcmException(403, "prefix ownership of " + p + " not proven: HTTP " + r.statusCode() + " from " + uri.getHost());
                }
                return new String(in.readNBytes((int) MAX_BODY), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new NcmException(403, "prefix ownership of " + p + " not proven: " + uri.getHost() + " unreachable ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NcmException(503, "interrupted");
        }
    }
}
