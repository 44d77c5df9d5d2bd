package org.netserv.testapps.stamp;

import java.nio.ByteBuffer;
import java.util.Hashtable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.netserv.container.api.PktProcessor;
import org.netserv.container.api.Verdict;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * Test module for versions and rollback (tests/controller/test-versions.sh): built as two
 * bundles of one symbolic name, {@code NetServ.test.stamp_1.0.0} and {@code _2.0.0}. On a UDP
 * packet whose payload starts with {@code SEQ:} it writes its major version as one ASCII digit
 * into the first {@code .} of payload bytes 16..47, so the receiver sees which version of which
 * node handled every packet (and that exactly one did per node), and zeroes the UDP checksum
 * (legal for IPv4; the payload changed). STATUS: {@code stamped=N version=V}.
 */
public final class Activator implements BundleActivator {
    private static final int FIRST = 16, LAST = 48;

    @Override
    public void start(BundleContext context) {
        final byte digit = (byte) ('0' + context.getBundle().getVersion().getMajor() % 10);
        final AtomicLong stamped = new AtomicLong();
        final String version = context.getBundle().getVersion().toString();
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(PktProcessor.FILTER, "proto=udp");
        p.put(PktProcessor.STATUS, (Supplier<String>) () -> "stamped=" + stamped.get() + " version=" + version);
        context.registerService(PktProcessor.class, (ByteBuffer pkt, org.netserv.container.api.PacketContext c) -> {
            int ihl = (pkt.get(0) & 0x0f) * 4;
            int payload = ihl + 8;
            if (pkt.limit() < payload + LAST || pkt.get(payload) != 'S' || pkt.get(payload + 1) != 'E'
                    || pkt.get(payload + 2) != 'Q' || pkt.get(payload + 3) != ':') {
                return Verdict.FORWARD;
            }
            for (int i = payload + FIRST; i < payload + LAST; i++) {
                if (pkt.get(i) == '.') {
                    pkt.put(i, digit);
                    pkt.putShort(ihl + 6, (short) 0);
                    stamped.incrementAndGet();
                    break;
                }
            }
            return Verdict.FORWARD;
        }, p);
    }

    @Override
    public void stop(BundleContext context) {}
}
