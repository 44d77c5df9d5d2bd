package org.netserv.nsis.gist.node;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.Selector;
import org.netserv.nsis.gist.wire.GistMessage;

/**
 * A source of intercepted Q-mode packets: Queries addressed to a flow's
 * destination beyond this node. On a NetServ router that is the router
 * graph's signaling channel ({@link ChannelInterceptor}); on a Linux box in
 * tests, a UDP port netfilter redirects to ({@link RedirectInterceptor}).
 * Each intercepted datagram goes to {@link GistNode#receiveDatagram} with
 * {@code intercepted = true}, on the node's event loop.
 */
public interface Interceptor extends Closeable {
    /** Registers with the node's selector (or starts its own reader). */
    void attach(GistNode node, Selector selector) throws IOException;

    /** The selector reported our channel readable (selector-based interceptors). */
    default void onReadable() {}

    /** An intercepted Query for an NSLP we do not serve: let it continue along the path if we can. */
    default void passOn(GistMessage query) {}

    @Override void close() throws IOException;
}
