package org.netserv.ncm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * Which on-path nodes take a staged rollout (headers {@code canary} and {@code nodes},
 * controller/README.md "Module versions"). A node takes the version when it is named in
 * {@code nodes} or its bucket is below {@code canary}; without either header every node does.
 *
 * <p>The bucket is deterministic and the same for every version of a module, so one node
 * decides alike each time and a wider rollout (10%, then 50%) only ever adds nodes:
 * the first four bytes of SHA-256({@code nodeId + "\n" + symbolicName}), big-endian unsigned, mod 100.
 */
public record Canary(Integer percent, List<String> nodes) {

    /** Every node takes the version. */
    public static final Canary ALL = new Canary(null, List.of());

    public Canary {
        if (percent != null && (percent < 0 || percent > 100)) {
            throw new IllegalArgumentException("canary must be 0..100 percent");
        }
        nodes = List.copyOf(nodes);
    }

    /** True when the request stages its rollout at all. */
    public boolean staged() {
        return percent != null || !nodes.isEmpty();
    }

    public boolean selects(final String nodeId, final String symbolicName) {
        if (!staged()) {
            return true;
        }
        return nodes.contains(nodeId) || (percent != null && bucket(nodeId, symbolicName) < percent);
    }

    /** 0..99: the node's place in the rollout order of {@code symbolicName}. */
    public static int bucket(final String nodeId, final String symbolicName) {
        try {
            final byte[] h = MessageDigest.getInstance("SHA-256")
                    .digest((nodeId + "\n" + symbolicName).getBytes(StandardCharsets.UTF_8));
            final long v = ((h[0] & 0xffL) << 24) | ((h[1] & 0xffL) << 16) | ((h[2] & 0xffL) << 8) | (h[3] & 0xffL);
            return (int) (v % 100);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
