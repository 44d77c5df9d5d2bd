package org.netserv.controller.ncm;

import org.netserv.ncm.Header;
import org.netserv.ncm.Method;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One parsed, syntactically valid NetServ Control Message (DESIGN.md §3.3).
 *
 * <p>Immutable. Typed values are already checked by {@link NcmParser}; the
 * {@link #signedBytes()} are exactly what the publisher signed: the request line and every
 * header line except {@code signature}, in order, each followed by {@code \n}
 * (a {@code \r} before the {@code \n} on the wire is not part of the line).
 */
public final class Ncm {
    public static final String VERSION = org.netserv.ncm.NcmText.VERSION;

    private final Method method;
    private final String moduleId;
    private final Map<Header, String> headers;
    private final byte[] signedBytes;
    private final List<Ipv4Prefix> filterDst;
    private final List<Ipv4Prefix> filterSrc;
    private final List<Integer> filterPorts;
    private final Map<String, String> properties;
    private final List<String> dependencies;
    private final List<String> probes;
    private final Map<Integer, String> prefixProofs;

    Ncm(final Method method, final String moduleId, final EnumMap<Header, String> headers,
        final String signedText, final List<Ipv4Prefix> filterDst, final List<Ipv4Prefix> filterSrc,
        final List<Integer> filterPorts, final Map<String, String> properties, final List<String> dependencies,
        final List<String> probes, final Map<Integer, String> prefixProofs) {
        this.method = method;
        this.moduleId = moduleId;
        this.headers = Collections.unmodifiableMap(headers);
        this.signedBytes = signedText.getBytes(StandardCharsets.UTF_8);
        this.filterDst = List.copyOf(filterDst);
        this.filterSrc = List.copyOf(filterSrc);
        this.filterPorts = List.copyOf(filterPorts);
        this.properties = Collections.unmodifiableMap(properties);
        this.dependencies = List.copyOf(dependencies);
        this.probes = List.copyOf(probes);
        this.prefixProofs = Collections.unmodifiableMap(prefixProofs);
    }

    public Method method() {
        return method;
    }

    /** {@code symbolicName_version}, or null for a PROBE addressed to no module. */
    public String moduleId() {
        return moduleId;
    }

    public Optional<String> header(final Header h) {
        return Optional.ofNullable(headers.get(h));
    }

    public Map<Header, String> headers() {
        return headers;
    }

    public String user() {
        return headers.get(Header.USER);
    }

    public long ttlSeconds() {
        return Long.parseLong(headers.get(Header.TTL));
    }

    public long timestamp() {
        return Long.parseLong(headers.get(Header.TIMESTAMP));
    }

    public String nonce() {
        return headers.get(Header.NONCE);
    }

    public String signature() {
        return headers.get(Header.SIGNATURE);
    }

    /** Hex SHA-256 of the bundle, lower case, from {@code module-digest: sha-256=<hex>}. */
    public String digestHex() {
        final String d = headers.get(Header.MODULE_DIGEST);
        return d == null ? null : d.substring("sha-256=".length()).toLowerCase(java.util.Locale.ROOT);
    }

    public byte[] signedBytes() {
        return signedBytes.clone();
    }

    public List<Ipv4Prefix> filterDst() {
        return filterDst;
    }

    public List<Ipv4Prefix> filterSrc() {
        return filterSrc;
    }

    public List<Integer> filterPorts() {
        return filterPorts;
    }

    public Optional<String> filterProto() {
        return header(Header.FILTER_PROTO);
    }

    /** True when the module asks for diverted packets at all (a pure server module does not). */
    public boolean hasFilter() {
        return headers.containsKey(Header.FILTER_PROTO) || headers.containsKey(Header.FILTER_PORT)
                || !filterDst.isEmpty() || !filterSrc.isEmpty();
    }

    public Map<String, String> properties() {
        return properties;
    }

    public List<String> dependencies() {
        return dependencies;
    }

    public List<String> probes() {
        return probes;
    }

    /** Address (as int) to one-time token, from {@code prefix-proof: a.b.c.d=token,...}. */
    public Map<Integer, String> prefixProofs() {
        return prefixProofs;
    }

    /** The staged rollout this request asks for ({@code canary}, {@code nodes}); {@link org.netserv.ncm.Canary#ALL} without. */
    public org.netserv.ncm.Canary canary() {
        final Integer pct = header(Header.CANARY).map(v -> Integer.parseInt(v.endsWith("%") ? v.substring(0, v.length() - 1) : v))
                .orElse(null);
        final java.util.List<String> nodes = header(Header.NODES).map(v -> java.util.List.of(v.split(","))).orElse(java.util.List.of());
        return new org.netserv.ncm.Canary(pct, nodes);
    }

    /** The module id's symbolic name (without {@code _version}). */
    public String symbolicName() {
        return moduleId.substring(0, moduleId.lastIndexOf('_'));
    }
}
