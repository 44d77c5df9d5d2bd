/*
 * Main — the same relay outside a container, for quick runs and the coturn benchmark:
 *
 *   java -jar netserv-app-mediarelay.jar key=value ...     (the SETUP property names, see Config)
 *
 * Prints one "mediarelay: listening ..." line, then its STATUS line every
 * status_interval seconds (0: never) and once more at exit (SIGTERM/SIGINT).
 */
package org.netserv.apps.mediarelay;

import java.util.HashMap;
import java.util.Map;

public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> p = new HashMap<>();
        long interval = 0;
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                System.err.println("usage: mediarelay key=value ... (got '" + a + "')");
                System.exit(2);
            }
            if (a.startsWith("status_interval=")) interval = Long.parseLong(a.substring(eq + 1));
            else p.put(a.substring(0, eq), a.substring(eq + 1));
        }
        MediaRelay relay;
        try {
            relay = new MediaRelay(new Config(p));
        } catch (IllegalArgumentException e) {
            System.err.println("mediarelay: " + e.getMessage());
            System.exit(2);
            return;
        }
        relay.start();
        System.out.println("mediarelay: listening " + relay.status());
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("mediarelay: " + relay.status());
            relay.stop();
        }));
        while (true) {
            Thread.sleep(interval > 0 ? interval * 1000 : 3_600_000);
            if (interval > 0) {
                System.out.println("mediarelay: " + relay.status());
                System.out.flush();
            }
        }
    }
}
