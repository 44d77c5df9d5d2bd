package org.netserv.nsis.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netserv.ncm.cli.ProjectVersion;
import org.netserv.nsis.nslp.NcmSigner;
import picocli.CommandLine;

/** --help (exit 0, Examples), --version (the project's), one-line usage errors, keygen --json, completion. */
class SignalCliHelpTest {
    @TempDir Path tmp;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        final CommandLine cl = SignalCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void everyCommandHasHelpWithExamples() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("Exit codes:") && out.toString().contains("Examples:"), out.toString());
        // every subcommand, also those added later: each needs its own Examples
        for (String sub : SignalCli.commandLine().getSubcommands().keySet()) {
            if (sub.equals("generate-completion")) continue;
            out.getBuffer().setLength(0);
            assertEquals(0, run(sub, "--help"), sub);
            assertTrue(out.toString().contains("Examples:"), sub + ": " + out);
            assertTrue(out.toString().contains("--json"), sub + " has --json: " + out);
        }
    }

    @Test
    void versionIsTheProjectVersion() {
        assertEquals(0, run("--version"));
        assertEquals("netserv-signal (NetServ) " + ProjectVersion.get() + "\n", out.toString());
    }

    @Test
    void usageErrorIsOneLineWithAHint() {
        assertEquals(2, run("probe", "--dest"));
        assertTrue(err.toString().startsWith("netserv-signal probe: "), err.toString());
        assertTrue(err.toString().endsWith("Try 'netserv-signal probe --help' for more information.\n"), err.toString());
    }

    @Test
    void keygenJsonNamesTheFiles() throws Exception {
        final Path k = tmp.resolve("a \"b\".pem");
        assertEquals(0, run("keygen", "--out", k.toString(), "--json"));
        final String j = out.toString().trim();
        assertEquals("{\"type\":\"ed25519\",\"private\":" + SignalCli.q(k.toString()) + ",\"public\":" + SignalCli.q(k + ".pub") + "}", j);
        assertTrue(Files.exists(Path.of(k + ".pub")));
        NcmSigner.readPrivateKey(k);
    }

    @Test
    void completionScriptCompletesSubcommands() {
        assertEquals(0, run("generate-completion"));
        assertTrue(out.toString().contains("complete -F _complete_netserv-signal"), out.toString().substring(0, 200));
        assertTrue(out.toString().contains("setup remove probe trigger rollback keygen"), "subcommand words");
    }
}
