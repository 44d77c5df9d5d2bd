package org.netserv.controller.container;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.netserv.controller.io.Watchdog;

/**
 * Client of the container control channel v1 (interfaces.md §4; container/CONTROL-PROTOCOL.md):
 *
 * <pre>
 *   container: NETSERV-CONTAINER/1 &lt;slot&gt; &lt;user&gt;      greeting, then a blank line
 *   controller: INSTALL NetServ.apps.X_1.0.0          request line
 *               path: /var/lib/netserv/bundles/ab12...jar
 *               digest: sha-256=ab12...
 *               properties: k=v,k2=v2
 *                                                      blank line
 *   container:  0                                      success (+ key: value lines)
 *               (or: -1 / reason line)                 failure
 *                                                      blank line
 * </pre>
 *
 * One request at a time per connection (the container answers in order). The greeting's
 * slot and user must be the ones the policy expects, so a socket path pointing at the wrong
 * container is caught before anything is installed into it.
 *
 * <p>A container is a tenant's process: every call has a deadline ({@link #INSTALL_TIMEOUT_MS}
 * for INSTALL, whose activator runs inside it — the container bounds that itself at 20 s —
 * {@link #CALL_TIMEOUT_MS} for the others) and every reply a size cap ({@link #MAX_REPLY_BYTES});
 * past either the connection is closed and the call fails as a dead link (the supervisor
 * reconnects or restarts the container).
 */
public final class ControlChannelLink implements ContainerLink {
    private static final int MAX_LINE = 65536;
    private static final int MAX_LINES = 100_000;
    public static final int MAX_REPLY_BYTES = 1 << 20;
    public static final long CALL_TIMEOUT_MS = 10_000;
    public static final long INSTALL_TIMEOUT_MS = 45_000;

    private final int slot;
    private final SocketChannel channel;
    private final InputStream in;
    private final OutputStream out;

    private ControlChannelLink(final int slot, final SocketChannel ch) throws IOException {
        this.slot = slot;
        this.channel = ch;
        this.in = new BufferedInputStream(Channels.newInputStream(ch));
        this.out = Channels.newOutputStream(ch);
    }

    /** Connects and checks the greeting. */
    public static ControlChannelLink connect(final Path socket, final int slot, final String user)
            throws IOException {
        final SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(UnixDomainSocketAddress.of(socket));
            final ControlChannelLink l = new ControlChannelLink(slot, ch);
            final List<String> greeting;
            try (Watchdog.Armed w = Watchdog.arm(ch, CALL_TIMEOUT_MS)) {
                greeting = l.readBlock();
            }
            if (!greeting.isEmpty() && greeting.get(0).equals("-1")) {
                throw new IOException("container at " + socket + " refused us: "
                        + (greeting.size() > 1 ? greeting.get(1) : "no reason given"));
            }
            final String expect = "NETSERV-CONTAINER/1 " + slot + " " + user;
            if (greeting.isEmpty() || !greeting.get(0).equals(expect)) {
                throw new IOException("unexpected greeting on " + socket + ": "
                        + (greeting.isEmpty() ? "(none)" : greeting.get(0)) + " (expected " + expect + ")");
            }
            return l;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    @Override
    public int slot() {
        return slot;
    }

    @Override
    public void install(final String moduleId, final Path bundle, final String digestHex,
                        final Map<String, String> properties) throws ContainerException {
        final StringBuilder req = new StringBuilder("INSTALL ").append(moduleId).append('\n')
                .append("path: ").append(bundle.toAbsolutePath()).append('\n')
                .append("digest: sha-256=").append(digestHex).append('\n');
        if (!properties.isEmpty()) {
            req.append("properties: ").append(properties.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","))).append('\n');
        }
        call(req.append('\n').toString(), INSTALL_TIMEOUT_MS);
    }

    @Override
    public void remove(final String moduleId) throws ContainerException {
        call("REMOVE " + moduleId + "\n\n", CALL_TIMEOUT_MS);
    }

    @Override
    public List<String> list() throws ContainerException {
        final List<String> ids = new ArrayList<>();
        for (final Map.Entry<String, String> h : call("LIST\n\n", CALL_TIMEOUT_MS)) {
            if (h.getKey().equals("module")) {
                ids.add(h.getValue().trim().split("\\s+")[0]);
            }
        }
        return ids;
    }

    @Override
    public ContainerStatus status() throws ContainerException {
        return ContainerStatus.parse(call("STATUS\n\n", CALL_TIMEOUT_MS));
    }

    @Override
    public void shutdown() throws ContainerException {
        call("SHUTDOWN\n\n", CALL_TIMEOUT_MS);
    }

    private synchronized List<Map.Entry<String, String>> call(final String request, final long timeoutMs)
            throws ContainerException {
        final List<String> reply;
        final Watchdog.Armed w = Watchdog.arm(channel, timeoutMs);
        try {
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            reply = readBlock();
        } catch (IOException e) {
            close();
            throw new ContainerException("control channel of slot " + slot + ": "
                    + (w.fired() ? "no reply within " + timeoutMs + " ms" : e.getMessage()), e);
        } finally {
            w.close();
        }
        if (reply.isEmpty()) {
            throw new ContainerException("empty reply from container " + slot, false);
        }
        final String status = reply.get(0).trim();
        if (status.equals("-1")) {
            throw new ContainerException(reply.size() > 1 ? reply.get(1) : "container refused without reason", true);
        }
        if (!status.equals("0")) {
            close();
            throw new ContainerException("bad reply status from container " + slot + ": " + status, false);
        }
        final List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (int i = 1; i < reply.size(); i++) {
            final String l = reply.get(i);
            final int colon = l.indexOf(':');
            if (colon > 0) {
                final String v = l.substring(colon + 1);
                headers.add(Map.entry(l.substring(0, colon).trim(), v.startsWith(" ") ? v.substring(1) : v));
            }
        }
        return headers;
    }

    /** Lines up to the next blank line (a blank line right at the start is skipped). */
    private List<String> readBlock() throws IOException {
        final List<String> lines = new ArrayList<>();
        final ByteArrayOutputStream b = new ByteArrayOutputStream(128);
        int total = 0;
        while (true) {
            final int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed by the container");
            }
            if (++total > MAX_REPLY_BYTES) {
                throw new IOException("reply larger than " + MAX_REPLY_BYTES + " bytes from the container");
            }
            if (c != '\n') {
                if (b.size() >= MAX_LINE) {
                    throw new IOException("line too long from the container");
                }
                b.write(c);
                continue;
            }
            String l = b.toString(StandardCharsets.UTF_8);
            b.reset();
            if (l.endsWith("\r")) {
                l = l.substring(0, l.length() - 1);
            }
            if (l.isEmpty()) {
                if (lines.isEmpty()) {
                    continue;
                }
                return lines;
            }
            if (lines.size() >= MAX_LINES) {
                throw new IOException("reply too long from the container");
            }
            lines.add(l);
        }
    }

    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // already broken
        }
    }
}
