package org.netserv.nsis.gist.wire;

import static org.junit.jupiter.api.Assertions.*;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One test per kind of malformed GIST input: each is rejected with the RFC
 * 5971 error code and subcode a node would report, never another exception.
 */
class MalformedInputTest {
    static final HexFormat HEX = HexFormat.of();
    // 01-dmode-handshake #1: a valid Q-mode Query (magic included)
    static final byte[] QUERY = HEX.parseHex("4e04bda5012000147fff80c000000004000040000a5801010a58020120200000"
            + "000100040586844d40d5169f12907c9b665508a7000200071040400000007530"
            + "17fb2745eafe437357fbf1f2b1f7e61c0a58010100050001a19175d9");

    static GistParseException reject(byte[] b, boolean udp) {
        return assertThrows(GistParseException.class, () -> GistCodec.decode(b, udp));
    }

    static byte[] q() { return QUERY.clone(); }

    static void expect(byte[] b, int code, int subcode) {
        final GistParseException e = reject(b, true);
        assertEquals(code, e.code(), e.getMessage());
        assertEquals(subcode, e.subcode(), e.getMessage());
    }

    @Test void validQueryParses() throws Exception {
        assertEquals(Gist.QUERY, GistCodec.decode(QUERY, true).type());
    }

    @Test void badMagic() {
        final byte[] b = q();
        b[0] = 0x4F;
        expect(b, Gist.E_INCORRECT_ENCAPSULATION, 0);
    }

    @Test void noMagicAtAll() {
        expect(new byte[] {1, 2}, Gist.E_INCORRECT_ENCAPSULATION, 0);
    }

    @Test void truncatedCommonHeader() {
        expect(Arrays.copyOf(QUERY, 9), Gist.E_COMMON_HEADER_PARSE, Gist.SUB_INCORRECT_MESSAGE_LENGTH);
    }

    @Test void everyTruncationIsRejected() {
        for (int n = 0; n < QUERY.length; n++) reject(Arrays.copyOf(QUERY, n), true);
        for (int n = 0; n < QUERY.length - 4; n++) reject(Arrays.copyOfRange(QUERY, 4, 4 + n), false);
    }

    @Test void lengthFieldTooLong() {
        final byte[] b = q();
        b[7] = 0x15;  // 21 words, 20 present
        expect(b, Gist.E_COMMON_HEADER_PARSE, Gist.SUB_INCORRECT_MESSAGE_LENGTH);
    }

    @Test void trailingBytesBeyondLength() {
        expect(Arrays.copyOf(QUERY, QUERY.length + 4), Gist.E_COMMON_HEADER_PARSE, Gist.SUB_INCORRECT_MESSAGE_LENGTH);
    }

    @Test void unknownVersion() {
        final byte[] b = q();
        b[4] = 2;
        expect(b, Gist.E_COMMON_HEADER_PARSE, Gist.SUB_UNKNOWN_VERSION);
    }

    @Test void unknownMessageType() {
        final byte[] b = q();
        b[10] = (byte) 0x86;
        expect(b, Gist.E_COMMON_HEADER_PARSE, Gist.SUB_UNKNOWN_TYPE);
    }

    @Test void queryWithoutRFlag() {
        final byte[] b = q();
        b[11] = (byte) 0x80;
        expect(b, Gist.E_COMMON_HEADER_PARSE, Gist.SUB_INVALID_R_FLAG);
    }

    @Test void cFlagOnResponse() {
        final byte[] b = q();
        b[10] = (byte) 0x81;
        expect(b, Gist.E_COMMON_HEADER_PARSE, Gist.SUB_INVALID_C_FLAG);
    }

    @Test void objectLengthOverrunsMessage() {
        final byte[] b = q();
        b[12 + 3] = 0x40; // MRI claims 64 words
        expect(b, Gist.E_OBJECT_VALUE, Gist.SUB_INCORRECT_LENGTH);
    }

    @Test void mriLengthInconsistentWithFlags() {
        final byte[] b = q();
        b[16 + 3] = (byte) 0x80;   // A flag set: a ports word is due but absent
        expect(b, Gist.E_OBJECT_VALUE, Gist.SUB_INCORRECT_LENGTH);
    }

    @Test void unsupportedMrm() {
        final byte[] b = q();
        b[16] = 1;                  // loose-end MRM
        expect(b, Gist.E_OBJECT_VALUE, Gist.SUB_VALUE_NOT_SUPPORTED);
    }

    @Test void sidOfWrongLength() {
        // rebuild with a 12-byte SID
        final ByteBuffer x = ByteBuffer.allocate(QUERY.length - 4);
        x.put(QUERY, 0, 32).putInt(0x00010003).put(QUERY, 36, 12).put(QUERY, 52, QUERY.length - 52);
        final byte[] b = x.array();
        b[7] = (byte) (b[7] - 1);
        expect(b, Gist.E_OBJECT_VALUE, Gist.SUB_INCORRECT_LENGTH);
    }

    @Test void nliPeerIdentityLengthWrong() {
        final byte[] b = q();
        b[56] = 17;                 // PI-Length 17 does not fit 7 words with an IPv4 address
        expect(b, Gist.E_OBJECT_VALUE, Gist.SUB_INCORRECT_LENGTH);
    }

    @Test void unknownMandatoryObject() {
        expect(appendObject(0x0FFF, 0), Gist.E_OBJECT_TYPE, Gist.SUB_UNRECOGNISED_OBJECT);
    }

    @Test void unknownIgnorableObjectIsKeptAndRoundTrips() throws Exception {
        final byte[] b = appendObject(0x4FFF, 0);   // A/B = 01
        final GistMessage m = GistCodec.decode(b, true);
        assertArrayEquals(b, GistCodec.encode(m, true));
    }

    @Test void reservedExtensibilityFlags() {
        expect(appendObject(0xCFFF, 0), Gist.E_OBJECT_TYPE, Gist.SUB_INVALID_EXTENSIBILITY_FLAGS);
    }

    @Test void duplicateObject() {
        // a second Query-Cookie
        expect(appendObject(0x0005, 1), Gist.E_OBJECT_TYPE, Gist.SUB_DUPLICATE_OBJECT);
    }

    @Test void missingObject() {
        // drop the Query-Cookie (last 8 bytes)
        final byte[] b = Arrays.copyOf(QUERY, QUERY.length - 8);
        b[7] = (byte) (b[7] - 2);
        expect(b, Gist.E_OBJECT_TYPE, Gist.SUB_MISSING_OBJECT);
    }

    @Test void objectsOutOfOrder() throws Exception {
        final GistMessage m = GistCodec.decode(QUERY, true);
        final List<GistObject> o = new java.util.ArrayList<>(m.objects());
        java.util.Collections.swap(o, 0, 1);
        final GistMessage bad = new GistMessage(Gist.QUERY, 32, 32767, true, true, true, false, o);
        expect(GistCodec.encode(bad, true), Gist.E_OBJECT_TYPE, Gist.SUB_INVALID_OBJECT_TYPE);
    }

    @Test void emptyStackProposal() throws Exception {
        final GistMessage m = GistCodec.decode(QUERY, true);
        final List<GistObject> o = new java.util.ArrayList<>(m.objects());
        o.add(new Opaque(Gist.OBJ_STACK_PROPOSAL, 0, new byte[4]));
        o.add(new StackConfigurationData(1000, List.of()));
        expect(GistCodec.encode(new GistMessage(Gist.QUERY, 32, 32767, true, true, true, false, o), true), Gist.E_OBJECT_VALUE, Gist.SUB_EMPTY_LIST);
    }

    @Test void scdOptionOverruns() throws Exception {
        final GistMessage m = GistCodec.decode(QUERY, true);
        final List<GistObject> o = new java.util.ArrayList<>(m.objects());
        o.add(StackProposal.tcpOnly());
        // MPO-Count 1, hold time, option with Length 8 bytes but only 4 present
        o.add(new Opaque(Gist.OBJ_STACK_CONFIGURATION_DATA, 0, HEX.parseHex("01000000000003e8010108000000")));
        expect(GistCodec.encode(new GistMessage(Gist.QUERY, 32, 32767, true, true, true, false, o), true), Gist.E_OBJECT_VALUE, Gist.SUB_INCORRECT_LENGTH);
    }

    @Test void errorObjectInconsistentFlags() throws Exception {
        // MRI length set without the M flag
        final byte[] v = HEX.parseHex("04000700" + "00000400" + "011f00007ffe00c0");
        final GistMessage e = new GistMessage(Gist.ERROR, 1, 0, false, false, false, false, List.of(new Opaque(Gist.OBJ_ERROR, 0, v)));
        expect(GistCodec.encode(e, true), Gist.E_OBJECT_VALUE, Gist.SUB_INVALID_FLAG_FIELD_COMBINATION);
    }

    @Test void emptyCookie() throws Exception {
        final byte[] b = Arrays.copyOf(QUERY, QUERY.length - 4);
        b[b.length - 1] = 0;        // Query-Cookie length 0
        b[7] = (byte) (b[7] - 1);
        expect(b, Gist.E_OBJECT_VALUE, Gist.SUB_INCORRECT_LENGTH);
    }

    @Test void builtMessagesRoundTrip() throws Exception {
        final InetAddress a = InetAddress.getByName("192.0.2.1"), b = InetAddress.getByName("198.51.100.7");
        final Mri mri = new Mri(false, Mri.F_P | Mri.F_A | Mri.F_B, a.getAddress(), b.getAddress(), 24, 32, 17, 10, 0, 0, 5060, 5061);
        final Sid sid = new Sid(1, 2);
        final Nli nli = new Nli(64, 30000, new byte[] {1, 2, 3, 4, 5}, a.getAddress());
        for (GistMessage m : List.of(
                GistMessage.query(32767, 32, mri, sid, nli, new byte[] {9, 9, 9, 9}, StackProposal.tcpOnly(),
                        new StackConfigurationData(1000, List.of(StackConfigurationData.Option.tcpPort(1, 30270))), new byte[] {1, 2, 3}),
                GistMessage.response(32767, mri.inverted(), sid, nli, new byte[] {9, 9, 9, 9}, new byte[28], null, null, new byte[] {7}, false),
                GistMessage.confirm(32767, mri, sid, nli, new byte[28], StackProposal.tcpOnly(), null, null),
                GistMessage.data(32767, mri, sid, null, new byte[] {1, 2, 3, 4, 5, 6, 7, 8}),
                GistMessage.maHello(42, true))) {
            for (boolean udp : new boolean[] {true, false}) {
                final byte[] enc = GistCodec.encode(m, udp);
                assertEquals(m, GistCodec.decode(enc, udp), m.toString());
                assertArrayEquals(enc, GistCodec.encode(GistCodec.decode(enc, udp), udp));
            }
        }
    }

    private static byte[] appendObject(int header16, int words) {
        final ByteBuffer b = ByteBuffer.allocate(QUERY.length + 4 + words * 4);
        b.put(QUERY).putShort((short) header16).putShort((short) words);
        for (int i = 0; i < words; i++) b.putInt(0x01020304);
        final byte[] a = b.array();
        a[7] = (byte) (a[7] + 1 + words);
        return a;
    }
}
