package org.netserv.controller.server;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * A UNIX stream socket server: binds {@code path} with the given permissions, accepts on one
 * thread, serves each connection on a bounded pool (a client holding connections open cannot
 * exhaust threads: beyond {@code maxClients} new connections are closed at once).
 * Optionally admits only peers whose uid (SO_PEERCRED) is root or our own.
 */
final class UnixServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(UnixServer.class.getName());

    interface Session {
        void serve(SocketChannel ch) throws IOException;
    }

    private final Path path;
    private final ServerSocketChannel server;
    private final ExecutorService pool;
    private final Semaphore slots;
    private final Thread acceptor;
    private final Session session;
    private final boolean ownerOnly;
    private volatile boolean closed;

    UnixServer(final String name, final Path path, final String perms, final int maxClients, final boolean ownerOnly,
               final Session session) throws IOException {
        this.path = path;
        this.session = session;
        this.ownerOnly = ownerOnly;
        Files.createDirectories(path.toAbsolutePath().getParent());
        Files.deleteIfExists(path);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(perms));
        slots = new Semaphore(maxClients);
        pool = new ThreadPoolExecutor(0, maxClients, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            final Thread t = new Thread(r, name + "-client");
            t.setDaemon(true);
            return t;
        });
        acceptor = new Thread(this::acceptLoop, name + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        LOG.log(System.Logger.Level.INFO, "{0} listening on {1}", name, path);
    }

    private void acceptLoop() {
        while (!closed) {
            final SocketChannel ch;
            try {
                ch = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(System.Logger.Level.ERROR, "accept on {0}: {1}", path, e.getMessage());
                }
                return;
            }
            try {
                if (ownerOnly && !trusted(ch)) {
                    ch.close();
                    continue;
                }
                if (!slots.tryAcquire()) {
                    LOG.log(System.Logger.Level.WARNING, "{0}: too many clients, closing a new connection", path);
                    ch.close();
                    continue;
                }
                pool.execute(() -> {
                    try (ch) {
                        session.serve(ch);
                    } catch (IOException e) {
                        LOG.log(System.Logger.Level.DEBUG, "client on {0}: {1}", path, e.getMessage());
                    } finally {
                        slots.release();
                    }
                });
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "{0}: {1}", path, e.getMessage());
            }
        }
    }

    private static boolean trusted(final SocketChannel ch) throws IOException {
        final UnixDomainPrincipal p = ch.getOption(ExtendedSocketOptions.SO_PEERCRED);
        final String peer = p.user().getName();
        final String me = System.getProperty("user.name");
        return peer.equals("root") || peer.equals(me);
    }

    Path path() {
        return path;
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
        pool.shutdownNow();
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // a stale socket file is replaced at the next start
        }
    }
}
