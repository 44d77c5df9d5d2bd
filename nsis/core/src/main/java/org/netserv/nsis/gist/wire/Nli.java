package org.netserv.nsis.gist.wire;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Network Layer Information, RFC 5971 A.3.4: who the peer is and where to
 * reach it, plus how long the routing state it implies is valid.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   PI-Length   |    IP-TTL     |IP-Ver |       Reserved        |  0
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  Routing State Validity Time (ms)             |  4
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * //        Peer Identity (PI-Length bytes, padded to 4)         //  8
 * //              Interface Address (4 or 16 bytes)              //
 * </pre>
 * The querier sends its IP TTL; a responder sends 0 (seen in the vectors).
 */
public final class Nli extends GistObject {
    private final int ipTtl;
    private final long validityMs;
    private final byte[] peerId;
    private final byte[] interfaceAddress;

    public Nli(int ipTtl, long validityMs, byte[] peerId, byte[] interfaceAddress) {
        super(Gist.OBJ_NLI, 0);
        if (peerId.length == 0 || peerId.length > 255) throw new IllegalArgumentException("peer identity length " + peerId.length);
        if (interfaceAddress.length != 4 && interfaceAddress.length != 16) throw new IllegalArgumentException("interface address");
        this.ipTtl = ipTtl;
        this.validityMs = validityMs;
        this.peerId = peerId.clone();
        this.interfaceAddress = interfaceAddress.clone();
    }

    public int ipTtl() { return ipTtl; }
    public long validityMs() { return validityMs; }
    public byte[] peerId() { return peerId.clone(); }
    public String peerIdHex() { return HexFormat.of().formatHex(peerId); }

    public InetAddress interfaceAddress() {
        try {
            return InetAddress.getByAddress(interfaceAddress);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Override public int valueLength() { return 8 + Gist.pad4(peerId.length) + interfaceAddress.length; }

    @Override protected void encodeValue(ByteBuffer out) {
        out.put((byte) peerId.length).put((byte) ipTtl);
        out.putShort((short) ((interfaceAddress.length == 4 ? 4 : 6) << 12));
        out.putInt((int) validityMs);
        out.put(peerId);
        for (int i = peerId.length; i < Gist.pad4(peerId.length); i++) out.put((byte) 0);
        out.put(interfaceAddress);
    }

    static Nli decode(ByteBuffer in, int len, int at) throws GistParseException {
        if (len < 8) throw GistParseException.objectValue(Gist.SUB_INCORRECT_LENGTH, at, Gist.OBJ_NLI, "NLI shorter than 8 bytes");
        final int pil = in.get() & 0xFF;
        final int ttl = in.get() & 0xFF;
        final int ver = (in.getShort() & 0xFFFF) >>> 12;
        final long validity = in.getInt() & 0xFFFFFFFFL;
        final int alen = ver == 4 ? 4 : ver == 6 ? 16 : -1;
        if (alen < 0) throw GistParseException.objectValue(Gist.SUB_VALUE_NOT_SUPPORTED, at, Gist.OBJ_NLI, "NLI IP-Ver " + ver);
        if (pil == 0) throw GistParseException.objectValue(Gist.SUB_INCORRECT_LENGTH, at, Gist.OBJ_NLI, "NLI with empty peer identity");
        if (8 + Gist.pad4(pil) + alen != len) {
            throw GistParseException.objectValue(Gist.SUB_INCORRECT_LENGTH, at, Gist.OBJ_NLI, "NLI length " + len + " != 8 + PI " + Gist.pad4(pil) + " + address " + alen);
        }
        final byte[] pi = new byte[pil];
        in.get(pi);
        in.position(in.position() + Gist.pad4(pil) - pil);
        final byte[] a = new byte[alen];
        in.get(a);
        return new Nli(ttl, validity, pi, a);
    }

    @Override public boolean equals(Object o) {
        if (!(o instanceof Nli)) return false;
        final Nli n = (Nli) o;
        return ipTtl == n.ipTtl && validityMs == n.validityMs && Arrays.equals(peerId, n.peerId) && Arrays.equals(interfaceAddress, n.interfaceAddress);
    }

    @Override public int hashCode() { return Arrays.hashCode(peerId) ^ Arrays.hashCode(interfaceAddress); }

    @Override public String toString() {
        return "NLI[peer " + peerIdHex() + " at " + interfaceAddress().getHostAddress() + " ttl " + ipTtl + " valid " + validityMs + "ms]";
    }
}
