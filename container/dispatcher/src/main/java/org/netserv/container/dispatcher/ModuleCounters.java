package org.netserv.container.dispatcher;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.netserv.container.api.DispatcherStats.ModuleCounts;

/**
 * Packet counters of one module (one bundle). Written only by the dispatcher thread
 * (release stores: plain moves on x86, no fences on the packet path), read by any.
 */
public final class ModuleCounters {
    private static final VarHandle SEEN, FORWARDED, DROPPED, CONSUMED, ERRORS;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            SEEN = l.findVarHandle(ModuleCounters.class, "seen", long.class);
            FORWARDED = l.findVarHandle(ModuleCounters.class, "forwarded", long.class);
            DROPPED = l.findVarHandle(ModuleCounters.class, "dropped", long.class);
            CONSUMED = l.findVarHandle(ModuleCounters.class, "consumed", long.class);
            ERRORS = l.findVarHandle(ModuleCounters.class, "errors", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String moduleId;
    private long seen, forwarded, dropped, consumed, errors;

    public ModuleCounters(String moduleId) {
        this.moduleId = moduleId;
    }

    public String moduleId() { return moduleId; }

    void seen() { SEEN.setRelease(this, seen + 1); }

    void forwarded() { FORWARDED.setRelease(this, forwarded + 1); }

    void dropped() { DROPPED.setRelease(this, dropped + 1); }

    void consumed() { CONSUMED.setRelease(this, consumed + 1); }

    long error() {
        long e = errors + 1;
        ERRORS.setRelease(this, e);
        return e;
    }

    public ModuleCounts snapshot() {
        return new ModuleCounts((long) SEEN.getAcquire(this), (long) FORWARDED.getAcquire(this),
                (long) DROPPED.getAcquire(this), (long) CONSUMED.getAcquire(this),
                (long) ERRORS.getAcquire(this));
    }
}
