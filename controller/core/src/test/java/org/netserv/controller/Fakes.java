package org.netserv.controller;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.netserv.controller.container.ContainerException;
import org.netserv.controller.container.ContainerLink;
import org.netserv.controller.container.ContainerManager;
import org.netserv.controller.container.ContainerStatus;
import org.netserv.controller.plane.ForwardingPlane;
import org.netserv.controller.policy.Policy;

/** In-memory stand-ins for the controller's own seams (unit tests only; item 10 uses the real parts). */
public final class Fakes {
    private Fakes() {
    }

    /** Everything the fakes did, in order: "install 0 X", "plane <config>", "remove 0 X". */
    static final List<String> EVENTS = Collections.synchronizedList(new ArrayList<>());

    static final class MutableClock extends Clock {
        volatile long millis;

        MutableClock(final long millis) {
            this.millis = millis;
        }

        void advanceSeconds(final long s) {
            millis += s * 1000;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(final ZoneId zone) {
            return this;
        }

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }
    }

    public static final class Plane implements ForwardingPlane {
        public volatile String config;
        volatile boolean down;
        final List<String> writes = Collections.synchronizedList(new ArrayList<>());

        public Plane(final int outputs) {
            final StringBuilder b = new StringBuilder();
            for (int i = 0; i < outputs; i++) {
                b.append("false, ");
            }
            config = b.append("-").toString();
        }

        @Override
        public String readClassifier() throws IOException {
            if (down) {
                throw new IOException("connection refused");
            }
            return config;
        }

        @Override
        public void writeClassifier(final String c) throws IOException {
            if (down) {
                throw new IOException("connection refused");
            }
            config = c;
            writes.add(c);
            EVENTS.add("plane " + c);
        }

        /** Other elements' configs (the slots' source filters). */
        public final Map<String, String> elements = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public void writeConfig(final String element, final String c) throws IOException {
            if (down) {
                throw new IOException("connection refused");
            }
            elements.put(element, c);
        }

        @Override
        public String readConfig(final String element) throws IOException {
            if (down) {
                throw new IOException("connection refused");
            }
            final String c = elements.get(element);
            if (c == null) {
                throw new NoSuchElementException("no element " + element);
            }
            return c;
        }

        @Override
        public String describe() {
            return "fake";
        }

        @Override
        public void close() {
        }
    }

    static final class Container implements ContainerLink {
        final int slot;
        final Map<String, Path> modules = new LinkedHashMap<>();
        final Map<String, Integer> installs = new LinkedHashMap<>();
        volatile String refuseWith;

        Container(final int slot) {
            this.slot = slot;
        }

        @Override
        public int slot() {
            return slot;
        }

        @Override
        public synchronized void install(final String id, final Path bundle, final String digest, final Map<String, String> p)
                throws ContainerException {
            if (refuseWith != null) {
                throw new ContainerException(refuseWith, true);
            }
            if (modules.containsKey(id)) {
                throw new ContainerException("already installed: " + id, true);
            }
            modules.put(id, bundle);
            installs.merge(id, 1, Integer::sum);
            EVENTS.add("install " + slot + " " + id);
        }

        @Override
        public synchronized void remove(final String id) throws ContainerException {
            if (modules.remove(id) == null) {
                throw new ContainerException("not installed: " + id, true);
            }
            EVENTS.add("remove " + slot + " " + id);
        }

        @Override
        public synchronized List<String> list() {
            return new ArrayList<>(modules.keySet());
        }

        @Override
        public synchronized ContainerStatus status() {
            final List<Map.Entry<String, String>> h = new ArrayList<>();
            modules.keySet().forEach(m -> h.add(Map.entry("module", m + " state=ACTIVE seen=7 forwarded=7 dropped=0 consumed=0 errors=0")));
            h.add(Map.entry("heap-used", "1234"));
            return ContainerStatus.parse(h);
        }

        @Override
        public void shutdown() {
        }

        @Override
        public void close() {
        }
    }

    static final class Containers implements ContainerManager {
        final Map<Integer, Container> bySlot = new LinkedHashMap<>();
        final Map<Integer, Boolean> up = new LinkedHashMap<>();
        Listener listener;

        @Override
        public void start(final Policy p, final Listener l) {
            listener = l;
            for (final var s : p.slots()) {
                bySlot.computeIfAbsent(s.number(), Container::new);
                up.put(s.number(), true);
                l.containerUp(s.number(), bySlot.get(s.number()));
            }
        }

        void kill(final int slot) {
            up.put(slot, false);
            bySlot.get(slot).modules.clear();
            listener.containerDown(slot, "killed by test");
        }

        void restart(final int slot) {
            up.put(slot, true);
            listener.containerUp(slot, bySlot.get(slot));
        }

        @Override
        public void update(final Policy p) {
        }

        @Override
        public Optional<ContainerLink> link(final int slot) {
            return up.getOrDefault(slot, false) ? Optional.ofNullable(bySlot.get(slot)) : Optional.empty();
        }

        @Override
        public void linkFailed(final int slot, final String why) {
        }

        @Override
        public Map<Integer, Map<String, Object>> describe() {
            return Map.of();
        }

        @Override
        public List<Integer> readySlots() {
            return List.copyOf(up.keySet());
        }

        @Override
        public void close() {
        }
    }
}
