package org.netserv.nsis.gist.node;

import java.net.InetAddress;

/** A GIST peer as its NLI names it: interface address and peer identity (hex). */
public final class Peer {
    public final InetAddress address;
    public final String peerId;

    public Peer(InetAddress address, String peerId) {
        this.address = address;
        this.peerId = peerId;
    }

    @Override public String toString() { return address.getHostAddress() + " (" + peerId + ")"; }
}
