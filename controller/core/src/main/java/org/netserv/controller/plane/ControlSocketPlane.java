package org.netserv.controller.plane;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.netserv.controller.io.Watchdog;

/**
 * The forwarding plane reached through Click's ControlSocket protocol (version 1.x):
 *
 * <pre>
 *   S: Click::ControlSocket/1.3
 *   C: WRITEDATA ns.config 42\r\n &lt;42 bytes&gt;
 *   S: 200 Write handler 'ns.config' OK           (5xx on error; "NNN-" continues a reply)
 *   C: READ ns.config\r\n
 *   S: 200 Read handler 'ns.config' OK\r\n DATA 42\r\n &lt;42 bytes&gt;
 * </pre>
 *
 * One connection, opened lazily, reopened once after an I/O failure (the engine may have
 * restarted). Endpoint text: {@code tcp:HOST:PORT} or {@code unix:/path}.
 */
public final class ControlSocketPlane implements ForwardingPlane {
    private final String endpoint;
    private final String handler;
    private SocketChannel channel;
    private InputStream in;
    private OutputStream out;

    public ControlSocketPlane(final String endpoint, final String element) {
        this.endpoint = endpoint;
        this.handler = element + ".config";
        address(endpoint); // fail fast on a bad endpoint
    }

    public static SocketAddress address(final String endpoint) {
        if (endpoint.startsWith("unix:")) {
            return UnixDomainSocketAddress.of(Path.of(endpoint.substring(5)));
        }
        if (endpoint.startsWith("tcp:")) {
            final String hp = endpoint.substring(4);
            final int colon = hp.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("expected tcp:HOST:PORT, got " + endpoint);
            }
            return new InetSocketAddress(hp.substring(0, colon), Integer.parseInt(hp.substring(colon + 1)));
        }
        throw new IllegalArgumentException("expected tcp:HOST:PORT or unix:PATH, got " + endpoint);
    }

    private void connect() throws IOException {
        final SocketAddress a = address(endpoint);
        final SocketChannel ch = a instanceof UnixDomainSocketAddress
                ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open();
        try (Watchdog.Armed w = Watchdog.arm(ch, EXCHANGE_TIMEOUT_MS)) {
            ch.connect(a);
            in = new BufferedInputStream(Channels.newInputStream(ch));
            out = Channels.newOutputStream(ch);
            final String greeting = readLine();
            if (!greeting.startsWith("Click::ControlSocket/1.")) {
                throw new IOException("not a Click ControlSocket at " + endpoint + ": " + greeting);
            }
            channel = ch;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private interface Exchange<T> {
        T run() throws IOException;
    }

    /** Each exchange (connect included) has this long: an engine that stops answering must not hold the controller. */
    static final long EXCHANGE_TIMEOUT_MS = 5_000;
    private static final int MAX_REPLY_LINES = 1024;

    private synchronized <T> T withRetry(final Exchange<T> x) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Watchdog.Armed w = null;
            try {
                if (channel == null) {
                    connect();
                }
                w = Watchdog.arm(channel, EXCHANGE_TIMEOUT_MS);
                return x.run();
            } catch (HandlerError e) {
                if (e.code() == 510) {
                    throw new NoSuchElementException(e.getMessage());
                }
                throw e; // the engine answered: retrying would not change its mind
            } catch (IOException e) {
                close();
                final String why = w != null && w.fired() ? "no answer within " + EXCHANGE_TIMEOUT_MS + " ms" : e.getMessage();
                if (attempt >= 1) {
                    throw new IOException("ControlSocket " + endpoint + ": " + why, e);
                }
            } finally {
                if (w != null) {
                    w.close();
                }
            }
        }
    }

    @Override
    public String classifierElement() {
        return handler.substring(0, handler.length() - ".config".length());
    }

    @Override
    public String readClassifier() throws IOException {
        return read(handler);
    }

    @Override
    public void writeClassifier(final String config) throws IOException {
        write(handler, config);
    }

    @Override
    public String readConfig(final String element) throws IOException {
        return read(element + ".config");
    }

    @Override
    public String readHandler(final String h) throws IOException {
        return read(h);
    }

    @Override
    public void writeConfig(final String element, final String config) throws IOException {
        write(element + ".config", config);
    }

    private String read(final String h) throws IOException {
        return withRetry(() -> {
            send("READ " + h + "\r\n", null);
            reply();
            final String data = readLine();
            if (!data.startsWith("DATA ")) {
                throw new IOException("expected DATA line, got " + data);
            }
            final int n = Integer.parseInt(data.substring(5).trim());
            if (n < 0 || n > (1 << 24)) {
                throw new IOException("bad DATA length " + n);
            }
            return new String(in.readNBytes(n), StandardCharsets.UTF_8);
        });
    }

    private void write(final String h, final String config) throws IOException {
        final byte[] body = config.getBytes(StandardCharsets.UTF_8);
        withRetry(() -> {
            send("WRITEDATA " + h + " " + body.length + "\r\n", body);
            reply();
            return null;
        });
    }

    private void send(final String line, final byte[] body) throws IOException {
        out.write(line.getBytes(StandardCharsets.US_ASCII));
        if (body != null) {
            out.write(body);
        }
        out.flush();
    }

    /** Reads a (possibly multi-line) reply; returns its last line on 2xx. */
    private String reply() throws IOException {
        final StringBuilder all = new StringBuilder();
        for (int lines = 0; ; lines++) {
            if (lines >= MAX_REPLY_LINES) {
                throw new IOException("ControlSocket reply longer than " + MAX_REPLY_LINES + " lines");
            }
            final String l = readLine();
            if (l.length() < 3 || !Character.isDigit(l.charAt(0))) {
                throw new IOException("bad ControlSocket reply line: " + l);
            }
            all.append(all.length() == 0 ? "" : " / ").append(l);
            if (l.length() == 3 || l.charAt(3) == ' ') {
                final int code = Integer.parseInt(l.substring(0, 3));
                if (code / 100 != 2) {
                    throw new HandlerError(code, all.toString());
                }
                return l;
            }
        }
    }

    private String readLine() throws IOException {
        final ByteArrayOutputStream b = new ByteArrayOutputStream(64);
        while (true) {
            final int c = in.read();
            if (c < 0) {
                throw new IOException("ControlSocket closed by the engine");
            }
            if (c == '\n') {
                break;
            }
            if (b.size() > 65536) {
                throw new IOException("ControlSocket line too long");
            }
            b.write(c);
        }
        final String s = b.toString(StandardCharsets.UTF_8);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public String describe() {
        return "ControlSocket " + endpoint + " " + handler;
    }

    @Override
    public synchronized void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing a broken connection: nothing left to do
            }
            channel = null;
        }
    }

    /** The engine refused the handler call (5xx). */
    public static final class HandlerError extends IOException {
        private static final long serialVersionUID = 1L;
        private final int code;

        HandlerError(final int code, final String message) {
            super("handler error " + message);
            this.code = code;
        }

        public int code() {
            return code;
        }
    }
}
