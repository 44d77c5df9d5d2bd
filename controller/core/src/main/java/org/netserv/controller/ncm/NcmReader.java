package org.netserv.controller.ncm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts one message (request or response block) off a byte stream: lines up to the first
 * blank line, each checked against {@link NcmLimits} as it arrives, so a peer cannot make us
 * buffer more than {@code maxMessageBytes} however it misbehaves.
 *
 * <p>Lines end in {@code \n}; one {@code \r} right before it is dropped. A lone {@code \r},
 * NUL or any other control character inside a line is refused (it would make the signed
 * text ambiguous). Text must be valid UTF-8.
 */
public final class NcmReader {
    private final InputStream in;
    private final NcmLimits limits;
    private CharsetDecoder dec;

    public NcmReader(final InputStream in, final NcmLimits limits) {
        this.in = in;
        this.limits = limits;
    }

    /**
     * Reads one message. Returns null at end of stream before a message started.
     * After an {@link NcmException} the stream position is undefined: close the connection.
     */
    public List<String> readMessage() throws IOException, NcmException {
        final List<String> lines = new ArrayList<>();
        final ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int total = 0;
        while (true) {
            final int b = in.read();
            if (b < 0) {
                if (lines.isEmpty() && line.size() == 0) {
                    return null;
                }
                throw new NcmException(400, "truncated message: no blank line before end of stream");
            }
            if (++total > limits.maxMessageBytes()) {
                throw new NcmException(413, "message too large (> " + limits.maxMessageBytes() + " bytes)");
            }
            if (b == '\n') {
                final String l = decodeLine(line.toByteArray(), lines.size() + 1);
                line.reset();
                if (l.isEmpty()) {
                    if (lines.isEmpty()) {
                        continue; // blank lines between messages are not a message
                    }
                    return lines;
                }
                if (lines.size() > limits.maxHeaders()) {
                    throw new NcmException(431, "too many headers (> " + limits.maxHeaders() + ")");
                }
                lines.add(l);
                continue;
            }
            if (line.size() >= limits.maxLineBytes()) {
                throw new NcmException(431, "line " + (lines.size() + 1) + " too long (> " + limits.maxLineBytes() + " bytes)");
            }
            line.write(b);
        }
    }

    /** Splits a whole message held in memory; the same rules as reading it from a stream. */
    public static List<String> splitMessage(final String text, final NcmLimits limits) throws NcmException {
        try {
            final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            final NcmReader r = new NcmReader(new java.io.ByteArrayInputStream(bytes), limits);
            final List<String> lines = r.readMessage();
            if (lines == null) {
                throw new NcmException(400, "empty message");
            }
            if (r.in.available() > 0 && !new String(r.in.readAllBytes(), StandardCharsets.UTF_8).isBlank()) {
                throw new NcmException(400, "trailing data after the blank line");
            }
            return lines;
        } catch (IOException e) {
            throw new IllegalStateException(e); // cannot happen on a byte array
        }
    }

    private String decodeLine(final byte[] raw, final int lineNo) throws NcmException {
        int len = raw.length;
        if (len > 0 && raw[len - 1] == '\r') {
            len--;
        }
        boolean ascii = true;
        for (int i = 0; i < len; i++) {
            final int c = raw[i] & 0xff;
            if (c < 0x20 || c == 0x7f) {
                throw new NcmException(400, "control character 0x" + Integer.toHexString(c) + " in line " + lineNo);
            }
            ascii &= c < 0x80;
        }
        if (ascii) {
            return new String(raw, 0, len, StandardCharsets.US_ASCII); // the common case: no decoder needed
        }
        if (dec == null) {
            dec = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
        }
        dec.reset();
        try {
            return dec.decode(ByteBuffer.wrap(raw, 0, len)).toString();
        } catch (CharacterCodingException e) {
            throw new NcmException(400, "invalid UTF-8 in line " + lineNo);
        }
    }
}
