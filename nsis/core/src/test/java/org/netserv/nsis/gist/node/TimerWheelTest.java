package org.netserv.nsis.gist.node;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimerWheelTest {
    static final class E extends TimerWheel.Entry {
        final List<Long> fired;
        final String name;

        E(String name, List<Long> fired) {
            this.name = name;
            this.fired = fired;
        }

        @Override void expire(long now) { fired.add(deadline); }
    }

    @Test
    void firesAtOrAfterDeadlineInOrderOfTime() {
        final List<Long> fired = new ArrayList<>();
        final TimerWheel w = new TimerWheel(16, 10, 1000);
        final E a = new E("a", fired), b = new E("b", fired), c = new E("c", fired);
        w.schedule(a, 1100);
        w.schedule(b, 1050);
        w.schedule(c, 5000);   // beyond one turn (16 x 10 ms)
        assertEquals(3, w.size());
        w.advance(1049);
        assertTrue(fired.isEmpty());
        w.advance(1060);
        assertEquals(List.of(1050L), fired);
        w.advance(1200);
        assertEquals(List.of(1050L, 1100L), fired);
        for (long t = 1200; t < 4990; t += 7) w.advance(t);
        assertEquals(2, fired.size(), "c must wait for its round");
        w.advance(5003);
        assertEquals(List.of(1050L, 1100L, 5000L), fired);
        assertEquals(0, w.size());
    }

    @Test
    void cancelAndRescheduleAndLongGaps() {
        final List<Long> fired = new ArrayList<>();
        final TimerWheel w = new TimerWheel(16, 10, 0);
        final E a = new E("a", fired), b = new E("b", fired);
        w.schedule(a, 100);
        w.schedule(b, 100);
        w.cancel(a);
        w.schedule(b, 300);
        w.advance(200);
        assertTrue(fired.isEmpty());
        w.advance(100_000);        // a gap of many turns fires what is due exactly once
        assertEquals(List.of(300L), fired);
        assertEquals(0, w.size());
        assertFalse(a.scheduled());
    }

    @Test
    void deadlinesInsideATickAreNeverLost() {
        // regression: a deadline 3 ms into a 10 ms tick, advanced at 0..2 ms of that tick
        final List<Long> fired = new ArrayList<>();
        final long t0 = 1_764_346_000_123L;
        final TimerWheel w = new TimerWheel(4096, 10, t0);
        final E a = new E("a", fired);
        w.schedule(a, t0 + 100);
        for (long t = t0; t < t0 + 200; t += 3) {
            w.advance(t);
            if (t < t0 + 100) assertTrue(fired.isEmpty(), "fired early at +" + (t - t0));
        }
        assertEquals(List.of(t0 + 100), fired);
    }
}
