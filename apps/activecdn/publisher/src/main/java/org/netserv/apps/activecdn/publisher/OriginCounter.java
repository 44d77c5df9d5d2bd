package org.netserv.apps.activecdn.publisher;

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * What the origin itself served: requests and body bytes per path, so tests and the
 * benchmark count origin fetches where they happen. Also stamps the publisher's
 * caching policy (Cache-Control: max-age) on what the origin serves.
 */
final class OriginCounter extends Handler.Wrapper {
    final Map<String, AtomicLong> requests = new ConcurrentSkipListMap<>();
    final AtomicLong bytes = new AtomicLong();
    private final long maxAgeSeconds;

    OriginCounter(Handler files, long maxAgeSeconds) {
        super(files);
        this.maxAgeSeconds = maxAgeSeconds;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        requests.computeIfAbsent(request.getHttpURI().getPath(), k -> new AtomicLong()).incrementAndGet();
        if (maxAgeSeconds >= 0) response.getHeaders().put(HttpHeader.CACHE_CONTROL, "max-age=" + maxAgeSeconds);
        return super.handle(request, response, new Callback.Nested(callback) {
            @Override
            public void succeeded() {
                long n = response.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
                if (n > 0) bytes.addAndGet(n);
                super.succeeded();
            }
        });
    }

    String report() {
        StringBuilder b = new StringBuilder();
        requests.forEach((p, n) -> b.append("requests ").append(p).append(' ').append(n.get()).append('\n'));
        b.append("origin-bytes ").append(bytes.get()).append('\n');
        return b.toString();
    }
}
