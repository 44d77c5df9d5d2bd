package org.netserv.nsis.gist.wire;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * Message Routing Information, path-coupled MRM (MRM-ID 0), RFC 5971 A.3.1 and
 * §5.8.1. Immutable; {@link #inverted()} gives the same flow seen upstream.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |    MRM-ID=0   |N|  Reserved   |IP-Ver |P|T|F|S|A|B|D|Reserved |  0
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * //                Source Address (4 or 16 bytes)               //  4
 * //              Destination Address (4 or 16 bytes)            //  8 | 20
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Source Prefix |  Dest Prefix  |   Protocol    | DS-field  |Rsv|  12 | 36
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * :       Reserved        |              Flow Label               :  if F
 * :                              SPI                              :  if S
 * :          Source Port          |       Destination Port        :  if A or B
 * </pre>
 * The flag masks apply to the low 16 bits of word 0. A port not flagged
 * (A or B clear while the other is set) travels as 0.
 */
public final class Mri extends GistObject {
    public static final int MRM_PATH_COUPLED = 0;
    public static final int F_P = 1 << 11, F_T = 1 << 10, F_F = 1 << 9, F_S = 1 << 8, F_A = 1 << 7, F_B = 1 << 6, F_D = 1 << 5;
    private static final int FLAG_MASK = F_P | F_T | F_F | F_S | F_A | F_B | F_D;

    private final boolean nFlag;
    private final int flags;
    private final byte[] source;
    private final byte[] destination;
    private final int sourcePrefix, destPrefix, protocol, dsField, flowLabel, spi, sourcePort, destPort;

    public Mri(boolean nFlag, int flags, byte[] source, byte[] destination, int sourcePrefix, int destPrefix,
               int protocol, int dsField, int flowLabel, int spi, int sourcePort, int destPort) {
        super(Gist.OBJ_MRI, 0);
        if ((flags & ~FLAG_MASK) != 0) throw new IllegalArgumentException("MRI flags " + Integer.toHexString(flags));
        if (source.length != destination.length || (source.length != 4 && source.length != 16)) throw new IllegalArgumentException("MRI address lengths");
        this.nFlag = nFlag;
        this.flags = flags;
        this.source = source.clone();
        this.destination = destination.clone();
        this.sourcePrefix = sourcePrefix;
        this.destPrefix = destPrefix;
        this.protocol = protocol;
        this.dsField = dsField;
        this.flowLabel = flowLabel;
        this.spi = spi;
        this.sourcePort = sourcePort;
        this.destPort = destPort;
    }

    /** The common case: a host-to-host flow, all protocols, downstream. */
    public static Mri flow(InetAddress source, InetAddress destination) {
        final int bits = source.getAddress().length * 8;
        return new Mri(false, 0, source.getAddress(), destination.getAddress(), bits, bits, 0, 0, 0, 0, 0, 0);
    }

    public int ipVersion() { return source.length == 4 ? 4 : 6; }
    public boolean nFlag() { return nFlag; }
    public int flags() { return flags; }
    public boolean upstream() { return (flags & F_D) != 0; }
    public InetAddress source() { return addr(source); }
    public InetAddress destination() { return addr(destination); }
    public int sourcePrefix() { return sourcePrefix; }
    public int destPrefix() { return destPrefix; }
    public int protocol() { return protocol; }
    public int dsField() { return dsField; }
    public int sourcePort() { return sourcePort; }
    public int destPort() { return destPort; }

    /** The same flow with the direction flag flipped (RFC 5971 §5.1: a Response's MRI). */
    public Mri inverted() {
        return withDirection(!upstream());
    }

    public Mri withDirection(boolean up) {
        final int f = up ? flags | F_D : flags & ~F_D;
        return new Mri(nFlag, f, source, destination, sourcePrefix, destPrefix, protocol, dsField, flowLabel, spi, sourcePort, destPort);
    }

    /** The address a downstream Query is sent to (or upstream: the flow source). */
    public InetAddress signalingTarget() {
        return upstream() ? source() : destination();
    }

    private static InetAddress addr(byte[] b) {
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Override public int valueLength() {
        int n = 4 + 2 * source.length + 4;
        if ((flags & F_F) != 0) n += 4;
        if ((flags & F_S) != 0) n += 4;
        if ((flags & (F_A | F_B)) != 0) n += 4;
        return n;
    }

    @Override protected void encodeValue(ByteBuffer out) {
        out.put((byte) MRM_PATH_COUPLED);
        out.put((byte) (nFlag ? 0x80 : 0));
        out.putShort((short) ((ipVersion() << 12) | flags));
        out.put(source).put(destination);
        out.put((byte) sourcePrefix).put((byte) destPrefix).put((byte) protocol).put((byte) (dsField << 2));
        if ((flags & F_F) != 0) out.putInt(flowLabel & 0xFFFFF);
        if ((flags & F_S) != 0) out.putInt(spi);
        if ((flags & (F_A | F_B)) != 0) {
            out.putShort((short) ((flags & F_A) != 0 ? sourcePort : 0));
            out.putShort((short) ((flags & F_B) != 0 ? destPort : 0));
        }
    }

    /** Parses the value at {@code in}'s position, {@code len} bytes. */
    static Mri decode(ByteBuffer in, int len, int at) throws GistParseException {
        if (len < 4) throw GistParseException.objectValue(Gist.SUB_INCORRECT_LENGTH, at, Gist.OBJ_MRI, "MRI shorter than its first word");
        final int start = in.position();
        final int mrm = in.get() & 0xFF;
        if (mrm != MRM_PATH_COUPLED) {
            throw GistParseException.objectValue(Gist.SUB_VALUE_NOT_SUPPORTED, at, Gist.OBJ_MRI, "MRM-ID " + mrm + " not supported (only path-coupled)");
        }
        final boolean n = (in.get() & 0x80) != 0;
        final int w = in.getShort() & 0xFFFF;
        final int ver = w >>> 12;
        final int alen;
        if (ver == 4) alen = 4;
        else if (ver == 6) alen = 16;
        else throw GistParseException.objectValue(Gist.SUB_VALUE_NOT_SUPPORTED, at, Gist.OBJ_MRI, "MRI IP-Ver " + ver);
        final int flags = w & FLAG_MASK;
        int need = 4 + 2 * alen + 4;
        if ((flags & F_F) != 0) need += 4;
        if ((flags & F_S) != 0) need += 4;
        if ((flags & (F_A | F_B)) != 0) need += 4;
        if ((flags & F_F) != 0 && ver == 4) {
            throw GistParseException.objectValue(Gist.SUB_INVALID_FLAG_FIELD_COMBINATION, at, Gist.OBJ_MRI, "flow label flag on IPv4 MRI");
        }
        if (need != len) throw GistParseException.objectValue(Gist.SUB_INCORRECT_LENGTH, at, Gist.OBJ_MRI, "MRI length " + len + " bytes, flags need " + need);
        final byte[] s = new byte[alen], d = new byte[alen];
        in.get(s).get(d);
        final int sp = in.get() & 0xFF, dp = in.get() & 0xFF, proto = in.get() & 0xFF, ds = (in.get() & 0xFF) >>> 2;
        if (sp > alen * 8 || dp > alen * 8) throw GistParseException.objectValue(Gist.SUB_VALUE_NOT_SUPPORTED, at, Gist.OBJ_MRI, "MRI prefix length beyond address size");
        final int fl = (flags & F_F) != 0 ? in.getInt() & 0xFFFFF : 0;
        final int spi = (flags & F_S) != 0 ? in.getInt() : 0;
        int sport = 0, dport = 0;
        if ((flags & (F_A | F_B)) != 0) {
            sport = in.getShort() & 0xFFFF;
            dport = in.getShort() & 0xFFFF;
        }
        assert in.position() - start == len;
        return new Mri(n, flags, s, d, sp, dp, proto, ds, fl, spi, sport, dport);
    }

    @Override public boolean equals(Object o) {
        if (!(o instanceof Mri)) return false;
        final Mri m = (Mri) o;
        return nFlag == m.nFlag && flags == m.flags && Arrays.equals(source, m.source) && Arrays.equals(destination, m.destination)
                && sourcePrefix == m.sourcePrefix && destPrefix == m.destPrefix && protocol == m.protocol && dsField == m.dsField
                && flowLabel == m.flowLabel && spi == m.spi && sourcePort == m.sourcePort && destPort == m.destPort;
    }

    @Override public int hashCode() {
        return Objects.hash(flags, Arrays.hashCode(source), Arrays.hashCode(destination), protocol, sourcePort, destPort);
    }

    @Override public String toString() {
        return "MRI[" + source().getHostAddress() + "/" + sourcePrefix + " -> " + destination().getHostAddress() + "/" + destPrefix
                + (protocol != 0 ? " proto " + protocol : "") + (upstream() ? " upstream" : " downstream") + "]";
    }
}
