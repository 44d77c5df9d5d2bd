package org.netserv.controller.dashboard;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * NcmLog — the last few NCMs the controller answered, for the dashboard.
 *
 * <p>Keeps method, module, user, answer code and reason of the last {@code capacity} requests
 * (oldest dropped). Never the signature or other headers: the dashboard is read-only and
 * shows what happened, not what could be replayed.
 */
public final class NcmLog {
    private final int capacity;
    private final ArrayDeque<Map<String, Object>> entries = new ArrayDeque<>();

    private volatile Runnable listener = () -> { };

    public NcmLog(final int capacity) {
        this.capacity = capacity;
    }

    /** Called after each record (the dashboard sends a new picture at once instead of at its next tick). */
    public void onRecord(final Runnable r) {
        listener = r;
    }

    /** One answered request; {@code method}/{@code module}/{@code user} may be null (unparsable NCM). */
    public synchronized void record(final long timeMs, final String method, final String module, final String user,
                                    final int code, final String reason) {
        final Map<String, Object> e = new LinkedHashMap<>();
        e.put("time", timeMs);
        e.put("method", method == null ? "?" : method);
        e.put("module", module == null ? "" : module);
        e.put("user", user == null ? "" : user);
        e.put("code", code);
        e.put("reason", reason == null ? "" : reason);
        entries.addLast(e);
        while (entries.size() > capacity) {
            entries.removeFirst();
        }
        listener.run();
    }

    /** Newest first. */
    public synchronized List<Map<String, Object>> recent() {
        final List<Map<String, Object>> out = new ArrayList<>(entries);
        java.util.Collections.reverse(out);
        return out;
    }
}
