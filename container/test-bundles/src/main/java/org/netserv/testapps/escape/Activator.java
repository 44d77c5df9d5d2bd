package org.netserv.testapps.escape;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.netserv.container.api.ModuleProperties;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * Test module that tries to leave its container and writes what happened, one line per
 * attempt, to {@code <report>} (a file in its own sandbox):
 *   read <path>: ALLOWED|DENIED (<why>)      for each path in property read (';'-separated)
 *   exec: ALLOWED|DENIED (<why>)
 *   bind <port>: ALLOWED|DENIED (<why>)      for each port in property bind (';'-separated)
 *   write <path>: ALLOWED|DENIED (<why>)     for each path in property write
 *   symlink <link>: ALLOWED|DENIED (<why>)   for each LINK>TARGET in property symlink: LINK
 *                                            (a tree of its sandbox) replaced by a symlink
 *   fill <path>: <n> MiB then <why>          property fill: writes 1 MiB blocks until refused,
 *                                            then deletes the file
 *   procs: <n>                               numeric entries in /proc (processes it can see)
 *   connect <unix:PATH|tcp:HOST:PORT>: ALLOWED (<reply>)|DENIED (<why>)   property connect: a
 *                                            Click ControlSocket there, asked CHECKWRITE hotconfig
 * With property {@code crash=true} the JVM halts after the report, as a crashing module would.
 */
public final class Activator implements BundleActivator {
    @Override
    public void start(BundleContext context) throws IOException {
        Map<String, String> p = ModuleProperties.of(context.getBundle());
        Path report = Path.of(p.getOrDefault("report", "escape-report.txt"));
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(report))) {
            for (String path : list(p.get("read"))) {
                try {
                    byte[] b = Files.readAllBytes(Path.of(path));
                    out.println("read " + path + ": ALLOWED (" + b.length + " bytes)");
                } catch (IOException | RuntimeException e) {
                    out.println("read " + path + ": DENIED (" + e + ")");
                }
            }
            for (String path : list(p.get("write"))) {
                try {
                    Files.writeString(Path.of(path), "escaped\n");
                    out.println("write " + path + ": ALLOWED");
                } catch (IOException | RuntimeException e) {
                    out.println("write " + path + ": DENIED (" + e + ")");
                }
            }
            try {
                Process pr = new ProcessBuilder("/bin/true").start();
                out.println("exec: ALLOWED (exit " + pr.waitFor() + ")");
            } catch (IOException | RuntimeException | InterruptedException e) {
                out.println("exec: DENIED (" + e + ")");
            }
            for (String port : list(p.get("bind"))) {
                try (ServerSocket s = new ServerSocket()) {
                    s.bind(new InetSocketAddress(Integer.parseInt(port)));
                    out.println("bind " + port + ": ALLOWED");
                } catch (IOException | RuntimeException e) {
                    out.println("bind " + port + ": DENIED (" + e + ")");
                }
            }
            for (String pair : list(p.get("symlink"))) {
                final int gt = pair.indexOf('>');
                final Path link = Path.of(pair.substring(0, gt));
                try {
                    if (Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        try (var tree = Files.walk(link)) {
                            for (Path f : tree.sorted(java.util.Comparator.reverseOrder()).toList()) {
                                Files.delete(f);
                            }
                        }
                    }
                    Files.createSymbolicLink(link, Path.of(pair.substring(gt + 1)));
                    out.println("symlink " + link + ": ALLOWED");
                } catch (IOException | RuntimeException e) {
                    out.println("symlink " + link + ": DENIED (" + e + ")");
                }
            }
            if (p.get("fill") != null) {
                final byte[] block = new byte[1 << 20];
                long mib = 0;
                String why = "no error";
                try (var o = Files.newOutputStream(Path.of(p.get("fill")))) {
                    while (mib < 1 << 20) {
                        o.write(block);
                        mib++;
                    }
                } catch (IOException | RuntimeException e) {
                    why = e.toString();
                }
                Files.deleteIfExists(Path.of(p.get("fill")));   // room for this report again
                out.println("fill " + p.get("fill") + ": " + mib + " MiB then " + why);
            }
            for (String target : list(p.get("connect"))) {
                out.println("connect " + target + ": " + controlSocket(target));
            }
            try (var procs = Files.list(Path.of("/proc"))) {
                out.println("procs: " + procs.filter(x -> x.getFileName().toString().matches("[0-9]+")).count());
            } catch (IOException | RuntimeException e) {
                out.println("procs: DENIED (" + e + ")");
            }
            out.println("done");
        }
        if (Boolean.parseBoolean(p.get("crash"))) {
            Runtime.getRuntime().halt(70);
        }
    }

    /** What a Click ControlSocket at target gives this module: its answer to CHECKWRITE hotconfig. */
    private static String controlSocket(String target) {
        try {
            final java.nio.channels.SocketChannel ch;
            if (target.startsWith("unix:")) {
                ch = java.nio.channels.SocketChannel.open(java.net.StandardProtocolFamily.UNIX);
                ch.connect(java.net.UnixDomainSocketAddress.of(target.substring(5)));
            } else {
                final String hp = target.substring(4);
                final int colon = hp.lastIndexOf(':');
                ch = java.nio.channels.SocketChannel.open();
                ch.socket().connect(new InetSocketAddress(hp.substring(0, colon), Integer.parseInt(hp.substring(colon + 1))), 2000);
            }
            try (ch; var in = new java.io.BufferedReader(new java.io.InputStreamReader(
                    java.nio.channels.Channels.newInputStream(ch), java.nio.charset.StandardCharsets.US_ASCII))) {
                final String greeting = in.readLine();
                if (greeting == null || greeting.startsWith("530")) {
                    return "DENIED (" + greeting + ")";
                }
                ch.write(java.nio.ByteBuffer.wrap("CHECKWRITE hotconfig\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
                final String reply = in.readLine();
                return reply != null && reply.startsWith("2") ? "ALLOWED (" + reply + ")" : "DENIED (" + reply + ")";
            }
        } catch (IOException | RuntimeException e) {
            return "DENIED (" + e + ")";
        }
    }

    private static String[] list(String s) {
        return s == null || s.isBlank() ? new String[0] : s.split(";");
    }

    @Override
    public void stop(BundleContext context) {}
}
