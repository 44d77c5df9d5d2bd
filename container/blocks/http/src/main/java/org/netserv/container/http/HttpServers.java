/*
 * HttpServers — the HTTP building block's service (paper §2.4: "Servlet engine"):
 * server modules mount Jetty handlers on the container's ports without each
 * starting its own server. One Jetty server per port, shared by the modules that
 * use it; a port outside the container's configured list is refused here with a
 * clear message (the kernel's bind filter would refuse it anyway).
 */
package org.netserv.container.http;

import org.eclipse.jetty.server.Handler;

public interface HttpServers {

    /**
     * Serves {@code handler} under {@code contextPath} (e.g. "/cdn") on {@code port}.
     *
     * @throws IllegalArgumentException if the port is not one of the container's, or the path is taken
     * @throws Exception                if Jetty cannot start (e.g. the port is busy)
     */
    Registration serve(int port, String contextPath, Handler handler) throws Exception;

    /** One mounted handler; closing it unmounts it (and stops the server when it was the last). */
    interface Registration extends AutoCloseable {
        int port();

        @Override
        void close();
    }
}
