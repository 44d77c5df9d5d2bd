package org.netserv.controller.metrics;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Metrics of a running netserv-click graph, read from its handlers: per device rx/tx/drops
 * (FromDevice, ToDevice, KernelTap), per packet channel count/drops/queue depth
 * (ToUserDevice, FromUserDevice), per classifier output hits ({@code hits} handler of
 * Classifier, IPClassifier, IPFilter), Counter counts and queue lengths. Used by
 * netserv-click-exporter (every element) and by the controller (its classifier's hits).
 */
public final class EngineMetrics {
    /** Reads one handler, {@code ELEMENT.HANDLER} (or a global one). */
    @FunctionalInterface
    public interface Handlers {
        String read(String handler) throws IOException;
    }

    private EngineMetrics() {
    }

    /** Every element of the graph ({@code list}, then {@code ELEMENT.class}). */
    public static void all(final Handlers h, final MetricFamilies out) throws IOException {
        final List<String> names = new ArrayList<>();
        final String[] lines = h.read("list").split("\n");
        for (int i = 1; i < lines.length; i++) {   // first line: the count
            if (!lines[i].isBlank()) {
                names.add(lines[i].trim());
            }
        }
        for (final String e : names) {
            final String cls = h.read(e + ".class").trim();
            switch (cls) {
                case "FromDevice" -> {
                    out.counter("netserv_click_device_rx_packets", "Packets received from the device", num(h, e, "count"), "element", e);
                    out.counter("netserv_click_device_kernel_drops", "Packets the kernel dropped before the engine read them",
                            num(h, e, "kernel_drops"), "element", e);
                }
                case "ToDevice" -> {
                    out.counter("netserv_click_device_tx_packets", "Packets sent on the device", num(h, e, "count"), "element", e);
                    out.counter("netserv_click_device_tx_drops", "Packets the device refused", num(h, e, "drops"), "element", e);
                }
                case "KernelTap" -> {
                    out.counter("netserv_click_device_rx_packets", "Packets received from the device", num(h, e, "count"), "element", e);
                    out.counter("netserv_click_device_tx_packets", "Packets sent on the device", num(h, e, "sent"), "element", e);
                    out.counter("netserv_click_device_tx_drops", "Packets the device refused", num(h, e, "drops"), "element", e);
                }
                case "ToUserDevice" -> {
                    channel(h, e, "to-user", out);
                    out.gauge("netserv_click_channel_queue_packets", "Packets waiting in the channel's ring",
                            num(h, e, "length"), "element", e, "direction", "to-user");
                    out.gauge("netserv_click_channel_queue_capacity_packets", "Size of the channel's ring",
                            num(h, e, "capacity"), "element", e, "direction", "to-user");
                }
                case "FromUserDevice" -> {
                    channel(h, e, "from-user", out);
                    out.counter("netserv_click_channel_malformed_packets", "Malformed packets read from the channel",
                            num(h, e, "bad"), "element", e, "direction", "from-user");
                }
                case "Classifier", "IPClassifier", "IPFilter" -> hits(h, e, out);
                case "Counter" -> out.counter("netserv_click_element_packets", "Packets counted by a Counter element",
                        num(h, e, "count"), "element", e);
                default -> { }
            }
        }
    }

    private static void channel(final Handlers h, final String e, final String dir, final MetricFamilies out) throws IOException {
        out.counter("netserv_click_channel_packets", "Packets through the packet channel", num(h, e, "count"), "element", e, "direction", dir);
        out.counter("netserv_click_channel_drops", "Packets the packet channel dropped", num(h, e, "drops"), "element", e, "direction", dir);
        out.gauge("netserv_click_channel_connections", "Processes connected to the channel", num(h, e, "connections"),
                "element", e, "direction", dir);
    }

    /** {@code ELEMENT.hits}: one line per output, "OUTPUT COUNT". */
    public static void hits(final Handlers h, final String element, final MetricFamilies out) throws IOException {
        for (final String l : h.read(element + ".hits").split("\n")) {
            final String[] f = l.trim().split("\\s+");
            if (f.length == 2) {
                out.counter("netserv_click_classifier_hits", "Packets a classifier sent to an output (rule)",
                        Double.parseDouble(f[1]), "element", element, "output", f[0]);
            }
        }
    }

    private static double num(final Handlers h, final String e, final String handler) throws IOException {
        try {
            return Double.parseDouble(h.read(e + "." + handler).trim());
        } catch (NumberFormatException x) {
            return Double.NaN;
        }
    }
}
