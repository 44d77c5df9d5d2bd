package org.netserv.nsis.gist.wire;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Stack-Configuration-Data, RFC 5971 A.3.6: MA hold time and per-profile
 * protocol options (for forwards-TCP: the responder's listening port).
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   MPO-Count   |                    Reserved                   |  0
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         MA-Hold-Time (ms)                     |  4
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |MA-Protocol-ID |     Profile   |    Length     |D|  Reserved   |  per option
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * //          Options Data (Length BYTES, zero-padded to 4)      //
 * </pre>
 * Note the option Length counts bytes, not words (vectors: {@code 01010200 75300000}
 * = forwards-TCP, profile 1, 2 bytes = port 30000).
 */
public final class StackConfigurationData extends GistObject {
    /** One MA-protocol-option. */
    public static final class Option {
        public final int protocol, profile;
        public final boolean dFlag;
        private final byte[] data;

        public Option(int protocol, int profile, boolean dFlag, byte[] data) {
            if (data.length > 255) throw new IllegalArgumentException("option data > 255 bytes");
            this.protocol = protocol;
            this.profile = profile;
            this.dFlag = dFlag;
            this.data = data.clone();
        }

        public static Option tcpPort(int profile, int port) {
            return new Option(Gist.MA_PROTOCOL_FORWARDS_TCP, profile, false, new byte[] {(byte) (port >>> 8), (byte) port});
        }

        public byte[] data() { return data.clone(); }

        /** The port of a forwards-TCP option with data, else -1. */
        public int tcpPort() {
            return protocol == Gist.MA_PROTOCOL_FORWARDS_TCP && data.length == 2 ? ((data[0] & 0xFF) << 8) | (data[1] & 0xFF) : -1;
        }

        @Override public boolean equals(Object o) {
            return o instanceof Option && ((Option) o).protocol == protocol && ((Option) o).profile == profile
                    && ((Option) o).dFlag == dFlag && java.util.Arrays.equals(((Option) o).data, data);
        }

        @Override public int hashCode() { return protocol * 31 + profile; }
    }

    private final long holdTimeMs;
    private final List<Option> options;

    public StackConfigurationData(long holdTimeMs, List<Option> options) {
        super(Gist.OBJ_STACK_CONFIGURATION_DATA, 0);
        if (options.size() > 255) throw new IllegalArgumentException("too many options");
        this.holdTimeMs = holdTimeMs;
        this.options = List.copyOf(options);
    }

    public long holdTimeMs() { return holdTimeMs; }
    public List<Option> options() { return Collections.unmodifiableList(options); }

    /** The listening port advertised for forwards-TCP in {@code profile}, or -1. */
    public int tcpPort(int profile) {
        for (Option o : options) if (o.profile == profile && o.tcpPort() >= 0) return o.tcpPort();
        return -1;
    }

    @Override public int valueLength() {
        int n = 8;
        for (Option o : options) n += 4 + Gist.pad4(o.data.length);
        return n;
    }

    @Override protected void encodeValue(ByteBuffer out) {
        out.putInt(options.size() << 24);
        out.putInt((int) holdTimeMs);
        for (Option o : options) {
            out.put((byte) o.protocol).put((byte) o.profile).put((byte) o.data.length).put((byte) (o.dFlag ? 0x80 : 0));
            out.put(o.data);
            for (int i = o.data.length; i < Gist.pad4(o.data.length); i++) out.put((byte) 0);
        }
    }

    static StackConfigurationData decode(ByteBuffer in, int len, int at) throws GistParseException {
        final int end = in.position() + len;
        if (len < 8) throw GistParseException.objectValue(Gist.SUB_INCORRECT_LENGTH, at, Gist.OBJ_STACK_CONFIGURATION_DATA, "SCD shorter than 8 bytes");
        final int count = in.get() & 0xFF;
        in.position(in.position() + 3);
        final long hold = in.getInt() & 0xFFFFFFFFL;
        final List<Option> opts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (end - in.position() < 4) throw GistParseException.objectValue(Gist.SUB_INCORRECT_LENGTH, at, Gist.OBJ_STACK_CONFIGURATION_DATA, "MA-protocol-option " + (i + 1) + " beyond the object");
            final int proto = in.get() & 0xFF, profile = in.get() & 0xFF, dlen = in.get() & 0xFF;
            final boolean d = (in.get() & 0x80) != 0;
            if (end - in.position() < Gist.pad4(dlen)) throw GistParseException.objectValue(Gist.SUB_INCORRECT_LENGTH, at, Gist.OBJ_STACK_CONFIGURATION_DATA, "MA-protocol-option " + (i + 1) + " data overruns the object");
            final byte[] data = new byte[dlen];
            in.get(data);
            in.position(in.position() + Gist.pad4(dlen) - dlen);
            opts.add(new Option(proto, profile, d, data));
        }
        if (in.position() != end) throw GistParseException.objectValue(Gist.SUB_INCORRECT_LENGTH, at, Gist.OBJ_STACK_CONFIGURATION_DATA, "SCD has " + (end - in.position()) + " bytes after its options");
        return new StackConfigurationData(hold, opts);
    }

    @Override public boolean equals(Object o) {
        return o instanceof StackConfigurationData && ((StackConfigurationData) o).holdTimeMs == holdTimeMs && ((StackConfigurationData) o).options.equals(options);
    }

    @Override public int hashCode() { return Long.hashCode(holdTimeMs) ^ options.hashCode(); }
}
