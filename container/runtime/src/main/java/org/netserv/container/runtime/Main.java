/*
 * Main — the container's Java entry point. netserv-container (the C launcher)
 * creates the JVM with the JNI invocation API and calls launch(); for tests and
 * development the same runtime starts with `java ... Main --config FILE`, without
 * OS-level isolation (STATUS says so).
 */
package org.netserv.container.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(launch(args));
    }

    /** Called by the launcher. Returns the exit code: 0 after SHUTDOWN, 2 bad config, 1 failure. */
    public static int launch(String[] args) {
        setUpLogging();
        ContainerConfig config;
        try {
            if (args.length == 2 && args[0].equals("--config")) {
                config = ContainerConfig.parse(Path.of(args[1]));
            } else if (args.length == 0) {
                config = ContainerConfig.fromSystemProperties();
            } else {
                System.err.println("usage: Main [--config FILE]");
                return 2;
            }
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("netserv-container: bad configuration: " + e.getMessage());
            return 2;
        }
        try {
            return new Container(config).run();
        } catch (Exception e) {
            System.err.println("netserv-container: " + ModuleManager.describe(e));
            System.getLogger("netserv.container").log(System.Logger.Level.DEBUG, "start failed", e);
            return 1;
        }
    }

    /** The code logs through System.Logger, whose default backend is java.util.logging: format that backend's output. */
    private static void setUpLogging() {
        Logger root = Logger.getLogger("");
        for (var h : root.getHandlers()) {
            root.removeHandler(h);
        }
        ConsoleHandler h = new ConsoleHandler();
        h.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord r) {
                String t = r.getThrown() == null ? "" : " " + r.getThrown();
                return "netserv-container[" + r.getLoggerName() + "] " + r.getLevel() + ": " + formatMessage(r) + t
                        + "\n";
            }
        });
        root.addHandler(h);
    }
}
