package org.netserv.controller.container;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.netserv.controller.policy.Policy;

/** Keeps one service container per policy slot running and connected. */
public interface ContainerManager extends AutoCloseable {

    /** Told when a slot's container is connected and ready for modules, and when it is lost. */
    interface Listener {
        void containerUp(int slot, ContainerLink link);

        void containerDown(int slot, String why);
    }

    void start(Policy policy, Listener listener);

    /** Applies a reloaded policy: new slots start, removed slots stop, others are left alone. */
    void update(Policy policy);

    Optional<ContainerLink> link(int slot);

    /** The control channel failed mid-request: reconnect (or restart the container). */
    void linkFailed(int slot, String why);

    /** Per slot: pid, state, restarts, for status output. */
    Map<Integer, Map<String, Object>> describe();

    List<Integer> readySlots();

    @Override
    void close();
}
