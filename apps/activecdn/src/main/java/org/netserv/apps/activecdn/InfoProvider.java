/*
 * InfoProvider — the local information a processed video carries (paper §4.1: the
 * weather at the edge node's location, overlaid on the publisher's video). Pluggable:
 * a fixed text (SETUP property wm_text) or a small web service (wm_info_url).
 */
package org.netserv.apps.activecdn;

import java.io.IOException;

interface InfoProvider {
    /** Longest text overlaid; longer text is cut. */
    int MAX_CHARS = 120;

    /** The text to overlay now. */
    String text() throws IOException;

    /** One line of printable text, at most MAX_CHARS; null when nothing printable is left. */
    static String clean(String s) {
        if (s == null) return null;
        String t = s.replaceAll("[\\p{Cntrl}]+", " ").strip();
        if (t.length() > MAX_CHARS) t = t.substring(0, MAX_CHARS);
        return t.isEmpty() ? null : t;
    }

    /** The same text every time. */
    record Fixed(String value) implements InfoProvider {
        public Fixed {
            value = clean(value);
            if (value == null) throw new IllegalArgumentException("property wm_text has no printable text");
        }

        @Override
        public String text() {
            return value;
        }
    }
}
