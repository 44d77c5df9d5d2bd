package org.netserv.nsis.nslp;

import java.io.Closeable;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in controller for tests, speaking interface 3 exactly: reads NCMs
 * (text, blank-line terminated) from a UNIX stream socket, keeps an
 * installed-module table, answers one block per request. SETUP installs
 * (or refuses when the NCM has no valid {@code ttl}), REMOVE removes, PROBE
 * lists modules. Records every NCM it got.
 */
public final class TestController implements Closeable {
    public final Path socket;
    public final String nodeId;
    public final List<Ncm> received = Collections.synchronizedList(new ArrayList<>());
    public final Map<String, Long> modules = new ConcurrentHashMap<>();
    private final ServerSocketChannel server;

    public TestController(Path socket, String nodeId) throws IOException {
        this.socket = socket;
        this.nodeId = nodeId;
        Files.deleteIfExists(socket);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        final Thread t = new Thread(this::acceptLoop, "test-controller-" + nodeId);
        t.setDaemon(true);
        t.start();
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                final SocketChannel c = server.accept();
                final Thread t = new Thread(() -> serve(c), "test-controller-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(SocketChannel c) {
        final StringBuilder in = new StringBuilder();
        final ByteBuffer buf = ByteBuffer.allocate(4096);
        try (c) {
            while (c.read(buf.clear()) > 0) {
                in.append(StandardCharsets.UTF_8.decode(buf.flip()));
                int end;
                while ((end = in.indexOf("\n\n")) >= 0) {
                    final String text = in.substring(0, end + 2);
                    in.delete(0, end + 2);
                    final ByteBuffer out = StandardCharsets.UTF_8.encode(answer(text));
                    while (out.hasRemaining()) c.write(out);
                }
            }
        } catch (IOException e) {
            // peer went away
        }
    }

    String answer(String text) {
        final Ncm n;
        try {
            n = Ncm.parse(text);
        } catch (IllegalArgumentException e) {
            return "NETSERV/0.1 400 " + e.getMessage() + "\nnode-id: " + nodeId + "\n\n";
        }
        received.add(n);
        switch (n.method()) {
            case "SETUP": {
                final String ttl = n.header("ttl");
                if (ttl == null || !ttl.matches("[0-9]+")) return "NETSERV/0.1 400 ttl required\nnode-id: " + nodeId + "\n\n";
                modules.put(n.target(), Long.parseLong(ttl));
                return "NETSERV/0.1 200 OK\nnode-id: " + nodeId + "\nmodule: " + n.target() + " state=ACTIVE ttl=" + ttl + "\n\n";
            }
            case "REMOVE":
                return modules.remove(n.target()) != null ? "NETSERV/0.1 200 OK\nnode-id: " + nodeId + "\n\n"
                        : "NETSERV/0.1 404 not installed\nnode-id: " + nodeId + "\n\n";
            case "PROBE": {
                final StringBuilder sb = new StringBuilder("NETSERV/0.1 200 OK\nnode-id: " + nodeId + "\n");
                modules.forEach((m, ttl) -> sb.append("module: ").append(m).append(" state=ACTIVE ttl=").append(ttl).append(" packets=0\n"));
                return sb.append("capabilities: test\n\n").toString();
            }
            default:
                return "NETSERV/0.1 501 " + n.method() + " not for the controller\nnode-id: " + nodeId + "\n\n";
        }
    }

    @Override public void close() throws IOException {
        server.close();
        Files.deleteIfExists(socket);
    }
}
