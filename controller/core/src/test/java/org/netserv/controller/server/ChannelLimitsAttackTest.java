package org.netserv.controller.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.netserv.controller.security.AttackLog.attack;

import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netserv.controller.container.ContainerException;
import org.netserv.controller.container.ControlChannelLink;
import org.netserv.controller.plane.ControlSocketPlane;

/**
 * Issue 14 item 7, the channels: a peer that stops answering or answers without end costs the
 * controller a bounded wait and a bounded buffer — the container control channel, the
 * engine's ControlSocket, and the NCM socket against slow clients.
 */
class ChannelLimitsAttackTest {
    @TempDir
    Path dir;

    /** A UNIX server that sends {@code greeting}, then {@code then} forever or nothing at all. */
    private Thread peer(final Path sock, final String greeting, final String then) throws IOException {
        final ServerSocketChannel srv = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        srv.bind(UnixDomainSocketAddress.of(sock));
        final Thread t = new Thread(() -> {
            try (srv) {
                while (true) {
                    final SocketChannel c = srv.accept();
                    c.write(ByteBuffer.wrap(greeting.getBytes(StandardCharsets.UTF_8)));
                    while (then != null && c.isOpen()) {
                        c.write(ByteBuffer.wrap(then.getBytes(StandardCharsets.UTF_8)));
                    }
                }
            } catch (IOException e) {
                // test over, or the controller closed us
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test
    void aContainerThatNeverAnswersOrNeverStopsIsCutOff() throws Exception {
        final Path silent = dir.resolve("silent.sock");
        peer(silent, "NETSERV-CONTAINER/1 7 mallory\n\n", null);
        attack("controller <-> container channel", "container greets, then never answers a call",
                "call fails after its deadline as a dead link", () -> {
                    final ControlChannelLink l = ControlChannelLink.connect(silent, 7, "mallory");
                    final ContainerException e = assertThrows(ContainerException.class, l::list);
                    assertTrue(e.getMessage().contains("no reply within " + ControlChannelLink.CALL_TIMEOUT_MS + " ms"), e.getMessage());
                    assertTrue(!e.refused());
                });
        final Path flood = dir.resolve("flood.sock");
        peer(flood, "NETSERV-CONTAINER/1 8 mallory\n\n", "0\nmodule: " + "x".repeat(1000) + "\n");
        attack("controller <-> container channel", "container answers with an endless reply",
                "call fails at the 1 MiB reply cap", () -> {
                    final ControlChannelLink l = ControlChannelLink.connect(flood, 8, "mallory");
                    final ContainerException e = assertThrows(ContainerException.class, l::status);
                    assertTrue(e.getMessage().contains("reply larger than"), e.getMessage());
                });
    }

    @Test
    void anEngineThatNeverAnswersIsCutOff() throws Exception {
        final Path silent = dir.resolve("engine.sock");
        peer(silent, "Click::ControlSocket/1.3\r\n", null);
        attack("controller -> engine ControlSocket", "engine greets, then never answers READ ns.config",
                "read fails after its deadline (plane marked dirty, retried by the tick)", () -> {
                    final ControlSocketPlane p = new ControlSocketPlane("unix:" + silent, "ns");
                    final IOException e = assertThrows(IOException.class, p::readClassifier);
                    assertTrue(e.getMessage().contains("no answer within"), e.getMessage());
                    p.close();
                });
    }

    @Test
    void slowClientsCannotHoldTheNcmSocket() throws Exception {
        final Path sock = dir.resolve("ncm.sock");
        final org.netserv.controller.Controller c = org.netserv.controller.ControllerFixture.minimal(dir);
        try (NcmSocketServer server = new NcmSocketServer(sock, c, 1000)) {
            attack("controller NCM socket", "32 clients each send half an NCM and stall (slow loris)",
                    "each is closed after the read deadline; the NSLP's request is answered after", () -> {
                        final List<SocketChannel> slow = new ArrayList<>();
                        for (int i = 0; i < 32; i++) {
                            final SocketChannel s = SocketChannel.open(UnixDomainSocketAddress.of(sock));
                            s.write(ByteBuffer.wrap("PROBE NETSERV/0.1\nprobe: sta".getBytes(StandardCharsets.UTF_8)));
                            slow.add(s);
                        }
                        for (final SocketChannel s : slow) {
                            final InputStream in = Channels.newInputStream(s);
                            assertEquals(-1, in.read(), "a stalled client was not cut off");
                            s.close();
                        }
                        try (SocketChannel ok = SocketChannel.open(UnixDomainSocketAddress.of(sock))) {
                            ok.write(ByteBuffer.wrap("PROBE NETSERV/0.1\nprobe: status\n\n".getBytes(StandardCharsets.UTF_8)));
                            final String reply = new String(Channels.newInputStream(ok).readNBytes(12), StandardCharsets.UTF_8);
                            assertEquals("NETSERV/0.1 ", reply); // answered (here: 400, the PROBE is unsigned)
                        }
                    });
        } finally {
            c.close();
        }
    }
}
