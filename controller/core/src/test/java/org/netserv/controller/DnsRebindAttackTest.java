package org.netserv.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.netserv.controller.security.AttackLog.attack;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netserv.controller.module.OutboundGuard;
import org.netserv.controller.ncm.NcmResponse;
import org.netserv.controller.policy.PolicyLoader;

/**
 * Issue 14 item 8, DNS rebinding: a tenant's name answers an allowed address when the
 * {@link OutboundGuard} checks it and 127.0.0.1 when asked again. The node must connect to the
 * address it checked, never resolve the name a second time.
 *
 * <p>Needs a real resolver path: {@code tests/security/test-controller-outbound.sh} runs it as
 * root inside its own network namespace whose {@code /etc/netns/NS/resolv.conf} says
 * {@code nameserver 127.0.0.1}, with {@code -Dnetserv.rebind=1} and the JVM's address cache off
 * ({@code -Dsun.net.inetaddr.ttl=0}; with the default 30 s cache the second lookup would hit the
 * cache and hide the bug this test is for). This class answers DNS itself on 127.0.0.1:53 (UDP,
 * glibc's stub resolver asks it), counting A queries per name. The publisher is 127.0.0.2 (the
 * one allowed address); the victim listens on 127.0.0.1 at the publisher's port, so a
 * connection by name after the rebinding would land there.
 */
class DnsRebindAttackTest {
    @TempDir
    Path dir;

    final KeyPair jane = Fixtures.ed25519();
    final KeyPair bob = Fixtures.ec();
    final byte[] bundle = "PK\3\4 a bundle".getBytes();
    /** A second bundle: a digest already in a tenant's cache is installed without any download. */
    final byte[] bundle2 = "PK\3\4 another bundle".getBytes();
    String digest;
    String digest2;
    HttpServer publisher;
    int port;
    ServerSocket victim;
    final AtomicInteger victimConnections = new AtomicInteger();
    final List<String> hostHeaders = new CopyOnWriteArrayList<>();
    final AtomicInteger notifications = new AtomicInteger();
    Dns dns;
    Controller controller;

    @BeforeEach
    void setUp() throws Exception {
        Assumptions.assumeTrue(System.getProperty("netserv.rebind") != null,
                "needs tests/security/test-controller-outbound.sh (own netns, resolver on 127.0.0.1)");
        digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bundle));
        digest2 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bundle2));
        publisher = HttpServer.create(new InetSocketAddress("127.0.0.2", 0), 8);
        port = publisher.getAddress().getPort();
        publisher.createContext("/mod.jar", ex -> {
            hostHeaders.add(ex.getRequestHeaders().getFirst("Host"));
            ex.sendResponseHeaders(200, bundle.length);
            ex.getResponseBody().write(bundle);
            ex.close();
        });
        publisher.createContext("/two.jar", ex -> {
            ex.sendResponseHeaders(200, bundle2.length);
            ex.getResponseBody().write(bundle2);
            ex.close();
        });
        publisher.createContext("/hop", ex -> {
            ex.getResponseHeaders().add("Location", "http://hop.rebind.test:" + port + "/mod.jar");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        publisher.createContext("/RPC2", ex -> {
            notifications.incrementAndGet();
            ex.getRequestBody().readAllBytes();
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        publisher.start();
        victim = new ServerSocket(port, 8, InetAddress.getByName("127.0.0.1"));
        final Thread t = new Thread(() -> {
            while (!victim.isClosed()) {
                try (Socket s = victim.accept()) {
                    victimConnections.incrementAndGet();
                } catch (IOException e) {
                    return;
                }
            }
        }, "victim");
        t.setDaemon(true);
        t.start();
        dns = new Dns(Map.of(
                "dl.rebind.test", List.of(List.of("127.0.0.2"), List.of("127.0.0.1")),
                "hop.rebind.test", List.of(List.of("127.0.0.2"), List.of("127.0.0.1")),
                "notify.rebind.test", List.of(List.of("127.0.0.2"), List.of("127.0.0.1")),
                "both.rebind.test", List.of(List.of("127.0.0.2", "127.0.0.1")),
                "bob.rebind.test", List.of(List.of("127.0.0.2"))));
        final Path policy = Fixtures.policy(dir, Fixtures.pem(jane.getPublic()), Fixtures.pem(bob.getPublic()),
                "<prefix>10.61.0.0/16</prefix>", "");
        controller = new Controller(PolicyLoader.load(policy), new Controller.Options(dir.resolve("state"),
                java.time.Clock.systemUTC(), 0).withOutbound(new OutboundGuard(List.of("127.0.0.2/32"), List.of(), List.of())),
                new Fakes.Plane(2), new Fakes.Containers());
        controller.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (controller != null) {
            controller.close();
        }
        if (publisher != null) {
            publisher.stop(0);
        }
        if (victim != null) {
            victim.close();
        }
        if (dns != null) {
            dns.close();
        }
    }

    private NcmResponse setup(final KeyPair k, final String user, final String module, final String url, final String... extra) {
        return setupWith(k, user, module, url, digest, extra);
    }

    private NcmResponse setupWith(final KeyPair k, final String user, final String module, final String url, final String dg,
                              final String... extra) {
        final var w = Fixtures.setup(module, user, 600, url, dg, System.currentTimeMillis() / 1000);
        for (int i = 0; i < extra.length; i += 2) {
            w.header(extra[i], extra[i + 1]);
        }
        return controller.handle(Fixtures.sign(w, k));
    }

    @Test
    void rebindingNamesCannotAimTheNodeInside() throws Exception {
        // the resolver really answers as the attack needs: allowed first, loopback on the next question
        assertEquals("127.0.0.2", InetAddress.getByName("probe.rebind.test").getHostAddress());
        assertEquals("127.0.0.1", InetAddress.getByName("probe.rebind.test").getHostAddress());
        attack("controller bundle download", "DNS rebinding: bundle URL's name answers 127.0.0.2 (allowed) at the check, 127.0.0.1 when asked again",
                "fetched from the checked 127.0.0.2 (Host: the name), name resolved once, no connection to 127.0.0.1", () -> {
                    final NcmResponse r = setup(jane, "janedoe", "NetServ.apps.A_1.0.0", "http://dl.rebind.test:" + port + "/mod.jar");
                    assertEquals(200, r.code(), r.toWire());
                    assertEquals(1, dns.aQueries("dl.rebind.test"));
                    assertEquals(List.of("dl.rebind.test:" + port), hostHeaders);
                    assertEquals(0, victimConnections.get());
                });
        attack("controller bundle download", "DNS rebinding in a redirect hop: publisher 302s to a name that answers 127.0.0.1 after its check",
                "hop fetched from the checked address, no connection to 127.0.0.1", () -> {
                    final NcmResponse r = setup(bob, "bob", "NetServ.apps.H_1.0.0", "http://127.0.0.2:" + port + "/hop");
                    assertEquals(200, r.code(), r.toWire());
                    assertEquals(1, dns.aQueries("hop.rebind.test"));
                    assertEquals(0, victimConnections.get());
                });
        attack("controller bundle download", "bundle URL's name answers 127.0.0.2 and 127.0.0.1 together",
                "403 (one internal address refuses the name), no connection", () -> {
                    final NcmResponse r = setupWith(jane, "janedoe", "NetServ.apps.B_1.0.0", "http://both.rebind.test:" + port + "/two.jar", digest2);
                    assertEquals("403 module download refused: both.rebind.test is 127.0.0.1 (loopback)", r.code() + " " + r.reason());
                    assertEquals(0, victimConnections.get());
                });
        attack("controller notification", "DNS rebinding: notification URL's name answers 127.0.0.2 at the check, 127.0.0.1 after",
                "notification delivered to the checked 127.0.0.2 only, no connection to 127.0.0.1", () -> {
                    final NcmResponse r = setup(jane, "janedoe", "NetServ.apps.C_1.0.0", "http://127.0.0.2:" + port + "/mod.jar",
                            "notification", "http://notify.rebind.test:" + port + "/RPC2");
                    assertEquals(200, r.code(), r.toWire());
                    final long deadline = System.nanoTime() + 10_000_000_000L;
                    while (notifications.get() + victimConnections.get() == 0 && System.nanoTime() < deadline) {
                        Thread.sleep(20);
                    }
                    Thread.sleep(200); // a second, rebound connection would come right after the first
                    assertEquals(1, notifications.get());
                    assertEquals(1, dns.aQueries("notify.rebind.test"));
                    assertEquals(0, victimConnections.get());
                });
        attack("controller bundle download", "neighbour: another tenant installs by name from its publisher meanwhile",
                "200 installed", () -> assertEquals(200,
                        setupWith(bob, "bob", "NetServ.apps.N_1.0.0", "http://bob.rebind.test:" + port + "/two.jar", digest2).code()));
    }

    /**
     * A DNS responder on 127.0.0.1:53 (UDP): for each name a list of answers, the n-th A query
     * gets the n-th (the last one repeats), TTL 0; AAAA and other types get an empty NOERROR,
     * unknown names NXDOMAIN. {@code probe.rebind.test} answers 127.0.0.2 then 127.0.0.1.
     */
    static final class Dns implements AutoCloseable {
        private final DatagramSocket sock;
        private final Map<String, List<List<String>>> answers;
        private final Map<String, AtomicInteger> asked = new ConcurrentHashMap<>();

        Dns(final Map<String, List<List<String>>> answers) throws IOException {
            final Map<String, List<List<String>>> m = new ConcurrentHashMap<>(answers);
            m.put("probe.rebind.test", List.of(List.of("127.0.0.2"), List.of("127.0.0.1")));
            this.answers = m;
            sock = new DatagramSocket(new InetSocketAddress("127.0.0.1", 53));
            final Thread t = new Thread(this::serve, "dns");
            t.setDaemon(true);
            t.start();
        }

        int aQueries(final String name) {
            final AtomicInteger n = asked.get(name);
            return n == null ? 0 : n.get();
        }

        private void serve() {
            final byte[] buf = new byte[512];
            while (!sock.isClosed()) {
                try {
                    final DatagramPacket p = new DatagramPacket(buf, buf.length);
                    sock.receive(p);
                    final byte[] reply = answer(ByteBuffer.wrap(p.getData(), 0, p.getLength()));
                    if (reply != null) {
                        sock.send(new DatagramPacket(reply, reply.length, p.getSocketAddress()));
                    }
                } catch (IOException | RuntimeException e) {
                    if (sock.isClosed()) {
                        return;
                    }
                }
            }
        }

        private byte[] answer(final ByteBuffer q) {
            final int id = q.getShort() & 0xffff;
            q.getShort();
            if (q.getShort() != 1) {
                return null;
            }
            q.position(12);
            final StringBuilder name = new StringBuilder();
            for (int len; (len = q.get() & 0xff) != 0; ) {
                final byte[] label = new byte[len];
                q.get(label);
                name.append(name.length() == 0 ? "" : ".").append(new String(label, java.nio.charset.StandardCharsets.US_ASCII));
            }
            final int qtype = q.getShort() & 0xffff;
            q.getShort();
            final int questionEnd = q.position();
            final String n = name.toString().toLowerCase(Locale.ROOT);
            final List<List<String>> forName = answers.get(n);
            final List<String> addrs = new ArrayList<>();
            if (forName != null && qtype == 1) {
                final int i = asked.computeIfAbsent(n, k -> new AtomicInteger()).getAndIncrement();
                addrs.addAll(forName.get(Math.min(i, forName.size() - 1)));
            }
            final ByteBuffer r = ByteBuffer.allocate(512);
            r.putShort((short) id).putShort((short) (forName == null ? 0x8183 : 0x8180))
                    .putShort((short) 1).putShort((short) addrs.size()).putShort((short) 0).putShort((short) 0);
            r.put(q.array(), q.arrayOffset() + 12, questionEnd - 12);
            for (final String a : addrs) {
                r.putShort((short) 0xc00c).putShort((short) 1).putShort((short) 1).putInt(0).putShort((short) 4);
                for (final String o : a.split("\\.")) {
                    r.put((byte) Integer.parseInt(o));
                }
            }
            final byte[] out = new byte[r.position()];
            r.flip();
            r.get(out);
            return out;
        }

        @Override
        public void close() {
            sock.close();
        }
    }
}
