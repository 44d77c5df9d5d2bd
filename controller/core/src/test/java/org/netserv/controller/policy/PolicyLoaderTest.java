package org.netserv.controller.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netserv.controller.Fixtures;
import org.netserv.controller.ncm.Ipv4Prefix;

class PolicyLoaderTest {
    @TempDir
    Path dir;

    private Path write(final String janePrefixes, final String limits) throws Exception {
        return Fixtures.policy(dir, Fixtures.pem(Fixtures.ed25519().getPublic()), Fixtures.pem(Fixtures.rsa().getPublic()),
                janePrefixes, limits);
    }

    @Test
    void loadsSlotsKeysAndDefaults() throws Exception {
        final Policy p = PolicyLoader.load(write("<prefix>10.61.0.0/16</prefix>", "<limits max-modules=\"2\"/>"));
        assertEquals("r1", p.nodeId());
        assertEquals(2, p.slots().size());
        final Slot jane = p.slotOfUser("janedoe").orElseThrow();
        assertEquals(0, jane.number());
        assertEquals(List.of(5060, 8080), jane.ports());
        assertEquals(List.of(Ipv4Prefix.parse("10.61.0.0/16")), jane.prefixes());
        assertEquals(2, jane.limits().maxModules());
        assertEquals(256, jane.limits().memoryMb());
        assertEquals("Ed25519", jane.keys().get(0).getAlgorithm());
        assertEquals("RSA", p.slotOfUser("bob").orElseThrow().keys().get(0).getAlgorithm());
        assertEquals(300, p.replayWindowSeconds());
        assertTrue(p.prefixOwnership().isEmpty());
    }

    @Test
    void theShippedExamplePolicyLoads() throws Exception {
        final Path example = Path.of(System.getProperty("netserv.root", "../.."), "controller/examples/policy.xml");
        final Policy p = PolicyLoader.load(example);
        assertTrue(p.slots().size() >= 1);
    }

    @Test
    void schemaErrorsNameTheLine() throws Exception {
        final Path p = write("<prefix>10.61.0.0/16</prefix><colour>blue</colour>", "");
        final PolicyException e = assertThrows(PolicyException.class, () -> PolicyLoader.load(p));
        assertTrue(e.getMessage().matches(".*policy.xml:\\d+:\\d+: .*colour.*"), e.getMessage());
    }

    @Test
    void badValuesAreRefused() throws Exception {
        assertTrue(assertThrows(PolicyException.class, () -> PolicyLoader.load(write("<prefix>10.61.0.1/16</prefix>", "")))
                .getMessage().contains("host bits set"));
        assertTrue(assertThrows(PolicyException.class, () -> PolicyLoader.load(write("<prefix>10.61.0.0/40</prefix>", "")))
                .getMessage().contains("10.61.0.0/40"));
        final Path dup = write("", "");
        Files.writeString(dup, Files.readString(dup).replace("<user>bob</user>", "<user>janedoe</user>"));
        assertTrue(assertThrows(PolicyException.class, () -> PolicyLoader.load(dup)).getMessage().contains("slotUser"));
        final Path badKey = write("", "");
        Files.writeString(badKey, Files.readString(badKey).replaceFirst("MC[A-Za-z0-9+/]{10}", "MCxxxxxxxxxx"));
        assertTrue(assertThrows(PolicyException.class, () -> PolicyLoader.load(badKey)).getMessage().contains("bad key"));
        final Path dtd = write("", "");
        Files.writeString(dtd, Files.readString(dtd).replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                "<?xml version=\"1.0\"?><!DOCTYPE policy [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"));
        assertTrue(assertThrows(PolicyException.class, () -> PolicyLoader.load(dtd)).getMessage().contains("DOCTYPE"));
    }

    @Test
    void keyFromFileRelativeToThePolicy() throws Exception {
        final Path p = write("", "");
        Files.writeString(dir.resolve("jane.pub"), Fixtures.pem(Fixtures.ec().getPublic()));
        Files.writeString(p, Files.readString(p).replaceFirst("(?s)<key>.*?</key>", "<key file=\"jane.pub\"/>"));
        assertTrue(PolicyLoader.load(p).slotOfUser("janedoe").orElseThrow().keys().get(0).getAlgorithm().startsWith("EC"));
    }
}
