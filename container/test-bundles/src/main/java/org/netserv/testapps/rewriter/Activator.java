package org.netserv.testapps.rewriter;

import java.nio.ByteBuffer;
import java.util.Hashtable;
import org.netserv.container.api.PktProcessor;
import org.netserv.container.api.Verdict;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * Test module: rewrites one byte, the IPv4 TOS, to 0xb8 (DSCP EF) on UDP packets and
 * fixes the header checksum incrementally (RFC 1624), so the packet stays valid.
 */
public final class Activator implements BundleActivator {
    static final int TOS = 0xb8;

    @Override
    public void start(BundleContext context) {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(PktProcessor.FILTER, "proto=udp");
        context.registerService(PktProcessor.class, (ByteBuffer pkt, org.netserv.container.api.PacketContext c) -> {
            int old = pkt.getShort(0) & 0xffff;
            pkt.put(1, (byte) TOS);
            int now = pkt.getShort(0) & 0xffff;
            int sum = (~pkt.getShort(10) & 0xffff) + (~old & 0xffff) + now; // HC' = ~(~HC + ~m + m')
            sum = (sum & 0xffff) + (sum >>> 16);
            sum = (sum & 0xffff) + (sum >>> 16);
            pkt.putShort(10, (short) ~sum);
            return Verdict.FORWARD;
        }, p);
    }

    @Override
    public void stop(BundleContext context) {}
}
