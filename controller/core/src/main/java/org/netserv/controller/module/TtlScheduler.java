package org.netserv.controller.module;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.netserv.controller.state.ModuleRecord;

/**
 * One timer per ACTIVE module, firing at its deadline, plus the controller's periodic tick,
 * on one daemon thread. The timer only calls back with the module's key: the controller
 * decides (under its lock) whether the module really expired. Timer bookkeeping is guarded
 * by the controller's lock.
 */
public final class TtlScheduler implements AutoCloseable {
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        final Thread t = new Thread(r, "controller-timers");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, ScheduledFuture<?>> ttlTimers = new HashMap<>();
    private final Clock clock;
    private final Consumer<String> expire;

    public TtlScheduler(final Clock clock, final Consumer<String> expire) {
        this.clock = clock;
        this.expire = expire;
    }

    /** (Re)arms the module's timer for its deadline. */
    public void schedule(final ModuleRecord rec) {
        cancel(rec.key());
        final long delay = Math.max(0, rec.deadline() - clock.millis());
        ttlTimers.put(rec.key(), timers.schedule(() -> expire.accept(rec.key()), delay, TimeUnit.MILLISECONDS));
    }

    public void cancel(final String key) {
        final ScheduledFuture<?> t = ttlTimers.remove(key);
        if (t != null) {
            t.cancel(false);
        }
    }

    /** Runs {@code tick} every second on the timer thread. */
    public void everySecond(final Runnable tick) {
        timers.scheduleWithFixedDelay(tick, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        timers.shutdownNow();
    }
}
