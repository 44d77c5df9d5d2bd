package org.netserv.nsis.nslp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.netserv.ncm.NcmText;

/**
 * A NetServ Control Message in its text form (DESIGN §3.3): a request line
 * {@code METHOD [module] NETSERV/0.1} (only PROBE may omit the module), {@code key: value} header lines, a blank
 * line. Header order is kept: it is part of what the signature covers.
 * Lines end in {@code \n}; {@code \r\n} is accepted on input.
 */
public final class Ncm {
    public static final String VERSION = NcmText.VERSION;
    public static final List<String> METHODS = List.of("SETUP", "REMOVE", "PROBE", "TRIGGER", "ROLLBACK");

    /** One header line, name lower-cased. */
    public static final class Header {
        public final String name, value;

        public Header(String name, String value) {
            this.name = name;
            this.value = value;
        }

        @Override public boolean equals(Object o) { return o instanceof Header && ((Header) o).name.equals(name) && ((Header) o).value.equals(value); }

        @Override public int hashCode() { return name.hashCode() * 31 + value.hashCode(); }
    }

    private final String method;
    private final String target;
    private final List<Header> headers;

    public Ncm(String method, String target, List<Header> headers) {
        if (!METHODS.contains(method)) throw new IllegalArgumentException("unknown method '" + method + "' (SETUP, REMOVE, PROBE, TRIGGER, ROLLBACK)");
        if (target == null) {
            if (!method.equals("PROBE")) throw new IllegalArgumentException(method + " needs a module id");
        } else if (target.isEmpty() || target.chars().anyMatch(c -> c <= ' ')) {
            throw new IllegalArgumentException("bad target '" + target + "'");
        }
        for (Header h : headers) checkHeader(h.name, h.value);
        this.method = method;
        this.target = target;
        this.headers = Collections.unmodifiableList(new ArrayList<>(headers));
    }

    static void checkHeader(String name, String value) {
        if (name.isEmpty() || !name.equals(name.toLowerCase(Locale.ROOT)) || name.chars().anyMatch(c -> c <= ' ' || c == ':' || c > 126)) {
            throw new IllegalArgumentException("bad header name '" + name + "'");
        }
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) throw new IllegalArgumentException("header " + name + " value has a line break");
    }

    public String method() { return method; }
    /** The module id; null for a PROBE of the whole node. */
    public String target() { return target; }
    public List<Header> headers() { return headers; }

    public String requestLine() { return NcmText.requestLine(method, target); }

    /** The headers as name/value entries, in order. */
    public List<Map.Entry<String, String>> entries() { return headers.stream().map(h -> Map.entry(h.name, h.value)).toList(); }

    /** First value of a header, or null. */
    public String header(String name) {
        for (Header h : headers) if (h.name.equals(name)) return h.value;
        return null;
    }

    public Ncm with(String name, String value) {
        final List<Header> l = new ArrayList<>(headers);
        l.add(new Header(name, value));
        return new Ncm(method, target, l);
    }

    public Ncm without(String name) {
        final List<Header> l = new ArrayList<>(headers);
        l.removeIf(h -> h.name.equals(name));
        return new Ncm(method, target, l);
    }

    /** The text form, ending in the blank line. */
    public String toText() { return NcmText.toText(requestLine(), entries()); }

    /** Parses one message (the text up to and including its blank line, or to the end). */
    public static Ncm parse(String text) {
        final String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        if (lines.length == 0 || lines[0].isEmpty()) throw new IllegalArgumentException("empty NCM");
        final String[] rl = lines[0].split(" ", -1);
        if (rl.length < 2 || rl.length > 3 || !rl[rl.length - 1].equals(VERSION)) {
            throw new IllegalArgumentException("bad request line '" + lines[0] + "' (want: METHOD [module] " + VERSION + ")");
        }
        final List<Header> hs = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            final String l = lines[i];
            if (l.isEmpty()) break;
            final int c = l.indexOf(':');
            if (c <= 0) throw new IllegalArgumentException("bad header line '" + l + "'");
            hs.add(new Header(l.substring(0, c).trim().toLowerCase(Locale.ROOT), l.substring(c + 1).trim()));
        }
        return new Ncm(rl[0], rl.length == 3 ? rl[1] : null, hs);
    }

    public byte[] toBytes() { return toText().getBytes(StandardCharsets.UTF_8); }

    @Override public boolean equals(Object o) {
        return o instanceof Ncm && ((Ncm) o).method.equals(method) && java.util.Objects.equals(((Ncm) o).target, target) && ((Ncm) o).headers.equals(headers);
    }

    @Override public int hashCode() { return method.hashCode() ^ java.util.Objects.hashCode(target) ^ headers.hashCode(); }

    @Override public String toString() { return requestLine(); }
}
