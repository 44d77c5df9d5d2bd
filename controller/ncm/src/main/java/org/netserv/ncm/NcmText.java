package org.netserv.ncm;

import java.util.Map;

/**
 * The text form of an NCM (DESIGN.md §3.3), written once for the controller and the NSLP:
 *
 * <pre>
 *   SETUP NetServ.apps.NetMonitor_1.0.0 NETSERV/0.1     request line: METHOD [module] VERSION
 *   user: janedoe                                      header lines "name: value", in order
 *   ...
 *   signature: base64                                  not part of the signed bytes
 *                                                      blank line ends the message
 * </pre>
 *
 * The signed bytes are the request line and every header line except {@code signature}, in
 * order, each followed by {@code \n}.
 */
public final class NcmText {
    public static final String VERSION = "NETSERV/0.1";

    private NcmText() {
    }

    /** {@code METHOD [target] NETSERV/0.1}; {@code target} null for a PROBE of the whole node. */
    public static String requestLine(final String method, final String target) {
        return method + (target == null ? "" : " " + target) + " " + VERSION;
    }

    /** The canonical bytes to sign (as text): request line and every header but {@code signature}, each ended by \n. */
    public static String signedText(final String requestLine, final Iterable<? extends Map.Entry<String, String>> headers) {
        final StringBuilder b = new StringBuilder(requestLine).append('\n');
        for (final Map.Entry<String, String> h : headers) {
            if (!h.getKey().equals(Header.SIGNATURE.wireName())) {
                appendHeader(b, h.getKey(), h.getValue());
            }
        }
        return b.toString();
    }

    /** The whole message: request line, every header in order (signature included), blank line. */
    public static String toText(final String requestLine, final Iterable<? extends Map.Entry<String, String>> headers) {
        final StringBuilder b = new StringBuilder(requestLine).append('\n');
        for (final Map.Entry<String, String> h : headers) {
            appendHeader(b, h.getKey(), h.getValue());
        }
        return b.append('\n').toString();
    }

    /** The signed lines followed by the signature line and the blank line. */
    public static String withSignature(final String signedText, final String signatureBase64) {
        return signedText + Header.SIGNATURE.wireName() + ": " + signatureBase64 + "\n\n";
    }

    public static void appendHeader(final StringBuilder b, final String name, final String value) {
        b.append(name).append(": ").append(value).append('\n');
    }
}
