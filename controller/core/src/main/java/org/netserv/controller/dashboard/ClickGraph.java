package org.netserv.controller.dashboard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ClickGraph — the router's elements and connections as the engine's {@code flatconfig}
 * handler gives them.
 *
 * <p>{@code flatconfig} has one declaration per element ({@code NAME :: CLASS(CONFIG);}) and
 * one connection per line ({@code FROM [P] -> [Q] TO;}). Anything else is refused with the
 * line, so a changed engine output shows up as an error instead of a wrong drawing.
 */
public final class ClickGraph {
    private static final Pattern DECL = Pattern.compile("^(\\S+)\\s*::\\s*([A-Za-z_][\\w@/]*)(?:\\((.*)\\))?\\s*;$",
            Pattern.DOTALL);
    private static final Pattern CONN = Pattern.compile("^(\\S+)\\s*\\[(\\d+)\\]\\s*->\\s*\\[(\\d+)\\]\\s*(\\S+)\\s*;$");

    /** An element: its name, class and configuration string. */
    public record Element(String name, String klass, String config) {
    }

    /** {@code from[fromPort] -> [toPort]to}. */
    public record Connection(String from, int fromPort, String to, int toPort) {
    }

    private final List<Element> elements;
    private final List<Connection> connections;

    private ClickGraph(final List<Element> elements, final List<Connection> connections) {
        this.elements = List.copyOf(elements);
        this.connections = List.copyOf(connections);
    }

    public List<Element> elements() {
        return elements;
    }

    public List<Connection> connections() {
        return connections;
    }

    /** Parses {@code flatconfig} text; statements end with {@code ;} outside quotes and parentheses. */
    public static ClickGraph parse(final String flat) {
        final List<Element> els = new ArrayList<>();
        final List<Connection> conns = new ArrayList<>();
        final Map<String, Boolean> known = new LinkedHashMap<>();
        for (final String stmt : statements(flat)) {
            final Matcher c = CONN.matcher(stmt);
            if (c.matches()) {
                conns.add(new Connection(c.group(1), Integer.parseInt(c.group(2)), c.group(4), Integer.parseInt(c.group(3))));
                continue;
            }
            final Matcher d = DECL.matcher(stmt);
            if (d.matches()) {
                els.add(new Element(d.group(1), d.group(2), d.group(3) == null ? "" : d.group(3).trim()));
                known.put(d.group(1), true);
                continue;
            }
            throw new IllegalArgumentException("flatconfig: cannot read statement: " + abbreviate(stmt));
        }
        for (final Connection c : conns) {
            if (!known.containsKey(c.from()) || !known.containsKey(c.to())) {
                throw new IllegalArgumentException("flatconfig: connection to an undeclared element: " + c);
            }
        }
        return new ClickGraph(els, conns);
    }

    private static List<String> statements(final String text) {
        final List<String> out = new ArrayList<>();
        final StringBuilder cur = new StringBuilder();
        int depth = 0;
        boolean quote = false;
        for (int i = 0; i < text.length(); i++) {
            final char ch = text.charAt(i);
            cur.append(ch);
            if (quote) {
                if (ch == '\\' && i + 1 < text.length()) {
                    cur.append(text.charAt(++i));
                } else if (ch == '"') {
                    quote = false;
                }
            } else if (ch == '"') {
                quote = true;
            } else if (ch == '(') {
                depth++;
            } else if (ch == ')') {
                depth = Math.max(0, depth - 1);
            } else if (ch == ';' && depth == 0) {
                final String s = cur.toString().trim();
                if (!s.equals(";")) {
                    out.add(s);
                }
                cur.setLength(0);
            }
        }
        if (!cur.toString().isBlank()) {
            throw new IllegalArgumentException("flatconfig: unterminated statement: " + abbreviate(cur.toString().trim()));
        }
        return out;
    }

    private static String abbreviate(final String s) {
        return s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }
}
