package org.netserv.nsis.nslp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The controller closes an NCM connection that stays idle past its read deadline (a
 * slow-loris defence). The next NCM then meets a dead connection: the client must open a new
 * one and deliver it, not answer 503 "Broken pipe" for a controller that is up.
 */
class ControllerClientReconnectTest {

    @Test
    void anNcmAfterTheControllerClosedTheIdleConnectionIsDelivered(@TempDir Path dir) throws Exception {
        final Path sock = dir.resolve("controller.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(sock));
            final Thread controller = new Thread(() -> {
                try {
                    // each connection: answer one NCM, then close it as an idle deadline would
                    for (int i = 0; i < 2; i++) {
                        try (SocketChannel c = server.accept()) {
                            readMessage(c);
                            c.write(ByteBuffer.wrap("NETSERV/0.1 200 OK\nnode-id: r1\n\n".getBytes(StandardCharsets.UTF_8)));
                        }
                    }
                } catch (IOException ignored) {
                    // the test's end
                }
            });
            controller.setDaemon(true);
            controller.start();
            try (ControllerClient client = new ControllerClient(sock, "r1", 5000)) {
                final Ncm probe = new Ncm("PROBE", null, List.of(new Ncm.Header("probe", "status")));
                assertTrue(client.exchange(probe).startsWith("NETSERV/0.1 200"));
                Thread.sleep(200); // the controller has closed the first connection
                final String second = client.exchange(probe);
                assertTrue(second.startsWith("NETSERV/0.1 200"), second);
            }
            controller.join(5000);
        }
        Files.deleteIfExists(sock);
    }

    private static void readMessage(SocketChannel c) throws IOException {
        final StringBuilder text = new StringBuilder();
        final ByteBuffer buf = ByteBuffer.allocate(4096);
        while (!text.toString().replace("\r\n", "\n").contains("\n\n")) {
            buf.clear();
            if (c.read(buf) < 0) return;
            text.append(new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8));
        }
    }
}
