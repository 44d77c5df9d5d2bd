/*
 * ContainerConfig — a service container's slot configuration (interfaces.md 5):
 * `key = value` lines, `#` comments. The launcher parses the same file in C and
 * hands every key to the JVM as system property netserv.container.<key>; run
 * without the launcher (tests, development) the runtime reads the file itself.
 */
package org.netserv.container.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

public final class ContainerConfig {

    public static final String PREFIX = "netserv.container.";

    /** Every key the file may hold; anything else is an error, not ignored. */
    public static final Set<String> KEYS = Set.of("slot", "user", "uid", "gid", "sandbox", "ports", "ip",
            "netns", "cpu_shares", "memory_mb", "pids_max", "channel", "devdir", "control_socket",
            "controller_uid", "building_blocks", "hidden_paths", "java_home", "classpath", "bundles_dir",
            "batch", "slot_size", "max_bundle_mb", "heap_mb", "require", "nofile", "channel_retry_ms");

    private final Map<String, String> values;

    private ContainerConfig(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** Parses a configuration file; the message of the exception names the line. */
    public static ContainerConfig parse(Path file) throws IOException {
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
    }

    public static ContainerConfig parse(List<String> lines, String origin) {
        Map<String, String> m = new LinkedHashMap<>();
        int n = 0;
        for (String raw : lines) {
            n++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(origin + ":" + n + ": expected 'key = value'");
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException(origin + ":" + n + ": unknown key '" + key + "'");
            }
            if (m.put(key, value) != null) {
                throw new IllegalArgumentException(origin + ":" + n + ": '" + key + "' given twice");
            }
        }
        ContainerConfig c = new ContainerConfig(m);
        c.validate(origin);
        return c;
    }

    /** The configuration the launcher passed as system properties. */
    public static ContainerConfig fromSystemProperties() {
        Map<String, String> m = new LinkedHashMap<>();
        Properties p = System.getProperties();
        for (String name : p.stringPropertyNames()) {
            if (name.startsWith(PREFIX) && KEYS.contains(name.substring(PREFIX.length()))) {
                m.put(name.substring(PREFIX.length()), p.getProperty(name));
            }
        }
        ContainerConfig c = new ContainerConfig(m);
        c.validate("system properties");
        return c;
    }

    private void validate(String origin) {
        for (String k : List.of("slot", "user", "sandbox", "control_socket")) {
            if (get(k, "").isEmpty()) {
                throw new IllegalArgumentException(origin + ": '" + k + "' is required");
            }
        }
        if (!get("slot", "").matches("[0-9]{1,3}")) {
            throw new IllegalArgumentException(origin + ": slot must be a number 0..999");
        }
        if (!get("user", "").matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new IllegalArgumentException(origin + ": bad user name '" + get("user", "") + "'");
        }
        String ch = get("channel", "");
        if (!ch.isEmpty() && !ch.matches("[A-Za-z0-9]{1,16}")) {
            throw new IllegalArgumentException(origin + ": bad channel name '" + ch + "'");
        }
        for (String k : List.of("uid", "gid", "controller_uid", "cpu_shares", "memory_mb", "pids_max",
                "batch", "slot_size", "max_bundle_mb", "heap_mb", "nofile", "channel_retry_ms")) {
            String v = get(k, "");
            if (!v.isEmpty() && !v.matches("[0-9]{1,10}")) {
                throw new IllegalArgumentException(origin + ": '" + k + "' must be a non-negative number, not '" + v + "'");
            }
        }
        for (String port : list("ports")) {
            if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) > 65535 || Integer.parseInt(port) == 0) {
                throw new IllegalArgumentException(origin + ": bad port '" + port + "' in ports");
            }
        }
        String netns = get("netns", "no");
        if (!netns.equals("yes") && !netns.equals("no")) {
            throw new IllegalArgumentException(origin + ": netns must be yes or no");
        }
    }

    public String get(String key, String dflt) {
        String v = values.get(key);
        return v == null ? dflt : v;
    }

    public int getInt(String key, int dflt) {
        String v = values.get(key);
        return v == null || v.isEmpty() ? dflt : Integer.parseInt(v);
    }

    public List<String> list(String key) {
        List<String> out = new ArrayList<>();
        for (String s : get(key, "").split(",")) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }

    public Map<String, String> asMap() { return values; }

    /** Publishes every key as netserv.container.<key> (read by the dispatcher bundle). */
    public void exportToSystemProperties() {
        values.forEach((k, v) -> System.setProperty(PREFIX + k, v));
    }
}
