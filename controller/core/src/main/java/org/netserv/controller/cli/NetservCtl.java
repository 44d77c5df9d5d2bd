package org.netserv.controller.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.netserv.controller.ncm.NcmException;
import org.netserv.controller.ncm.NcmLimits;
import org.netserv.controller.ncm.NcmReader;
import org.netserv.controller.ncm.NcmResponse;
import org.netserv.ncm.NcmKeys;
import org.netserv.ncm.NcmSignature;
import org.netserv.ncm.NcmText;
import org.netserv.ncm.cli.Progress;
import org.netserv.ncm.cli.Terminal;
import org.netserv.ncm.cli.Terminal.Colour;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code netserv-ctl}: drive the controller locally without signaling (paper §2.1: the text
 * form "allows debugging and testing of the NetServ core without signaling").
 * Text output is for people (aligned tables, colour only on a terminal); {@code --json} on
 * every subcommand is for scripts. docs/cli/netserv-ctl*.adoc is generated from these
 * annotations (make docs-cli).
 */
@Command(name = "netserv-ctl", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Send NCMs to the NetServ controller, list modules, show status, reload policy, sign NCMs, make keys.",
        subcommands = {NetservCtl.Send.class, NetservCtl.ListCmd.class, NetservCtl.Status.class,
                NetservCtl.Reload.class, NetservCtl.Sign.class, NetservCtl.Keygen.class,
                AutoComplete.GenerateCompletion.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {NetservCtl.EXIT_CODES_0, NetservCtl.EXIT_CODES_1, NetservCtl.EXIT_CODES_2, NetservCtl.EXIT_CODES_3},
        footerHeading = "%nExamples:%n",
        footer = {"  netserv-ctl list",
                "  netserv-ctl --json status | jq .modules",
                "  netserv-ctl keygen --type ed25519 /etc/netserv/keys/jane",
                "  netserv-ctl sign --key jane.key setup.ncm | netserv-ctl send -",
                "  source <(netserv-ctl generate-completion)      # bash/zsh completion"})
public final class NetservCtl implements Callable<Integer> {
    static final String EXIT_CODES_0 = "0:success (every response 2xx)";
    static final String EXIT_CODES_1 = "1:the controller answered with an error (non-2xx), or broke off";
    static final String EXIT_CODES_2 = "2:usage error or unreadable input (option, file, key)";
    static final String EXIT_CODES_3 = "3:controller not reachable (socket missing or refusing)";
    static final int EXIT_REFUSED = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_UNREACHABLE = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--socket", defaultValue = "/run/netserv/controller.sock", scope = CommandLine.ScopeType.INHERIT,
            description = "controller NCM socket (default ${DEFAULT-VALUE})")
    Path socket;

    @Option(names = "--admin-socket", defaultValue = "/run/netserv/controller-admin.sock", scope = CommandLine.ScopeType.INHERIT,
            description = "controller admin socket (default ${DEFAULT-VALUE})")
    Path adminSocket;

    @Option(names = "--json", scope = CommandLine.ScopeType.INHERIT,
            description = "print one JSON document on stdout instead of text (for scripts)")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return EXIT_USAGE;
    }

    /** The controller socket could not be connected to (exit 3). */
    static final class Unreachable extends IOException {
        Unreachable(final Path socket, final IOException cause) {
            super("cannot reach the controller at " + socket + ": " + cause.getMessage()
                    + " (is netserv-controller running? see --socket/--admin-socket)", cause);
        }
    }

    static List<NcmResponse> exchange(final Path socket, final List<String> messages) throws IOException, NcmException {
        final SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try (ch) {
            try {
                ch.connect(UnixDomainSocketAddress.of(socket));
            } catch (IOException e) {
                throw new Unreachable(socket, e);
            }
            final OutputStream out = Channels.newOutputStream(ch);
            final NcmReader r = new NcmReader(new BufferedInputStream(Channels.newInputStream(ch)),
                    new NcmLimits(1 << 20, 100_000, 64 << 20));
            final java.util.ArrayList<NcmResponse> replies = new java.util.ArrayList<>();
            for (final String m : messages) {
                out.write(m.getBytes(StandardCharsets.UTF_8));
                out.flush();
                final List<String> lines = r.readMessage();
                if (lines == null) {
                    throw new IOException("controller closed the connection");
                }
                replies.add(NcmResponse.parseLines(lines));
            }
            return replies;
        }
    }

    /** A file argument ('-' is stdin); unreadable input is a usage error (exit 2). */
    static String readInput(final CommandSpec spec, final String f) {
        try {
            return f.equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(Path.of(f), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "cannot read " + f + ": " + e);
        }
    }

    /** A response block as JSON: the shape netserv-signal uses for each node. */
    static ObjectNode toJson(final NcmResponse r) {
        final ObjectNode o = JSON.createObjectNode().put("status", r.code()).put("reason", r.reason());
        final ArrayNode hs = o.putArray("headers");
        for (final Map.Entry<String, String> h : r.headers()) {
            hs.addArray().add(h.getKey()).add(h.getValue());
        }
        return o;
    }

    static void printJson(final CommandSpec spec, final Object node) throws IOException {
        final PrintWriter out = spec.commandLine().getOut();
        out.println(JSON.writeValueAsString(node));
        out.flush();
    }

    /** "NETSERV/0.1 200 OK" lines: green for 2xx, red otherwise, on a terminal only. */
    static String statusLine(final NcmResponse r, final String line) {
        return (r.isSuccess() ? Colour.GREEN : Colour.RED).paint(line, Terminal.colour(Terminal.STDOUT));
    }

    @Command(name = "send", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, description = "Send NCM files (text form) and print each response block. Exit 0 when all are 2xx.",
            footerHeading = "%nExamples:%n",
            footer = {"  netserv-ctl send setup.ncm", "  netserv-ctl sign --key jane.key remove.ncm | netserv-ctl send -",
                    "  netserv-ctl send --json setup.ncm | jq '.responses[0].status'"})
    static final class Send implements Callable<Integer> {
        @ParentCommand
        NetservCtl top;

        @Spec
        CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "FILE", description = "NCM file, '-' for stdin")
        List<String> files;

        @Override
        public Integer call() throws Exception {
            int rc = 0;
            final ArrayNode all = JSON.createArrayNode();
            for (final String f : files) {
                String text = readInput(spec, f);
                if (!text.endsWith("\n\n")) {
                    text = text.endsWith("\n") ? text + "\n" : text + "\n\n";
                }
                final NcmResponse r;
                // a SETUP answers once the node has fetched and started the bundle: can take a while
                try (Progress p = Progress.start("netserv-ctl: waiting for the controller (" + f + ")", 0)) {
                    r = exchange(top.socket, List.of(text)).get(0);
                }
                if (top.json) {
                    all.add(toJson(r).put("file", f));
                } else {
                    final String wire = r.toWire();
                    final int nl = wire.indexOf('\n');
                    spec.commandLine().getOut().print(statusLine(r, wire.substring(0, nl)) + wire.substring(nl));
                    spec.commandLine().getOut().flush();
                }
                if (!r.isSuccess()) {
                    rc = EXIT_REFUSED;
                }
            }
            if (top.json) {
                final ObjectNode o = JSON.createObjectNode().put("exit", rc);
                o.set("responses", all);
                printJson(spec, o);
            }
            return rc;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, description = "List installed modules as a table (MODULE SLOT USER STATE TTL FILTER).",
            footerHeading = "%nExamples:%n",
            footer = {"  netserv-ctl list", "  netserv-ctl list --json | jq -r '.modules[].module'"})
    static final class ListCmd implements Callable<Integer> {
        static final String[] COLUMNS = {"module", "slot", "user", "state", "ttl", "filter"};

        @ParentCommand
        NetservCtl top;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            final NcmResponse r = exchange(top.adminSocket, List.of("LIST\n\n")).get(0);
            if (!r.isSuccess()) {
                return failure(spec, top.json, r);
            }
            final List<Map<String, String>> modules = r.all("module").stream().map(ListCmd::parse).toList();
            if (top.json) {
                final ObjectNode o = JSON.createObjectNode().put("node", r.first("node-id").orElse(""));
                final ArrayNode a = o.putArray("modules");
                modules.forEach(m -> {
                    final ObjectNode mo = a.addObject();
                    m.forEach(mo::put);
                });
                printJson(spec, o);
                return 0;
            }
            final Table t = new Table("MODULE", "SLOT", "USER", "STATE", "TTL", "FILTER");
            for (final Map<String, String> m : modules) {
                t.row(m.get("module"), m.get("slot"), m.get("user"), m.get("state"), m.get("ttl"), m.get("filter"));
            }
            final boolean colour = Terminal.colour(Terminal.STDOUT);
            spec.commandLine().getOut().print(t.render(s -> Colour.BOLD.paint(s, colour),
                    (c, s) -> c == 3 ? (s.trim().equals("UP") ? Colour.GREEN : Colour.YELLOW).paint(s, colour) : s));
            spec.commandLine().getOut().flush();
            return 0;
        }

        /** "ID slot=0 user=jane state=UP ttl=30 filter=udp dst port 5060": filter is the rest of the line. */
        static Map<String, String> parse(final String line) {
            final Map<String, String> m = new java.util.LinkedHashMap<>();
            for (final String c : COLUMNS) {
                m.put(c, "");
            }
            String rest = line;
            final int f = rest.indexOf(" filter=");
            if (f >= 0) {
                m.put("filter", rest.substring(f + " filter=".length()));
                rest = rest.substring(0, f);
            }
            final String[] words = rest.trim().split(" +");
            m.put("module", words[0]);
            for (int i = 1; i < words.length; i++) {
                final int eq = words[i].indexOf('=');
                if (eq > 0 && m.containsKey(words[i].substring(0, eq))) {
                    m.put(words[i].substring(0, eq), words[i].substring(eq + 1));
                }
            }
            return m;
        }
    }

    /** A non-2xx answer: the status line on stderr (or the block as JSON on stdout), exit 1. */
    static int failure(final CommandSpec spec, final boolean json, final NcmResponse r) throws IOException {
        if (json) {
            printJson(spec, toJson(r));
        } else {
            spec.commandLine().getErr().println(spec.root().name() + " " + spec.name() + ": " + r.code() + " " + r.reason());
        }
        return EXIT_REFUSED;
    }

    @Command(name = "status", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, description = "Show the controller's status (always JSON: indented for people, one line with --json).",
            footerHeading = "%nExamples:%n",
            footer = {"  netserv-ctl status", "  netserv-ctl status --json | jq '.containers'"})
    static final class Status implements Callable<Integer> {
        @ParentCommand
        NetservCtl top;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            final NcmResponse r = exchange(top.adminSocket, List.of("STATUS\n\n")).get(0);
            if (!r.isSuccess()) {
                return failure(spec, top.json, r);
            }
            final Object tree = JSON.readTree(r.first("json").orElse("{}"));
            if (top.json) {
                printJson(spec, tree);
            } else {
                spec.commandLine().getOut().println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree));
                spec.commandLine().getOut().flush();
            }
            return 0;
        }
    }

    @Command(name = "reload", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, description = "Reload the node policy (same as SIGHUP).",
            footerHeading = "%nExamples:%n",
            footer = {"  netserv-ctl reload", "  netserv-ctl reload --json"})
    static final class Reload implements Callable<Integer> {
        @ParentCommand
        NetservCtl top;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            final NcmResponse r = exchange(top.adminSocket, List.of("RELOAD\n\n")).get(0);
            if (top.json) {
                printJson(spec, toJson(r));
            } else {
                spec.commandLine().getOut().println(statusLine(r, r.code() + " " + r.reason()));
                spec.commandLine().getOut().flush();
            }
            return r.isSuccess() ? 0 : EXIT_REFUSED;
        }
    }

    @Command(name = "sign", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, description = "Sign an NCM file (request line + headers, no signature): "
            + "adds nonce and timestamp unless present, prints the signed message.",
            footerHeading = "%nExamples:%n",
            footer = {"  printf 'PROBE NETSERV/0.1\\nuser: jane\\n' | netserv-ctl sign --key jane.key -",
                    "  netserv-ctl sign --key jane.key --json setup.ncm | jq -r .message"})
    static final class Sign implements Callable<Integer> {
        @ParentCommand
        NetservCtl top;

        @Spec
        CommandSpec spec;

        @Option(names = "--key", required = true, description = "private key PEM (Ed25519, RSA or EC)")
        Path key;

        @Parameters(paramLabel = "FILE", description = "unsigned NCM, '-' for stdin")
        String file;

        @Override
        public Integer call() throws Exception {
            // the key first: a bad --key is reported before waiting for stdin
            final PrivateKey pk;
            try {
                pk = NcmKeys.readPrivateKey(key);
            } catch (Exception e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--key " + key + ": " + e.getMessage());
            }
            final String text = readInput(spec, file);
            final StringBuilder signed = new StringBuilder();
            boolean nonce = false;
            boolean ts = false;
            for (final String raw : text.split("\n")) {
                final String l = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
                if (l.isEmpty()) {
                    break;
                }
                nonce |= l.toLowerCase(java.util.Locale.ROOT).startsWith("nonce:");
                ts |= l.toLowerCase(java.util.Locale.ROOT).startsWith("timestamp:");
                signed.append(l).append('\n');
            }
            if (!nonce) {
                final byte[] n = new byte[18];
                new SecureRandom().nextBytes(n);
                signed.append("nonce: ").append(Base64.getUrlEncoder().withoutPadding().encodeToString(n)).append('\n');
            }
            if (!ts) {
                signed.append("timestamp: ").append(System.currentTimeMillis() / 1000).append('\n');
            }
            final String message = NcmText.withSignature(signed.toString(), NcmSignature.sign(signed.toString(), pk));
            if (top.json) {
                printJson(spec, JSON.createObjectNode().put("message", message));
            } else {
                spec.commandLine().getOut().print(message);
                spec.commandLine().getOut().flush();
            }
            return 0;
        }
    }

    @Command(name = "keygen", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, description = "Generate a publisher key pair: PREFIX.key (private) and PREFIX.pub (for the policy).",
            footerHeading = "%nExamples:%n",
            footer = {"  netserv-ctl keygen jane                # jane.key, jane.pub (Ed25519)",
                    "  netserv-ctl keygen --type rsa --json acme"})
    static final class Keygen implements Callable<Integer> {
        @ParentCommand
        NetservCtl top;

        @Spec
        CommandSpec spec;

        @Option(names = "--type", defaultValue = "ed25519", description = "ed25519, rsa or ec (default ${DEFAULT-VALUE})")
        String type;

        @Parameters(paramLabel = "PREFIX", description = "write PREFIX.key and PREFIX.pub")
        Path prefix;

        @Override
        public Integer call() throws Exception {
            final BouncyCastleProvider bc = new BouncyCastleProvider();
            final KeyPairGenerator g;
            switch (type) {
                case "ed25519" -> g = KeyPairGenerator.getInstance("Ed25519", bc);
                case "rsa" -> {
                    g = KeyPairGenerator.getInstance("RSA", bc);
                    g.initialize(3072);
                }
                case "ec" -> {
                    g = KeyPairGenerator.getInstance("EC", bc);
                    g.initialize(new ECGenParameterSpec("secp256r1"));
                }
                default -> throw new CommandLine.ParameterException(spec.commandLine(),
                        "--type: unknown key type '" + type + "' (ed25519, rsa or ec)");
            }
            final KeyPair kp = g.generateKeyPair();
            final Path priv = Path.of(prefix + ".key");
            final Path pub = Path.of(prefix + ".pub");
            write(priv, kp.getPrivate());
            write(pub, kp.getPublic());
            if (top.json) {
                printJson(spec, JSON.createObjectNode().put("type", type).put("private", priv.toString()).put("public", pub.toString()));
            }
            return 0;
        }

        private static void write(final Path p, final Object o) throws IOException {
            try (JcaPEMWriter w = new JcaPEMWriter(Files.newBufferedWriter(p))) {
                w.writeObject(o instanceof PrivateKey k ? new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(k, null) : o);
            }
        }
    }

    /** The command line with netserv-ctl's error handling: one-line usage errors (2), unreachable controller (3). */
    public static CommandLine commandLine() {
        final CommandLine cl = new CommandLine(new NetservCtl());
        cl.setParameterExceptionHandler(new UsageErrors());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            final String who = cmd.getCommandSpec().qualifiedName();
            cmd.getErr().println(who + ": " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            cmd.getErr().flush();
            return ex instanceof Unreachable ? EXIT_UNREACHABLE : EXIT_REFUSED;
        });
        return cl;
    }

    public static int run(final String... args) {
        return commandLine().execute(args);
    }

    public static void main(final String[] args) {
        System.exit(run(args));
    }
}
