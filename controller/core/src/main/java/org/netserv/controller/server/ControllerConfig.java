package org.netserv.controller.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The controller's own settings (not policy): {@code key = value} lines, {@code #} comments,
 * the same shape as the container launcher's config. Unknown keys are an error.
 */
public final class ControllerConfig {
    static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

    static {
        DEFAULTS.put("policy", "/etc/netserv/policy.xml");
        DEFAULTS.put("state_dir", "/var/lib/netserv");
        DEFAULTS.put("run_dir", "/run/netserv");
        DEFAULTS.put("socket", "/run/netserv/controller.sock");
        DEFAULTS.put("admin_socket", "/run/netserv/controller-admin.sock");
        DEFAULTS.put("http", "127.0.0.1:8470");
        // the engine's UNIX ControlSocket (root only); over TCP it refuses reconfiguration
        DEFAULTS.put("forwarding_plane", "unix:/run/netserv/click.sock");
        DEFAULTS.put("classifier", "ns");
        DEFAULTS.put("classifier_outputs", "0");
        DEFAULTS.put("containers", "yes");
        DEFAULTS.put("container_launcher", "/usr/lib/netserv/bin/netserv-container");
        DEFAULTS.put("container_connect_timeout_ms", "30000");
        DEFAULTS.put("devdir", "/run/netserv/dev");
        DEFAULTS.put("controller_uid", "");
        DEFAULTS.put("java_home", "");
        DEFAULTS.put("bundles_dir", "");
        DEFAULTS.put("hidden_paths", "");
        DEFAULTS.put("netns", "yes");
        // isolation features the operator explicitly lets containers start without (launcher
        // feature names, comma-separated); every other one is required (SECURITY.md)
        DEFAULTS.put("isolation_optional", "");
        DEFAULTS.put("stop_containers_on_exit", "yes");
        // destinations the node may fetch from / notify although they look internal (CIDRs), and
        // management networks it must never be aimed at (OutboundGuard)
        DEFAULTS.put("outbound_allow", "");
        DEFAULTS.put("management_networks", "");
    }

    private final Map<String, String> values;

    private ControllerConfig(final Map<String, String> values) {
        this.values = values;
    }

    public static ControllerConfig defaults() {
        return new ControllerConfig(new LinkedHashMap<>(DEFAULTS));
    }

    public static ControllerConfig load(final Path file) throws IOException {
        final Map<String, String> v = new LinkedHashMap<>(DEFAULTS);
        int n = 0;
        for (final String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            n++;
            final String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            final int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IOException(file + ":" + n + ": expected key = value");
            }
            final String k = line.substring(0, eq).strip();
            if (!DEFAULTS.containsKey(k)) {
                throw new IOException(file + ":" + n + ": unknown key " + k + " (known: " + DEFAULTS.keySet() + ")");
            }
            v.put(k, line.substring(eq + 1).strip());
        }
        return new ControllerConfig(v);
    }

    public ControllerConfig with(final String key, final String value) {
        if (!DEFAULTS.containsKey(key)) {
            throw new IllegalArgumentException("unknown key " + key);
        }
        final Map<String, String> v = new LinkedHashMap<>(values);
        v.put(key, value);
        return new ControllerConfig(v);
    }

    public String get(final String key) {
        final String v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("unknown key " + key);
        }
        return v;
    }

    public Path path(final String key) {
        return Path.of(get(key));
    }

    public int integer(final String key) {
        return Integer.parseInt(get(key));
    }

    public boolean yes(final String key) {
        final String v = get(key);
        if (!Set.of("yes", "no", "true", "false").contains(v)) {
            throw new IllegalArgumentException(key + " must be yes or no, not " + v);
        }
        return v.equals("yes") || v.equals("true");
    }

    public List<String> list(final String key) {
        final String v = get(key);
        return v.isEmpty() ? List.of() : List.of(v.split("\\s*,\\s*"));
    }
}
