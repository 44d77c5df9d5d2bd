/*
 * SignalingCommand — the publisher's signaling command line (typically netserv-signal),
 * run once per decision with placeholders such as {ua} filled in: the part every
 * "NSIS-enabled" SIP-server trigger shares (KeepAliveTrigger, the overload trigger).
 */
package org.netserv.apps.siptrigger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

public final class SignalingCommand {
    private final List<String> template;
    private final long timeoutSeconds;
    private final Consumer<String> log;

    public SignalingCommand(List<String> template, long timeoutSeconds, Consumer<String> log) {
        this.template = List.copyOf(template);
        this.timeoutSeconds = timeoutSeconds;
        this.log = log;
    }

    /** Runs the command with every {name} replaced; its exit code, -1 when it timed out or could not start. */
    public int run(Map<String, String> values, String why) {
        List<String> cmd = new ArrayList<>();
        for (String a : template) {
            for (Map.Entry<String, String> v : values.entrySet()) a = a.replace("{" + v.getKey() + "}", v.getValue());
            cmd.add(a);
        }
        log.accept(why + ": " + String.join(" ", cmd));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            if (!done) p.destroyForcibly();
            for (String l : out.split("\n")) if (!l.isBlank()) log.accept("  " + l);
            return done ? p.exitValue() : -1;
        } catch (IOException e) {
            log.accept("cannot run the signaling command: " + e);
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    public long timeoutSeconds() {
        return timeoutSeconds;
    }

    /** "a.b.c.d" with four decimal octets 0..255: what a trigger accepts as a UA's address. */
    public static boolean isIpv4(String s) {
        String[] o = s.split("\\.", -1);
        if (o.length != 4) return false;
        for (String x : o) {
            if (x.isEmpty() || x.length() > 3 || !x.chars().allMatch(Character::isDigit) || Integer.parseInt(x) > 255) return false;
        }
        return true;
    }
}
