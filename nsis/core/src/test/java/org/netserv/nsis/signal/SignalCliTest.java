package org.netserv.nsis.signal;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netserv.nsis.nslp.Ncm;
import org.netserv.nsis.nslp.NcmSigner;
import org.netserv.nsis.nslp.NslpMessage;

/** Usage errors exit 2 before anything is sent; keygen writes keys the signer reads; JSON is well-formed. */
class SignalCliTest {
    @TempDir Path tmp;

    @Test
    void usageErrorsExitTwo() throws Exception {
        assertEquals(2, SignalCli.run());
        assertEquals(2, SignalCli.run("setup", "M_1.0.0", "--dest", "10.0.0.1"));                       // no key, no ttl
        assertEquals(2, SignalCli.run("frobnicate"));
        assertEquals(2, SignalCli.run("probe", "--dest", "10.0.0.1", "--key", tmp.resolve("missing.pem").toString()));
        Files.writeString(tmp.resolve("junk.pem"), "not a key\n");
        assertEquals(2, SignalCli.run("probe", "--dest", "10.0.0.1", "--key", tmp.resolve("junk.pem").toString()));
        assertEquals(0, SignalCli.run("keygen", "--out", tmp.resolve("k.pem").toString()));
        assertEquals(2, SignalCli.run("trigger", "install", "M_1.0.0", "--dest", "10.0.0.1", "--key", tmp.resolve("k.pem").toString()));
        assertEquals(2, SignalCli.run("trigger", "setup", "M_1.0.0", "--dest", "10.0.0.1", "--key", tmp.resolve("k.pem").toString()));  // no --ttl
        assertEquals(2, SignalCli.run("setup", "M_1.0.0", "--ttl", "5", "--dest", "10.0.0.1", "--key", tmp.resolve("k.pem").toString(),
                "--header", "novalue"));
    }

    @Test
    void keygenKeysSignAndVerify() throws Exception {
        final Path k = tmp.resolve("pub.key");
        assertEquals(0, SignalCli.run("keygen", "--out", k.toString()));
        assertEquals(2, SignalCli.run("keygen", "--out", k.toString()), "never overwrites a key");
        final Ncm s = NcmSigner.sign(new Ncm("PROBE", null, List.of()), NcmSigner.readPrivateKey(k), new java.security.SecureRandom(), 1);
        assertTrue(NcmSigner.verify(s, NcmSigner.readPublicKey(Path.of(k + ".pub"))));
    }

    @Test
    void jsonIsEscaped() {
        final NslpMessage m = NslpMessage.request(1, new Ncm("PROBE", null, List.of()));
        final SignalingResult r = SignalingResult.of(List.of("NETSERV/0.1 200 OK\nnode-id: r\"1\nnote: a\\b\n\n"));
        final String j = SignalCli.toJson(m, r);
        assertTrue(j.startsWith("{\"outcome\":\"ok\",\"exit\":0,\"request\":\"PROBE NETSERV/0.1\""), j);
        assertTrue(j.contains("[\"node-id\",\"r\\\"1\"]"), j);
        assertTrue(j.contains("[\"note\",\"a\\\\b\"]"), j);
    }

    @Test
    void rollbackAndStagedRolloutTravelSignedThroughTheNslpForm() throws Exception {
        final Path k = tmp.resolve("k.pem");
        assertEquals(0, SignalCli.run("keygen", "--out", k.toString()));
        for (String[] args : List.of(
                new String[] {"rollback", "M_2.0.0", "--nodes", "r1,r2", "--canary", "50%"},
                new String[] {"setup", "M_2.0.0", "--ttl", "60", "--url", "http://p/m.jar", "--canary", "50", "--nodes", "r2"})) {
            final List<String> all = new java.util.ArrayList<>(List.of(args));
            all.addAll(List.of("--dest", "10.0.0.1", "--key", k.toString(), "--user", "jane"));
            final picocli.CommandLine.ParseResult pr = new picocli.CommandLine(new SignalCli()).parseArgs(all.toArray(String[]::new));
            final SignalCli.Signal cmd = (SignalCli.Signal) pr.subcommand().commandSpec().userObject();
            final NslpMessage m = NslpMessage.decode(cmd.message(7, NcmSigner.readPrivateKey(k), new java.security.SecureRandom()).encode());
            assertEquals(args[0].toUpperCase() + " M_2.0.0 NETSERV/0.1", m.ncm().requestLine());
            assertTrue(m.ncm().headers().contains(new Ncm.Header("canary", "50")), m.ncm().toString());
            assertTrue(m.ncm().headers().contains(new Ncm.Header("nodes", args[0].equals("rollback") ? "r1,r2" : "r2")));
            assertTrue(NcmSigner.verify(m.ncm(), NcmSigner.readPublicKey(Path.of(k + ".pub"))), "signed like every NCM");
        }
        // bad rollout options: usage errors, nothing sent
        final String[] base = {"--dest", "10.0.0.1", "--key", k.toString(), "--user", "jane"};
        for (String[] bad : List.of(new String[] {"--canary", "150%"}, new String[] {"--canary", "half"},
                new String[] {"--nodes", "r1,,r2"}, new String[] {"--nodes", "r 1"})) {
            final List<String> all = new java.util.ArrayList<>(List.of("rollback", "M_2.0.0"));
            all.addAll(List.of(base));
            all.addAll(List.of(bad));
            assertEquals(2, SignalCli.run(all.toArray(String[]::new)), String.join(" ", bad));
        }
        assertEquals(2, SignalCli.run("rollback", "--dest", "10.0.0.1", "--key", k.toString()), "needs a module id");
    }
}
