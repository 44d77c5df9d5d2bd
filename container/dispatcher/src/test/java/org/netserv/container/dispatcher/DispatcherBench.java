package org.netserv.container.dispatcher;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.netserv.container.api.PacketContext;
import org.netserv.container.api.PacketFilter;
import org.netserv.container.api.Verdict;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Java-side cost per packet of the dispatcher (JMH): no module, a trivial counting
 * module (the paper's configuration 5 analogue), and a filtered rewriting module.
 * Run by tests/container/bench-container.sh with -prof gc: gc.alloc.rate.norm must be 0.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DispatcherBench {
    @Param({"64", "340"})
    int size;

    ByteBuffer packet;
    Dispatcher dispatcher;
    Stage[] none, counting, rewriting;
    long count;
    final PacketContext ctx = p -> false;

    @Setup
    public void setUp() {
        packet = ByteBuffer.allocateDirect(2048);
        packet.put(0, (byte) 0x45).putShort(2, (short) size).put(8, (byte) 64).put(9, (byte) 17);
        packet.putInt(12, 0x0a4d0101).putInt(16, 0x0a4d0201).putShort(20, (short) 40000).putShort(22, (short) 5000);
        packet.limit(size);
        dispatcher = new Dispatcher(m -> { });
        none = new Stage[0];
        counting = new Stage[] {new Stage((p, c) -> {
            count++;
            return Verdict.FORWARD;
        }, PacketFilter.ALL, new ModuleCounters("count_1"))};
        rewriting = new Stage[] {new Stage((p, c) -> {
            p.put(1, (byte) 0xb8);
            return Verdict.FORWARD;
        }, PacketFilter.parse("proto=udp dport=5000"), new ModuleCounters("rw_1"))};
    }

    @Benchmark
    public int noModule() {
        return dispatcher.dispatch(packet, none, ctx);
    }

    @Benchmark
    public int countingModule() {
        return dispatcher.dispatch(packet, counting, ctx);
    }

    @Benchmark
    public int filteredRewriter() {
        return dispatcher.dispatch(packet, rewriting, ctx);
    }
}
