package org.netserv.controller.policy;

import static org.junit.jupiter.api.Assertions.*;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node policy is operator input, but a mistake in it must never make the node less
 * isolated: whatever bytes the loader is given, it either refuses them with a
 * {@link PolicyException} (nothing else escapes: no parser exception, no XXE, no
 * NumberFormatException) or returns a policy whose slots have dedicated, distinct uids
 * and distinct, non-nested sandboxes.
 *
 * <p>{@link #fuzzPolicy} is a Jazzer fuzz test (replay by default, 30 s with
 * {@code JAZZER_FUZZ=1}, i.e. {@code make fuzz}); {@link #boundedMutationRun} always runs a
 * fixed number of seeded mutations of the example policy.
 */
class PolicyFuzzTest {
    @TempDir
    static Path dir;
    static byte[] example;

    @BeforeAll
    static void keys() throws Exception {
        final Path ex = Path.of(System.getProperty("netserv.root", "../..")).resolve("controller/examples").normalize();
        Files.createDirectories(dir.resolve("keys"));
        try (var ks = Files.list(ex.resolve("keys"))) {
            for (Path k : (Iterable<Path>) ks::iterator) {
                Files.copy(k, dir.resolve("keys").resolve(k.getFileName()));
            }
        }
        example = Files.readAllBytes(ex.resolve("policy.xml"));
    }

    static void check(byte[] xml) throws Exception {
        final Path f = dir.resolve("policy.xml");
        Files.write(f, xml);
        final Policy p;
        try {
            p = PolicyLoader.load(f);
        } catch (PolicyException e) {
            assertNotNull(e.getMessage());
            return;
        }
        final Set<Integer> uids = new HashSet<>();
        final List<Path> sandboxes = new java.util.ArrayList<>();
        for (Slot s : p.slots()) {
            assertTrue(s.uid() > 0 && s.gid() > 0, "accepted a slot running as root: " + s);
            assertTrue(uids.add(s.uid()), "accepted a uid shared between slots: " + s.uid());
            for (Path o : sandboxes) {
                assertFalse(o.startsWith(s.sandbox()) || s.sandbox().startsWith(o),
                        "accepted shared or nested sandboxes " + o + " and " + s.sandbox());
            }
            sandboxes.add(s.sandbox());
        }
    }

    @FuzzTest(maxDuration = "30s")
    void fuzzPolicy(byte[] data) throws Exception {
        check(data);
    }

    private static final String[] TOKENS = {"<uid>0</uid>", "<uid>10000</uid>", "<sandbox>/var/lib/netserv/sandbox/0</sandbox>",
        "<sandbox>/var/lib/netserv/sandbox</sandbox>", "<!DOCTYPE p [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>", "&x;",
        "99999999999999999999", "-1", "<slot number=\"0\">", "</slot>", "<prefix>0.0.0.0/0</prefix>", "\u0000", "<![CDATA[",
        "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"/etc/passwd\"/>"};

    static byte[] mutate(String s, SplittableRandom rnd) {
        final StringBuilder b = new StringBuilder(s);
        final int ops = 1 + rnd.nextInt(4);
        for (int k = 0; k < ops; k++) {
            final int at = rnd.nextInt(b.length() + 1);
            switch (rnd.nextInt(5)) {
                case 0 -> b.insert(at, TOKENS[rnd.nextInt(TOKENS.length)]);
                case 1 -> { if (at < b.length()) b.delete(at, Math.min(b.length(), at + 1 + rnd.nextInt(40))); }
                case 2 -> { if (at < b.length()) b.setCharAt(at, (char) rnd.nextInt(128)); }
                case 3 -> { // duplicate a slot: shared uid and sandbox unless the loader refuses
                    final int a = b.indexOf("<slot"), e = b.indexOf("</slot>");
                    if (a >= 0 && e > a) b.insert(e + 7, b.substring(a, e + 7).replace("number=\"0\"", "number=\"" + rnd.nextInt(4) + "\""));
                }
                default -> { // change a number
                    final int d = b.indexOf(">1", at);
                    if (d >= 0 && d + 2 < b.length()) b.replace(d + 1, d + 2, Integer.toString(rnd.nextInt(3)));
                }
            }
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void boundedMutationRun() throws Exception {
        final String text = new String(example, StandardCharsets.UTF_8);
        check(example);
        final SplittableRandom rnd = new SplittableRandom(0x5EED);
        for (int i = 0; i < 1000; i++) {
            check(mutate(text, rnd));
        }
    }

    /** Found by boundedMutationRun: a number the schema accepts (positiveInteger) but Java cannot hold. */
    @Test
    void regressionOutOfRangeNumberIsAPolicyError() throws Exception {
        final String text = new String(example, StandardCharsets.UTF_8);
        for (String bad : List.of(text.replace("memory-mb=\"256\"", "memory-mb=\"99999999999999999999128\""),
                text.replace("memory-mb=\"256\"", "memory-mb=\"4294967297\""))) {
            Files.writeString(dir.resolve("policy.xml"), bad);
            assertThrows(PolicyException.class, () -> PolicyLoader.load(dir.resolve("policy.xml")));
        }
    }

    @Test
    void refusesRootSharedUidsAndSharedSandboxes() throws Exception {
        final String text = new String(example, StandardCharsets.UTF_8);
        for (String bad : List.of(
                text.replace("<uid>10000</uid>", "<uid>0</uid>"),
                text.replace("<gid>10001</gid>", "<gid>0</gid>"),
                text.replace("<uid>10001</uid>", "<uid>10000</uid>"),
                text.replace("/var/lib/netserv/sandbox/1", "/var/lib/netserv/sandbox/0"),
                text.replace("/var/lib/netserv/sandbox/1", "/var/lib/netserv/sandbox/0/inner"))) {
            Files.writeString(dir.resolve("policy.xml"), bad);
            final PolicyException e = assertThrows(PolicyException.class, () -> PolicyLoader.load(dir.resolve("policy.xml")));
            final String m = e.getMessage().toLowerCase(java.util.Locale.ROOT);
            assertTrue(m.contains("uid") || m.contains("gid") || m.contains("containerid") || m.contains("sandbox"),
                    e.getMessage());
        }
    }
}
