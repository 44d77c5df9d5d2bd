package org.netserv.nsis.signal;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.netserv.nsis.gist.node.GistConfig;
import org.netserv.nsis.nslp.ResponseStack;
import org.netserv.nsis.nslp.Ncm;
import org.netserv.nsis.nslp.NcmSigner;
import org.netserv.nsis.nslp.NslpMessage;
import org.netserv.ncm.cli.Progress;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code netserv-signal}: the publisher's command line (paper §2.1). Builds an
 * NCM, signs it with the key file, sends it toward {@code --dest} and prints
 * the response stack as text (blocks, farthest node first) or JSON.
 * Exit codes: 0 ok, 1 a node refused, 2 usage, 3 no NetServ node on path,
 * 4 timeout.
 */
@Command(name = "netserv-signal", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Send NetServ signaling (SETUP, REMOVE, PROBE, TRIGGER, ROLLBACK) toward a destination.",
        subcommands = {SignalCli.Setup.class, SignalCli.Remove.class, SignalCli.Probe.class, SignalCli.Trigger.class, SignalCli.Rollback.class, SignalCli.Keygen.class},
        exitCodeOnInvalidInput = 2, exitCodeOnExecutionException = 2,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok: every node on the path answered 2xx", "1:a node refused (non-2xx)",
                "2:usage error, unreadable key, or cannot bind the GIST port",
                "3:no NetServ node on the path", "4:timeout: no complete answer within --timeout"},
        footerHeading = "%nExamples:%n",
        footer = {"  netserv-signal keygen --out jane.pem",
                "  netserv-signal setup mediarelay_1.0.0 --ttl 300 --user jane \\",
                "      --url http://10.0.1.1/mediarelay.jar --dest 10.0.2.1 --key jane.pem",
                "  netserv-signal probe --dest 10.0.2.1 --key jane.pem --json | jq .outcome",
                "  netserv-signal remove mediarelay_1.0.0 --dest 10.0.2.1 --key jane.pem",
                "  netserv-signal setup mediarelay_1.1.0 ... --canary 10%%   # a tenth of the path's nodes first",
                "  netserv-signal rollback mediarelay_1.1.0 --dest 10.0.2.1 --key jane.pem",
                "  source <(netserv-signal generate-completion)      # bash/zsh completion"})
public final class SignalCli implements Callable<Integer> {
    @Override public Integer call() {
        CommandLine.usage(this, System.err);
        return 2;
    }

    /** Options every signaling command shares. */
    static final class Common {
        @Option(names = "--dest", required = true, description = "the user's (flow destination) address") String dest;
        @Option(names = "--key", required = true, description = "PEM private key (Ed25519, RSA or ECDSA)") Path key;
        @Option(names = "--timeout", defaultValue = "30", description = "seconds to wait for the answer (default ${DEFAULT-VALUE})") double timeout;
        @Option(names = "--json", description = "print one JSON document on stdout instead of text (for scripts)") boolean json;
        @Option(names = "--nslpid", defaultValue = "32767", description = "NetServ NSLPID (experimental range 32704-32767)") int nslpId;
        @Option(names = "--source", description = "our address (default: the route's source toward --dest)") String source;
        @Option(names = "--user", description = "the 'user' header") String user;
        @Option(names = "--node-id", description = "only this node acts; a,b,c: only the nodes of this path (the binding is signed)") String nodeId;
        @Option(names = "--header", description = "extra header name=value (repeatable)") List<String> extra = new ArrayList<>();
        @Option(names = "--retry-limit", defaultValue = "64", description = "seconds of GIST Query back-off before deciding no peer answers") double retryLimit;
        @Option(names = "--t1", defaultValue = "0.5", description = "GIST T1 retransmission timer, seconds") double t1;
        @Option(names = "--validity", defaultValue = "30", description = "routing state validity we advertise, seconds") double validity;
    }

    /** Options of a SETUP. */
    static final class SetupOptions {
        @Option(names = "--ttl", required = true, description = "seconds the module stays installed") long ttl;
        @Option(names = "--url", description = "bundle URL") String url;
        @Option(names = "--digest", description = "module-digest, sha-256=<hex>") String digest;
        @Option(names = "--filter-proto") String filterProto;
        @Option(names = "--filter-port") String filterPort;
        @Option(names = "--filter-dst") String filterDst;
        @Option(names = "--filter-src") String filterSrc;
        @Option(names = "--properties", description = "k=v,...") String properties;
        @Option(names = "--dependencies") String dependencies;
        @Option(names = "--notification") String notification;
    }

    /** Staged rollout (controller/README.md, "Module versions"): which on-path nodes take the version. */
    static final class Rollout {
        private static final String NODE_ID = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

        @Option(names = "--canary", description = "share of the on-path nodes that act, N%% (each node decides by a hash of its node-id and the module name)")
        String canary;
        @Option(names = "--nodes", description = "the node ids that act, id,id,... (with --canary either selects a node)")
        String nodes;

        void addTo(List<Ncm.Header> h, CommandLine cl) {
            if (canary != null) {
                final String n = canary.endsWith("%") ? canary.substring(0, canary.length() - 1) : canary;
                if (!n.matches("[0-9]{1,3}") || Integer.parseInt(n) > 100) {
                    throw new CommandLine.ParameterException(cl, "--canary wants a percentage 0..100 (e.g. 50%), got '" + canary + "'");
                }
                h.add(new Ncm.Header("canary", Integer.toString(Integer.parseInt(n))));
            }
            if (nodes != null) {
                if (!nodes.matches(NODE_ID + "(," + NODE_ID + ")*")) {
                    throw new CommandLine.ParameterException(cl, "--nodes wants node ids, comma-separated, got '" + nodes + "'");
                }
                h.add(new Ncm.Header("nodes", nodes));
            }
        }
    }

    abstract static class Signal implements Callable<Integer> {
        @Mixin Common common = new Common();
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        abstract Ncm build(List<Ncm.Header> base);

        String method() { return spec.name().toUpperCase(); }

        List<Ncm.Header> baseHeaders() {
            final List<Ncm.Header> h = new ArrayList<>();
            if (common.user != null) h.add(new Ncm.Header("user", common.user));
            if (common.nodeId != null) h.add(new Ncm.Header("node-id", common.nodeId));
            return h;
        }

        static void add(List<Ncm.Header> h, String name, Object v) {
            if (v != null) h.add(new Ncm.Header(name, v.toString()));
        }

        void addExtra(List<Ncm.Header> h) {
            for (String e : common.extra) {
                final int eq = e.indexOf('=');
                if (eq <= 0) throw new CommandLine.ParameterException(spec.commandLine(), "--header wants name=value, got '" + e + "'");
                h.add(new Ncm.Header(e.substring(0, eq).trim().toLowerCase(), e.substring(eq + 1).trim()));
            }
        }

        NslpMessage message(int id, PrivateKey key, SecureRandom rnd) throws Exception {
            final List<Ncm.Header> h = baseHeaders();
            final Ncm ncm = build(h);
            return NslpMessage.request(id, NcmSigner.sign(ncm, key, rnd, System.currentTimeMillis() / 1000));
        }

        @Override public Integer call() throws Exception {
            final PrintWriter out = spec.commandLine().getOut();
            final PrintWriter err = spec.commandLine().getErr();
            final PrivateKey key;
            final InetAddress dest;
            try {
                key = NcmSigner.readPrivateKey(common.key);
                dest = InetAddress.getByName(common.dest);
            } catch (Exception e) {
                err.println("netserv-signal: " + e.getMessage());
                return 2;
            }
            final GistConfig cfg = new GistConfig();
            cfg.nslpIds = new int[] {common.nslpId};
            cfg.retryLimitMs = (long) (common.retryLimit * 1000);
            cfg.t1Ms = Math.max(10, (long) (common.t1 * 1000));
            cfg.stateValidityMs = Math.max(1000, (long) (common.validity * 1000));
            if (common.source != null) cfg.address = InetAddress.getByName(common.source);
            final SecureRandom rnd = new SecureRandom();
            final NslpMessage msg;
            try {
                msg = message(rnd.nextInt(), key, rnd);
            } catch (IllegalArgumentException e) {
                err.println("netserv-signal: " + e.getMessage());
                return 2;
            }
            final SignalingResult r;
            // a SETUP is answered once every node has fetched and started the bundle: show the wait on a terminal
            try (SignalingClient c = new SignalingClient(cfg);
                 Progress p = Progress.start("netserv-signal: waiting for the path's answers", (long) (common.timeout * 1000))) {
                r = c.request(msg, dest, (long) (common.timeout * 1000));
            } catch (java.net.BindException e) {
                err.println("netserv-signal: cannot bind UDP port 270 (" + e.getMessage() + "): run as root, and not beside netserv-nsisd");
                return 2;
            }
            if (common.json) out.println(toJson(msg, r));
            else {
                out.print(String.join("", r.blocks.stream().map(b -> b.endsWith("\n\n") ? b : b + "\n").toArray(String[]::new)));
                if (r.outcome != SignalingResult.Outcome.OK) err.println("netserv-signal: " + r.detail);
            }
            out.flush();
            return r.outcome.exitCode;
        }
    }

    @Command(name = "setup", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, description = "install a module on every NetServ node on the path",
            footerHeading = "%nExamples:%n",
            footer = {"  netserv-signal setup mediarelay_1.0.0 --ttl 300 \\",
                    "      --url http://10.0.1.1/mediarelay.jar --digest sha-256=<hex> \\",
                    "      --filter-proto udp --filter-port 5004 --dest 10.0.2.1 --key jane.pem",
                    "  netserv-signal setup keepalive_1.0.0 --ttl 60 \\",
                    "      --dest 10.0.2.1 --key jane.pem --json"})
    static final class Setup extends Signal {
        @Parameters(index = "0", description = "module id, symbolicName_version") String module;
        @ArgGroup(exclusive = false, multiplicity = "1") SetupOptions o;
        @Mixin Rollout rollout = new Rollout();

        @Override Ncm build(List<Ncm.Header> h) {
            add(h, "ttl", o.ttl);
            add(h, "url", o.url);
            add(h, "module-digest", o.digest);
            add(h, "filter-proto", o.filterProto);
            add(h, "filter-port", o.filterPort);
            add(h, "filter-dst", o.filterDst);
            add(h, "filter-src", o.filterSrc);
            add(h, "properties", o.properties);
            add(h, "dependencies", o.dependencies);
            add(h, "notification", o.notification);
            rollout.addTo(h, spec.commandLine());
            addExtra(h);
            return new Ncm("SETUP", module, h);
        }
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "put back the version the last upgrade replaced, on every NetServ node on the path",
            footerHeading = "%nExamples:%n",
            footer = {"  netserv-signal rollback mediarelay_1.1.0 --dest 10.0.2.1 --key jane.pem",
                    "  netserv-signal rollback mediarelay_1.1.0 --nodes r1 --dest 10.0.2.1 --key jane.pem   # only at r1"})
    static final class Rollback extends Signal {
        @Parameters(index = "0", description = "module id: the running version or the kept one") String module;
        @Option(names = "--notification") String notification;
        @Mixin Rollout rollout = new Rollout();

        @Override Ncm build(List<Ncm.Header> h) {
            add(h, "notification", notification);
            rollout.addTo(h, spec.commandLine());
            addExtra(h);
            return new Ncm("ROLLBACK", module, h);
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, description = "remove a module from every NetServ node on the path",
            footerHeading = "%nExamples:%n",
            footer = {"  netserv-signal remove mediarelay_1.0.0 --dest 10.0.2.1 --key jane.pem"})
    static final class Remove extends Signal {
        @Parameters(index = "0") String module;
        @Option(names = "--notification") String notification;

        @Override Ncm build(List<Ncm.Header> h) {
            add(h, "notification", notification);
            addExtra(h);
            return new Ncm("REMOVE", module, h);
        }
    }

    @Command(name = "probe", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, description = "ask every NetServ node on the path for its status",
            footerHeading = "%nExamples:%n",
            footer = {"  netserv-signal probe --dest 10.0.2.1 --key jane.pem",
                    "  netserv-signal probe mediarelay_1.0.0 --probe status,resources \\",
                    "      --dest 10.0.2.1 --key jane.pem --json"})
    static final class Probe extends Signal {
        @Parameters(index = "0", arity = "0..1", description = "module id (default: the whole node)") String module;
        @Option(names = "--probe", defaultValue = "status", description = "status,capabilities,resources") String what;

        @Override Ncm build(List<Ncm.Header> h) {
            add(h, "probe", what);
            addExtra(h);
            return new Ncm("PROBE", module, h);
        }
    }

    @Command(name = "trigger", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, description = "have the last NetServ node send the request back toward us (round-trip signaling)",
            footerHeading = "%nExamples:%n",
            footer = {"  netserv-signal trigger setup mediarelay_1.0.0 --ttl 300 \\",
                    "      --url http://10.0.1.1/mediarelay.jar --dest 10.0.2.1 --key jane.pem",
                    "  netserv-signal trigger probe mediarelay_1.0.0 \\",
                    "      --dest 10.0.2.1 --key jane.pem --json"})
    static final class Trigger extends Signal {
        @Parameters(index = "0", description = "setup, remove or probe") String inner;
        @Parameters(index = "1", description = "module id") String module;
        @Option(names = "--ttl", description = "for setup") Long ttl;
        @Option(names = "--url") String url;
        @Option(names = "--digest") String digest;
        @Option(names = "--filter-proto") String filterProto;
        @Option(names = "--filter-port") String filterPort;
        @Option(names = "--properties") String properties;
        @Option(names = "--probe", description = "for probe: status,capabilities,resources") String probe;

        @Override Ncm build(List<Ncm.Header> h) {
            final String m = inner.toUpperCase();
            if (!List.of("SETUP", "REMOVE", "PROBE").contains(m)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "trigger wraps setup, remove or probe, not '" + inner + "'");
            }
            if (m.equals("SETUP") && ttl == null) throw new CommandLine.ParameterException(spec.commandLine(), "trigger setup needs --ttl");
            add(h, "ttl", ttl);
            add(h, "url", url);
            add(h, "module-digest", digest);
            add(h, "filter-proto", filterProto);
            add(h, "filter-port", filterPort);
            add(h, "properties", properties);
            add(h, "probe", m.equals("PROBE") ? (probe == null ? "status" : probe) : null);
            addExtra(h);
            return new Ncm(m, module, h);
        }

        @Override NslpMessage message(int id, PrivateKey key, SecureRandom rnd) throws Exception {
            final long now = System.currentTimeMillis() / 1000;
            final Ncm innerNcm = NcmSigner.sign(build(baseHeaders()), key, rnd, now);
            final List<Ncm.Header> oh = baseHeaders();
            oh.add(new Ncm.Header("trigger", innerNcm.method()));
            final Ncm outer = NcmSigner.sign(new Ncm("TRIGGER", module, oh), key, rnd, now);
            return NslpMessage.trigger(id, outer, innerNcm);
        }
    }

    @Command(name = "keygen", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, description = "write a new Ed25519 private key (PKCS#8 PEM) and its public key (FILE.pub)",
            footerHeading = "%nExamples:%n",
            footer = {"  netserv-signal keygen --out jane.pem            # jane.pem, jane.pem.pub",
                    "  netserv-signal keygen --out jane.pem --json"})
    static final class Keygen implements Callable<Integer> {
        @Option(names = "--out", required = true, description = "private key file to create (never overwritten); FILE.pub beside it") Path out;
        @Option(names = "--json", description = "print the files written as JSON") boolean json;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override public Integer call() throws Exception {
            if (Files.exists(out)) {
                spec.commandLine().getErr().println("netserv-signal: " + out + " exists; not overwriting a key");
                return 2;
            }
            final KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            final Base64.Encoder b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
            Files.writeString(out, "-----BEGIN PRIVATE KEY-----\n" + b64.encodeToString(kp.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n",
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try {
                Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            Files.writeString(Path.of(out + ".pub"), "-----BEGIN PUBLIC KEY-----\n" + b64.encodeToString(kp.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
            if (json) {
                spec.commandLine().getOut().println("{\"type\":\"ed25519\",\"private\":" + q(out.toString()) + ",\"public\":" + q(out + ".pub") + "}");
                spec.commandLine().getOut().flush();
            }
            return 0;
        }
    }

    static String toJson(NslpMessage msg, SignalingResult r) {
        final StringBuilder sb = new StringBuilder("{\"outcome\":").append(q(r.outcome.name().toLowerCase()))
                .append(",\"exit\":").append(r.outcome.exitCode)
                .append(",\"request\":").append(q(msg.ncm().requestLine()))
                .append(",\"detail\":").append(q(r.detail)).append(",\"nodes\":[");
        for (int i = 0; i < r.blocks.size(); i++) {
            final String b = r.blocks.get(i);
            if (i > 0) sb.append(',');
            sb.append("{\"status\":").append(ResponseStack.status(b)).append(",\"reason\":").append(q(ResponseStack.reason(b))).append(",\"headers\":[");
            final List<Map.Entry<String, String>> hs = ResponseStack.headers(b);
            for (int j = 0; j < hs.size(); j++) {
                if (j > 0) sb.append(',');
                sb.append('[').append(q(hs.get(j).getKey())).append(',').append(q(hs.get(j).getValue())).append(']');
            }
            sb.append("]}");
        }
        return sb.append("]}").toString();
    }

    static String q(String s) {
        final StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                default:
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    /** The command line as run: one-line usage errors (2), and the completion script generator. */
    public static CommandLine commandLine() {
        final CommandLine cl = new CommandLine(new SignalCli()).setExecutionExceptionHandler((ex, c, parsed) -> {
            c.getErr().println("netserv-signal: " + ex);
            return 2;
        }).setParameterExceptionHandler(new UsageErrors());
        // here rather than in @Command(subcommands) so that list stays the signaling commands
        cl.addSubcommand("generate-completion", new AutoComplete.GenerateCompletion());
        return cl;
    }

    public static int run(String... args) {
        return commandLine().execute(args);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }
}
