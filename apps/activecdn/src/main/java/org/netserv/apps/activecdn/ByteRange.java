/*
 * ByteRange — a client's Range header against a representation of known length
 * (RFC 9110 §14.1.2, §14.2, §15.3.7, §15.5.17).
 *
 *   bytes=0-499   first 500 bytes      bytes=500-   from 500 to the end
 *   bytes=-500    last 500 bytes       bytes=0-0,-1 several ranges
 *
 * One satisfiable range is answered with 206; several are answered with the whole
 * representation (§14.2 lets a server ignore Range; we do not build
 * multipart/byteranges), and so is a Range header we cannot parse or a unit other
 * than bytes. No satisfiable range at all is 416.
 */
package org.netserv.apps.activecdn;

final class ByteRange {
    enum Kind { NONE, PARTIAL, UNSATISFIABLE }

    final Kind kind;
    /** Inclusive first and last byte, for PARTIAL. */
    final long first, last;

    private ByteRange(Kind kind, long first, long last) {
        this.kind = kind;
        this.first = first;
        this.last = last;
    }

    static final ByteRange NONE = new ByteRange(Kind.NONE, 0, -1);
    static final ByteRange UNSATISFIABLE = new ByteRange(Kind.UNSATISFIABLE, 0, -1);

    long length() { return last - first + 1; }

    static ByteRange parse(String header, long length) {
        if (header == null) return NONE;
        String h = header.strip();
        int eq = h.indexOf('=');
        if (eq < 0 || !h.substring(0, eq).strip().equalsIgnoreCase("bytes")) return NONE;
        String[] specs = h.substring(eq + 1).split(",", -1);
        ByteRange only = null;
        int satisfiable = 0;
        for (String raw : specs) {
            String s = raw.strip();
            if (s.isEmpty()) continue; // RFC 9110 §5.6.1: empty list elements are ignored
            int dash = s.indexOf('-');
            if (dash < 0) return NONE;
            String a = s.substring(0, dash).strip(), b = s.substring(dash + 1).strip();
            long first, last;
            if (a.isEmpty()) {                       // suffix-range: the last N bytes
                long n = digits(b);
                if (n < 0) return NONE;
                if (n == 0 || length == 0) continue;
                first = Math.max(0, length - n);
                last = length - 1;
            } else {
                first = digits(a);
                last = b.isEmpty() ? Long.MAX_VALUE : digits(b);
                if (first < 0 || last < 0 || last < first) return NONE; // invalid: ignore the header
                if (first >= length) continue;
                last = Math.min(last, length - 1);
            }
            satisfiable++;
            only = new ByteRange(Kind.PARTIAL, first, last);
        }
        if (satisfiable == 0) return UNSATISFIABLE;
        return satisfiable == 1 ? only : NONE;
    }

    private static long digits(String s) {
        if (s.isEmpty() || s.length() > 18) return -1;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') return -1;
        }
        return Long.parseLong(s);
    }
}
