package org.netserv.nsis.gist.node;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.channels.DatagramChannel;
import java.util.HashMap;
import java.util.Map;
import org.netserv.nsis.gist.wire.Gist;
import org.netserv.nsis.gist.wire.Nli;

/**
 * What this node calls itself toward a peer: the interface address the kernel
 * routes from (or the configured one) for our NLI, and whether an address is
 * the node's own (then nobody lies beyond it). Peers are attacker-chosen, so
 * both caches stay bounded. Used only on the event loop.
 */
final class LocalAddresses {
    private static final int CACHE_LIMIT = 4096;

    private final GistConfig cfg;
    private final byte[] peerId;
    private final Map<InetAddress, InetAddress> routeCache = new HashMap<>();
    private final Map<InetAddress, Boolean> localCache = new HashMap<>();

    LocalAddresses(GistConfig cfg, byte[] peerId) {
        this.cfg = cfg;
        this.peerId = peerId;
    }

    /** Our NLI toward {@code peer}. */
    Nli ourNli(InetAddress peer, int ttl) {
        return new Nli(ttl, cfg.stateValidityMs, peerId, interfaceAddressToward(peer).getAddress());
    }

    private InetAddress interfaceAddressToward(InetAddress peer) {
        if (cfg.address != null) return cfg.address;
        if (cfg.bindAddress != null && !cfg.bindAddress.isAnyLocalAddress()) return cfg.bindAddress;
        if (routeCache.size() >= CACHE_LIMIT) routeCache.clear();     // peers are attacker-chosen: stay bounded
        return routeCache.computeIfAbsent(peer, p -> {
            try (DatagramChannel probe = DatagramChannel.open()) {
                probe.connect(new InetSocketAddress(p, Gist.PORT));
                return ((InetSocketAddress) probe.getLocalAddress()).getAddress();
            } catch (IOException e) {
                return InetAddress.getLoopbackAddress();
            }
        });
    }

    /** True when {@code a} is this node itself (then nobody lies beyond it). */
    boolean isLocal(InetAddress a) {
        if (localCache.size() >= CACHE_LIMIT) localCache.clear();
        return localCache.computeIfAbsent(a, x -> {
            if (cfg.bindAddress != null && !cfg.bindAddress.isAnyLocalAddress()) return cfg.bindAddress.equals(x);
            try {
                return NetworkInterface.getByInetAddress(x) != null;
            } catch (SocketException e) {
                return false;
            }
        });
    }
}
