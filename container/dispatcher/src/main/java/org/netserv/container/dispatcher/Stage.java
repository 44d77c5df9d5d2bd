package org.netserv.container.dispatcher;

import org.netserv.container.api.PacketFilter;
import org.netserv.container.api.PktProcessor;

/** One registered processor on the packet path, with its filter and its module's counters. */
public final class Stage {
    final PktProcessor processor;
    volatile PacketFilter filter; // a module may change its filter property at run time
    final ModuleCounters counters;

    public Stage(PktProcessor processor, PacketFilter filter, ModuleCounters counters) {
        this.processor = processor;
        this.filter = filter;
        this.counters = counters;
    }

    public ModuleCounters counters() { return counters; }

    @Override
    public String toString() {
        return counters.moduleId() + " filter=" + filter;
    }
}
