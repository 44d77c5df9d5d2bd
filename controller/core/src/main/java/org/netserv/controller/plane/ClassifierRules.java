package org.netserv.controller.plane;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.netserv.controller.ncm.Ipv4Prefix;

/**
 * Turns module filters into IPClassifier patterns (Click's tcpdump-like syntax, see Click's
 * IPClassifier(n)) and slot patterns into the classifier's whole configuration.
 *
 * <p>A module pattern ALWAYS carries a destination constraint: the requested {@code filter-dst}
 * prefixes if any (already authorized), else the slot's own prefixes. So a module that asks
 * only for "udp port 5060" gets the UDP-5060 packets towards its publisher's prefixes, never
 * everybody's.
 *
 * <p>With {@code replies} ({@code filter-replies: yes}) the module also sees the way back: the
 * same pattern with source and destination swapped, i.e. packets FROM the publisher's (authorized)
 * prefixes and ports — its own servers' answers, which an on-path module such as the overload
 * Sending Entity reads feedback from. Still bounded by the publisher's prefixes.
 */
public final class ClassifierRules {
    private ClassifierRules() {
    }

    /** A module's request, as authorized. Empty lists mean "not constrained by this field". */
    public record Filter(String proto, List<Integer> ports, List<Ipv4Prefix> dst, List<Ipv4Prefix> src, boolean replies) {
        public Filter {
            ports = List.copyOf(ports);
            dst = List.copyOf(dst);
            src = List.copyOf(src);
        }

        public Filter(final String proto, final List<Integer> ports, final List<Ipv4Prefix> dst, final List<Ipv4Prefix> src) {
            this(proto, ports, dst, src, false);
        }
    }

    public static String pattern(final Filter f) {
        if (f.dst().isEmpty()) {
            throw new IllegalArgumentException("a module filter must be bounded by destination prefixes");
        }
        final String forward = direction(f, "dst", "src");
        return f.replies() ? "(" + forward + ") || (" + direction(f, "src", "dst") + ")" : forward;
    }

    /**
     * Whether a module pattern was made with {@code replies}: only such a pattern joins two
     * parenthesized directions with {@code ||} (alternatives inside a term never nest).
     */
    public static boolean coversReplies(final String modulePattern) {
        return modulePattern != null && modulePattern.startsWith("(") && modulePattern.contains(") || (");
    }

    /** The pattern with the publisher's side named {@code near} ("dst": toward it, "src": from it). */
    private static String direction(final Filter f, final String near, final String far) {
        final List<String> terms = new ArrayList<>();
        if (f.proto() != null) {
            terms.add(switch (f.proto()) {
                case "tcp", "udp", "icmp" -> f.proto();
                default -> "ip proto " + Integer.parseInt(f.proto());
            });
        } else if (!f.ports().isEmpty()) {
            terms.add("(tcp || udp)");
        }
        if (!f.ports().isEmpty()) {
            terms.add(any(f.ports().stream().map(p -> near + " port " + p).toList()));
        }
        terms.add(any(f.dst().stream().map(p -> near + " net " + p).toList()));
        if (!f.src().isEmpty()) {
            terms.add(any(f.src().stream().map(p -> far + " net " + p).toList()));
        }
        return String.join(" && ", terms);
    }

    private static String any(final List<String> alts) {
        return alts.size() == 1 ? alts.get(0) : "(" + String.join(" || ", alts) + ")";
    }

    /** A slot's pattern: the OR of its modules' patterns, or {@code false} when none filters. */
    public static String slotPattern(final List<String> modulePatterns) {
        if (modulePatterns.isEmpty()) {
            return "false";
        }
        if (modulePatterns.size() == 1) {
            return modulePatterns.get(0);
        }
        return modulePatterns.stream().map(p -> "(" + p + ")").collect(Collectors.joining(" || "));
    }

    /**
     * The classifier's configuration: one pattern per container output 0..outputs-1, then
     * {@code -} for the forwarding output.
     */
    public static String config(final int outputs, final Map<Integer, List<String>> patternsBySlot) {
        final StringBuilder b = new StringBuilder();
        for (int k = 0; k < outputs; k++) {
            b.append(slotPattern(patternsBySlot.getOrDefault(k, List.of()))).append(", ");
        }
        return b.append('-').toString();
    }

    /**
     * How many container outputs an existing configuration has: its top-level comma-separated
     * patterns minus the final {@code -}. Commas inside parentheses do not split.
     */
    public static int containerOutputs(final String config) {
        int depth = 0;
        int parts = 1;
        for (int i = 0; i < config.length(); i++) {
            final char c = config.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts++;
            }
        }
        final String last = config.substring(config.lastIndexOf(',') + 1).trim();
        return last.equals("-") ? parts - 1 : parts;
    }
}
