package org.netserv.apps.activecdn;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP origin on loopback (JDK server) whose objects and misbehaviour the tests choose. */
final class TestOrigin implements AutoCloseable {
    enum Mode { NORMAL, STALL, RESET, HUGE, CHUNKED }

    static final class Obj {
        volatile byte[] body;
        final List<String[]> headers = new ArrayList<>();
        volatile Mode mode = Mode.NORMAL;
        /** NORMAL: wait on this after the first 64 KiB (cache-while-serving test). */
        volatile CountDownLatch holdAfterFirstChunk;
        volatile long delayMs;
        /** Body per Accept-Encoding value ("gzip" → other bytes), when set. */
        volatile Map<String, byte[]> byEncoding;

        Obj header(String n, String v) {
            headers.add(new String[] {n, v});
            return this;
        }
    }

    final HttpServer server;
    final Map<String, Obj> objects = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger notModified = new AtomicInteger();

    TestOrigin() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "test-origin");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    Obj put(String path, byte[] body) {
        Obj o = new Obj();
        o.body = body;
        objects.put(path, o);
        return o;
    }

    int count(String path) {
        AtomicInteger n = requests.get(path);
        return n == null ? 0 : n.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().toString();
        requests.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
        String range = ex.getRequestHeaders().getFirst("Range");
        log.add(path + " range=" + range + " inm=" + ex.getRequestHeaders().getFirst("If-None-Match")
                + " ims=" + ex.getRequestHeaders().getFirst("If-Modified-Since"));
        Obj o = objects.get(path);
        try (ex) {
            if (o == null) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            if (o.delayMs > 0) Thread.sleep(o.delayMs);
            byte[] body = o.body;
            String ae = ex.getRequestHeaders().getFirst("Accept-Encoding");
            if (o.byEncoding != null) body = o.byEncoding.getOrDefault(ae == null ? "" : ae, body);
            for (String[] h : o.headers) ex.getResponseHeaders().add(h[0], h[1]);
            String etag = header(o, "ETag");
            String inm = ex.getRequestHeaders().getFirst("If-None-Match");
            String ims = ex.getRequestHeaders().getFirst("If-Modified-Since");
            if ((inm != null && inm.equals(etag)) || (inm == null && ims != null && ims.equals(header(o, "Last-Modified")))) {
                notModified.incrementAndGet();
                ex.sendResponseHeaders(304, -1);
                return;
            }
            OutputStream out = ex.getResponseBody();
            switch (o.mode) {
                case HUGE -> {
                    ex.sendResponseHeaders(200, 10L << 30);
                    out.write(body);
                    out.flush();
                    return; // closes short of the 10 GB it announced
                }
                case STALL, RESET -> {
                    ex.sendResponseHeaders(200, body.length);
                    out.write(body, 0, body.length / 2);
                    out.flush();
                    if (o.mode == Mode.STALL) Thread.sleep(60_000);
                    return; // RESET: the exchange closes with half the body sent
                }
                case CHUNKED -> {
                    ex.sendResponseHeaders(200, 0);
                    out.write(body);
                    return;
                }
                default -> { }
            }
            long first = 0, last = body.length - 1;
            int status = 200;
            if (range != null && range.startsWith("bytes=")) {
                String[] p = range.substring(6).split("-", -1);
                first = Long.parseLong(p[0]);
                last = p[1].isEmpty() ? body.length - 1 : Math.min(Long.parseLong(p[1]), body.length - 1);
                status = 206;
                ex.getResponseHeaders().add("Content-Range", "bytes " + first + "-" + last + "/" + body.length);
            }
            ex.sendResponseHeaders(status, last - first + 1);
            int off = (int) first, len = (int) (last - first + 1);
            CountDownLatch hold = o.holdAfterFirstChunk;
            if (hold != null && len > 65536) {
                out.write(body, off, 65536);
                out.flush();
                hold.await();
                out.write(body, off + 65536, len - 65536);
            } else {
                out.write(body, off, len);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the edge went away mid-response
        }
    }

    private static String header(Obj o, String name) {
        for (String[] h : o.headers) {
            if (h[0].equalsIgnoreCase(name)) return h[1];
        }
        return null;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
