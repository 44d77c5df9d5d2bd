package org.netserv.ncm;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Every header an NCM may carry: paper Table 1 plus ours (DESIGN.md §3.3).
 * {@code allowed} is where it may appear, {@code required} where it must.
 * A header outside {@code allowed} is a malformed request, not something to ignore:
 * a stray {@code ttl} in a REMOVE means the sender is confused about what it signed.
 */
public enum Header {
    USER("user", EnumSet.of(Method.SETUP, Method.REMOVE, Method.PROBE, Method.ROLLBACK), EnumSet.of(Method.SETUP, Method.REMOVE, Method.ROLLBACK)),
    TTL("ttl", EnumSet.of(Method.SETUP), EnumSet.of(Method.SETUP)),
    URL("url", EnumSet.of(Method.SETUP), EnumSet.of(Method.SETUP)),
    MODULE_DIGEST("module-digest", EnumSet.of(Method.SETUP), EnumSet.of(Method.SETUP)),
    DEPENDENCIES("dependencies", EnumSet.of(Method.SETUP), EnumSet.noneOf(Method.class)),
    FILTER_PROTO("filter-proto", EnumSet.of(Method.SETUP), EnumSet.noneOf(Method.class)),
    FILTER_PORT("filter-port", EnumSet.of(Method.SETUP), EnumSet.noneOf(Method.class)),
    FILTER_DST("filter-dst", EnumSet.of(Method.SETUP), EnumSet.noneOf(Method.class)),
    FILTER_SRC("filter-src", EnumSet.of(Method.SETUP), EnumSet.noneOf(Method.class)),
    /** "yes": the module also sees the replies from the filtered prefixes and ports (ClassifierRules). */
    FILTER_REPLIES("filter-replies", EnumSet.of(Method.SETUP), EnumSet.noneOf(Method.class)),
    PREFIX_PROOF("prefix-proof", EnumSet.of(Method.SETUP), EnumSet.noneOf(Method.class)),
    PROPERTIES("properties", EnumSet.of(Method.SETUP), EnumSet.noneOf(Method.class)),
    NOTIFICATION("notification", EnumSet.of(Method.SETUP, Method.REMOVE, Method.ROLLBACK), EnumSet.noneOf(Method.class)),
    NODE_ID("node-id", EnumSet.of(Method.SETUP, Method.REMOVE, Method.PROBE, Method.ROLLBACK), EnumSet.noneOf(Method.class)),
    /** Staged rollout: percent (0-100) of the on-path nodes that take this version (by a hash of node-id and name). */
    CANARY("canary", EnumSet.of(Method.SETUP, Method.ROLLBACK), EnumSet.noneOf(Method.class)),
    /** Staged rollout: the node ids that take this version (with {@code canary}: either selects a node). */
    NODES("nodes", EnumSet.of(Method.SETUP, Method.ROLLBACK), EnumSet.noneOf(Method.class)),
    PROBE("probe", EnumSet.of(Method.PROBE), EnumSet.of(Method.PROBE)),
    NONCE("nonce", EnumSet.of(Method.SETUP, Method.REMOVE, Method.PROBE, Method.ROLLBACK),
            EnumSet.of(Method.SETUP, Method.REMOVE, Method.PROBE, Method.ROLLBACK)),
    TIMESTAMP("timestamp", EnumSet.of(Method.SETUP, Method.REMOVE, Method.PROBE, Method.ROLLBACK),
            EnumSet.of(Method.SETUP, Method.REMOVE, Method.PROBE, Method.ROLLBACK)),
    SIGNATURE("signature", EnumSet.of(Method.SETUP, Method.REMOVE, Method.PROBE, Method.ROLLBACK),
            EnumSet.of(Method.SETUP, Method.REMOVE, Method.PROBE, Method.ROLLBACK));

    private final String wireName;
    private final Set<Method> allowed;
    private final Set<Method> required;

    Header(final String wireName, final Set<Method> allowed, final Set<Method> required) {
        this.wireName = wireName;
        this.allowed = allowed;
        this.required = required;
    }

    public String wireName() {
        return wireName;
    }

    public boolean allowedIn(final Method m) {
        return allowed.contains(m);
    }

    public boolean requiredIn(final Method m) {
        return required.contains(m);
    }

    /** Header names are case-insensitive on the wire (as in HTTP); null when unknown. */
    public static Header fromWire(final String name) {
        final String lower = name.toLowerCase(Locale.ROOT);
        for (final Header h : values()) {
            if (h.wireName.equals(lower)) {
                return h;
            }
        }
        return null;
    }
}
