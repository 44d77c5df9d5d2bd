package org.netserv.nsis.nslp;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.netserv.ncm.Header;
import org.netserv.ncm.Method;

/**
 * The NetServ NSLP message carried in GIST NSLP-Data: a request (an NCM,
 * compactly coded) or a response (the stack of per-node blocks). Layout in
 * {@code nsis/NSLP-FORMAT.md}:
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Version = 1  |     Kind      |             Flags             |  0
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |              Length (bytes, this header included)             |  4
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                          Request ID                           |  8
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          TLV Type             |       TLV Length (bytes)      |  12 ...
 * //                   Value, zero-padded to 4                   //
 * </pre>
 * The explicit length matters: GIST pads NSLP-Data to a word and counts
 * words, so the NSLP must delimit itself.
 */
public final class NslpMessage {
    public static final int VERSION = 1;
    public static final int KIND_REQUEST = 1, KIND_RESPONSE = 2;
    /** A TRIGGER's reverse flow: nodes append their block; the publisher is the end. */
    public static final int FLAG_TRIGGERED = 0x0001;
    public static final int HEADER_LENGTH = 12;
    static final int TLV_REQUEST_LINE = 1, TLV_HEADER = 2, TLV_BLOCK = 3, TLV_INNER = 4;
    static final List<String> METHOD_CODES = List.of("", Method.SETUP.name(), Method.REMOVE.name(), Method.PROBE.name(),
            Method.TRIGGER.name(), Method.ROLLBACK.name());
    /** Header codes of the binary form (NSLP-FORMAT.md): the index is the code; {@code trigger} is the NSLP's own. */
    static final List<String> HEADER_CODES = List.of("", Header.USER.wireName(), Header.TTL.wireName(), Header.URL.wireName(),
            Header.FILTER_PROTO.wireName(), Header.FILTER_PORT.wireName(), Header.FILTER_DST.wireName(),
            Header.FILTER_SRC.wireName(), Header.PROPERTIES.wireName(), Header.SIGNATURE.wireName(),
            Header.DEPENDENCIES.wireName(), Header.NOTIFICATION.wireName(), Header.NODE_ID.wireName(),
            Header.PROBE.wireName(), Header.MODULE_DIGEST.wireName(), Header.NONCE.wireName(), Header.TIMESTAMP.wireName(),
            "trigger");

    private final int kind, flags, requestId;
    private final Ncm ncm;                 // requests
    private final NslpMessage inner;       // TRIGGER: the wrapped, separately signed request
    private final List<String> blocks;     // responses (and triggered requests): farthest node first

    private NslpMessage(int kind, int flags, int requestId, Ncm ncm, NslpMessage inner, List<String> blocks) {
        this.kind = kind;
        this.flags = flags;
        this.requestId = requestId;
        this.ncm = ncm;
        this.inner = inner;
        this.blocks = Collections.unmodifiableList(new ArrayList<>(blocks));
    }

    public static NslpMessage request(int requestId, Ncm ncm) {
        if (ncm.method().equals("TRIGGER")) throw new IllegalArgumentException("use trigger() for TRIGGER");
        return new NslpMessage(KIND_REQUEST, 0, requestId, ncm, null, List.of());
    }

    /** A TRIGGER wrapping {@code inner} (itself signed); {@code outer} is the TRIGGER NCM. */
    public static NslpMessage trigger(int requestId, Ncm outer, Ncm inner) {
        if (!outer.method().equals("TRIGGER") || inner.method().equals("TRIGGER")) throw new IllegalArgumentException("TRIGGER wraps SETUP, REMOVE or PROBE");
        return new NslpMessage(KIND_REQUEST, 0, requestId, outer, request(requestId, inner), List.of());
    }

    public static NslpMessage response(int requestId, List<String> blocks) {
        return new NslpMessage(KIND_RESPONSE, 0, requestId, null, null, blocks);
    }

    /** The reverse flow a TRIGGER starts at the last node. */
    public NslpMessage triggered(List<String> blocksSoFar) {
        return new NslpMessage(KIND_REQUEST, FLAG_TRIGGERED, requestId, inner.ncm, null, blocksSoFar);
    }

    public NslpMessage withBlocks(List<String> b) { return new NslpMessage(kind, flags, requestId, ncm, inner, b); }

    public boolean isRequest() { return kind == KIND_REQUEST; }
    public boolean isTriggered() { return (flags & FLAG_TRIGGERED) != 0; }
    public boolean isTrigger() { return ncm != null && ncm.method().equals("TRIGGER"); }
    public int kind() { return kind; }
    public int flags() { return flags; }
    public int requestId() { return requestId; }
    public Ncm ncm() { return ncm; }
    public NslpMessage inner() { return inner; }
    public List<String> blocks() { return blocks; }

    // ------------------------------------------------------------------ encode

    public byte[] encode() {
        final List<byte[]> tlvs = new ArrayList<>();
        if (ncm != null) {
            final byte[] t = ncm.target() == null ? new byte[0] : utf8(ncm.target());
            final byte[] v = new byte[1 + t.length];
            v[0] = (byte) METHOD_CODES.indexOf(ncm.method());
            System.arraycopy(t, 0, v, 1, t.length);
            tlvs.add(tlv(TLV_REQUEST_LINE, v));
            for (Ncm.Header h : ncm.headers()) {
                final int code = HEADER_CODES.indexOf(h.name);
                final byte[] val = utf8(h.value);
                final ByteBuffer b;
                if (code > 0) {
                    b = ByteBuffer.allocate(1 + val.length).put((byte) code);
                } else {
                    final byte[] n = utf8(h.name);
                    if (n.length > 255) throw new IllegalArgumentException("header name too long");
                    b = ByteBuffer.allocate(2 + n.length + val.length).put((byte) 0).put((byte) n.length).put(n);
                }
                tlvs.add(tlv(TLV_HEADER, b.put(val).array()));
            }
        }
        if (inner != null) tlvs.add(tlv(TLV_INNER, inner.encode()));
        for (String blk : blocks) tlvs.add(tlv(TLV_BLOCK, utf8(blk)));
        int len = HEADER_LENGTH;
        for (byte[] t : tlvs) len += t.length;
        final ByteBuffer out = ByteBuffer.allocate(len);
        out.put((byte) VERSION).put((byte) kind).putShort((short) flags).putInt(len).putInt(requestId);
        for (byte[] t : tlvs) out.put(t);
        return out.array();
    }

    private static byte[] tlv(int type, byte[] value) {
        if (value.length > 0xFFFF) throw new IllegalArgumentException("TLV value of " + value.length + " bytes (max 65535)");
        final ByteBuffer b = ByteBuffer.allocate(4 + ((value.length + 3) & ~3));
        b.putShort((short) type).putShort((short) value.length).put(value);
        return b.array();
    }

    private static byte[] utf8(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    // ------------------------------------------------------------------ decode

    /** Decodes strictly; trailing GIST padding (zeros) after Length is allowed. */
    public static NslpMessage decode(byte[] data) throws NslpFormatException {
        try {
            return decode(ByteBuffer.wrap(data), 0);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new NslpFormatException("malformed NSLP message: " + e.getMessage());
        }
    }

    private static NslpMessage decode(ByteBuffer b, int depth) throws NslpFormatException {
        final int start = b.position();
        if (b.remaining() < HEADER_LENGTH) throw new NslpFormatException("NSLP message of " + b.remaining() + " bytes, header needs 12");
        final int version = b.get() & 0xFF, kind = b.get() & 0xFF, flags = b.getShort() & 0xFFFF;
        final long len = b.getInt() & 0xFFFFFFFFL;
        final int reqId = b.getInt();
        if (version != VERSION) throw new NslpFormatException("NSLP version " + version);
        if (kind != KIND_REQUEST && kind != KIND_RESPONSE) throw new NslpFormatException("NSLP kind " + kind);
        if ((flags & ~FLAG_TRIGGERED) != 0) throw new NslpFormatException("unknown NSLP flags 0x" + Integer.toHexString(flags));
        if (len < HEADER_LENGTH || len > b.limit() - start) throw new NslpFormatException("NSLP length " + len + " but " + (b.limit() - start) + " bytes present");
        final int end = start + (int) len;
        for (int i = end; i < b.limit() && depth == 0; i++) {
            if (b.get(i) != 0) throw new NslpFormatException("non-zero bytes after the NSLP message");
        }
        String method = null, target = null;
        final List<Ncm.Header> headers = new ArrayList<>();
        final List<String> blocks = new ArrayList<>();
        NslpMessage inner = null;
        while (b.position() < end) {
            if (end - b.position() < 4) throw new NslpFormatException("truncated TLV header at " + (b.position() - start));
            final int type = b.getShort() & 0xFFFF, vlen = b.getShort() & 0xFFFF;
            final int padded = (vlen + 3) & ~3;
            if (padded > end - b.position()) throw new NslpFormatException("TLV " + type + " of " + vlen + " bytes overruns the message");
            final int vstart = b.position();
            switch (type) {
                case TLV_REQUEST_LINE: {
                    if (method != null) throw new NslpFormatException("two request lines");
                    if (vlen < 1) throw new NslpFormatException("empty request line TLV");
                    final int code = b.get() & 0xFF;
                    if (code == 0 || code >= METHOD_CODES.size()) throw new NslpFormatException("method code " + code);
                    method = METHOD_CODES.get(code);
                    target = vlen == 1 ? null : str(b, vlen - 1);
                    break;
                }
                case TLV_HEADER: {
                    if (vlen < 1) throw new NslpFormatException("empty header TLV");
                    final int code = b.get() & 0xFF;
                    String name;
                    int rest = vlen - 1;
                    if (code == 0) {
                        if (rest < 1) throw new NslpFormatException("header TLV without name length");
                        final int nl = b.get() & 0xFF;
                        rest--;
                        if (nl == 0 || nl > rest) throw new NslpFormatException("header name length " + nl);
                        name = str(b, nl);
                        rest -= nl;
                    } else if (code < HEADER_CODES.size()) {
                        name = HEADER_CODES.get(code);
                    } else {
                        throw new NslpFormatException("header code " + code);
                    }
                    headers.add(new Ncm.Header(name, str(b, rest)));
                    break;
                }
                case TLV_BLOCK:
                    blocks.add(str(b, vlen));
                    break;
                case TLV_INNER: {
                    if (depth > 0 || inner != null) throw new NslpFormatException("nested or repeated inner request");
                    final ByteBuffer sub = b.slice();
                    sub.limit(vlen);
                    inner = decode(sub, depth + 1);
                    if (sub.position() != vlen) throw new NslpFormatException("inner request length mismatch");
                    b.position(vstart + vlen);
                    break;
                }
                default:
                    throw new NslpFormatException("unknown NSLP TLV type " + type);
            }
            if (b.position() != vstart + vlen) throw new NslpFormatException("TLV " + type + " not fully consumed");
            for (int i = vlen; i < padded; i++) if (b.get() != 0) throw new NslpFormatException("non-zero TLV padding");
        }
        b.position(end);
        Ncm ncm = null;
        if (kind == KIND_REQUEST) {
            if (method == null) throw new NslpFormatException("request without request line");
            try {
                ncm = new Ncm(method, target, headers);
            } catch (IllegalArgumentException e) {
                throw new NslpFormatException("bad NCM: " + e.getMessage());
            }
            if (method.equals("TRIGGER") != (inner != null)) throw new NslpFormatException("TRIGGER must carry exactly one inner request");
        } else if (method != null || !headers.isEmpty() || inner != null) {
            throw new NslpFormatException("response with request fields");
        }
        return new NslpMessage(kind, flags, reqId, ncm, inner, blocks);
    }

    private static String str(ByteBuffer b, int n) throws NslpFormatException {
        final ByteBuffer s = b.slice();
        s.limit(n);
        b.position(b.position() + n);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(s).toString();
        } catch (CharacterCodingException e) {
            throw new NslpFormatException("invalid UTF-8");
        }
    }

    /** Blocks as the publisher prints them: each ending in a blank line. */
    public String blocksText() {
        final StringBuilder sb = new StringBuilder();
        for (String blk : blocks) {
            sb.append(blk);
            if (!blk.endsWith("\n")) sb.append('\n');
            if (!blk.endsWith("\n\n")) sb.append('\n');
        }
        return sb.toString();
    }

    @Override public boolean equals(Object o) {
        if (!(o instanceof NslpMessage)) return false;
        final NslpMessage m = (NslpMessage) o;
        return m.kind == kind && m.flags == flags && m.requestId == requestId && java.util.Objects.equals(m.ncm, ncm)
                && java.util.Objects.equals(m.inner, inner) && m.blocks.equals(blocks);
    }

    @Override public int hashCode() { return requestId; }

    @Override public String toString() {
        return (isRequest() ? "request " + ncm : "response") + " #" + Integer.toUnsignedString(requestId) + (blocks.isEmpty() ? "" : " blocks=" + blocks.size());
    }
}
