package org.netserv.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netserv.controller.container.ContainerLauncher;
import org.netserv.controller.container.ContainerLink;
import org.netserv.controller.container.ContainerManager;
import org.netserv.controller.container.ContainerSupervisor;
import org.netserv.controller.policy.Policy;
import org.netserv.controller.policy.PolicyLoader;
import org.netserv.controller.policy.Slot;

/**
 * A node whose JVMs start slower than {@code container_connect_timeout_ms} (a small router, an
 * emulated one): the supervisor restarted such a container every timeout, forever (seen in the
 * image under TCG: five restarts before one got through). Each start that never connected now
 * waits twice as long as the one before, so the second start gets through.
 */
class SlowContainerStartTest {

    /** A "container" whose control channel answers only {@code startupMs} after its launch. */
    private static final class SlowLauncher implements ContainerLauncher {
        final long startupMs;
        final List<Long> launches = new CopyOnWriteArrayList<>();
        final List<Proc> procs = new CopyOnWriteArrayList<>();

        SlowLauncher(final long startupMs) {
            this.startupMs = startupMs;
        }

        final class Proc implements Running {
            final int slot;
            final long started = System.nanoTime();
            final CompletableFuture<Void> exit = new CompletableFuture<>();

            Proc(final int slot) {
                this.slot = slot;
            }

            boolean listening() {
                return !exit.isDone() && System.nanoTime() - started > TimeUnit.MILLISECONDS.toNanos(startupMs);
            }

            @Override public int slot() { return slot; }
            @Override public long pid() { return 1000 + launches.size(); }
            @Override public Path controlSocket() { return Path.of("/nonexistent/slot-" + slot + "-" + started); }
            @Override public CompletableFuture<Void> onExit() { return exit; }
            @Override public void stop() { exit.complete(null); }
        }

        @Override
        public Running launch(final Slot slot) {
            launches.add(System.nanoTime());
            final Proc p = new Proc(slot.number());
            procs.add(p);
            return p;
        }

        @Override public Optional<Running> adopt(final Slot slot) { return Optional.empty(); }
        @Override public Path controlSocket(final Slot slot) { return Path.of("/nonexistent"); }
    }

    @Test
    void aSlowStartIsWaitedForLongerNotRestartedForever(@TempDir final Path dir) throws Exception {
        final var kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        final Policy policy = PolicyLoader.load(Fixtures.policy(dir, Fixtures.pem(kp.getPublic()), Fixtures.pem(kp.getPublic()),
                "<prefix>10.61.0.0/16</prefix>", ""));
        final SlowLauncher launcher = new SlowLauncher(600);
        final ContainerSupervisor.Connector connector = (socket, slot, user) -> {
            for (final SlowLauncher.Proc p : launcher.procs) {
                if (p.controlSocket().equals(socket) && p.listening()) {
                    return new Fakes.Container(slot);
                }
            }
            throw new IOException("connection refused");
        };
        final CountDownLatch up = new CountDownLatch(policy.slots().size());
        try (ContainerSupervisor sup = new ContainerSupervisor(launcher, connector, 400, true)) {
            sup.start(policy, new ContainerManager.Listener() {
                @Override public void containerUp(final int slot, final ContainerLink link) { up.countDown(); }
                @Override public void containerDown(final int slot, final String why) { }
            });
            // 400 ms: too short, restart; 800 ms: long enough for a 600 ms start
            assertTrue(up.await(20, TimeUnit.SECONDS), "containers never came up: " + sup.describe());
            final int perSlot = launcher.launches.size() / policy.slots().size();
            assertEquals(2, perSlot, "launches per slot (one too slow, one that got through): " + sup.describe());
        }
    }
}
