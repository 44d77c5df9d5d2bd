/*
 * Origin — the publisher's origin server as the edge reaches it: a Jetty HTTP client
 * with bounded waits (connect, response fields, and an idle timeout that ends a fetch
 * whose body stalls) and a bound on the response fields' size.
 */
package org.netserv.apps.activecdn;

import java.net.URI;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

final class Origin implements AutoCloseable {
    final URI base;
    final long headerTimeoutMs;
    final HttpClient client;

    Origin(URI base, long connectTimeoutMs, long headerTimeoutMs, long idleTimeoutMs) throws Exception {
        if (!"http".equals(base.getScheme()) || base.getHost() == null) {
            throw new IllegalArgumentException("origin must be an http:// URL with a host: " + base);
        }
        this.base = base;
        this.headerTimeoutMs = headerTimeoutMs;
        QueuedThreadPool pool = new QueuedThreadPool(64, 2);
        pool.setName("activecdn-origin");
        pool.setDaemon(true);
        client = new HttpClient();
        client.setExecutor(pool);
        client.setConnectTimeout(connectTimeoutMs);
        client.setIdleTimeout(idleTimeoutMs);
        client.setFollowRedirects(false);
        client.setMaxConnectionsPerDestination(256);
        client.setMaxRequestsQueuedPerDestination(4096);
        // origin responses with huge field sections fail the fetch rather than fill memory
        client.setMaxResponseHeadersSize(16 * 1024);
        client.setUserAgentField(null);
        // bytes pass through as the origin encoded them: the cache stores variants, it does not decode
        client.getContentDecoderFactories().clear();
        client.start();
    }

    /** The origin URL of a request target ("/path?query"). */
    String url(String target) {
        String b = base.toString();
        if (b.endsWith("/")) b = b.substring(0, b.length() - 1);
        return b + target;
    }

    @Override
    public void close() throws Exception {
        client.stop();
    }
}
