package org.netserv.controller.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
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
import java.util.concurrent.Callable;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.netserv.ncm.NcmKeys;
import org.netserv.ncm.NcmSignature;
import org.netserv.ncm.NcmText;
import org.netserv.controller.ncm.NcmException;
import org.netserv.controller.ncm.NcmLimits;
import org.netserv.controller.ncm.NcmReader;
import org.netserv.controller.ncm.NcmResponse;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code netserv-ctl}: drive the controller locally without signaling (paper §2.1: the text
 * form "allows debugging and testing of the NetServ core without signaling").
 */
@Command(name = "netserv-ctl", mixinStandardHelpOptions = true, version = "netserv-ctl 0.1",
        description = "Send NCMs to the NetServ controller, list modules, show status, reload policy.",
        subcommands = {NetservCtl.Send.class, NetservCtl.ListCmd.class, NetservCtl.Status.class,
                NetservCtl.Reload.class, NetservCtl.Sign.class, NetservCtl.Keygen.class})
public final class NetservCtl {
    @Option(names = "--socket", defaultValue = "/run/netserv/controller.sock", scope = CommandLine.ScopeType.INHERIT,
            description = "controller NCM socket (default ${DEFAULT-VALUE})")
    Path socket;

    @Option(names = "--admin-socket", defaultValue = "/run/netserv/controller-admin.sock", scope = CommandLine.ScopeType.INHERIT,
            description = "controller admin socket (default ${DEFAULT-VALUE})")
    Path adminSocket;

    static List<NcmResponse> exchange(final Path socket, final List<String> messages) throws IOException, NcmException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
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

    @Command(name = "send", description = "Send NCM files (text form) and print each response block. Exit 0 when all are 2xx.")
    static final class Send implements Callable<Integer> {
        @CommandLine.ParentCommand
        NetservCtl top;

        @Parameters(arity = "1..*", paramLabel = "FILE", description = "NCM file, '-' for stdin")
        List<String> files;

        @Override
        public Integer call() throws Exception {
            int rc = 0;
            for (final String f : files) {
                String text = f.equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                        : Files.readString(Path.of(f), StandardCharsets.UTF_8);
                if (!text.endsWith("\n\n")) {
                    text = text.endsWith("\n") ? text + "\n" : text + "\n\n";
                }
                final NcmResponse r = exchange(top.socket, List.of(text)).get(0);
                System.out.print(r.toWire());
                if (!r.isSuccess()) {
                    rc = 1;
                }
            }
            return rc;
        }
    }

    @Command(name = "list", description = "List installed modules.")
    static final class ListCmd implements Callable<Integer> {
        @CommandLine.ParentCommand
        NetservCtl top;

        @Override
        public Integer call() throws Exception {
            final NcmResponse r = exchange(top.adminSocket, List.of("LIST\n\n")).get(0);
            r.all("module").forEach(System.out::println);
            return r.isSuccess() ? 0 : 1;
        }
    }

    @Command(name = "status", description = "Show the controller's status as JSON.")
    static final class Status implements Callable<Integer> {
        @CommandLine.ParentCommand
        NetservCtl top;

        @Override
        public Integer call() throws Exception {
            final NcmResponse r = exchange(top.adminSocket, List.of("STATUS\n\n")).get(0);
            if (!r.isSuccess()) {
                System.err.println(r.code() + " " + r.reason());
                return 1;
            }
            final ObjectMapper m = new ObjectMapper();
            System.out.println(m.writerWithDefaultPrettyPrinter().writeValueAsString(m.readTree(r.first("json").orElse("{}"))));
            return 0;
        }
    }

    @Command(name = "reload", description = "Reload the node policy (same as SIGHUP).")
    static final class Reload implements Callable<Integer> {
        @CommandLine.ParentCommand
        NetservCtl top;

        @Override
        public Integer call() throws Exception {
            final NcmResponse r = exchange(top.adminSocket, List.of("RELOAD\n\n")).get(0);
            System.out.println(r.code() + " " + r.reason());
            return r.isSuccess() ? 0 : 1;
        }
    }

    @Command(name = "sign", description = "Sign an NCM file (request line + headers, no signature): "
            + "adds nonce and timestamp unless present, prints the signed message.")
    static final class Sign implements Callable<Integer> {
        @Option(names = "--key", required = true, description = "private key PEM (Ed25519, RSA or EC)")
        Path key;

        @Parameters(paramLabel = "FILE", description = "unsigned NCM, '-' for stdin")
        String file;

        @Override
        public Integer call() throws Exception {
            final String text = file.equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(Path.of(file), StandardCharsets.UTF_8);
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
            final PrivateKey pk = NcmKeys.readPrivateKey(key);
            System.out.print(NcmText.withSignature(signed.toString(), NcmSignature.sign(signed.toString(), pk)));
            return 0;
        }
    }

    @Command(name = "keygen", description = "Generate a publisher key pair: PREFIX.key (private) and PREFIX.pub (for the policy).")
    static final class Keygen implements Callable<Integer> {
        @Option(names = "--type", defaultValue = "ed25519", description = "ed25519, rsa or ec (default ${DEFAULT-VALUE})")
        String type;

        @Parameters(paramLabel = "PREFIX")
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
                default -> {
                    System.err.println("netserv-ctl keygen: unknown type " + type);
                    return 2;
                }
            }
            final KeyPair kp = g.generateKeyPair();
            write(Path.of(prefix + ".key"), kp.getPrivate());
            write(Path.of(prefix + ".pub"), kp.getPublic());
            return 0;
        }

        private static void write(final Path p, final Object o) throws IOException {
            try (JcaPEMWriter w = new JcaPEMWriter(Files.newBufferedWriter(p))) {
                w.writeObject(o instanceof PrivateKey k ? new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(k, null) : o);
            }
        }
    }

    public static void main(final String[] args) {
        System.exit(new CommandLine(new NetservCtl()).execute(args));
    }
}
