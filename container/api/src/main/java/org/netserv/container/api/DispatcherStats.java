/*
 * DispatcherStats — what the packet dispatcher reports to the control channel's STATUS.
 *
 * The dispatcher publishes a java.util.function.Supplier<DispatcherStats> service with
 * service property ROLE_PROPERTY=ROLE; the runtime (outside the framework) reads it. The
 * record crosses the framework boundary as one class because this package is exported by
 * the system bundle (the runtime has it on its class path).
 */
package org.netserv.container.api;

import java.util.Map;

/**
 * @param channel      the packet channel's state ("none" when the container has no packet path)
 * @param packets      container totals; null while no packet loop runs
 * @param modules      per bundle id, that module's counters
 * @param filterErrors per bundle id, why its {@link PktProcessor#FILTER} was refused
 */
public record DispatcherStats(String channel, ChannelCounts packets, Map<Long, ModuleCounts> modules,
                              Map<Long, String> filterErrors) {

    /** Service property naming the dispatcher's stats service, and its value. */
    public static final String ROLE_PROPERTY = "netserv.role";
    public static final String ROLE = "dispatcher-stats";

    public DispatcherStats {
        modules = Map.copyOf(modules);
        filterErrors = Map.copyOf(filterErrors);
    }

    /** Counters of the container's packet loop. */
    public record ChannelCounts(long in, long forwarded, long dropped, long consumed, long injected, long malformed,
                                long injectFailed) {
    }

    /** Counters of one module. */
    public record ModuleCounts(long seen, long forwarded, long dropped, long consumed, long errors) {
        public static final ModuleCounts NONE = new ModuleCounts(0, 0, 0, 0, 0);
    }
}
