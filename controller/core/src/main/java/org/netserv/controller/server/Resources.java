package org.netserv.controller.server;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.netserv.controller.container.ContainerStatus;

/** The node's resources for a {@code probe: resources} answer, from /proc and the state filesystem. */
final class Resources {
    private Resources() {
    }

    static String line(final Path stateDir, final Map<Integer, ContainerStatus> containers) {
        final StringBuilder b = new StringBuilder();
        b.append("cpus=").append(Runtime.getRuntime().availableProcessors());
        try {
            b.append(" load1=").append(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            b.append(" load1=unknown");
        }
        try {
            for (final String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (l.startsWith("MemTotal:") || l.startsWith("MemAvailable:")) {
                    final String[] f = l.split("\\s+");
                    b.append(l.startsWith("MemTotal:") ? " mem-total-kb=" : " mem-available-kb=").append(f[1]);
                }
            }
        } catch (IOException e) {
            b.append(" mem=unknown");
        }
        try {
            final FileStore fs = Files.getFileStore(stateDir);
            b.append(" disk-free-mb=").append(fs.getUsableSpace() >> 20);
        } catch (IOException e) {
            b.append(" disk-free-mb=unknown");
        }
        containers.forEach((slot, st) -> {
            final String heap = st.other().get("heap-used");
            if (heap != null) {
                b.append(" slot").append(slot).append("-heap-used=").append(heap.trim());
            }
        });
        return b.toString();
    }
}
