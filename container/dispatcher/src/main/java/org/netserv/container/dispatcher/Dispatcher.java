/*
 * Dispatcher — passes each packet through the packet-processing modules in order
 * (paper §2.4, "packet dispatcher"). Independent of where packets come from, so the
 * same code runs on the channel loop, in tests and under JMH.
 *
 * The stage list is replaced whole (copy on write) when modules come and go; a batch
 * uses the list it started with, so installing or removing one module never makes
 * another module miss a packet. Nothing here allocates per packet.
 */
package org.netserv.container.dispatcher;

import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.netserv.container.api.PacketContext;
import org.netserv.container.api.Verdict;

public final class Dispatcher {

    public static final int FORWARD = 0;
    public static final int DROP = 1;
    public static final int CONSUME = 2;

    private static final Stage[] NONE = new Stage[0];

    private volatile Stage[] stages = NONE;
    private final ErrorSink errors;

    /** Where module failures are reported (off the fast path: only on an exception). */
    @FunctionalInterface
    public interface ErrorSink {
        void moduleFailed(ModuleCounters module, long count, Throwable error);
    }

    public Dispatcher(ErrorSink errors) {
        this.errors = errors;
    }

    public Dispatcher(Consumer<String> log) {
        this((m, n, t) -> {
            if (n == 1 || Long.bitCount(n) == 1) { // 1st, 2nd, 4th, 8th... keeps logs bounded
                log.accept("module " + m.moduleId() + " failed on a packet (" + n + " errors so far): " + t);
            }
        });
    }

    public Stage[] stages() { return stages; }

    public void setStages(Stage[] s) { stages = s.clone(); }

    /**
     * Runs the packet [0, limit) through {@code path}. On return the packet is at
     * position 0 and its limit is its (possibly changed) length.
     *
     * @return FORWARD, DROP or CONSUME
     */
    public int dispatch(ByteBuffer packet, Stage[] path, PacketContext context) {
        for (Stage s : path) {
            packet.position(0);
            if (!s.filter.matches(packet)) {
                continue;
            }
            ModuleCounters c = s.counters;
            c.seen();
            Verdict v;
            try {
                v = s.processor.process(packet, context);
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable t) {
                // Isolate the module: the packet goes on as it is.
                errors.moduleFailed(c, c.error(), t);
                packet.position(0);
                continue;
            }
            if (v == Verdict.DROP) {
                c.dropped();
                packet.position(0);
                return DROP;
            }
            if (v == Verdict.CONSUME) {
                c.consumed();
                packet.position(0);
                return CONSUME;
            }
            if (v == null) {
                errors.moduleFailed(c, c.error(), new NullPointerException("null verdict"));
            }
            c.forwarded();
        }
        packet.position(0);
        return FORWARD;
    }
}
