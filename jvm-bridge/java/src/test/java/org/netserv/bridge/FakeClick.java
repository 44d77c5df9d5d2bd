package org.netserv.bridge;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Drives jvm-bridge/tests/fakeclick.py: a listening stand-in for netserv-click's
 * ToUserDevice/FromUserDevice ends of one channel. Shared with container tests
 * through this module's test-jar.
 */
public final class FakeClick implements AutoCloseable {
    private final Process process;
    private final BufferedReader out;
    private final Writer in;

    public FakeClick(Path devDir, String name) throws IOException {
        String script = System.getProperty("netserv.fakeclick");
        if (script == null) {
            Path root = Path.of(System.getProperty("netserv.root", "."));
            script = root.resolve("jvm-bridge/tests/fakeclick.py").toString();
        }
        if (!Files.isRegularFile(Path.of(script))) {
            throw new IOException("fakeclick.py not found at " + script);
        }
        process = new ProcessBuilder("python3", script, devDir.toString(), name)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
        in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII);
        expect("ready");
    }

    private String line() throws IOException {
        String l = out.readLine();
        if (l == null) {
            throw new IOException("fakeclick exited");
        }
        return l;
    }

    /** Reads lines until one starting with {@code prefix}; skips "peer" notices. */
    private String expect(String prefix) throws IOException {
        for (int i = 0; i < 100_000; i++) {
            String l = line();
            if (l.startsWith(prefix)) {
                return l;
            }
            if (l.startsWith("error")) {
                throw new IOException("fakeclick: " + l);
            }
        }
        throw new IOException("fakeclick: no '" + prefix + "'");
    }

    private void command(String c) throws IOException {
        in.write(c + "\n");
        in.flush();
    }

    public void send(byte[] packet) throws IOException {
        command("send " + HexFormat.of().formatHex(packet));
        expect("ok");
    }

    /** Sends {@code count} IPv4/UDP packets of {@code length} bytes, sequence numbers 0.. */
    public void udp(int count, int length, int dport) throws IOException {
        command("udp " + count + " " + length + " " + dport);
        expect("ok");
    }

    /** Up to {@code n} packets the peer sent, waiting at most {@code timeoutSeconds} for each. */
    public List<byte[]> receive(int n, double timeoutSeconds) throws IOException {
        command("recv " + n + " " + timeoutSeconds);
        List<byte[]> got = new ArrayList<>();
        for (;;) {
            String l = expect("");
            if (l.startsWith("pkt ")) {
                got.add(HexFormat.of().parseHex(l.substring(4)));
            } else if (l.startsWith("got ")) {
                return got;
            }
        }
    }

    /** Counts packets until {@code quietSeconds} pass without one. */
    public int count(double quietSeconds) throws IOException {
        command("count " + quietSeconds);
        return Integer.parseInt(expect("count ").substring(6).trim());
    }

    /** Closes the connections, as an engine restart would. */
    /** Waits until the channel's peer has connected both sockets; false after the timeout. */
    public boolean awaitPeers(double timeoutSeconds) throws IOException {
        command("peers " + timeoutSeconds);
        return expect("peers").equals("peers yes");
    }

    public void drop() throws IOException {
        command("drop");
        expect("ok");
    }

    @Override
    public void close() throws IOException {
        try {
            command("quit");
        } catch (IOException ignored) {
            // already gone
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
