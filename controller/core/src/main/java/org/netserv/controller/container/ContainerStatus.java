package org.netserv.controller.container;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A STATUS reply: {@code module: <id> state=ACTIVE seen=N forwarded=N ...} lines parsed into
 * {@link ModuleStatus}, every other header kept verbatim (heap-used, isolation, packets-in...).
 */
public record ContainerStatus(Map<String, ModuleStatus> modules, Map<String, String> other) {

    public record ModuleStatus(String moduleId, Map<String, String> fields) {
        public String state() {
            return fields.getOrDefault("state", "UNKNOWN");
        }
    }

    public static ContainerStatus parse(final List<Map.Entry<String, String>> headers) {
        final Map<String, ModuleStatus> mods = new LinkedHashMap<>();
        final Map<String, String> other = new LinkedHashMap<>();
        for (final Map.Entry<String, String> h : headers) {
            if (h.getKey().equals("module")) {
                final String[] words = h.getValue().trim().split("\\s+");
                final Map<String, String> f = new LinkedHashMap<>();
                for (int i = 1; i < words.length; i++) {
                    final int eq = words[i].indexOf('=');
                    if (eq > 0) {
                        f.put(words[i].substring(0, eq), words[i].substring(eq + 1));
                    }
                }
                mods.put(words[0], new ModuleStatus(words[0], f));
            } else {
                other.merge(h.getKey(), h.getValue(), (a, b) -> a + "," + b);
            }
        }
        return new ContainerStatus(mods, other);
    }
}
