/*
 * Store — the on-disk cache: an index from cache key to CachedObject, least recently
 * used first, holding at most {@code capacity} bytes of bodies; what it holds survives
 * a restart (the meta files are read back, every block re-verified on first use).
 *
 * Keys: the request target, or target + "\n" + normalized Accept-Encoding for targets
 * whose responses carry "Vary: Accept-Encoding" (RFC 9111 §4.1).
 *
 * Meta file (UTF-8 lines, written to .tmp and renamed over the old one):
 *   ACTIVECDN-META 1
 *   key: /video/a.mp4
 *   status: 200
 *   request-time: 1764650000123       response-time: 1764650000150   (epoch ms)
 *   length: 52428800                  block-size: 1048576
 *   field: Content-Type: video/mp4    (one per stored response field, in order)
 *   block: 0 9f86d081...              (one per present block: index and SHA-256)
 */
package org.netserv.apps.activecdn;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

final class Store {
    private static final System.Logger LOG = System.getLogger("netserv.activecdn");
    private static final String MAGIC = "ACTIVECDN-META 1";

    private final Path dir;
    private final long capacity;
    private final int blockSize;
    private final LinkedHashMap<String, CachedObject> index = new LinkedHashMap<>(64, 0.75f, true);
    private final Set<String> varyOnEncoding = new HashSet<>();
    private final AtomicLong ids = new AtomicLong();
    private long used;
    final Counters counters;

    Store(Path dir, long capacity, int blockSize, Counters counters) throws IOException {
        this.dir = dir;
        this.capacity = capacity;
        this.blockSize = blockSize;
        this.counters = counters;
        Files.createDirectories(dir);
        load();
    }

    long capacity() { return capacity; }

    int blockSize() { return blockSize; }

    synchronized long used() { return used; }

    synchronized int objects() { return index.size(); }

    /** The key a request maps to. */
    synchronized String keyFor(String target, String encoding) {
        return varyOnEncoding.contains(target) ? target + "\n" + encoding : target;
    }

    /**
     * The object stored under {@code key}, pinned; with {@code create}, a new empty one
     * is indexed (and pinned) when there is none. Null when absent and not created.
     */
    synchronized CachedObject acquire(String key, boolean create) {
        CachedObject o = index.get(key);
        if (o == null) {
            if (!create) return null;
            o = new CachedObject(key, newId(), blockSize, dir);
            index.put(key, o);
        }
        o.pins.incrementAndGet();
        return o;
    }

    /** A new object for a new representation of {@code old}'s key (pinned); old goes once unused. */
    synchronized CachedObject acquireReplacement(CachedObject old, Fill writer) {
        CachedObject o = new CachedObject(old.key, newId(), blockSize, dir);
        o.pins.incrementAndGet();
        o.fills.add(writer); // before anyone can find it: they wait for this fill, not start their own
        indexUnder(old.key, o);
        old.doomed = true;
        return o;
    }

    /** A scratch file in the store's directory (same file system; a restart deletes what is left). */
    Path scratchFile(String prefix) throws IOException {
        return Files.createTempFile(dir, prefix, ".tmp");
    }

    /**
     * Stores {@code file} (moved in) as the whole body of a new object under {@code key} —
     * a variant this edge made — with its blocks' digests; returns it pinned. Fails when
     * the store cannot make room for it.
     */
    CachedObject putComplete(String key, StoredResponse response, Path file) throws IOException {
        long length = Files.size(file);
        CachedObject o = new CachedObject(key, newId(), blockSize, dir);
        o.pins.incrementAndGet();
        if (!reserve(o, length)) {
            Files.deleteIfExists(file);
            throw new Fill.Failed(507, "cache full: no room for " + length + " bytes of " + key + " (" + capacity + " bytes)");
        }
        try {
            Files.move(file, o.bodyPath(), StandardCopyOption.REPLACE_EXISTING);
            synchronized (o) {
                o.response = response;
                o.length = length;
                java.nio.channels.FileChannel ch = o.channel();
                java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(blockSize);
                for (int b = 0; b < o.blockCount(); b++) {
                    buf.clear().limit(o.blockBytes(b));
                    while (buf.hasRemaining()) {
                        if (ch.read(buf, o.blockStart(b) + buf.position()) < 0) throw new IOException("short file " + file);
                    }
                    o.digests.put(b, CachedObject.sha256(buf.flip()));
                    o.present.set(b);
                    o.verified.set(b);
                }
                persist(o);
            }
        } catch (IOException | RuntimeException e) {
            o.doomed = true;
            release(o);
            throw e;
        }
        indexUnder(key, o);
        return o;
    }

    /** A pinned object outside the index, for a response that may not be stored. */
    CachedObject privateObject(String key) {
        CachedObject o = new CachedObject(key, "private-" + newId(), blockSize, dir);
        o.privateCopy = true;
        o.doomed = true;
        o.pins.set(1);
        return o;
    }

    private String newId() {
        return Long.toHexString(System.currentTimeMillis()) + "-" + Long.toHexString(ids.incrementAndGet());
    }

    void release(CachedObject o) {
        if (o.pins.decrementAndGet() == 0 && o.doomed) discard(o);
    }

    /** Takes the object out of the index (it stays usable by who holds it). */
    synchronized void unindex(CachedObject o) {
        if (index.get(o.key) == o) index.remove(o.key);
        o.doomed = true;
        if (o.pins.get() == 0) discard(o);
    }

    /** The response varies on Accept-Encoding: the object moves under its variant key. */
    synchronized String rekeyForVariant(CachedObject o, String target, String encoding) {
        varyOnEncoding.add(target);
        if (index.get(o.key) == o) index.remove(o.key);
        return target + "\n" + encoding;
    }

    synchronized void indexUnder(String key, CachedObject o) {
        CachedObject old = index.put(key, o);
        if (old != null && old != o) {
            old.doomed = true;
            if (old.pins.get() == 0) discard(old);
        }
    }

    synchronized boolean indexed(CachedObject o) { return index.get(o.key) == o; }

    /**
     * Counts {@code bytes} more of {@code o} against the capacity, evicting least
     * recently used objects nobody is using; false when they cannot be made room for.
     */
    synchronized boolean reserve(CachedObject o, long bytes) {
        if (bytes > capacity) return false;
        Iterator<CachedObject> it = index.values().iterator();
        List<CachedObject> victims = new ArrayList<>();
        long freed = 0;
        while (used - freed + bytes > capacity && it.hasNext()) {
            CachedObject v = it.next();
            if (v == o || v.pins.get() > 0) continue;
            v.doomed = true;
            freed += v.accounted.get();
            victims.add(v);
            it.remove();
        }
        if (used - freed + bytes > capacity) {
            for (CachedObject v : victims) { // put them back: nothing evicted for a reservation that fails
                v.doomed = false;
                index.put(v.key, v);
            }
            return false;
        }
        for (CachedObject v : victims) {
            counters.evictions.incrementAndGet();
            discard(v);
        }
        used += bytes;
        o.accounted.addAndGet(bytes);
        return true;
    }

    synchronized void unreserve(CachedObject o, long bytes) {
        used -= bytes;
        o.accounted.addAndGet(-bytes);
    }

    private synchronized void discard(CachedObject o) {
        used -= o.accounted.getAndSet(0);
        o.closeChannel();
        try {
            Files.deleteIfExists(o.bodyPath());
            Files.deleteIfExists(dir.resolve(o.id + ".meta"));
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot delete cache files of " + o.id + ": " + e);
        }
    }

    /** Writes the object's meta file (atomically); called with the object's monitor held (takes no lock). */
    void persist(CachedObject o) {
        if (o.privateCopy || o.doomed || o.response == null) return;
        StringBuilder b = new StringBuilder(MAGIC).append('\n');
        b.append("key: ").append(o.key.replace("\n", "\\n")).append('\n');
        b.append("status: ").append(o.response.status()).append('\n');
        b.append("request-time: ").append(o.response.requestTime()).append('\n');
        b.append("response-time: ").append(o.response.responseTime()).append('\n');
        b.append("length: ").append(o.length).append('\n');
        b.append("block-size: ").append(o.blockSize).append('\n');
        for (Map.Entry<String, String> f : o.response.headers()) {
            b.append("field: ").append(f.getKey()).append(": ").append(f.getValue()).append('\n');
        }
        HexFormat hex = HexFormat.of();
        for (int i = o.present.nextSetBit(0); i >= 0; i = o.present.nextSetBit(i + 1)) {
            b.append("block: ").append(i).append(' ').append(hex.formatHex(o.digests.get(i))).append('\n');
        }
        Path meta = dir.resolve(o.id + ".meta");
        Path tmp = dir.resolve(o.id + ".meta.tmp");
        try {
            Files.writeString(tmp, b, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, meta, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, meta, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot write " + meta + ": " + e);
        }
    }

    /** Reads back what a previous run stored; drops what is unreadable or does not fit. */
    private void load() throws IOException {
        List<Path> metas = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                String n = p.getFileName().toString();
                if (n.startsWith("private-") || n.endsWith(".tmp")) {
                    Files.deleteIfExists(p); // a private copy or half-written meta of a run that died
                } else if (n.endsWith(".meta")) {
                    metas.add(p);
                }
            }
        }
        // oldest first, so the LRU order after a restart follows last writes
        metas.sort((a, b) -> Long.compare(a.toFile().lastModified(), b.toFile().lastModified()));
        Set<String> bodies = new HashSet<>();
        for (Path m : metas) {
            String id = m.getFileName().toString().replaceFirst("\\.meta$", "");
            CachedObject o = readMeta(m, id);
            if (o == null) {
                counters.corrupt.incrementAndGet();
                Files.deleteIfExists(m);
                Files.deleteIfExists(dir.resolve(id + ".body"));
                continue;
            }
            long fileSize = Files.exists(o.bodyPath()) ? Files.size(o.bodyPath()) : 0;
            for (int b = o.present.nextSetBit(0); b >= 0; b = o.present.nextSetBit(b + 1)) {
                if (o.blockStart(b) + o.blockBytes(b) > fileSize) { // truncated: that block is not there
                    o.present.clear(b);
                    o.digests.remove(b);
                    counters.corrupt.incrementAndGet();
                }
            }
            o.accounted.set(o.presentBytes());
            used += o.accounted.get();
            CachedObject old = index.put(o.key, o);
            if (old != null) discard(old);
            int nl = o.key.indexOf('\n');
            if (nl > 0) varyOnEncoding.add(o.key.substring(0, nl));
            bodies.add(id + ".body");
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.body")) {
            for (Path p : s) {
                if (!bodies.contains(p.getFileName().toString())) Files.deleteIfExists(p); // no meta: unusable
            }
        }
        Iterator<CachedObject> it = index.values().iterator();
        while (used > capacity && it.hasNext()) { // a smaller limit than last run: oldest go
            CachedObject v = it.next();
            it.remove();
            discard(v);
        }
        if (!index.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "activecdn: " + index.size() + " objects, " + used + " bytes from " + dir);
        }
    }

    private CachedObject readMeta(Path m, String id) {
        try {
            List<String> lines = Files.readAllLines(m, StandardCharsets.UTF_8);
            if (lines.isEmpty() || !lines.get(0).equals(MAGIC)) return null;
            Map<String, String> v = new LinkedHashMap<>();
            List<Map.Entry<String, String>> fields = new ArrayList<>();
            Map<Integer, byte[]> blocks = new LinkedHashMap<>();
            for (String line : lines.subList(1, lines.size())) {
                int c = line.indexOf(": ");
                if (c < 0) return null;
                String k = line.substring(0, c), val = line.substring(c + 2);
                switch (k) {
                    case "field" -> {
                        int fc = val.indexOf(": ");
                        if (fc <= 0) return null;
                        fields.add(Map.entry(val.substring(0, fc), val.substring(fc + 2)));
                    }
                    case "block" -> {
                        String[] w = val.split(" ");
                        if (w.length != 2 || w[1].length() != 64) return null;
                        blocks.put(Integer.parseInt(w[0]), HexFormat.of().parseHex(w[1]));
                    }
                    default -> v.put(k, val);
                }
            }
            int bs = Integer.parseInt(v.get("block-size"));
            CachedObject o = new CachedObject(v.get("key").replace("\\n", "\n"), id, bs, dir);
            o.response = new StoredResponse(Integer.parseInt(v.get("status")), fields,
                    Long.parseLong(v.get("request-time")), Long.parseLong(v.get("response-time")));
            o.length = Long.parseLong(v.get("length"));
            for (Map.Entry<Integer, byte[]> e : blocks.entrySet()) {
                if (o.length < 0 || e.getKey() < 0 || e.getKey() >= o.blockCount()) return null;
                o.present.set(e.getKey());
                o.digests.put(e.getKey(), e.getValue());
            }
            return o;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
