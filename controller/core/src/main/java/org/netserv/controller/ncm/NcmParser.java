package org.netserv.controller.ncm;

import org.netserv.ncm.Header;
import org.netserv.ncm.Method;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Strict parser for the text form of an NCM request (DESIGN.md §3.3).
 *
 * <pre>
 *   SETUP NetServ.apps.NetMonitor_1.0.0 NETSERV/0.1     request line: METHOD [moduleId] VERSION
 *   user: janedoe                                      header lines: name ":" [SP] value
 *   ...
 *   signature: base64                                  (anywhere among the headers)
 *                                                      blank line ends the message
 * </pre>
 *
 * Every refusal is an {@link NcmException} whose reason names the offending line or header;
 * nothing is guessed or silently dropped. Unknown headers are refused, except the
 * extension space {@code x-*}, which is signed but carries no meaning here.
 */
public final class NcmParser {
    /** A path binding names at most this many nodes. */
    static final int MAX_NODE_IDS = 32;
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._\\-]{0,63}");
    private static final Pattern SYMBOLIC_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._\\-]{0,199}");
    private static final Pattern OSGI_VERSION = Pattern.compile("\\d{1,9}(\\.\\d{1,9}(\\.\\d{1,9}(\\.[A-Za-z0-9_\\-]{1,64})?)?)?");
    private static final Pattern DIGEST = Pattern.compile("sha-256=[0-9a-fA-F]{64}");
    private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]{0,11}");
    private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9+/=_\\-]{16,128}");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]+={0,2}");
    private static final Pattern PROP_KEY = Pattern.compile("[A-Za-z0-9._\\-]{1,64}");
    private static final Pattern PROOF_TOKEN = Pattern.compile("[A-Za-z0-9._\\-]{8,128}");
    /** A year: longer TTLs are almost certainly a unit mistake. */
    public static final long MAX_TTL = 31_536_000L;

    private final NcmLimits limits;

    public NcmParser(final NcmLimits limits) {
        this.limits = limits;
    }

    public NcmParser() {
        this(NcmLimits.DEFAULT);
    }

    /** Parses one whole message held in a string (must end with its blank line). */
    public Ncm parse(final String text) throws NcmException {
        return parseLines(NcmReader.splitMessage(text, limits));
    }

    /** Parses the lines of one message: request line first, headers, no terminating blank line. */
    public Ncm parseLines(final List<String> lines) throws NcmException {
        if (lines.isEmpty()) {
            throw new NcmException(400, "empty message");
        }
        if (lines.size() - 1 > limits.maxHeaders()) {
            throw new NcmException(431, "too many headers (" + (lines.size() - 1) + " > " + limits.maxHeaders() + ")");
        }
        final String requestLine = lines.get(0);
        final String[] rl = requestLine.split(" ", -1);
        if (rl.length < 2 || rl.length > 3) {
            throw new NcmException(400, "bad request line: expected 'METHOD [module] " + Ncm.VERSION + "'");
        }
        final Method method = Method.fromToken(rl[0]);
        if (method == null) {
            throw new NcmException(400, "unknown method: " + printable(rl[0]));
        }
        if (!Ncm.VERSION.equals(rl[rl.length - 1])) {
            throw new NcmException(400, "unsupported version: " + printable(rl[rl.length - 1]));
        }
        if (method == Method.TRIGGER) {
            throw new NcmException(501, "TRIGGER is handled by the NSLP, not the controller");
        }
        final String moduleId = rl.length == 3 ? rl[1] : null;
        if (moduleId == null && method != Method.PROBE) {
            throw new NcmException(400, "missing module id in " + method + " request line");
        }
        if (moduleId != null) {
            checkModuleId(moduleId);
        }

        final EnumMap<Header, String> headers = new EnumMap<>(Header.class);
        final Map<String, Boolean> seenExtensions = new LinkedHashMap<>();
        final StringBuilder signed = new StringBuilder(256).append(requestLine).append('\n');
        for (int i = 1; i < lines.size(); i++) {
            final String line = lines.get(i);
            final int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new NcmException(400, "malformed header line " + (i + 1) + ": no 'name: value'");
            }
            final String name = line.substring(0, colon);
            if (!name.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')) {
                throw new NcmException(400, "malformed header name on line " + (i + 1));
            }
            String value = line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            if (value.isEmpty() || value.charAt(0) == ' ' || value.charAt(value.length() - 1) == ' ') {
                // An empty value is legal in the paper's figure ("dependencies:"), but it signs
                // a header that says nothing; we accept it only where the header is optional.
                if (!value.isBlank()) {
                    throw new NcmException(400, "header " + name.toLowerCase(Locale.ROOT) + ": stray whitespace in value");
                }
            }
            final Header h = Header.fromWire(name);
            if (h == null) {
                final String lower = name.toLowerCase(Locale.ROOT);
                if (lower.startsWith("x-")) {
                    if (seenExtensions.put(lower, Boolean.TRUE) != null) {
                        throw new NcmException(400, "duplicate header: " + lower);
                    }
                    signed.append(line).append('\n');
                    continue;
                }
                throw new NcmException(400, "unknown header: " + printable(lower));
            }
            if (!h.allowedIn(method)) {
                throw new NcmException(400, "header " + h.wireName() + " not allowed in " + method);
            }
            if (headers.containsKey(h)) {
                throw new NcmException(400, "duplicate header: " + h.wireName());
            }
            if (value.isBlank() && h.requiredIn(method)) {
                throw new NcmException(400, "empty header: " + h.wireName());
            }
            headers.put(h, value.isBlank() ? "" : value);
            if (h != Header.SIGNATURE) {
                signed.append(line).append('\n');
            }
        }
        for (final Header h : Header.values()) {
            if (h.requiredIn(method) && !headers.containsKey(h)) {
                throw new NcmException(400, "missing header: " + h.wireName());
            }
        }
        // empty optional headers carry no meaning: drop them after they were signed
        headers.values().removeIf(String::isEmpty);

        final List<Ipv4Prefix> dst = new ArrayList<>();
        final List<Ipv4Prefix> src = new ArrayList<>();
        final List<Integer> ports = new ArrayList<>();
        final Map<String, String> props = new LinkedHashMap<>();
        final List<String> deps = new ArrayList<>();
        final List<String> probes = new ArrayList<>();
        final Map<Integer, String> proofs = new LinkedHashMap<>();
        for (final Map.Entry<Header, String> e : headers.entrySet()) {
            checkValue(e.getKey(), e.getValue(), dst, src, ports, props, deps, probes, proofs);
        }
        return new Ncm(method, moduleId, headers, signed.toString(), dst, src, ports, props, deps, probes, proofs);
    }

    static void checkModuleId(final String id) throws NcmException {
        final int us = id.lastIndexOf('_');
        if (us <= 0 || us == id.length() - 1
                || !SYMBOLIC_NAME.matcher(id.substring(0, us)).matches()
                || !OSGI_VERSION.matcher(id.substring(us + 1)).matches()) {
            throw new NcmException(400, "bad module id: " + printable(id) + " (expected symbolicName_version)");
        }
    }

    private static void checkValue(final Header h, final String v, final List<Ipv4Prefix> dst,
                                   final List<Ipv4Prefix> src, final List<Integer> ports,
                                   final Map<String, String> props, final List<String> deps,
                                   final List<String> probes, final Map<Integer, String> proofs)
            throws NcmException {
        switch (h) {
            case USER -> {
                if (!TOKEN.matcher(v).matches()) {
                    throw bad(h, "not a name");
                }
            }
            case NODE_ID -> {
                // one node, or the nodes of a path: a,b,c
                final String[] ids = v.split(",", -1);
                if (ids.length > MAX_NODE_IDS) {
                    throw bad(h, "more than " + MAX_NODE_IDS + " nodes");
                }
                for (final String id : ids) {
                    if (!TOKEN.matcher(id).matches()) {
                        throw bad(h, "not a name or a comma-separated list of names");
                    }
                }
            }
            case TTL -> {
                if (!DECIMAL.matcher(v).matches() || Long.parseLong(v) < 1 || Long.parseLong(v) > MAX_TTL) {
                    throw bad(h, "must be 1.." + MAX_TTL + " seconds");
                }
            }
            case TIMESTAMP -> {
                if (!DECIMAL.matcher(v).matches()) {
                    throw bad(h, "must be unix seconds");
                }
            }
            case URL, NOTIFICATION -> checkUrl(h, v);
            case CANARY -> {
                final String n = v.endsWith("%") ? v.substring(0, v.length() - 1) : v;
                if (!DECIMAL.matcher(n).matches() || n.length() > 3 || Integer.parseInt(n) > 100) {
                    throw bad(h, "expected a percentage 0..100");
                }
            }
            case NODES -> {
                for (final String n : v.split(",", -1)) {
                    if (!TOKEN.matcher(n).matches()) {
                        throw bad(h, "expected node ids, comma-separated");
                    }
                }
            }
            case MODULE_DIGEST -> {
                if (!DIGEST.matcher(v).matches()) {
                    throw bad(h, "expected sha-256=<64 hex digits>");
                }
            }
            case NONCE -> {
                if (!NONCE.matcher(v).matches()) {
                    throw bad(h, "expected 16..128 characters of [A-Za-z0-9+/=_-]");
                }
            }
            case SIGNATURE -> {
                if (v.length() > 2048 || v.length() % 4 != 0 || !BASE64.matcher(v).matches()) {
                    throw bad(h, "not base64");
                }
            }
            case FILTER_PROTO -> {
                if (!v.equals("tcp") && !v.equals("udp") && !v.equals("icmp")
                        && !(DECIMAL.matcher(v).matches() && v.length() <= 3 && Integer.parseInt(v) <= 255)) {
                    throw bad(h, "expected tcp, udp, icmp or 0..255");
                }
            }
            case FILTER_PORT -> {
                for (final String p : v.split(",", -1)) {
                    if (!DECIMAL.matcher(p).matches() || p.length() > 5 || Integer.parseInt(p) < 1
                            || Integer.parseInt(p) > 65535) {
                        throw bad(h, "expected ports 1..65535, comma-separated");
                    }
                    ports.add(Integer.parseInt(p));
                }
            }
            case FILTER_REPLIES -> {
                if (!v.equals("yes") && !v.equals("no")) {
                    throw bad(h, "expected yes or no");
                }
            }
            case FILTER_DST, FILTER_SRC -> {
                for (final String p : v.split(",", -1)) {
                    try {
                        (h == Header.FILTER_DST ? dst : src).add(Ipv4Prefix.parse(p));
                    } catch (IllegalArgumentException e) {
                        throw bad(h, e.getMessage());
                    }
                }
            }
            case PROPERTIES -> {
                for (final String kv : v.split(",", -1)) {
                    final int eq = kv.indexOf('=');
                    if (eq <= 0 || !PROP_KEY.matcher(kv.substring(0, eq)).matches()) {
                        throw bad(h, "expected k=v,...");
                    }
                    if (props.put(kv.substring(0, eq), kv.substring(eq + 1)) != null) {
                        throw bad(h, "duplicate key " + kv.substring(0, eq));
                    }
                }
            }
            case DEPENDENCIES -> {
                for (final String d : v.split(",", -1)) {
                    if (!SYMBOLIC_NAME.matcher(d).matches()) {
                        throw bad(h, "expected names, comma-separated");
                    }
                    deps.add(d);
                }
            }
            case PROBE -> {
                for (final String p : v.split(",", -1)) {
                    if (!p.equals("status") && !p.equals("capabilities") && !p.equals("resources")) {
                        throw bad(h, "unknown probe " + printable(p) + " (status, capabilities, resources)");
                    }
                    if (!probes.contains(p)) {
                        probes.add(p);
                    }
                }
            }
            case PREFIX_PROOF -> {
                for (final String kv : v.split(",", -1)) {
                    final int eq = kv.indexOf('=');
                    if (eq <= 0 || !PROOF_TOKEN.matcher(kv.substring(eq + 1)).matches()) {
                        throw bad(h, "expected address=token,...");
                    }
                    try {
                        proofs.put(Ipv4Prefix.parseAddress(kv.substring(0, eq)), kv.substring(eq + 1));
                    } catch (IllegalArgumentException e) {
                        throw bad(h, e.getMessage());
                    }
                }
            }
            default -> throw new IllegalStateException(h.toString());
        }
    }

    private static void checkUrl(final Header h, final String v) throws NcmException {
        try {
            final URI u = new URI(v);
            final String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null || u.getUserInfo() != null) {
                throw bad(h, "expected an http or https URL with a host");
            }
        } catch (URISyntaxException e) {
            throw bad(h, "not a URL");
        }
    }

    private static NcmException bad(final Header h, final String what) {
        return new NcmException(400, "bad " + h.wireName() + ": " + what);
    }

    /** Keeps reasons on one printable line whatever the sender put in a field. */
    static String printable(final String s) {
        final StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 64; i++) {
            final char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return b.toString();
    }
}
