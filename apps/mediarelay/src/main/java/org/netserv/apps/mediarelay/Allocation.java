/*
 * Allocation — one relayed transport address (RFC 8656 §2.2, §5): its client link,
 * its relay socket, its lifetime, its permissions (peer IP addresses, 300 s each) and
 * channel bindings (number <-> peer transport address, 600 s each).
 *
 * Permissions and channels live in small parallel arrays searched linearly: a media
 * allocation has a handful of peers, and the relay path then touches no map, no boxing
 * and no iterator.
 */
package org.netserv.apps.mediarelay;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;

final class Allocation {
    final ClientLink link;
    final String username;
    final RelayShared.UserState user;
    final DatagramChannel relay;
    final int relayIp, relayPort;
    final byte[] allocateTxid;
    /** The success response to the Allocate, resent for a retransmission of the same request. */
    byte[] allocateResponse;
    long expiresAt;
    SelectionKey key;

    private final int maxPermissions, maxChannels;
    int permissions;
    final int[] permIp;
    final long[] permExpires;

    int channels;
    final int[] chNumber, chIp, chPort;
    final long[] chExpires;
    final InetSocketAddress[] chPeer;

    /** Peer addresses of recent Send indications, so sending needs no new InetSocketAddress. */
    private final InetSocketAddress[] peerCache = new InetSocketAddress[8];
    private final int[] peerCacheIp = new int[8], peerCachePort = new int[8];
    private int peerCacheNext;

    Allocation(ClientLink link, String username, RelayShared.UserState user, DatagramChannel relay, int relayIp,
               int relayPort, byte[] allocateTxid, long expiresAt, int maxPermissions, int maxChannels) {
        this.link = link;
        this.username = username;
        this.user = user;
        this.relay = relay;
        this.relayIp = relayIp;
        this.relayPort = relayPort;
        this.allocateTxid = allocateTxid;
        this.expiresAt = expiresAt;
        this.maxPermissions = maxPermissions;
        this.maxChannels = maxChannels;
        permIp = new int[maxPermissions];
        permExpires = new long[maxPermissions];
        chNumber = new int[maxChannels];
        chIp = new int[maxChannels];
        chPort = new int[maxChannels];
        chExpires = new long[maxChannels];
        chPeer = new InetSocketAddress[maxChannels];
    }

    int permissionIndex(int ip) {
        for (int i = 0; i < permissions; i++) if (permIp[i] == ip) return i;
        return -1;
    }

    boolean permitted(int ip, long now) {
        int i = permissionIndex(ip);
        return i >= 0 && permExpires[i] > now;
    }

    /** Installs or refreshes a permission; false when the table is full. */
    boolean permit(int ip, long expires) {
        int i = permissionIndex(ip);
        if (i < 0) {
            if (permissions == maxPermissions) return false;
            i = permissions++;
            permIp[i] = ip;
        }
        permExpires[i] = expires;
        return true;
    }

    int channelOfNumber(int number) {
        for (int i = 0; i < channels; i++) if (chNumber[i] == number) return i;
        return -1;
    }

    int channelOfPeer(int ip, int port) {
        for (int i = 0; i < channels; i++) if (chIp[i] == ip && chPort[i] == port) return i;
        return -1;
    }

    /** Adds a channel binding; -1 when the table is full. */
    int bind(int number, int ip, int port, long expires) {
        if (channels == maxChannels) return -1;
        int i = channels++;
        chNumber[i] = number;
        chIp[i] = ip;
        chPort[i] = port;
        chExpires[i] = expires;
        chPeer[i] = address(ip, port);
        return i;
    }

    /** Drops what has expired; returns {permissions removed, channels removed} packed as (p << 32 | c). */
    long expire(long now) {
        int p0 = permissions, c0 = channels;
        for (int i = 0; i < permissions; ) {
            if (permExpires[i] <= now) {
                permissions--;
                permIp[i] = permIp[permissions];
                permExpires[i] = permExpires[permissions];
            } else i++;
        }
        for (int i = 0; i < channels; ) {
            if (chExpires[i] <= now) {
                channels--;
                chNumber[i] = chNumber[channels];
                chIp[i] = chIp[channels];
                chPort[i] = chPort[channels];
                chExpires[i] = chExpires[channels];
                chPeer[i] = chPeer[channels];
                chPeer[channels] = null;
            } else i++;
        }
        return ((long) (p0 - permissions) << 32) | (c0 - channels);
    }

    /** The peer's socket address for sending, from the channel table or the small cache. */
    InetSocketAddress peer(int ip, int port) {
        int c = channelOfPeer(ip, port);
        if (c >= 0) return chPeer[c];
        for (int i = 0; i < peerCache.length; i++) {
            if (peerCache[i] != null && peerCacheIp[i] == ip && peerCachePort[i] == port) return peerCache[i];
        }
        int i = peerCacheNext;
        peerCacheNext = (i + 1) % peerCache.length;
        peerCache[i] = address(ip, port);
        peerCacheIp[i] = ip;
        peerCachePort[i] = port;
        return peerCache[i];
    }

    static InetSocketAddress address(int ip, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(Config.intToBytes(ip)), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);     // 4 bytes are always an address
        }
    }
}
