package org.netserv.controller.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One line per attack for SECURITY.md's table (tests/security convention):
 * {@code ATTACK | <surface> | <attack tried> | <expected outcome> | PASS|FAIL}, printed and, when
 * the system property {@code netserv.attack.log} names a file, appended to it. The check runs
 * first; its failure is recorded as FAIL and rethrown, so the test fails too.
 */
public final class AttackLog {
    public interface Check {
        void run() throws Exception;
    }

    private AttackLog() {
    }

    public static void attack(final String surface, final String tried, final String expected, final Check check) throws Exception {
        boolean ok = false;
        try {
            check.run();
            ok = true;
        } finally {
            final String line = "ATTACK | " + surface + " | " + tried + " | " + expected + " | " + (ok ? "PASS" : "FAIL");
            System.out.println(line);
            final String file = System.getProperty("netserv.attack.log", "");
            if (!file.isEmpty()) {
                try {
                    Files.writeString(Path.of(file), line + "\n", StandardCharsets.UTF_8,
                            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                } catch (IOException e) {
                    throw new IllegalStateException("cannot write " + file, e);
                }
            }
        }
    }
}
