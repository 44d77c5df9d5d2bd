package org.netserv.controller.metrics;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the samples of one scrape, grouped into families by name, and builds the
 * Prometheus snapshots. Counter names are given without {@code _total} (the text format adds
 * it). A family's type and help are fixed by its first sample; a sample with the same labels
 * as an earlier one of its family is dropped (the exposition would be invalid).
 */
public final class MetricFamilies {
    private record Family(boolean counter, String help, Map<Labels, Double> points) {
    }

    private final Map<String, Family> families = new LinkedHashMap<>();

    public void counter(final String name, final String help, final double value, final String... labels) {
        add(name, true, help, value, labels);
    }

    public void gauge(final String name, final String help, final double value, final String... labels) {
        add(name, false, help, value, labels);
    }

    private void add(final String name, final boolean counter, final String help, final double value, final String... labels) {
        if (Double.isNaN(value)) {
            return;
        }
        final Family f = families.computeIfAbsent(name, k -> new Family(counter, help, new LinkedHashMap<>()));
        if (f.counter() != counter) {
            throw new IllegalArgumentException(name + " is already a " + (f.counter() ? "counter" : "gauge"));
        }
        f.points().putIfAbsent(Labels.of(labels), value);
    }

    public MetricSnapshots build() {
        final List<MetricSnapshot> out = new ArrayList<>();
        families.forEach((name, f) -> {
            if (f.counter()) {
                final CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(f.help());
                f.points().forEach((l, v) -> b.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                        .labels(l).value(Math.max(0, v)).build()));
                out.add(b.build());
            } else {
                final GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(f.help());
                f.points().forEach((l, v) -> b.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                        .labels(l).value(v).build()));
                out.add(b.build());
            }
        });
        return new MetricSnapshots(out);
    }
}
