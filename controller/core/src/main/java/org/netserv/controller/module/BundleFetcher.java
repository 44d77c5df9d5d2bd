package org.netserv.controller.module;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import org.netserv.controller.ncm.NcmException;
import org.netserv.controller.state.AtomicFiles;

/**
 * Downloads module bundles over HTTP(S) into a cache keyed by SHA-256.
 *
 * <p>The digest in the signed NCM is the bundle's identity: a cached file with that digest is
 * used without any network access, and a download is kept only when its digest matches.
 * Size is capped twice: by {@code Content-Length} before reading and by counting while
 * reading (a server may lie or omit the length). Redirects are followed by hand, at most
 * {@code maxRedirects}, and never from https to http; the first URL and every hop must pass
 * the {@link OutboundGuard} (no loopback, link-local, node or management addresses), and is
 * fetched from the address the guard checked ({@link PinnedHttp}), so a name that resolves to
 * something else a moment later (DNS rebinding) cannot redirect the connection.
 *
 * <p>The cache is keyed by tenant and digest ({@code bundles/<user>/<sha256>.jar}): a tenant who
 * learns another's digest must still fetch the bytes from a URL it can reach; it never gets
 * the other tenant's cached bundle by naming its digest.
 */
public final class BundleFetcher {
    private final Path cacheDir;
    private final Duration connectTimeout;
    private final Duration timeout;
    private final int maxRedirects;
    private final OutboundGuard guard;

    /** The fetcher the policy's {@code <download>} settings ask for, caching in {@code STATE/bundles}. */
    public static BundleFetcher forPolicy(final Path stateDir, final org.netserv.controller.policy.Policy p,
                                          final OutboundGuard guard) {
        final org.netserv.controller.policy.Policy.Download d = p.download();
        return new BundleFetcher(stateDir.resolve("bundles"),
                Duration.ofMillis(d.connectTimeoutMs()), Duration.ofMillis(d.timeoutMs()), d.maxRedirects(),
                guard.withNodeAddresses(p.nodeAddresses()));
    }

    public BundleFetcher(final Path cacheDir, final Duration connectTimeout, final Duration timeout, final int maxRedirects,
                         final OutboundGuard guard) {
        this.cacheDir = cacheDir;
        this.guard = guard;
        this.timeout = timeout;
        this.maxRedirects = maxRedirects;
        this.connectTimeout = connectTimeout;
    }

    public Path cached(final String user, final String digestHex) {
        return tenantDir(user).resolve(digestHex.toLowerCase(Locale.ROOT) + ".jar");
    }

    /** {@code user} as a file name: policy user names are tokens, anything else is hex-encoded. */
    private Path tenantDir(final String user) {
        final String name = user.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}") ? user
                : "x-" + HexFormat.of().formatHex(user.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return cacheDir.resolve(name);
    }

    /** The verified bundle file of {@code user} for {@code digestHex}, downloading it from {@code url} if not cached. */
    public Path fetch(final String user, final String url, final String digestHex, final long maxBytes) throws NcmException {
        final Path target = cached(user, digestHex);
        final Path dir = target.getParent();
        try {
            if (Files.exists(target)) {
                if (Files.size(target) > maxBytes) {
                    throw new NcmException(413, "module too large: " + Files.size(target) + " bytes > limit " + maxBytes);
                }
                if (digestHex.equals(sha256(target))) {
                    return target;
                }
                Files.delete(target); // a corrupt cache entry is not a reason to fail the request
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new NcmException(500, "bundle cache: " + e.getMessage(), e);
        }
        final Path part = dir.resolve(digestHex + ".part-" + Thread.currentThread().getId());
        try {
            final String got = download(URI.create(url), part, maxBytes);
            if (!got.equals(digestHex)) {
                throw new NcmException(422, "digest mismatch: bundle has sha-256=" + got);
            }
            try (var ch = java.nio.channels.FileChannel.open(part, java.nio.file.StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new NcmException(500, "bundle cache: " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(part);
            } catch (IOException ignored) {
                // a stale .part file is harmless; the next attempt overwrites it
            }
        }
    }

    private String download(final URI start, final Path part, final long maxBytes) throws NcmException, IOException {
        URI uri = start;
        for (int hop = 0; ; hop++) {
            // resolved and checked once; the connection goes to that address, never to the name again
            final PinnedHttp.Destination dest = guard.resolve(uri, hop == 0 ? "module download" : "module download redirect");
            final HttpRequest req = PinnedHttp.request(dest).timeout(timeout).GET()
                    .header("User-Agent", "netserv-controller").build();
            final HttpResponse<InputStream> resp;
            try {
                resp = PinnedHttp.client(dest, connectTimeout).send(req, HttpResponse.BodyHandlers.ofInputStream());
            } catch (HttpConnectTimeoutException e) {
                throw new NcmException(502, "module download failed: connect timeout");
            } catch (HttpTimeoutException e) {
                throw new NcmException(502, "module download failed: timeout");
            } catch (ConnectException e) {
                throw new NcmException(502, "module download failed: connection refused");
            } catch (UnknownHostException e) {
                throw new NcmException(502, "module download failed: unknown host " + uri.getHost());
            } catch (IOException e) {
                throw new NcmException(502, "module download failed: " + describe(e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NcmException(503, "interrupted");
            }
            final int code = resp.statusCode();
            if (code >= 300 && code < 400 && resp.headers().firstValue("location").isPresent()) {
                resp.body().close();
                if (hop >= maxRedirects) {
                    throw new NcmException(502, "module download failed: more than " + maxRedirects + " redirects");
                }
                final URI next = uri.resolve(resp.headers().firstValue("location").get());
                final String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
                if (!scheme.equals("http") && !scheme.equals("https")) {
                    throw new NcmException(502, "module download failed: redirect to unsupported scheme " + scheme);
                }
                if (uri.getScheme().equalsIgnoreCase("https") && scheme.equals("http")) {
                    throw new NcmException(502, "module download failed: redirect from https to http");
                }
                uri = next;
                continue;
            }
            if (code != 200) {
                resp.body().close();
                throw new NcmException(502, "module download failed: HTTP " + code);
            }
            final long declared = resp.headers().firstValueAsLong("content-length").orElse(-1);
            if (declared > maxBytes) {
                resp.body().close();
                throw new NcmException(413, "module too large: " + declared + " bytes > limit " + maxBytes);
            }
            final MessageDigest md = sha256();
            long total = 0;
            try (InputStream in = resp.body(); OutputStream out = Files.newOutputStream(part)) {
                final byte[] buf = new byte[65536];
                for (int n; (n = in.read(buf)) > 0; ) {
                    total += n;
                    if (total > maxBytes) {
                        throw new NcmException(413, "module too large: more than limit " + maxBytes + " bytes");
                    }
                    md.update(buf, 0, n);
                    out.write(buf, 0, n);
                }
            } catch (IOException e) {
                throw new NcmException(502, "module download failed: " + describe(e));
            }
            return HexFormat.of().formatHex(md.digest());
        }
    }

    private static String describe(final IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256(final Path file) throws IOException {
        final MessageDigest md = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            final byte[] buf = new byte[65536];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** Writes the cache entry for bytes already in hand (tests, local installs). */
    public Path put(final String user, final byte[] bundle) throws IOException {
        final MessageDigest md = sha256();
        final Path p = cached(user, HexFormat.of().formatHex(md.digest(bundle)));
        AtomicFiles.write(p, bundle);
        return p;
    }
}
