package org.netserv.nsis.gist.wire;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Stack-Proposal, RFC 5971 A.3.5: the MA protocol stacks a node offers, in
 * order of preference. Each profile is a count byte then that many
 * MA-protocol-ids, padded to a word on its own.
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Prof-Count   |                    Reserved                   |  0
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Prot-Count    |  MA-Prot-1    |  MA-Prot-2    | ... (padded)  |  per profile
 * </pre>
 * NSIS-ka sends {1 = TCP} and {2 = TLS, 1 = TCP}: {@code 02000000 01010000 02020100}.
 */
public final class StackProposal extends GistObject {
    private final int[][] profiles;

    public StackProposal(int[]... profiles) {
        super(Gist.OBJ_STACK_PROPOSAL, 0);
        if (profiles.length == 0 || profiles.length > 255) throw new IllegalArgumentException("profile count");
        this.profiles = new int[profiles.length][];
        for (int i = 0; i < profiles.length; i++) this.profiles[i] = profiles[i].clone();
    }

    /** What we offer: forwards-TCP only (no TLS credentials). */
    public static StackProposal tcpOnly() {
        return new StackProposal(new int[] {Gist.MA_PROTOCOL_FORWARDS_TCP});
    }

    public int profileCount() { return profiles.length; }
    public int[] profile(int i) { return profiles[i].clone(); }

    /** 1-based index of the first profile that is exactly {forwards-TCP}, or 0. */
    public int tcpProfile() {
        for (int i = 0; i < profiles.length; i++) {
            if (profiles[i].length == 1 && profiles[i][0] == Gist.MA_PROTOCOL_FORWARDS_TCP) return i + 1;
        }
        return 0;
    }

    @Override public int valueLength() {
        int n = 4;
        for (int[] p : profiles) n += Gist.pad4(1 + p.length);
        return n;
    }

    @Override protected void encodeValue(ByteBuffer out) {
        out.putInt(profiles.length << 24);
        for (int[] p : profiles) {
            out.put((byte) p.length);
            for (int id : p) out.put((byte) id);
            for (int i = 1 + p.length; i < Gist.pad4(1 + p.length); i++) out.put((byte) 0);
        }
    }

    static StackProposal decode(ByteBuffer in, int len, int at) throws GistParseException {
        final int end = in.position() + len;
        if (len < 4) throw GistParseException.objectValue(Gist.SUB_INCORRECT_LENGTH, at, Gist.OBJ_STACK_PROPOSAL, "Stack-Proposal too short");
        final int count = in.get() & 0xFF;
        in.position(in.position() + 3);
        if (count == 0) throw GistParseException.objectValue(Gist.SUB_EMPTY_LIST, at, Gist.OBJ_STACK_PROPOSAL, "Stack-Proposal with no profile");
        final int[][] ps = new int[count][];
        for (int i = 0; i < count; i++) {
            if (in.position() >= end) throw GistParseException.objectValue(Gist.SUB_INCORRECT_LENGTH, at, Gist.OBJ_STACK_PROPOSAL, "profile " + (i + 1) + " beyond the object");
            final int n = in.get() & 0xFF;
            if (n == 0) throw GistParseException.objectValue(Gist.SUB_EMPTY_LIST, at, Gist.OBJ_STACK_PROPOSAL, "empty profile " + (i + 1));
            if (in.position() - 1 + Gist.pad4(1 + n) > end) throw GistParseException.objectValue(Gist.SUB_INCORRECT_LENGTH, at, Gist.OBJ_STACK_PROPOSAL, "profile " + (i + 1) + " overruns the object");
            ps[i] = new int[n];
            for (int j = 0; j < n; j++) ps[i][j] = in.get() & 0xFF;
            in.position(in.position() + Gist.pad4(1 + n) - 1 - n);
        }
        if (in.position() != end) throw GistParseException.objectValue(Gist.SUB_INCORRECT_LENGTH, at, Gist.OBJ_STACK_PROPOSAL, "Stack-Proposal has " + (end - in.position()) + " bytes after its profiles");
        return new StackProposal(ps);
    }

    @Override public boolean equals(Object o) { return o instanceof StackProposal && Arrays.deepEquals(((StackProposal) o).profiles, profiles); }

    @Override public int hashCode() { return Arrays.deepHashCode(profiles); }
}
