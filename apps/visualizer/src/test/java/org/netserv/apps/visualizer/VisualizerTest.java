package org.netserv.apps.visualizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class VisualizerTest {
    static String report(String node, long seq, long time, long packets, int part, int parts, String flows) {
        return "{\"node\":\"" + node + "\",\"module\":\"NetServ.apps.NetMonitor_1.0.0\",\"seq\":" + seq
                + ",\"part\":" + part + ",\"parts\":" + parts + ",\"time_ms\":" + time + ",\"interval_ms\":500,\"packets\":"
                + packets + ",\"overflow\":0,\"flows\":[" + flows + "]}";
    }

    static boolean feed(Board b, String s, String from) {
        byte[] d = s.getBytes(StandardCharsets.UTF_8);
        return b.accept(d, d.length, from, 0);
    }

    @Test
    void mergesPartsAndDerivesRates() {
        Board b = new Board();
        assertTrue(feed(b, report("r2", 0, 1000, 100, 0, 2, "{\"src\":\"10.0.1.1\",\"dst\":\"10.0.2.1\",\"ttl\":63,\"packets\":60}"), "10.0.0.2"));
        assertTrue(feed(b, report("r2", 0, 1000, 100, 1, 2, "{\"src\":\"10.0.1.1\",\"dst\":\"10.0.2.2\",\"ttl\":63,\"packets\":40}"), "10.0.0.2"));
        assertTrue(feed(b, report("r2", 1, 1500, 150, 0, 1, "{\"src\":\"10.0.1.1\",\"dst\":\"10.0.2.1\",\"ttl\":63,\"packets\":110}"), "10.0.0.2"));
        assertEquals(150, b.packets("r2"));
        String json = b.json(2000);
        assertTrue(json.contains("\"rate\":[[1500,100.0]]"), json);
        assertTrue(json.contains("{\"src\":\"10.0.1.1\",\"dst\":\"10.0.2.2\",\"ttl\":63,\"packets\":40}"), json);
        assertTrue(b.text(2000).contains("r2 (10.0.0.2)  total 150 packets  100.0 pkt/s"), b.text(2000));
    }

    @Test
    void rejectsWhatIsNotAReport() {
        Board b = new Board();
        assertFalse(feed(b, "not json", "1.2.3.4"));
        assertFalse(feed(b, "{\"node\":\"x\"}", "1.2.3.4"));
        assertFalse(feed(b, "[1,2]", "1.2.3.4"));
        assertEquals(3, b.rejected());
        assertEquals(-1, b.packets("x"));
    }

    @Test
    void servesReportsOverUdpAndHttp() throws Exception {
        Visualizer v = new Visualizer();
        v.udpPort = 0;
        v.httpPort = 0;
        v.bind = "127.0.0.1";
        v.start();
        try (DatagramSocket s = new DatagramSocket()) {
            byte[] d = report("r1", 0, 1, 7, 0, 1, "").getBytes(StandardCharsets.UTF_8);
            s.send(new DatagramPacket(d, d.length, InetAddress.getLoopbackAddress(), v.udpPort()));
            for (int i = 0; i < 100 && v.board.packets("r1") != 7; i++) Thread.sleep(20);
            assertEquals(7, v.board.packets("r1"));
            HttpClient c = HttpClient.newHttpClient();
            String api = c.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + v.httpPort() + "/api/nodes")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(api.contains("\"node\":\"r1\""), api);
            HttpResponse<String> page = c.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + v.httpPort() + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("<canvas"), "the page draws charts");
        } finally {
            v.stop();
        }
    }
}
