/*
 * RelayShared — what the relay threads share: the credentials, the per-user allocation
 * counts and bandwidth buckets, the total quota, the relay port pool and the EVEN-PORT
 * reservations (an RTP/RTCP pair's two clients may land on different threads). Only the
 * control path comes here, under this object's lock; relaying touches it only for a
 * user with a bandwidth limit (a short lock on that user's bucket).
 */
package org.netserv.apps.mediarelay;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

final class RelayShared {
    /** Per-user state: how many allocations, and the bandwidth token bucket. */
    static final class UserState {
        final String name;
        int allocations;
        long tokens, refilledAt;

        UserState(String name) { this.name = name; }
    }

    private record Reservation(DatagramChannel channel, int ip, int port, long expires) {}

    /** A relay socket just bound: its port, and the socket holding port+1 when reserved. */
    record Opened(DatagramChannel channel, int port, DatagramChannel reserved) {}

    final Config cfg;
    final Credentials creds;
    private final Map<String, UserState> users = new HashMap<>();
    private final Map<Long, Reservation> reservations = new HashMap<>();
    private final boolean[] portUsed;
    private int nextPort, allocations;
    private final SecureRandom random = new SecureRandom();

    RelayShared(Config cfg) {
        this.cfg = cfg;
        this.creds = new Credentials(cfg.realm, cfg.users, cfg.secret, cfg.nonceLifetime);
        this.portUsed = new boolean[cfg.relayHigh - cfg.relayLow + 1];
    }

    /** Counts a new allocation for {@code user}: its state, or 486 / 508 when a quota says no. */
    synchronized Object admit(String user, long now) {
        UserState u = users.computeIfAbsent(user, UserState::new);
        if (u.allocations >= cfg.userQuota) return 486;
        if (allocations >= cfg.totalQuota) return 508;
        u.allocations++;
        allocations++;
        if (u.refilledAt == 0) {
            u.refilledAt = now;
            u.tokens = cfg.maxBps;
        }
        return u;
    }

    synchronized void leave(UserState u) {
        u.allocations--;
        allocations--;
    }

    /** Token bucket per user: may {@code len} more bytes be relayed now? */
    boolean bandwidth(UserState u, int len, long now) {
        if (cfg.maxBps == 0) return true;
        synchronized (u) {
            long elapsed = now - u.refilledAt;
            if (elapsed > 0) {
                long add = elapsed * cfg.maxBps / 1_000_000_000L;
                if (add > 0) {
                    u.tokens = Math.min(cfg.maxBps, u.tokens + add);
                    u.refilledAt = now;
                }
            }
            if (u.tokens < len) return false;
            u.tokens -= len;
            return true;
        }
    }

    /** Binds a relay socket in relay_ports (even, and port+1 held too when reserving); null when none is free. */
    synchronized Opened open(InetAddress ip, boolean even, boolean reserve) {
        int n = portUsed.length;
        for (int tries = 0; tries < n; tries++) {
            int i = (nextPort + tries) % n;
            int port = cfg.relayLow + i;
            if (portUsed[i] || (even && (port & 1) != 0)) continue;
            if (reserve && (i + 1 >= n || portUsed[i + 1])) continue;
            DatagramChannel c = bind(ip, port);
            if (c == null) continue;
            DatagramChannel r = null;
            if (reserve) {
                r = bind(ip, port + 1);
                if (r == null) {
                    closeQuietly(c);
                    continue;
                }
                portUsed[i + 1] = true;
            }
            portUsed[i] = true;
            nextPort = (i + (reserve ? 2 : 1)) % n;
            return new Opened(c, port, r);
        }
        return null;
    }

    private static DatagramChannel bind(InetAddress ip, int port) {
        DatagramChannel c = null;
        try {
            c = DatagramChannel.open();
            c.bind(new InetSocketAddress(ip, port));
            return c;
        } catch (IOException e) {
            if (c != null) closeQuietly(c);
            return null;                           // taken by someone else (or not ours): try the next one
        }
    }

    synchronized void release(DatagramChannel c, int port) {
        closeQuietly(c);
        int i = port - cfg.relayLow;
        if (i >= 0 && i < portUsed.length) portUsed[i] = false;
    }

    /** Keeps {@code channel} (bound to port) for a later Allocate with the returned token. */
    synchronized long reserve(DatagramChannel channel, int ip, int port, long expires) {
        long token;
        do token = random.nextLong(); while (token == 0 || reservations.containsKey(token));
        reservations.put(token, new Reservation(channel, ip, port, expires));
        return token;
    }

    /** The reserved socket for a token, or null (unknown, expired or for another address: released then). */
    synchronized Opened take(long token, int ip, long now) {
        Reservation r = reservations.remove(token);
        if (r == null) return null;
        if (r.expires <= now || r.ip != ip) {
            release(r.channel, r.port);
            return null;
        }
        return new Opened(r.channel, r.port, null);
    }

    synchronized void expireReservations(long now) {
        for (Iterator<Reservation> it = reservations.values().iterator(); it.hasNext(); ) {
            Reservation r = it.next();
            if (r.expires <= now) {
                release(r.channel, r.port);
                it.remove();
            }
        }
    }

    synchronized void shutdown() {
        for (Reservation r : reservations.values()) release(r.channel, r.port);
        reservations.clear();
    }

    static void closeQuietly(DatagramChannel c) {
        try {
            c.close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}
