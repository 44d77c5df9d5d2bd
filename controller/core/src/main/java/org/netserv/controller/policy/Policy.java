package org.netserv.controller.policy;

import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The node policy as loaded and validated (see netserv-policy-1.xsd). Immutable.
 *
 * <p>Replay across nodes (issue #14 item 6): each node keeps its own nonces, so what keeps a
 * SETUP/REMOVE captured on one path from working at another node is either its signed
 * {@code node-id} binding (the nodes or path it names; any other node ignores it), or a short
 * life: {@code maxAgeSeconds} for a bound NCM, {@code unboundMaxAgeSeconds} (shorter) for one
 * naming no node; {@code requireNodeBinding} refuses unbound ones outright.
 */
public record Policy(Path source, String nodeId, List<String> nodeAddresses, List<String> buildingBlocks,
                     List<String> publicProbes,
                     long replayWindowSeconds, int nonceCache, long futureSkewSeconds, long maxAgeSeconds,
                     long unboundMaxAgeSeconds, boolean requireNodeBinding, Download download,
                     Optional<PrefixOwnership> prefixOwnership, List<Slot> slots) {

    public record Download(int connectTimeoutMs, int timeoutMs, int maxRedirects) {
    }

    /** Settings of the reverse-routability check (paper §3.2); absent = check disabled node-wide. */
    public record PrefixOwnership(int port, String path, int timeoutMs) {
    }

    public Optional<Slot> slotOfUser(final String user) {
        return slots.stream().filter(s -> s.user().equals(user)).findFirst();
    }

    public Optional<Slot> slot(final int number) {
        return slots.stream().filter(s -> s.number() == number).findFirst();
    }

    /** Every key of every slot: a PROBE without {@code user} may be signed by any known publisher. */
    public List<PublicKey> allKeys() {
        final List<PublicKey> l = new ArrayList<>();
        slots.forEach(s -> l.addAll(s.keys()));
        return l;
    }
}
