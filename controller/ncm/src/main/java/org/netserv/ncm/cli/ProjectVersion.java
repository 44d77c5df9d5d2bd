package org.netserv.ncm.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The NetServ version every command reports with {@code --version}. Its one source is the root
 * pom's project version: Maven filters it into {@code version.properties} here, CMake reads the
 * same pom for netserv-click and netserv-container, and the shell wrappers ask one of those.
 * It lives in netserv-ncm because that is the one artifact both command lines (netserv-ctl,
 * netserv-signal) and the daemons depend on.
 */
public final class ProjectVersion {
    private static final String VERSION = load();

    private ProjectVersion() {
    }

    /** e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String get() {
        return VERSION;
    }

    /** The first line of {@code --version}: {@code COMMAND (NetServ) VERSION}. */
    public static String line(final String command) {
        return command + " (NetServ) " + VERSION;
    }

    private static String load() {
        try (InputStream in = ProjectVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            final Properties p = new Properties();
            p.load(in);
            final String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
