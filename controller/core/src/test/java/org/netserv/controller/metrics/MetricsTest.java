package org.netserv.controller.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsTest {
    private static String text(final MetricFamilies f) throws IOException {
        final ByteArrayOutputStream b = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(b, f.build(), EscapingScheme.UNDERSCORE_ESCAPING);
        return b.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void countersGetTotalAndTypes() throws IOException {
        final MetricFamilies f = new MetricFamilies();
        f.counter("netserv_x_packets", "help", 3, "slot", "1");
        f.gauge("netserv_y_bytes", "help", 5);
        f.gauge("netserv_y_bytes", "help", Double.NaN, "a", "b");   // not available: left out
        final String t = text(f);
        assertTrue(t.contains("# TYPE netserv_x_packets_total counter"), t);
        assertTrue(t.contains("netserv_x_packets_total{slot=\"1\"} 3.0"), t);
        assertTrue(t.contains("# TYPE netserv_y_bytes gauge"), t);
        assertFalse(t.contains("a=\"b\""), t);
        assertThrows(IllegalArgumentException.class, () -> f.gauge("netserv_x_packets", "h", 1));
    }

    @Test
    void engineMetricsFromHandlers() throws IOException {
        final Map<String, String> h = Map.of("list", "3\nfd0\nto40\nns\n", "fd0.class", "FromDevice", "fd0.count", "12\n",
                "fd0.kernel_drops", "1", "to40.class", "ToUserDevice", "to40.count", "7", "to40.drops", "2",
                "to40.connections", "1", "to40.length", "3", "to40.capacity", "1024");
        final Map<String, String> all = new java.util.HashMap<>(h);
        all.put("ns.class", "IPClassifier");
        all.put("ns.hits", "0 5\n1 9\n");
        final MetricFamilies f = new MetricFamilies();
        EngineMetrics.all(x -> {
            final String v = all.get(x);
            if (v == null) {
                throw new IOException("no handler " + x);
            }
            return v;
        }, f);
        final String t = text(f);
        assertTrue(t.contains("netserv_click_device_rx_packets_total{element=\"fd0\"} 12.0"), t);
        assertTrue(t.contains("netserv_click_channel_drops_total{direction=\"to-user\",element=\"to40\"} 2.0"), t);
        assertTrue(t.contains("netserv_click_channel_queue_packets{direction=\"to-user\",element=\"to40\"} 3.0"), t);
        assertTrue(t.contains("netserv_click_classifier_hits_total{element=\"ns\",output=\"1\"} 9.0"), t);
    }

    @Test
    void cgroupV1AndV2(@TempDir final Path d) throws IOException {
        // /proc/42/cgroup and /proc/self/mountinfo, cgroup files under d/sys
        final Path proc = d.resolve("proc");
        Files.createDirectories(proc.resolve("42"));
        Files.createDirectories(proc.resolve("self"));
        Files.writeString(proc.resolve("42/cgroup"), "5:memory:/netserv-slot40-ab\n4:cpu,cpuacct:/netserv-slot40-ab\n3:pids:/netserv-slot40-ab\n0::/x\n");
        final Path mem = d.resolve("sys/memory/netserv-slot40-ab");
        final Path cpu = d.resolve("sys/cpu,cpuacct/netserv-slot40-ab");
        final Path pids = d.resolve("sys/pids/netserv-slot40-ab");
        Files.createDirectories(mem);
        Files.createDirectories(cpu);
        Files.createDirectories(pids);
        Files.writeString(mem.resolve("memory.usage_in_bytes"), "1048576\n");
        Files.writeString(cpu.resolve("cpuacct.usage"), "2500000000\n");
        Files.writeString(pids.resolve("pids.current"), "17\n");
        final String root = d.toString().substring(1);
        Files.writeString(proc.resolve("self/mountinfo"),
                "30 25 0:26 / /" + root + "/sys/memory rw,nosuid - cgroup cgroup rw,memory\n"
                + "31 25 0:27 / /" + root + "/sys/cpu,cpuacct rw,nosuid - cgroup cgroup rw,cpu,cpuacct\n"
                + "32 25 0:28 / /" + root + "/sys/pids rw,nosuid - cgroup cgroup rw,pids\n");
        final CgroupStats.Reading r = new CgroupStats(proc).read(42);
        assertTrue(r.readable(), r.why());
        assertEquals("v1", r.version());
        assertEquals(1048576, r.memoryBytes());
        assertEquals(2.5, r.cpuSeconds(), 1e-9);
        assertEquals(17, r.pids());

        Files.writeString(proc.resolve("42/cgroup"), "0::/slot40\n");
        final Path v2 = d.resolve("sys/unified/slot40");
        Files.createDirectories(v2);
        Files.writeString(v2.resolve("memory.current"), "4096\n");
        Files.writeString(v2.resolve("cpu.stat"), "usage_usec 1500000\nuser_usec 1\n");
        Files.writeString(v2.resolve("pids.current"), "3\n");
        Files.writeString(proc.resolve("self/mountinfo"), "40 25 0:29 / /" + root + "/sys/unified rw - cgroup2 cgroup2 rw\n");
        final CgroupStats.Reading r2 = new CgroupStats(proc).read(42);
        assertEquals("v2", r2.version());
        assertEquals(4096, r2.memoryBytes());
        assertEquals(1.5, r2.cpuSeconds(), 1e-9);
        assertEquals(3, r2.pids());

        Files.writeString(proc.resolve("self/mountinfo"), "");
        final CgroupStats.Reading none = new CgroupStats(proc).read(42);
        assertFalse(none.readable());
        assertTrue(none.why().contains("not mounted"), none.why());
        assertFalse(new CgroupStats(proc).read(7).readable());
    }

    @Test
    void aSharedGroupIsNotTheContainers(@TempDir final Path d) throws IOException {
        // this machine's layout: the launcher's own v1 memory group, cpuacct and pids still
        // at the root (shared with the controller): CPU and tasks come from the process
        final Path proc = d.resolve("proc");
        Files.createDirectories(proc.resolve("42/task/42"));
        Files.createDirectories(proc.resolve("42/task/43"));
        Files.createDirectories(proc.resolve("self"));
        Files.writeString(proc.resolve("self/cgroup"), "4:memory:/session\n2:cpuacct:/\n8:pids:/\n0::/\n");
        Files.writeString(proc.resolve("42/cgroup"), "4:memory:/netserv-slot0\n2:cpuacct:/\n8:pids:/\n0::/\n");
        final Path mem = d.resolve("sys/memory/netserv-slot0");
        final Path cpu = d.resolve("sys/cpuacct");
        Files.createDirectories(mem);
        Files.createDirectories(cpu);
        Files.writeString(mem.resolve("memory.usage_in_bytes"), "2097152\n");
        Files.writeString(cpu.resolve("cpuacct.usage"), "999000000000\n"); // the whole machine's
        Files.writeString(proc.resolve("42/stat"), "42 (java main) S 1 42 42 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 2 0\n");
        final String root = d.toString().substring(1);
        Files.writeString(proc.resolve("self/mountinfo"),
                "30 25 0:26 / /" + root + "/sys/memory rw,nosuid - cgroup cgroup rw,memory\n"
                + "31 25 0:27 / /" + root + "/sys/cpuacct rw,nosuid - cgroup cgroup rw,cpuacct\n");
        final CgroupStats.Reading r = new CgroupStats(proc).read(42);
        assertTrue(r.readable(), r.why());
        assertEquals(2097152, r.memoryBytes());
        assertEquals(3.0, r.cpuSeconds(), 1e-9); // (250 + 50) ticks of 1/100 s, not 999 s
        assertEquals(2, r.pids());
        assertEquals("v1;cpu pids from /proc", r.version());
    }
}
