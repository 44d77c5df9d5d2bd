package org.netserv.controller.container;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.netserv.controller.policy.Policy;
import org.netserv.controller.policy.Slot;

/**
 * Pre-forks the configured containers, watches them and restarts a dead one (paper §2.2:
 * "the controller is also responsible for setting up and tearing down service containers").
 *
 * <p>Per slot the life is: adopt a container left by a previous controller, or launch one;
 * connect its control channel (retrying while it boots); report it up. When the process
 * exits or the channel breaks: report it down, back off (1 s doubling to 30 s), start over.
 * Everything runs on one scheduler thread, so a slot's transitions never race.
 */
public final class ContainerSupervisor implements ContainerManager {
    private static final System.Logger LOG = System.getLogger(ContainerSupervisor.class.getName());

    /** Opens the control channel of a running container. */
    @FunctionalInterface
    public interface Connector {
        ContainerLink connect(Path socket, int slot, String user) throws IOException;
    }

    private final ContainerLauncher launcher;
    private final Connector connector;
    private final long connectTimeoutMs;
    private final ScheduledExecutorService exec = Executors.newSingleThreadScheduledExecutor(r -> {
        final Thread t = new Thread(r, "container-supervisor");
        t.setDaemon(true);
        return t;
    });
    private final Map<Integer, SlotState> slots = new LinkedHashMap<>();
    private final boolean stopOnClose;
    private Listener listener;

    private static final class SlotState {
        Slot slot;
        ContainerLauncher.Running running;
        ContainerLink link;
        String state = "STARTING";
        int restarts;
        long backoffMs = 1000;
        long upSince;
        boolean removed;
        long generation;
        /** Starts in a row that never connected: each waits twice as long (a slow node's JVM, not a broken one). */
        int slowStarts;
    }

    /** At most 8x the configured wait: a container that does not connect in that long is broken. */
    private static final int MAX_SLOW_STARTS = 3;

    public ContainerSupervisor(final ContainerLauncher launcher, final Connector connector,
                               final long connectTimeoutMs, final boolean stopOnClose) {
        this.launcher = launcher;
        this.connector = connector;
        this.connectTimeoutMs = connectTimeoutMs;
        this.stopOnClose = stopOnClose;
    }

    @Override
    public void start(final Policy policy, final Listener l) {
        this.listener = l;
        exec.execute(() -> policy.slots().forEach(this::addSlot));
    }

    private void addSlot(final Slot s) {
        final SlotState st = new SlotState();
        st.slot = s;
        synchronized (slots) {
            slots.put(s.number(), st);
        }
        final Optional<ContainerLauncher.Running> adopted = launcher.adopt(s);
        if (adopted.isPresent()) {
            LOG.log(System.Logger.Level.INFO, "slot {0}: adopting running container pid {1}", s.number(), String.valueOf(adopted.get().pid()));
            watch(st, adopted.get());
        } else {
            launch(st);
        }
    }

    private void launch(final SlotState st) {
        if (st.removed) {
            return;
        }
        try {
            watch(st, launcher.launch(st.slot));
        } catch (IOException e) {
            LOG.log(System.Logger.Level.ERROR, "slot {0}: cannot launch container: {1}", st.slot.number(), e.getMessage());
            st.state = "FAILED: " + e.getMessage();
            retryLater(st);
        }
    }

    private void watch(final SlotState st, final ContainerLauncher.Running r) {
        st.running = r;
        st.state = "CONNECTING";
        final long gen = ++st.generation;
        r.onExit().thenRun(() -> exec.execute(() -> exited(st, gen)));
        connect(st, gen, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(connectTimeoutMs << st.slowStarts));
    }

    private void connect(final SlotState st, final long gen, final long deadline) {
        if (st.generation != gen || st.removed) {
            return;
        }
        try {
            st.link = connector.connect(st.running.controlSocket(), st.slot.number(), st.slot.user());
            st.state = "UP";
            st.upSince = System.nanoTime();
            st.slowStarts = 0;
            LOG.log(System.Logger.Level.INFO, "slot {0}: container pid {1} connected", st.slot.number(), String.valueOf(st.running.pid()));
            listener.containerUp(st.slot.number(), st.link);
        } catch (IOException e) {
            if (System.nanoTime() - deadline > 0) {
                st.slowStarts = Math.min(st.slowStarts + 1, MAX_SLOW_STARTS);
                LOG.log(System.Logger.Level.WARNING, "slot {0}: control channel not reachable ({1}); restarting container,"
                        + " waiting {2} s for the next one", st.slot.number(), e.getMessage(), (connectTimeoutMs << st.slowStarts) / 1000.0);
                st.running.stop(); // exited() does the rest
            } else {
                exec.schedule(() -> connect(st, gen, deadline), 200, TimeUnit.MILLISECONDS);
            }
        }
    }

    private void exited(final SlotState st, final long gen) {
        if (st.generation != gen) {
            return;
        }
        st.generation++;
        final boolean wasUp = st.link != null;
        if (st.link != null) {
            st.link.close();
            st.link = null;
        }
        final String why = st.running.exitReason();
        if (wasUp) {
            listener.containerDown(st.slot.number(), why);
        }
        if (st.removed) {
            st.state = "STOPPED";
            return;
        }
        LOG.log(System.Logger.Level.WARNING, "slot {0}: container pid {1}: {2}", st.slot.number(),
                String.valueOf(st.running.pid()), why);
        retryLater(st);
        st.state = "RESTARTING (" + why + ")";
    }

    private void retryLater(final SlotState st) {
        // a container that stayed up a minute was healthy: start the back-off over
        if (st.upSince != 0 && System.nanoTime() - st.upSince > TimeUnit.SECONDS.toNanos(60)) {
            st.backoffMs = 1000;
        }
        st.state = "RESTARTING";
        st.restarts++;
        final long delay = st.backoffMs;
        st.backoffMs = Math.min(Math.max(st.backoffMs * 2, 1000), 30_000);
        exec.schedule(() -> launch(st), delay, TimeUnit.MILLISECONDS);
    }

    @Override
    public void linkFailed(final int slot, final String why) {
        exec.execute(() -> {
            final SlotState st;
            synchronized (slots) {
                st = slots.get(slot);
            }
            if (st == null || st.link == null) {
                return;
            }
            st.link.close();
            st.link = null;
            listener.containerDown(slot, why);
            final long gen = ++st.generation;
            // the process may be fine and only the connection broken: reconnect first
            st.running.onExit().thenRun(() -> exec.execute(() -> exited(st, gen)));
            connect(st, gen, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(connectTimeoutMs));
        });
    }

    @Override
    public void update(final Policy policy) {
        exec.execute(() -> {
            if (launcher instanceof ProcessContainerLauncher pl) {
                pl.setAllSlots(policy.slots());
            }
            final List<Integer> wanted = policy.slots().stream().map(Slot::number).toList();
            final List<SlotState> gone = new ArrayList<>();
            synchronized (slots) {
                slots.values().stream().filter(s -> !wanted.contains(s.slot.number())).forEach(gone::add);
            }
            for (final SlotState st : gone) {
                stopSlot(st);
                synchronized (slots) {
                    slots.remove(st.slot.number());
                }
            }
            for (final Slot s : policy.slots()) {
                final SlotState st;
                synchronized (slots) {
                    st = slots.get(s.number());
                }
                if (st == null) {
                    addSlot(s);
                } else {
                    final boolean changed = !st.slot.sameContainer(s);
                    st.slot = s;
                    if (changed && st.running != null) {
                        // uid, limits, ports or building blocks are fixed at launch: restart it;
                        // the controller reinstalls its modules when it is back
                        LOG.log(System.Logger.Level.INFO, "slot {0}: container settings changed; restarting it", s.number());
                        st.backoffMs = 0;
                        st.running.stop();
                    }
                }
            }
        });
    }

    private void stopSlot(final SlotState st) {
        st.removed = true;
        if (st.link != null) {
            try {
                st.link.shutdown();
            } catch (ContainerException e) {
                // it is being stopped anyway
            }
            st.link.close();
            st.link = null;
            listener.containerDown(st.slot.number(), "slot removed from policy");
        }
        if (st.running != null) {
            st.running.stop();
        }
        launcher.release(st.slot);
        st.state = "STOPPED";
    }

    @Override
    public Optional<ContainerLink> link(final int slot) {
        synchronized (slots) {
            final SlotState st = slots.get(slot);
            return st == null ? Optional.empty() : Optional.ofNullable(st.link);
        }
    }

    @Override
    public List<Integer> readySlots() {
        synchronized (slots) {
            return slots.values().stream().filter(s -> s.link != null).map(s -> s.slot.number()).toList();
        }
    }

    @Override
    public Map<Integer, Map<String, Object>> describe() {
        final Map<Integer, Map<String, Object>> out = new LinkedHashMap<>();
        synchronized (slots) {
            for (final SlotState st : slots.values()) {
                final Map<String, Object> m = new LinkedHashMap<>();
                m.put("user", st.slot.user());
                m.put("state", st.state);
                m.put("pid", st.running == null ? -1 : st.running.pid());
                m.put("restarts", st.restarts);
                out.put(st.slot.number(), m);
            }
        }
        return out;
    }

    @Override
    public void close() {
        try {
            exec.submit(() -> {
                final List<SlotState> all;
                synchronized (slots) {
                    all = new ArrayList<>(slots.values());
                }
                for (final SlotState st : all) {
                    if (stopOnClose) {
                        stopSlot(st);
                    } else {
                        // leave the container running: the next controller adopts it
                        st.removed = true;
                        if (st.link != null) {
                            st.link.close();
                        }
                    }
                }
            }).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "stopping containers: {0}", e.toString());
        }
        exec.shutdownNow();
    }
}
