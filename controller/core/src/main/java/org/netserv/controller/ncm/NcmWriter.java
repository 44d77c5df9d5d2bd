package org.netserv.controller.ncm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the text form of a request, so the signed bytes are exactly
 * {@link #signedText()} and the wire form is that plus the {@code signature} line.
 * Used by tests, {@code netserv-ctl sign} and anyone who needs a well-formed NCM.
 */
public final class NcmWriter {
    private final String requestLine;
    private final List<Map.Entry<String, String>> headers = new ArrayList<>();

    public NcmWriter(final Method method, final String moduleId) {
        this.requestLine = method + (moduleId == null ? "" : " " + moduleId) + " " + Ncm.VERSION;
    }

    public NcmWriter header(final String name, final String value) {
        if (name.indexOf('\n') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("newline in header");
        }
        headers.add(Map.entry(name, value));
        return this;
    }

    /** The canonical bytes to sign: request line and every header line, each ended by \n. */
    public String signedText() {
        final StringBuilder b = new StringBuilder(requestLine).append('\n');
        for (final Map.Entry<String, String> e : headers) {
            b.append(e.getKey()).append(": ").append(e.getValue()).append('\n');
        }
        return b.toString();
    }

    /** The complete message: the signed lines, the signature line, the blank line. */
    public String toWire(final String signatureBase64) {
        return signedText() + "signature: " + signatureBase64 + "\n\n";
    }
}
