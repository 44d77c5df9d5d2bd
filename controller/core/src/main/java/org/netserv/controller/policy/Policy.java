package org.netserv.controller.policy;

import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The node policy as loaded and validated (see netserv-policy-1.xsd). Immutable. */
public record Policy(Path source, String nodeId, List<String> nodeAddresses, List<String> buildingBlocks,
                     List<String> publicProbes,
                     long replayWindowSeconds, int nonceCache, long futureSkewSeconds, long maxAgeSeconds, Download download,
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
