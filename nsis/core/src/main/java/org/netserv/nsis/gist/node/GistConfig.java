package org.netserv.nsis.gist.node;

import java.net.InetAddress;

/**
 * Tunables of one GIST node. Defaults follow RFC 5971 §4.4 / §5.3.1 and the
 * NSIS-ka configuration seen in the vectors (T1 = 500 ms doubling, give up
 * after 64 s, routing state valid 30 s, MA hold time 180 s).
 */
public final class GistConfig {
    /** NSLPIDs this node serves (the NetServ NSLP: one of 32704–32767). */
    public int[] nslpIds = {32767};
    /** Our interface address for the NLI; null = the one the kernel routes from. */
    public InetAddress address;
    /** Q-mode / D-mode UDP port (all UDP is 270 to 270). */
    public int udpPort = org.netserv.nsis.gist.wire.Gist.PORT;
    /** Bind address for the UDP and TCP sockets (wildcard by default). */
    public InetAddress bindAddress;
    /** C-mode (forwards-TCP) listening port; 0 = ephemeral, -1 = no C-mode. */
    public int tcpPort = 0;
    public long t1Ms = 500;
    /** Give up on a Query after this long without a Response (last node found). */
    public long retryLimitMs = 64_000;
    /** Routing State Validity Time we advertise in our NLI. */
    public long stateValidityMs = 30_000;
    public long maHoldTimeMs = 180_000;
    public int queryHops = 32;
    public int ipTtl = 64;
    /** Larger messages go in C-mode (RFC 5971 §5.3.2: 576 when the path MTU is unknown). */
    public int pathMtu = org.netserv.nsis.gist.wire.Gist.DEFAULT_PATH_MTU;
    /** Treat ICMP port unreachable for a Query as "no peer beyond" (paper §2.1). */
    public boolean icmpLastNode = true;
    /** Responder-cookie secret rotation period. */
    public long secretRotationMs = 300_000;
    public long tickMs = 10;

    // ---- limits: what a remote host can make this node hold (each counted as limit/NAME when hit)
    /** Routing states held, querier and responder together (the bench raises it). */
    public int maxRoutingStates = 100_000;
    /** Longest routing-state validity a peer's NLI may ask for; longer is clamped. */
    public long maxStateLifetimeMs = 120_000;
    /** TCP connections open at once (accepted and initiated, MA or not yet). */
    public int maxTcpConnections = 256;
    /** Accepted TCP connections open at once from one remote address. */
    public int maxConnectionsPerAddress = 8;
    /** Messaging associations bound to a peer identity. */
    public int maxMessagingAssociations = 128;
    /** An accepted connection must carry a Confirm whose cookie verifies within this, or it is closed. */
    public long maSetupTimeoutMs = 10_000;
    /** A message begun on an MA must be complete within this (slow-loris), or the MA is closed. */
    public long frameTimeoutMs = 5_000;
    /** Largest C-mode message accepted (the receive buffer of an MA never grows past it). */
    public int maxMessageBytes = 65_536;
    /** Bytes queued toward one MA's peer; a peer that does not read past this is dropped. */
    public int maxQueuedBytesPerMa = 1 << 20;
    /** Responses per second to an NLI address that is not the Query's IP source (S flag clear). */
    public int offSourceRepliesPerSecond = 20;
    /** D-mode Errors per second (their destination comes from the input that caused them). */
    public int errorRepliesPerSecond = 50;

    public boolean servesNslp(int id) {
        for (int n : nslpIds) if (n == id) return true;
        return false;
    }
}
