package org.netserv.controller.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netserv.ncm.NcmKeys;
import org.netserv.ncm.cli.ProjectVersion;
import picocli.CommandLine;

/** The command line as people and scripts meet it: help, version, usage errors, JSON, tables, exit codes. */
class NetservCtlTest {
    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(final String... args) {
        final CommandLine cl = NetservCtl.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void helpHasExamplesAndExitCodesAndExitsZero() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("Examples:"), out.toString());
        assertTrue(out.toString().contains("Exit codes:"), out.toString());
        assertTrue(out.toString().endsWith("\n"));
        for (final String sub : NetservCtl.commandLine().getSubcommands().keySet()) {
            if (sub.equals("generate-completion")) {
                continue;
            }
            out.getBuffer().setLength(0);
            assertEquals(0, run(sub, "--help"), sub);
            assertTrue(out.toString().contains("Examples:"), sub + ": " + out);
            assertTrue(out.toString().contains("--json"), sub + " has --json: " + out);
        }
    }

    @Test
    void versionIsTheProjectVersion() {
        assertEquals(0, run("--version"));
        assertEquals("netserv-ctl (NetServ) " + ProjectVersion.get() + "\n", out.toString());
        assertFalse(ProjectVersion.get().equals("unknown"), "version.properties was filtered by Maven");
    }

    @Test
    void usageErrorsAreOneLineAndExitTwo() {
        assertEquals(2, run("--frobnicate"));
        assertTrue(err.toString().startsWith("netserv-ctl: Unknown option: '--frobnicate'"), err.toString());
        assertTrue(err.toString().contains("Try 'netserv-ctl --help'"), err.toString());
        assertTrue(err.toString().split("\n").length <= 3, "not the whole usage: " + err);
        err.getBuffer().setLength(0);
        assertEquals(2, run("lst"));                                      // unknown subcommand, with a suggestion
        assertTrue(err.toString().contains("list"), err.toString());
        assertEquals(2, run());                                           // no subcommand
        assertEquals(2, run("send"));                                     // no FILE
        assertEquals(2, run("send", tmp.resolve("missing.ncm").toString()));
        assertEquals(2, run("keygen", "--type", "dsa", tmp.resolve("k").toString()));
        assertEquals(2, run("sign", "--key", tmp.resolve("missing.key").toString(), "-"));    // never reads stdin
    }

    @Test
    void unreachableControllerExitsThree() {
        final String sock = tmp.resolve("none.sock").toString();
        for (final String sub : new String[] {"list", "status", "reload"}) {
            err.getBuffer().setLength(0);
            assertEquals(3, run("--admin-socket", sock, sub), sub);
            assertTrue(err.toString().contains("cannot reach the controller at " + sock), err.toString());
        }
        assertEquals(3, run("--socket", sock, "send", write("probe.ncm", "PROBE NETSERV/0.1\n")));
    }

    @Test
    void keygenAndSignSpeakJson() throws Exception {
        final ObjectMapper m = new ObjectMapper();
        assertEquals(0, run("keygen", "--json", tmp.resolve("jane").toString()));
        final JsonNode k = m.readTree(out.toString());
        assertEquals("ed25519", k.get("type").asText());
        assertTrue(Files.exists(Path.of(k.get("private").asText())));
        NcmKeys.readPublicKey(Path.of(k.get("public").asText()));
        out.getBuffer().setLength(0);
        assertEquals(0, run("--json", "sign", "--key", k.get("private").asText(), write("p.ncm", "PROBE NETSERV/0.1\nuser: jane\n")));
        final String message = m.readTree(out.toString()).get("message").asText();
        assertTrue(message.startsWith("PROBE NETSERV/0.1\nuser: jane\nnonce: "), message);
        assertTrue(message.contains("\nsignature: "), message);
    }

    @Test
    void listLinesBecomeColumns() {
        final Map<String, String> m = NetservCtl.ListCmd.parse(
                "NetServ.test.counter_1.0.0 slot=0 user=janedoe state=UP ttl=598 filter=udp && dst port 5060");
        assertEquals("NetServ.test.counter_1.0.0", m.get("module"));
        assertEquals("0", m.get("slot"));
        assertEquals("janedoe", m.get("user"));
        assertEquals("UP", m.get("state"));
        assertEquals("598", m.get("ttl"));
        assertEquals("udp && dst port 5060", m.get("filter"));
        assertEquals("", NetservCtl.ListCmd.parse("M_1 slot=2").get("filter"));
    }

    @Test
    void tableColumnsAlignWithoutTrailingBlanks() {
        final String t = new Table("MODULE", "SLOT", "STATE").row("a_1.0.0", "0", "UP").row("longer.name_2.0.0", "12", "").render();
        assertEquals("MODULE             SLOT  STATE\n"
                + "a_1.0.0            0     UP\n"
                + "longer.name_2.0.0  12\n", t);
    }

    private String write(final String name, final String text) {
        try {
            return Files.writeString(tmp.resolve(name), text).toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
