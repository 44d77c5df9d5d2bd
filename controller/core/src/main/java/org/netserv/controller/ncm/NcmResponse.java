package org.netserv.controller.ncm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One response block: {@code NETSERV/0.1 <code> <reason>}, {@code key: value} lines, blank line.
 * Unlike a request, a key may repeat (one {@code module:} line per module in a status probe),
 * so headers are an ordered list.
 */
public final class NcmResponse {
    private final int code;
    private final String reason;
    private final List<Map.Entry<String, String>> headers = new ArrayList<>();

    private NcmResponse(final int code, final String reason) {
        this.code = code;
        this.reason = oneLine(reason);
    }

    public static NcmResponse of(final int code, final String reason) {
        return new NcmResponse(code, reason);
    }

    public NcmResponse header(final String key, final String value) {
        headers.add(Map.entry(key, oneLine(value)));
        return this;
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    public List<Map.Entry<String, String>> headers() {
        return List.copyOf(headers);
    }

    public Optional<String> first(final String key) {
        return headers.stream().filter(e -> e.getKey().equals(key)).map(Map.Entry::getValue).findFirst();
    }

    public List<String> all(final String key) {
        return headers.stream().filter(e -> e.getKey().equals(key)).map(Map.Entry::getValue).toList();
    }

    public boolean isSuccess() {
        return code >= 200 && code < 300;
    }

    /** The block as sent on the wire, ending with its blank line. */
    public String toWire() {
        final StringBuilder b = new StringBuilder(64 + headers.size() * 48);
        b.append(Ncm.VERSION).append(' ').append(code).append(' ').append(reason).append('\n');
        for (final Map.Entry<String, String> e : headers) {
            b.append(e.getKey()).append(": ").append(e.getValue()).append('\n');
        }
        return b.append('\n').toString();
    }

    @Override
    public String toString() {
        return toWire();
    }

    /** Parses one block's lines (no blank line). */
    public static NcmResponse parseLines(final List<String> lines) throws NcmException {
        if (lines.isEmpty()) {
            throw new NcmException(400, "empty response");
        }
        final String status = lines.get(0);
        final String prefix = Ncm.VERSION + " ";
        if (!status.startsWith(prefix) || status.length() < prefix.length() + 3) {
            throw new NcmException(400, "bad status line: " + NcmParser.printable(status));
        }
        final String codeText = status.substring(prefix.length(), prefix.length() + 3);
        if (!codeText.chars().allMatch(Character::isDigit)
                || (status.length() > prefix.length() + 3 && status.charAt(prefix.length() + 3) != ' ')) {
            throw new NcmException(400, "bad status code: " + NcmParser.printable(status));
        }
        final int code = Integer.parseInt(codeText);
        if (code < 100) {
            throw new NcmException(400, "bad status code: " + code);
        }
        final String reason = status.length() > prefix.length() + 4 ? status.substring(prefix.length() + 4) : "";
        final NcmResponse r = new NcmResponse(code, reason);
        for (int i = 1; i < lines.size(); i++) {
            final String l = lines.get(i);
            final int colon = l.indexOf(':');
            if (colon <= 0) {
                throw new NcmException(400, "malformed response header line " + (i + 1));
            }
            final String v = l.substring(colon + 1);
            r.headers.add(Map.entry(l.substring(0, colon), v.startsWith(" ") ? v.substring(1) : v));
        }
        return r;
    }

    /**
     * Parses a PROBE response stack: the blocks one after another, farthest node first,
     * nearest to the requester last, each ended by a blank line.
     */
    public static List<NcmResponse> parseStack(final String text, final NcmLimits limits) throws NcmException {
        final List<NcmResponse> out = new ArrayList<>();
        final NcmReader r = new NcmReader(new java.io.ByteArrayInputStream(
                text.getBytes(java.nio.charset.StandardCharsets.UTF_8)), limits);
        try {
            for (List<String> lines; (lines = r.readMessage()) != null; ) {
                out.add(parseLines(lines));
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** Writes a stack in the order {@link #parseStack} reads it. */
    public static String writeStack(final List<NcmResponse> blocks) {
        final StringBuilder b = new StringBuilder();
        blocks.forEach(x -> b.append(x.toWire()));
        return b.toString();
    }

    private static String oneLine(final String s) {
        // a reason or value must never split the block: newlines would forge headers
        return s.replace('\r', ' ').replace('\n', ' ');
    }
}
