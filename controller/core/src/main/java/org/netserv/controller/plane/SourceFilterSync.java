package org.netserv.controller.plane;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netserv.controller.ncm.Ipv4Prefix;
import org.netserv.controller.policy.Policy;
import org.netserv.controller.policy.Slot;

/**
 * Keeps each slot's source filter in the router graph ({@code srcK}, an IPClassifier after
 * {@code FromUserDevice(K)} in click-configs/netserv-router.click) equal to what the policy
 * lets the slot send: its first pattern the slot's own sources (its prefixes and server
 * address), its second the destinations it may pass diverted packets on to (its prefixes).
 * Everything else a container injects is dropped and counted by the graph (DESIGN.md 3.7).
 * Written at start and on every policy reload, compared with the engine every few ticks (an
 * engine that restarted starts from the graph's "false, false": nothing passes). A graph
 * without {@code srcK} is reported, not retried. Not thread-safe: callers hold the
 * controller's lock.
 */
public final class SourceFilterSync {
    private static final System.Logger LOG = System.getLogger(SourceFilterSync.class.getName());
    private static final int VERIFY_EVERY_TICKS = 5;

    private final ForwardingPlane plane;
    private final Map<Integer, String> wanted = new LinkedHashMap<>();
    private final Map<Integer, String> state = new LinkedHashMap<>();   // slot -> "ok" | "absent" | error
    private long ticks;

    public SourceFilterSync(final ForwardingPlane plane) {
        this.plane = plane;
    }

    /** The IPClassifier configuration {@code srcK} gets for this slot. */
    public static String config(final Slot s) {
        final List<String> own = new ArrayList<>();
        final List<String> pass = new ArrayList<>();
        for (final Ipv4Prefix p : s.prefixes()) {
            own.add("src net " + p);
            pass.add("dst net " + p);
        }
        if (!s.address().isEmpty()) {
            own.add("src host " + s.address());
        }
        return (own.isEmpty() ? "false" : String.join(" or ", own)) + ", "
                + (pass.isEmpty() ? "false" : String.join(" or ", pass)) + ", -";
    }

    public static String element(final int slot) {
        return "src" + slot;
    }

    /** Writes every slot's filter (start, policy reload). */
    public void sync(final Policy policy) {
        wanted.clear();
        state.clear();
        for (final Slot s : policy.slots()) {
            wanted.put(s.number(), config(s));
        }
        wanted.forEach(this::write);
    }

    /** Periodic: rewrite what failed, and every few ticks what the engine lost. */
    public void tick() {
        final boolean verify = ++ticks % VERIFY_EVERY_TICKS == 0;
        wanted.forEach((slot, cfg) -> {
            final String st = state.get(slot);
            if ("absent".equals(st)) {
                return;
            }
            if (!"ok".equals(st)) {
                write(slot, cfg);
            } else if (verify) {
                try {
                    if (!plane.readConfig(element(slot)).trim().equals(cfg)) {
                        LOG.log(System.Logger.Level.WARNING, "{0} differs from the policy (engine restarted?); rewriting it",
                                element(slot));
                        write(slot, cfg);
                    }
                } catch (IOException e) {
                    state.put(slot, e.getMessage());
                }
            }
        });
    }

    private void write(final int slot, final String cfg) {
        try {
            plane.writeConfig(element(slot), cfg);
            state.put(slot, "ok");
            LOG.log(System.Logger.Level.INFO, "slot {0}: source filter {1} = {2}", slot, element(slot), cfg);
        } catch (ForwardingPlane.NoSuchElementException e) {
            if (!"absent".equals(state.put(slot, "absent"))) {
                LOG.log(System.Logger.Level.WARNING, "slot {0}: the router graph has no {1}: packets from its container "
                        + "are not checked against its addresses (use click-configs/netserv-router.click)", slot, element(slot));
            }
        } catch (IOException e) {
            state.put(slot, e.getMessage());
            LOG.log(System.Logger.Level.WARNING, "slot {0}: writing {1}: {2}", slot, element(slot), e.getMessage());
        }
    }

    /** For the status endpoint: slot -> {filter, state}. */
    public Map<String, Object> describe() {
        final Map<String, Object> m = new LinkedHashMap<>();
        wanted.forEach((slot, cfg) -> m.put(Integer.toString(slot),
                Map.of("element", element(slot), "filter", cfg, "state", state.getOrDefault(slot, "pending"))));
        return m;
    }
}
