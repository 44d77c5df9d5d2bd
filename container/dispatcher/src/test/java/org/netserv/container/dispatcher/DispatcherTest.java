package org.netserv.container.dispatcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.netserv.container.api.DispatcherStats;
import org.netserv.container.api.PacketContext;
import org.netserv.container.api.PacketFilter;
import org.netserv.container.api.PktProcessor;
import org.netserv.container.api.Verdict;

class DispatcherTest {
    final List<String> log = new ArrayList<>();
    final Dispatcher d = new Dispatcher(log::add);
    final PacketContext noInject = p -> false;

    static ByteBuffer udp(int dport) {
        ByteBuffer b = ByteBuffer.allocateDirect(2048);
        b.put(0, (byte) 0x45).putShort(2, (short) 28).put(8, (byte) 64).put(9, (byte) 17);
        b.putInt(12, 0x0a000001).putInt(16, 0x0a000002).putShort(20, (short) 1234).putShort(22, (short) dport);
        return b.limit(28);
    }

    static Stage stage(String id, String filter, PktProcessor p) {
        return new Stage(p, PacketFilter.parse(filter), new ModuleCounters(id));
    }

    @Test
    void unclaimedPacketsAreForwardedUnchanged() {
        ByteBuffer p = udp(53);
        byte[] before = bytes(p);
        Stage only53 = stage("a_1", "proto=udp dport=54", (b, c) -> Verdict.DROP);
        assertEquals(Dispatcher.FORWARD, d.dispatch(p, new Stage[] {only53}, noInject));
        assertArrayEquals(before, bytes(p));
        assertEquals(0, only53.counters().snapshot().seen());
        assertEquals(Dispatcher.FORWARD, d.dispatch(p, new Stage[0], noInject));
    }

    @Test
    void modulesRunInOrderAndTheFirstDropEnds() {
        List<String> calls = new ArrayList<>();
        Stage a = stage("a_1", "", (b, c) -> {
            calls.add("a");
            b.put(1, (byte) 7);
            return Verdict.FORWARD;
        });
        Stage b = stage("b_1", "", (p, c) -> {
            calls.add("b:" + p.get(1) + ":" + p.position());
            return Verdict.DROP;
        });
        Stage c = stage("c_1", "", (p, x) -> {
            calls.add("c");
            return Verdict.FORWARD;
        });
        assertEquals(Dispatcher.DROP, d.dispatch(udp(1), new Stage[] {a, b, c}, noInject));
        assertEquals(List.of("a", "b:7:0"), calls);
        assertEquals(new DispatcherStats.ModuleCounts(1, 1, 0, 0, 0), a.counters().snapshot());
        assertEquals(new DispatcherStats.ModuleCounts(1, 0, 1, 0, 0), b.counters().snapshot());
        assertEquals(new DispatcherStats.ModuleCounts(0, 0, 0, 0, 0), c.counters().snapshot());
    }

    @Test
    void consumeAndLengthChange() {
        Stage grow = stage("g_1", "", (p, c) -> {
            p.limit(p.limit() + 4).putInt(p.limit() - 4, 0xdeadbeef);
            p.position(3); // the dispatcher resets position: packets always start at 0
            return Verdict.FORWARD;
        });
        ByteBuffer p = udp(1);
        assertEquals(Dispatcher.FORWARD, d.dispatch(p, new Stage[] {grow}, noInject));
        assertEquals(32, p.limit());
        assertEquals(0, p.position());
        Stage eat = stage("e_1", "", (x, c) -> Verdict.CONSUME);
        assertEquals(Dispatcher.CONSUME, d.dispatch(p, new Stage[] {eat}, noInject));
        assertEquals(1, eat.counters().snapshot().consumed());
    }

    @Test
    void aThrowingModuleIsCountedAndSkipped() {
        Stage bad = stage("bad_1", "", (p, c) -> {
            throw new IllegalStateException("boom");
        });
        Stage next = stage("next_1", "", (p, c) -> Verdict.FORWARD);
        Stage nul = stage("null_1", "", (p, c) -> null);
        for (int i = 0; i < 5; i++) {
            assertEquals(Dispatcher.FORWARD, d.dispatch(udp(1), new Stage[] {bad, nul, next}, noInject));
        }
        assertEquals(5, bad.counters().snapshot().errors());
        assertEquals(5, nul.counters().snapshot().errors());
        assertEquals(5, next.counters().snapshot().seen());
        assertTrue(log.get(0).contains("bad_1") && log.get(0).contains("boom"), log.toString());
        assertTrue(log.size() <= 8, "logging is bounded: " + log.size());
    }

    @Test
    void filterMatchesProtocolsPrefixesAndPorts() {
        ByteBuffer p = udp(5060);
        assertTrue(PacketFilter.parse("proto=udp dport=5000-6000 dst=10.0.0.0/8").matches(p));
        assertTrue(!PacketFilter.parse("proto=tcp").matches(p));
        assertTrue(!PacketFilter.parse("src=10.0.0.2").matches(p));
        assertTrue(PacketFilter.parse("proto=17,sport=1234").matches(p));
        p.putShort(6, (short) 0x0010); // a later fragment has no ports
        assertTrue(!PacketFilter.parse("proto=udp dport=5060").matches(p));
        assertTrue(!PacketFilter.parse("proto=udp").matches(udp(1).limit(10)));
    }

    @Test
    void noAllocationPerPacket() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] count = new long[1];
        Stage counter = stage("count_1", "proto=udp dport=1-65535", (p, c) -> {
            count[0]++;
            return Verdict.FORWARD;
        });
        Stage rewriter = stage("rw_1", "", (p, c) -> {
            p.put(1, (byte) 0xb8);
            return Verdict.FORWARD;
        });
        Stage[] path = {counter, rewriter};
        ByteBuffer p = udp(9);
        for (int i = 0; i < 200_000; i++) { // warm up: let the JIT settle
            d.dispatch(p, path, noInject);
        }
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        int n = 1_000_000;
        for (int i = 0; i < n; i++) {
            d.dispatch(p, path, noInject);
        }
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        assertTrue(allocated < n / 100, allocated + " bytes allocated for " + n + " packets");
        assertEquals(1_200_000, count[0]);
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.limit()];
        b.duplicate().position(0).get(out);
        return out;
    }
}
