package org.netserv.apps.netmonitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.netserv.container.api.Verdict;

class NetMonitorTest {

    static ByteBuffer ip(int src, int dst, int ttl) {
        ByteBuffer p = ByteBuffer.allocateDirect(64);
        p.put(0, (byte) 0x45).put(8, (byte) ttl).put(9, (byte) 17).putInt(12, src).putInt(16, dst);
        p.limit(28);
        return p;
    }

    @Test
    void countsByTheThreeTuple() {
        FlowTable t = new FlowTable(64);
        for (int i = 0; i < 5; i++) t.count(1, 2, 64);
        for (int i = 0; i < 3; i++) t.count(1, 2, 63);
        t.count(2, 1, 64);
        Map<String, Long> seen = new HashMap<>();
        t.forEach((s, d, ttl, n) -> seen.put(s + ">" + d + "/" + ttl, n));
        assertEquals(Map.of("1>2/64", 5L, "1>2/63", 3L, "2>1/64", 1L), seen);
        assertEquals(9, t.packets());
    }

    @Test
    void aFullTableCountsOverflowInsteadOfGrowing() {
        FlowTable t = new FlowTable(16);
        for (int i = 0; i < 40; i++) t.count(i, 0, 64);
        assertEquals(16, t.slots());
        assertEquals(24, t.overflow());
        assertEquals(40, t.packets());
    }

    @Test
    void forwardsEverythingUnchangedAndReportsOverUdp() throws Exception {
        try (DatagramSocket vis = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            vis.setSoTimeout(5000);
            FlowTable t = new FlowTable(1024);
            NetMonitor m = new NetMonitor(t, new InetSocketAddress(InetAddress.getLoopbackAddress(), vis.getLocalPort()),
                    50, "r\"2", "NetServ.apps.NetMonitor_1.0.0");
            for (int i = 0; i < 100; i++) {
                ByteBuffer p = ip(0x0a000101, 0x0a000201 + i % 50, 64);
                assertEquals(Verdict.FORWARD, m.process(p, null));
                assertEquals(0x0a000101, p.getInt(12));
            }
            m.process(ByteBuffer.allocate(8), null); // truncated: ignored, not counted
            try (DatagramSocket s = new DatagramSocket()) {
                m.report(s);
            }
            StringBuilder all = new StringBuilder();
            int parts;
            do {
                byte[] b = new byte[65535];
                DatagramPacket d = new DatagramPacket(b, b.length);
                vis.receive(d);
                String json = new String(d.getData(), 0, d.getLength(), StandardCharsets.UTF_8);
                all.append(json);
                parts = Integer.parseInt(json.replaceAll(".*\"parts\":(\\d+).*", "$1"));
            } while (all.toString().split("\"part\":").length - 1 < parts);
            String r = all.toString();
            assertTrue(r.contains("\"node\":\"r\\\"2\""), r);
            assertTrue(r.contains("\"packets\":100,"), r);
            assertTrue(r.contains("{\"src\":\"10.0.1.1\",\"dst\":\"10.0.2.49\",\"ttl\":64,\"packets\":2}"), r);
            assertEquals(2, parts, "50 flows at 40 per part");
        }
    }
}
