/*
 * EdgeAddress — this node's own IPv4 address toward a UA: the source of the 503s the
 * Sending Entity answers at the edge, so the UA (and a capture) sees they came from the
 * NetServ router, not from the server.
 *
 * Found by asking the kernel which source address it would use for the UA (a UDP socket
 * connect()ed to it sends nothing), once per UA; a small table keeps the answers so the
 * reject path asks at most once per UA while the table holds it. 0 when the node has no
 * usable route (the caller then answers from the server's address).
 */
package org.netserv.apps.overload;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.function.IntUnaryOperator;

final class EdgeAddress implements IntUnaryOperator {
    private static final int SIZE = 64;
    private final int[] ua = new int[SIZE], edge = new int[SIZE];
    private final boolean[] known = new boolean[SIZE];

    @Override
    public int applyAsInt(int uaAddress) {
        int i = Integer.remainderUnsigned(uaAddress * 0x9E3779B1, SIZE);
        if (known[i] && ua[i] == uaAddress) return edge[i];
        ua[i] = uaAddress;
        edge[i] = lookup(uaAddress);
        known[i] = true;
        return edge[i];
    }

    private static int lookup(int a) {
        byte[] b = {(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a};
        try (DatagramSocket s = new DatagramSocket()) {
            s.connect(new InetSocketAddress(InetAddress.getByAddress(b), 9));
            InetAddress local = s.getLocalAddress();
            if (!(local instanceof Inet4Address) || local.isAnyLocalAddress() || local.isLoopbackAddress()) return 0;
            byte[] l = local.getAddress();
            return (l[0] & 0xff) << 24 | (l[1] & 0xff) << 16 | (l[2] & 0xff) << 8 | (l[3] & 0xff);
        } catch (IOException | SecurityException e) {
            return 0;
        }
    }
}
