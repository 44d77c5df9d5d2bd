package org.netserv.controller.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netserv.controller.plane.ClassifierRules;
import org.netserv.controller.plane.ControlSocketPlane;
import org.netserv.controller.plane.ForwardingPlane;

/** {@link ControlSocketPlane} against the real {@code netserv-click} ControlSocket. */
class RealEngineTest {
    @TempDir
    Path dir;

    Process click;

    @AfterEach
    void stop() throws InterruptedException {
        if (click != null) {
            click.destroy();
            click.waitFor();
        }
    }

    private Path start() throws IOException, InterruptedException {
        final Path bin = RealPeers.build().resolve("bin/netserv-click");
        assumeTrue(Files.isExecutable(bin), "netserv-click not built");
        final Path sock = dir.resolve("click.sock");
        click = new ProcessBuilder(bin.toString(), "-e",
                "ns :: IPClassifier(false, false, -); Idle -> ns; ns[0] -> Discard; ns[1] -> Discard; ns[2] -> Discard;"
                        + " ControlSocket(UNIX, " + sock + ")")
                .redirectErrorStream(true).redirectOutput(dir.resolve("click.log").toFile()).start();
        for (int i = 0; i < 100 && !Files.exists(sock); i++) {
            Thread.sleep(50);
        }
        assumeTrue(Files.exists(sock), "netserv-click did not open its ControlSocket: " + Files.readString(dir.resolve("click.log")));
        return sock;
    }

    @Test
    void readsAndRewritesTheClassifierAtomically() throws Exception {
        final Path sock = start();
        try (ForwardingPlane p = new ControlSocketPlane("unix:" + sock, "ns")) {
            assertEquals(2, ClassifierRules.containerOutputs(p.readClassifier()));
            final String cfg = ClassifierRules.config(2, Map.of(1, List.of("udp && dst port 5060 && dst net 10.61.1.0/24",
                    "(tcp || udp) && (dst port 80 || dst port 8080) && dst net 10.61.0.0/16 && src net 10.62.1.0/24")));
            p.writeClassifier(cfg);
            assertEquals(cfg, p.readClassifier());
            // the engine checks what we write: a wrong output count is refused and the old rules stay
            final ControlSocketPlane.HandlerError e = assertThrows(ControlSocketPlane.HandlerError.class,
                    () -> p.writeClassifier("false, -"));
            assertEquals(520, e.code());
            assertTrue(e.getMessage().contains("one per output port"), e.getMessage());
            assertEquals(cfg, p.readClassifier());
        }
    }

    @Test
    void clickFilesystemPlaneWritesOnCloseAndReportsRefusals() throws Exception {
        final Path bin = RealPeers.build().resolve("bin/netserv-click");
        assumeTrue(Files.isExecutable(bin), "netserv-click not built");
        assumeTrue(Files.exists(Path.of("/dev/fuse")), "no /dev/fuse");
        final Path mnt = Files.createDirectory(dir.resolve("click"));
        click = new ProcessBuilder(bin.toString(), "--clickfs", mnt.toString(), "-e",
                "ns :: IPClassifier(false, false, -); Idle -> ns; ns[0] -> Discard; ns[1] -> Discard; ns[2] -> Discard")
                .redirectErrorStream(true).redirectOutput(dir.resolve("click.log").toFile()).start();
        for (int i = 0; i < 100 && !Files.exists(mnt.resolve("ns/config")); i++) {
            Thread.sleep(50);
        }
        final String log = Files.readString(dir.resolve("click.log"));
        assumeTrue(Files.exists(mnt.resolve("ns/config")), "netserv-click has no /click filesystem here: " + log);
        try (ForwardingPlane p = new org.netserv.controller.plane.ClickFsPlane(mnt, "ns")) {
            assertEquals("false, false, -", p.readClassifier().trim());
            p.writeClassifier("false, udp && dst net 10.61.0.0/16, -");
            assertEquals("false, udp && dst net 10.61.0.0/16, -", p.readClassifier().trim());
            assertThrows(IOException.class, () -> p.writeClassifier("false, -"));
            assertEquals("false, udp && dst net 10.61.0.0/16, -", p.readClassifier().trim());
        } finally {
            click.destroy();
            click.waitFor();
            click = null;
        }
    }

    @Test
    void reconnectsAfterTheEngineRestarts() throws Exception {
        Path sock = start();
        try (ForwardingPlane p = new ControlSocketPlane("unix:" + sock, "ns")) {
            p.writeClassifier("udp && dst net 10.61.0.0/16, false, -");
            click.destroy();
            click.waitFor();
            Files.deleteIfExists(sock);
            assertThrows(IOException.class, p::readClassifier);
            sock = start();
            assertEquals("false, false, -", p.readClassifier());
        }
    }
}
