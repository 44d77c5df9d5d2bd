/*
 * MediaRelay — the relay as a whole: THREADS relay loops (property threads, default the
 * number of CPUs, at most 8) sharing one RelayShared. Every loop binds the same listening
 * addresses with SO_REUSEPORT, so the kernel keeps each client 5-tuple on one loop and
 * spreads clients over the loops; an allocation's relay socket is served by the loop that
 * created it. STATUS sums the loops' counters.
 */
package org.netserv.apps.mediarelay;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

final class MediaRelay {
    private final Config cfg;
    private final List<RelayLoop> loops = new ArrayList<>();

    MediaRelay(Config cfg) throws IOException {
        this.cfg = cfg;
        RelayShared shared = new RelayShared(cfg);
        try {
            for (int i = 0; i < cfg.threads; i++) loops.add(new RelayLoop(shared, i));
        } catch (IOException e) {
            stop();
            throw e;
        }
    }

    void start() {
        for (RelayLoop l : loops) l.start();
    }

    void stop() {
        for (RelayLoop l : loops) l.stop();
    }

    /** STATUS words: where it listens, then the counters summed over the loops. */
    String status() {
        List<InetSocketAddress> bound = loops.isEmpty() ? List.of() : loops.get(0).listening();
        StringBuilder s = new StringBuilder("listen=");
        for (int i = 0; i < bound.size(); i++) {
            InetSocketAddress a = bound.get(i);
            s.append(i == 0 ? "" : ",").append(a.getAddress().getHostAddress()).append(':').append(a.getPort());
        }
        s.append(" transports=udp").append(cfg.tcp ? ",tcp" : "").append(" relay_ports=").append(cfg.relayLow).append('-')
                .append(cfg.relayHigh).append(" threads=").append(loops.size());
        List<Counters> all = new ArrayList<>();
        for (RelayLoop l : loops) all.add(l.server.counters);
        s.append(' ').append(Counters.line(all));
        return s.toString();
    }
}
