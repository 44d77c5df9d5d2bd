package org.netserv.controller.module;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Calls the publisher's {@code notification} XML-RPC URL after a successful install or
 * removal: {@code netserv.notify(nodeId, event, moduleId, detail)}, all strings. Fire and
 * forget: the publisher's server being slow or down never affects the node.
 */
public final class Notifier {
    private static final System.Logger LOG = System.getLogger(Notifier.class.getName());
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public void notify(final String url, final String nodeId, final String event, final String moduleId,
                       final String detail) {
        final String body = "<?xml version=\"1.0\"?>\n<methodCall><methodName>netserv.notify</methodName><params>"
                + param(nodeId) + param(event) + param(moduleId) + param(detail) + "</params></methodCall>\n";
        final HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "text/xml").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        client.sendAsync(req, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
            if (e != null) {
                LOG.log(System.Logger.Level.WARNING, "notification to {0} failed: {1}", url, e.toString());
            } else if (r.statusCode() != 200) {
                LOG.log(System.Logger.Level.WARNING, "notification to {0}: HTTP {1}", url, r.statusCode());
            }
        });
    }

    static String param(final String s) {
        return "<param><value><string>" + s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                + "</string></value></param>";
    }
}
