package org.netserv.container.http.internal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.netserv.container.http.HttpServers;

/** HttpServers on Jetty 12: a Server + ContextHandlerCollection per port. */
final class JettyServers implements HttpServers {
    private final Set<Integer> allowed = new HashSet<>();
    private final Map<Integer, Server> servers = new HashMap<>();
    private final Map<Integer, ContextHandlerCollection> contexts = new HashMap<>();

    JettyServers(String ports) {
        for (String p : ports.split(",")) {
            if (!p.isBlank()) {
                allowed.add(Integer.parseInt(p.strip()));
            }
        }
    }

    @Override
    public synchronized Registration serve(int port, String contextPath, Handler handler) throws Exception {
        if (!allowed.contains(port)) {
            throw new IllegalArgumentException("port " + port + " is not one of this container's ports " + allowed);
        }
        if (contextPath == null || !contextPath.startsWith("/")) {
            throw new IllegalArgumentException("context path must start with '/': " + contextPath);
        }
        ContextHandlerCollection coll = contexts.get(port);
        if (coll == null) {
            Server server = new Server();
            ServerConnector c = new ServerConnector(server, 1, 1);
            c.setPort(port);
            server.addConnector(c);
            coll = new ContextHandlerCollection();
            server.setHandler(coll);
            server.start();
            servers.put(port, server);
            contexts.put(port, coll);
        }
        for (Handler h : coll.getHandlers()) {
            if (h instanceof ContextHandler && contextPath.equals(((ContextHandler) h).getContextPath())) {
                throw new IllegalArgumentException("port " + port + " already serves " + contextPath);
            }
        }
        ContextHandler ctx = new ContextHandler(handler, contextPath);
        coll.addHandler(ctx);
        ctx.start();
        final ContextHandlerCollection owner = coll;
        return new Registration() {
            @Override
            public int port() {
                return port;
            }

            @Override
            public void close() {
                synchronized (JettyServers.this) {
                    try {
                        ctx.stop();
                    } catch (Exception ignored) {
                        // stopping a context that failed is not an error for the caller
                    }
                    owner.removeHandler(ctx);
                    if (owner.getHandlers().isEmpty()) {
                        Server s = servers.remove(port);
                        contexts.remove(port);
                        try {
                            s.stop();
                        } catch (Exception ignored) {
                            // nothing more to release
                        }
                    }
                }
            }
        };
    }

    synchronized void stopAll() {
        for (Server s : servers.values()) {
            try {
                s.stop();
            } catch (Exception ignored) {
                // shutting down
            }
        }
        servers.clear();
        contexts.clear();
    }
}
