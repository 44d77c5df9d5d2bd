/*
 * Config — the relay's settings, from the SETUP's properties (DESIGN.md §3.3,
 * "k=v,..." — so lists inside a value are ';'-separated). The ports must be among
 * those the slot's policy gives the publisher (the publisher signals what its
 * contract with the operator allows; the module never picks others).
 *
 *   port=3478               STUN/TURN port, UDP and TCP
 *   tcp=true                also listen on TCP
 *   listen_ip=a;b           addresses to listen on (default: every IPv4 address of the node)
 *   relay_ports=49152-49999 relayed transport addresses are taken from this range
 *   realm=netserv           REALM
 *   users=alice:pw;bob:pw2  static long-term credentials
 *   secret=S                REST credentials (coturn use-auth-secret): username "expiry:user",
 *                           password base64(HMAC-SHA1(S, username))
 *   user_quota=10           allocations per user (486 beyond)
 *   total_quota=1000        allocations in all (508 beyond)
 *   max_bps=0               bytes/s a user may relay, both directions (0: unlimited)
 *   max_lifetime=3600, default_lifetime=600, permission_lifetime=300, channel_lifetime=600,
 *   nonce_lifetime=600      seconds
 *   max_permissions=64, max_channels=64   per allocation (508 beyond)
 *   deny_peers=0.0.0.0/8;127.0.0.0/8;224.0.0.0/3   peers refused with 403
 *   software=NetServ MediaRelay   SOFTWARE attribute (empty: none)
 *   threads=N               relay threads (default: the CPUs the JVM sees, at most 8)
 *   channels=rfc8656        channel numbers 0x4000-0x4FFF; "rfc5766" also takes 0x5000-0x7FFF,
 *                           which RFC 5766 allowed and coturn's clients still pick
 */
package org.netserv.apps.mediarelay;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

final class Config {
    static final Set<String> KEYS = Set.of("port", "tcp", "listen_ip", "relay_ports", "realm", "users", "secret",
            "user_quota", "total_quota", "max_bps", "max_lifetime", "default_lifetime", "permission_lifetime",
            "channel_lifetime", "nonce_lifetime", "max_permissions", "max_channels", "deny_peers", "software", "channels", "threads");

    final int port;
    final boolean tcp;
    final List<InetAddress> listen;
    final int relayLow, relayHigh;
    final String realm, secret, software;
    final Map<String, String> users;
    final int userQuota, totalQuota, maxPermissions, maxChannels;
    final long maxBps;
    final int maxLifetime, defaultLifetime, permissionLifetime, channelLifetime, nonceLifetime;
    /** deny_peers as (network, mask) pairs. */
    final int[] denyNet, denyMask;
    final int threads;
    /** Highest channel number ChannelBind accepts. */
    final int channelMax;

    Config(Map<String, String> p) {
        for (String k : p.keySet()) {
            if (!KEYS.contains(k)) throw new IllegalArgumentException("unknown property '" + k + "' (known: " + KEYS + ")");
        }
        port = range(p, "port", 3478, 1, 65535);
        tcp = !"false".equalsIgnoreCase(p.getOrDefault("tcp", "true"));
        listen = addresses(p.get("listen_ip"));
        String[] r = p.getOrDefault("relay_ports", "49152-49999").split("-");
        if (r.length != 2) throw new IllegalArgumentException("relay_ports: expected LOW-HIGH, got " + p.get("relay_ports"));
        relayLow = parse("relay_ports", r[0].trim(), 1, 65535);
        relayHigh = parse("relay_ports", r[1].trim(), relayLow + 1, 65535);
        if (port >= relayLow && port <= relayHigh) throw new IllegalArgumentException("port " + port + " lies in relay_ports");
        realm = p.getOrDefault("realm", "netserv");
        secret = p.getOrDefault("secret", "");
        software = p.getOrDefault("software", "NetServ MediaRelay");
        users = new LinkedHashMap<>();
        for (String u : p.getOrDefault("users", "").split(";")) {
            if (u.isBlank()) continue;
            int c = u.indexOf(':');
            if (c <= 0) throw new IllegalArgumentException("users: expected name:password, got '" + u + "'");
            users.put(u.substring(0, c), u.substring(c + 1));
        }
        if (users.isEmpty() && secret.isEmpty()) throw new IllegalArgumentException("no credentials: give users=... or secret=...");
        userQuota = range(p, "user_quota", 10, 1, 1 << 20);
        totalQuota = range(p, "total_quota", 1000, 1, 1 << 20);
        maxBps = range(p, "max_bps", 0, 0, Integer.MAX_VALUE);
        maxLifetime = range(p, "max_lifetime", 3600, 1, 86400);
        defaultLifetime = range(p, "default_lifetime", 600, 1, maxLifetime);
        permissionLifetime = range(p, "permission_lifetime", 300, 1, 86400);
        channelLifetime = range(p, "channel_lifetime", 600, 1, 86400);
        nonceLifetime = range(p, "nonce_lifetime", 600, 1, 86400);
        maxPermissions = range(p, "max_permissions", 64, 1, 4096);
        maxChannels = range(p, "max_channels", 64, 1, 4096);
        threads = range(p, "threads", Math.min(8, Runtime.getRuntime().availableProcessors()), 1, 64);
        String ch = p.getOrDefault("channels", "rfc8656");
        if (!ch.equals("rfc8656") && !ch.equals("rfc5766")) throw new IllegalArgumentException("channels: rfc8656 or rfc5766, got '" + ch + "'");
        channelMax = ch.equals("rfc8656") ? Stun.CHANNEL_MAX : 0x7FFF;
        String[] deny = p.getOrDefault("deny_peers", "0.0.0.0/8;127.0.0.0/8;224.0.0.0/3").split(";");
        List<int[]> d = new ArrayList<>();
        for (String s : deny) {
            if (s.isBlank()) continue;
            String[] nm = s.trim().split("/");
            int len = nm.length == 2 ? parse("deny_peers", nm[1], 0, 32) : 32;
            int mask = len == 0 ? 0 : -1 << (32 - len);
            d.add(new int[] {ipv4(nm[0], "deny_peers") & mask, mask});
        }
        denyNet = d.stream().mapToInt(x -> x[0]).toArray();
        denyMask = d.stream().mapToInt(x -> x[1]).toArray();
    }

    boolean denied(int ip) {
        for (int i = 0; i < denyNet.length; i++) if ((ip & denyMask[i]) == denyNet[i]) return true;
        return false;
    }

    private static List<InetAddress> addresses(String v) {
        List<InetAddress> out = new ArrayList<>();
        if (v != null && !v.isBlank()) {
            for (String a : v.split(";")) {
                if (a.isBlank()) continue;
                try {
                    out.add(InetAddress.getByAddress(intToBytes(ipv4(a.trim(), "listen_ip"))));
                } catch (UnknownHostException e) {
                    throw new IllegalArgumentException("listen_ip: " + a, e);
                }
            }
            return out;
        }
        try {
            for (NetworkInterface n : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!n.isUp()) continue;
                for (InetAddress a : Collections.list(n.getInetAddresses())) if (a instanceof Inet4Address) out.add(a);
            }
        } catch (SocketException e) {
            throw new IllegalStateException("cannot list the node's addresses", e);
        }
        if (out.isEmpty()) throw new IllegalStateException("the node has no IPv4 address to listen on");
        return out;
    }

    static int ipv4(String s, String what) {
        String[] o = s.split("\\.");
        if (o.length != 4) throw new IllegalArgumentException(what + ": not an IPv4 address: '" + s + "'");
        int v = 0;
        for (String x : o) v = (v << 8) | parse(what, x, 0, 255);
        return v;
    }

    static byte[] intToBytes(int ip) {
        return new byte[] {(byte) (ip >>> 24), (byte) (ip >>> 16), (byte) (ip >>> 8), (byte) ip};
    }

    private static int range(Map<String, String> p, String k, int dflt, int lo, int hi) {
        String v = p.get(k);
        return v == null ? dflt : parse(k, v.trim(), lo, hi);
    }

    private static int parse(String k, String v, int lo, int hi) {
        int n;
        try {
            n = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(k + ": not a number: '" + v + "'");
        }
        if (n < lo || n > hi) throw new IllegalArgumentException(k + ": " + n + " not in " + lo + ".." + hi);
        return n;
    }
}
