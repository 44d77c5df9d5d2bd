package org.netserv.nsis.daemon;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NsisMetricsTest {
    @Test
    void countersBecomeTypedFamilies() throws Exception {
        final ByteArrayOutputStream b = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(b, NsisMetrics.snapshot(
                Map.of("rx/Query", 3L, "tx/Response", 2L, "tx-cmode/Data", 1L, "tx-query-retransmit", 4L, "routing-states", 5L, "ma-opened", 1L),
                Map.of("nslp-controller/SETUP/200", 2L, "nslp-controller/SETUP/403", 1L, "nslp-pending", 1L, "nslp-requests", 3L)),
                EscapingScheme.UNDERSCORE_ESCAPING);
        final String t = b.toString();
        assertTrue(t.contains("netserv_gist_messages_received_total{type=\"Query\"} 3.0"), t);
        assertTrue(t.contains("netserv_gist_messages_sent_total{mode=\"connection\",type=\"Data\"} 1.0"), t);
        assertTrue(t.contains("netserv_gist_query_retransmissions_total 4.0"), t);
        assertTrue(t.contains("# TYPE netserv_gist_routing_states gauge"), t);
        assertTrue(t.contains("netserv_nslp_controller_results_total{code=\"403\",method=\"SETUP\"} 1.0"), t);
        assertTrue(t.contains("netserv_nslp_sessions_pending 1.0"), t);
        assertTrue(t.contains("netserv_gist_events_total{event=\"ma-opened\"} 1.0"), t);
    }

    @Test
    void wildcardRefused() {
        assertThrows(IllegalArgumentException.class, () -> NsisMetrics.start("0.0.0.0:8471", Map::of, Map::of));
        assertThrows(IllegalArgumentException.class, () -> NsisMetrics.start("8471", Map::of, Map::of));
    }
}
