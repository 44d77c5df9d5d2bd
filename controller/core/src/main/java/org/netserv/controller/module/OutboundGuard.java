package org.netserv.controller.module;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.netserv.controller.ncm.Ipv4Prefix;
import org.netserv.controller.ncm.NcmException;

/**
 * Where the node may connect on a tenant's behalf: the bundle URL and every redirect hop,
 * and notification URLs. A tenant names these in a signed NCM; unguarded, it could aim the
 * node (root) at its own control surfaces ({@code 127.0.0.1:7777}, the engine's
 * ControlSocket), a link-local metadata service or the management network.
 *
 * <p>The host is resolved and refused when any of its addresses is loopback, link-local,
 * "this network" ({@code 0.0.0.0/8}) or unspecified, multicast or limited broadcast, one of the
 * node's own addresses (every interface, plus the policy's {@code node-addresses}) or inside a
 * configured management network — unless the address is inside the configured allow-list
 * ({@code outbound_allow}; e.g. a lab whose publisher runs on loopback).
 *
 * <p>The name is resolved once: {@link #resolve} checks every address of the answer and returns
 * the checked one, and the caller connects to exactly that address ({@link PinnedHttp}: IP in
 * the request URI, the original name in {@code Host} and TLS SNI/certificate check). Letting the
 * HTTP client resolve the name again would let a name whose answer changes between the two
 * lookups (DNS rebinding) pass the check with a public address and connect to 127.0.0.1.
 */
public final class OutboundGuard {
    private final List<Ipv4Prefix> allow;
    private final List<Ipv4Prefix> management;
    private final Set<String> nodeAddresses;

    /** Refuses every internal destination; nothing allowed beyond the public rules. */
    public static final OutboundGuard STRICT = new OutboundGuard(List.of(), List.of(), List.of());

    public OutboundGuard(final List<String> allow, final List<String> management, final List<String> nodeAddresses) {
        this.allow = allow.stream().map(Ipv4Prefix::parse).toList();
        this.management = management.stream().map(Ipv4Prefix::parse).toList();
        this.nodeAddresses = Set.copyOf(nodeAddresses);
    }

    /** The same rules with the node's own policy addresses added (they change on policy reload). */
    public OutboundGuard withNodeAddresses(final List<String> addresses) {
        return new OutboundGuard(allow, management, Set.copyOf(addresses));
    }

    private OutboundGuard(final List<Ipv4Prefix> allow, final List<Ipv4Prefix> management, final Set<String> nodeAddresses) {
        this.allow = allow;
        this.management = management;
        this.nodeAddresses = nodeAddresses;
    }

    /** Refuses {@code uri} with a 403 naming the address and why; {@code what} says which URL it was. */
    public void check(final URI uri, final String what) throws NcmException {
        resolve(uri, what);
    }

    /**
     * Resolves the host of {@code uri} once, refuses it (403, naming the address and why) when any
     * address of the answer is internal, and returns the destination to connect to: the first
     * checked address. Connect there, never to the name again.
     */
    public PinnedHttp.Destination resolve(final URI uri, final String what) throws NcmException {
        final String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new NcmException(403, what + " refused: no host in " + uri);
        }
        final InetAddress[] addrs;
        try {
            addrs = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new NcmException(502, what + " failed: unknown host " + host);
        }
        if (addrs.length == 0) {
            throw new NcmException(502, what + " failed: no address for " + host);
        }
        final Set<InetAddress> own = ownAddresses();
        for (final InetAddress a : addrs) {
            final String why = why(a, own);
            if (why != null) {
                throw new NcmException(403, what + " refused: " + host + " is " + a.getHostAddress() + " (" + why + ")");
            }
        }
        return new PinnedHttp.Destination(uri, addrs[0]);
    }

    /** Why {@code a} is an internal destination, or null when the node may connect to it. */
    String why(final InetAddress a, final Set<InetAddress> own) {
        if (a instanceof Inet4Address && inside(allow, a)) {
            return null;
        }
        if (a.isLoopbackAddress()) {
            return "loopback";
        }
        if (a.isLinkLocalAddress()) {
            return "link-local";
        }
        if (a.isAnyLocalAddress() || (a instanceof Inet4Address && (a.getAddress()[0] == 0))) {
            return "unspecified / this network";
        }
        if (a.isMulticastAddress() || (a instanceof Inet4Address && ByteBuffer.wrap(a.getAddress()).getInt() == -1)) {
            return "multicast or broadcast";
        }
        if (own.contains(a) || nodeAddresses.contains(a.getHostAddress())) {
            return "an address of this node";
        }
        if (a instanceof Inet4Address && inside(management, a)) {
            return "management network";
        }
        return null;
    }

    private static boolean inside(final List<Ipv4Prefix> nets, final InetAddress a) {
        final int v = ByteBuffer.wrap(a.getAddress()).getInt();
        return nets.stream().anyMatch(p -> p.containsAddress(v));
    }

    private static Set<InetAddress> ownAddresses() {
        final Set<InetAddress> out = new HashSet<>();
        try {
            for (final NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                out.addAll(Collections.list(nif.getInetAddresses()));
            }
        } catch (SocketException e) {
            // no interface list: loopback and link-local are still refused by kind
        }
        return out;
    }

    /** For the status endpoint. */
    public List<String> describe() {
        final List<String> l = new ArrayList<>();
        allow.forEach(p -> l.add("allow " + p));
        management.forEach(p -> l.add("management " + p));
        return l;
    }
}
