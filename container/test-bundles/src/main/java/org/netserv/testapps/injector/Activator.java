package org.netserv.testapps.injector;

import java.nio.ByteBuffer;
import java.util.Hashtable;
import org.netserv.container.api.PktProcessor;
import org.netserv.container.api.Verdict;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * Test module: for each UDP packet to port 7 it injects a copy whose TTL is one less
 * (checksum fixed) and forwards the original: every such packet leaves twice.
 * The copy buffer is allocated once.
 */
public final class Activator implements BundleActivator {
    @Override
    public void start(BundleContext context) {
        ByteBuffer copy = ByteBuffer.allocateDirect(65536);
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(PktProcessor.FILTER, "proto=udp dport=7");
        context.registerService(PktProcessor.class, (pkt, c) -> {
            copy.clear();
            copy.put(pkt.duplicate()).flip();
            int ttl = copy.get(8) & 0xff;
            if (ttl > 1) {
                copy.put(8, (byte) (ttl - 1));
                int sum = (copy.getShort(10) & 0xffff) + 0x0100; // TTL is the high byte of word 4
                sum = (sum & 0xffff) + (sum >>> 16);
                copy.putShort(10, (short) sum);
            }
            c.inject(copy);
            return Verdict.FORWARD;
        }, p);
    }

    @Override
    public void stop(BundleContext context) {}
}
