package org.netserv.controller.container;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.netserv.controller.policy.Slot;

/** Starts service containers (interfaces.md §5) and finds ones a previous controller left running. */
public interface ContainerLauncher {

    /** A container process, ours or adopted. */
    interface Running {
        int slot();

        long pid();

        Path controlSocket();

        /** Completes when the process is gone. */
        CompletableFuture<Void> onExit();

        /** Ends the process (SIGTERM, then SIGKILL after a grace period). */
        void stop();

        /** After onExit: why, as far as the launcher said (e.g. which required isolation feature was off). */
        default String exitReason() {
            return "container exited";
        }
    }

    Running launch(Slot slot) throws IOException;

    /** The slot's container is stopped for good (slot removed, controller closing): free what the launcher set up. */
    default void release(Slot slot) {
    }

    /** A container for this slot still running from before a controller restart, if any. */
    Optional<Running> adopt(Slot slot);

    /** Where the container for this slot listens for its controller. */
    Path controlSocket(Slot slot);
}
