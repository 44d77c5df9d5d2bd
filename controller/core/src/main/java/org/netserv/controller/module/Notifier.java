package org.netserv.controller.module;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.netserv.controller.ncm.NcmException;

/**
 * Calls the publisher's {@code notification} XML-RPC URL after a successful install or
 * removal: {@code netserv.notify(nodeId, event, moduleId, detail)}, all strings. Fire and
 * forget: the publisher's server being slow or down never affects the node. The URL must pass
 * the {@link OutboundGuard} (checked, like the call, off the caller's thread: resolving a name
 * must not hold the controller's lock); a refused URL is logged and not called, an accepted one
 * is called at the address that was checked ({@link PinnedHttp}).
 */
public final class Notifier {
    private static final System.Logger LOG = System.getLogger(Notifier.class.getName());
    private final ExecutorService checks = Executors.newSingleThreadExecutor(r -> {
        final Thread t = new Thread(r, "controller-notify");
        t.setDaemon(true);
        return t;
    });
    private volatile OutboundGuard guard;
    private final java.util.concurrent.atomic.AtomicLong refused = new java.util.concurrent.atomic.AtomicLong();

    public Notifier(final OutboundGuard guard) {
        this.guard = guard;
    }

    public void guard(final OutboundGuard g) {
        this.guard = g;
    }

    public void notify(final String url, final String nodeId, final String event, final String moduleId,
                       final String detail) {
        final String body = "<?xml version=\"1.0\"?>\n<methodCall><methodName>netserv.notify</methodName><params>"
                + param(nodeId) + param(event) + param(moduleId) + param(detail) + "</params></methodCall>\n";
        final URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "notification URL {0} refused: {1}", url, e.getMessage());
            return;
        }
        final OutboundGuard g = guard;
        CompletableFuture.runAsync(() -> send(uri, url, body, g), checks);
    }

    private void send(final URI uri, final String url, final String body, final OutboundGuard g) {
        final PinnedHttp.Destination dest;
        final HttpRequest req;
        try {
            dest = g.resolve(uri, "notification");
            req = PinnedHttp.request(dest).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "text/xml").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        } catch (NcmException e) {
            LOG.log(System.Logger.Level.WARNING, "notification to {0} not sent: {1}", url, e.reason());
            refused.incrementAndGet();
            return;
        }
        // to the checked address only: the name is not resolved again (DNS rebinding)
        PinnedHttp.client(dest, Duration.ofSeconds(5)).sendAsync(req, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
            if (e != null) {
                LOG.log(System.Logger.Level.WARNING, "notification to {0} failed: {1}", url, e.toString());
            } else if (r.statusCode() != 200) {
                LOG.log(System.Logger.Level.WARNING, "notification to {0}: HTTP {1}", url, r.statusCode());
            }
        });
    }

    /** Stops the checking thread; notifications not yet checked are dropped. */
    public void close() {
        checks.shutdownNow();
    }

    /** Notifications not sent because their URL pointed inside. */
    public long refused() {
        return refused.get();
    }

    static String param(final String s) {
        return "<param><value><string>" + s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                + "</string></value></param>";
    }
}
