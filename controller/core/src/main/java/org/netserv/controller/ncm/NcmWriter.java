package org.netserv.controller.ncm;

import org.netserv.ncm.Method;
import org.netserv.ncm.NcmSignature;
import org.netserv.ncm.NcmText;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
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
        this.requestLine = NcmText.requestLine(method.name(), moduleId);
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
        return NcmText.signedText(requestLine, headers);
    }

    /** The complete message: the signed lines, the signature line, the blank line. */
    public String toWire(final String signatureBase64) {
        return NcmText.withSignature(signedText(), signatureBase64);
    }

    /** The complete message signed with {@code key}. */
    public String signedWith(final PrivateKey key) throws GeneralSecurityException {
        return toWire(NcmSignature.sign(signedText(), key));
    }
}
