/*
 * HttpInfo — local information from a small web service (a weather service, as in the
 * paper): GET wm_info_url every wm_info_refresh_s seconds at most. A text/plain answer's
 * first line is the text; a JSON object's fields named in wm_info_fields (flat string or
 * number members, e.g. "city,temp_c,conditions") joined with spaces. When the service
 * fails, the last good text is used; with none yet, processing fails with that reason.
 */
package org.netserv.apps.activecdn;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;

final class HttpInfo implements InfoProvider {
    private final HttpClient client;
    private final String url;
    private final List<String> fields;
    private final long refreshMs;
    private String last;
    private long fetchedAt;

    HttpInfo(HttpClient client, String url, List<String> fields, long refreshMs) {
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new IllegalArgumentException("property wm_info_url must be an http:// URL, not '" + url + "'");
        }
        this.client = client;
        this.url = url;
        this.fields = List.copyOf(fields);
        this.refreshMs = refreshMs;
    }

    @Override
    public synchronized String text() throws IOException {
        long now = System.currentTimeMillis();
        if (last != null && now - fetchedAt < refreshMs) return last;
        try {
            String t = fetch();
            last = t;
            fetchedAt = now;
            return t;
        } catch (IOException e) {
            if (last != null) return last; // the service is down: the last good information still holds
            throw e;
        }
    }

    private String fetch() throws IOException {
        ContentResponse r;
        try {
            r = client.newRequest(url).timeout(5, TimeUnit.SECONDS).send();
        } catch (Exception e) {
            throw new IOException("local information service " + url + " unreachable: " + e.getMessage(), e);
        }
        if (r.getStatus() != 200) throw new IOException("local information service " + url + " answered " + r.getStatus());
        String body = new String(r.getContent(), StandardCharsets.UTF_8);
        String type = r.getMediaType() == null ? "" : r.getMediaType();
        String t = type.contains("json") ? fromJson(body, fields) : body.lines().findFirst().orElse("");
        t = InfoProvider.clean(t);
        if (t == null) throw new IOException("local information service " + url + " gave no text" + (type.contains("json") ? " for fields " + fields : ""));
        return t;
    }

    /** The named members of a flat JSON object (strings or numbers), in the order named. */
    static String fromJson(String json, List<String> names) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            Matcher m = Pattern.compile("\"" + Pattern.quote(n) + "\"\\s*:\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|(-?[0-9][0-9.eE+-]*))")
                    .matcher(json);
            if (m.find()) out.add(m.group(1) != null ? m.group(1).replace("\\\"", "\"").replace("\\\\", "\\") : m.group(2));
        }
        return String.join(" ", out);
    }
}
