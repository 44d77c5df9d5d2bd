/*
 * ControlServer — the container end of the control channel (CONTROL-PROTOCOL.md).
 * A UNIX stream socket; only a peer whose uid (SO_PEERCRED) is the configured
 * controller uid is served, anyone else gets one refusal and is disconnected.
 * Each connection is served by its own thread, requests in order; a connection
 * may carry any number of requests.
 */
package org.netserv.container.runtime;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.UserPrincipal;
import java.util.concurrent.Semaphore;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

public final class ControlServer implements Closeable {

    private static final System.Logger LOG = System.getLogger("netserv.control");
    private static final int MAX_CONNECTIONS = 8;

    /** Serves one request. */
    @FunctionalInterface
    public interface Handler {
        ModuleManager.Reply handle(ControlRequest request);
    }

    private final ServerSocketChannel server;
    private final UserPrincipal controller;
    private final String greeting;
    private final Handler handler;
    private final Runnable onShutdown;
    private final Semaphore slots = new Semaphore(MAX_CONNECTIONS);
    private volatile boolean closed;

    public ControlServer(ServerSocketChannel server, UserPrincipal controller, String greeting, Handler handler,
                         Runnable onShutdown) {
        this.server = server;
        this.controller = controller;
        this.greeting = greeting;
        this.handler = handler;
        this.onShutdown = onShutdown;
    }

    public void start() {
        Thread t = new Thread(this::acceptLoop, "netserv-control");
        t.setDaemon(true);
        t.start();
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel c;
            try {
                c = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(System.Logger.Level.ERROR, "control socket accept failed; no more control connections", e);
                }
                return;
            }
            if (!slots.tryAcquire()) {
                refuse(c, "too many control connections");
                continue;
            }
            Thread t = new Thread(() -> {
                try {
                    serve(c);
                } finally {
                    slots.release();
                }
            }, "netserv-control-conn");
            t.setDaemon(true);
            t.start();
        }
    }

    private static void refuse(SocketChannel c, String why) {
        try (c) {
            OutputStream out = Channels.newOutputStream(c);
            out.write(("-1\n" + why + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException ignored) {
            // the peer is gone anyway
        }
    }

    private void serve(SocketChannel c) {
        UserPrincipal peer;
        try {
            UnixDomainPrincipal p = c.getOption(ExtendedSocketOptions.SO_PEERCRED);
            peer = p.user();
        } catch (IOException | UnsupportedOperationException e) {
            refuse(c, "cannot identify the peer: " + e.getMessage());
            return;
        }
        if (!peer.equals(controller)) {
            LOG.log(System.Logger.Level.WARNING, "refused a control connection from user {0}", peer.getName());
            refuse(c, "only the controller (user " + controller.getName() + ") may use this channel");
            return;
        }
        try (c) {
            InputStream in = new BufferedInputStream(Channels.newInputStream(c));
            OutputStream out = Channels.newOutputStream(c);
            write(out, greeting + "\n\n");
            for (;;) {
                ControlRequest r;
                try {
                    r = ControlRequest.read(in);
                } catch (ControlRequest.BadRequest e) {
                    write(out, "-1\n" + e.getMessage() + "\n\n");
                    if (e.fatal()) {
                        return;
                    }
                    continue;
                } catch (RuntimeException e) {
                    // a reader bug must cost this connection only, never the container
                    LOG.log(System.Logger.Level.ERROR, "control request reader failed", e);
                    write(out, "-1\ninternal error reading the request: " + e + "\n\n");
                    return;
                }
                if (r == null) {
                    return;
                }
                ModuleManager.Reply reply;
                try {
                    reply = handler.handle(r);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "control command " + r.command() + " failed", e);
                    reply = ModuleManager.Reply.fail("internal error: " + e);
                }
                StringBuilder sb = new StringBuilder(reply.ok ? "0\n" : "-1\n");
                for (String l : reply.lines) {
                    sb.append(l).append('\n');
                }
                write(out, sb.append('\n').toString());
                if (reply.ok && r.command().equals("SHUTDOWN")) {
                    onShutdown.run();
                    return;
                }
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "control connection ended: {0}", e);
        }
    }

    private static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
    }
}
