package org.netserv.nsis.gist.wire;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One GIST message: the common header fields and its objects in wire order
 * (RFC 5971 §5.1). The factories build each message type in the order the
 * grammar requires; {@link GistCodec#decode} checks that order on receipt.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |    Version    |   GIST hops   |        Message Length         |  0
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           NSLPID              |C|   Type      |S|R|E| Reserved|  4
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * Message Length counts 32-bit words after this header.
 */
public final class GistMessage {
    private final int type;
    private final int hops;
    private final int nslpId;
    private final boolean cFlag, sFlag, rFlag, eFlag;
    private final List<GistObject> objects;

    public GistMessage(int type, int hops, int nslpId, boolean c, boolean s, boolean r, boolean e, List<GistObject> objects) {
        if (type < 0 || type > 0x7F) throw new IllegalArgumentException("type " + type);
        if (hops < 0 || hops > 255) throw new IllegalArgumentException("hops " + hops);
        if (nslpId < 0 || nslpId > 0xFFFF) throw new IllegalArgumentException("NSLPID " + nslpId);
        this.type = type;
        this.hops = hops;
        this.nslpId = nslpId;
        this.cFlag = c;
        this.sFlag = s;
        this.rFlag = r;
        this.eFlag = e;
        this.objects = Collections.unmodifiableList(new ArrayList<>(objects));
    }

    // ---- factories, one per message of RFC 5971 §5.1, objects in grammar order ----

    /** Query = Hdr MRI SID NLI Query-Cookie [Stack-Proposal SCD] [NSLP-Data]; C=1, R=1. */
    public static GistMessage query(int nslpId, int hops, Mri mri, Sid sid, Nli nli, byte[] queryCookie,
                                    StackProposal sp, StackConfigurationData scd, byte[] nslpData) {
        final List<GistObject> o = new ArrayList<>(7);
        o.add(mri); o.add(sid); o.add(nli); o.add(Opaque.queryCookie(queryCookie));
        if (sp != null) { o.add(sp); o.add(scd); }
        if (nslpData != null) o.add(Opaque.nslpData(nslpData));
        return new GistMessage(Gist.QUERY, hops, nslpId, true, true, true, false, o);
    }

    /** Response = Hdr MRI SID NLI Query-Cookie [Responder-Cookie [SP SCD]] [NSLP-Data]; R = Confirm requested. */
    public static GistMessage response(int nslpId, Mri mri, Sid sid, Nli nli, byte[] queryCookie, byte[] responderCookie,
                                       StackProposal sp, StackConfigurationData scd, byte[] nslpData, boolean confirmRequested) {
        final List<GistObject> o = new ArrayList<>(8);
        o.add(mri); o.add(sid); o.add(nli); o.add(Opaque.queryCookie(queryCookie));
        if (responderCookie != null) {
            o.add(Opaque.responderCookie(responderCookie));
            if (sp != null) { o.add(sp); o.add(scd); }
        }
        if (nslpData != null) o.add(Opaque.nslpData(nslpData));
        return new GistMessage(Gist.RESPONSE, 1, nslpId, false, true, confirmRequested, false, o);
    }

    /** Confirm = Hdr MRI SID NLI [Responder-Cookie [SP [SCD]]] [NSLP-Data]. */
    public static GistMessage confirm(int nslpId, Mri mri, Sid sid, Nli nli, byte[] responderCookie,
                                      StackProposal sp, StackConfigurationData scd, byte[] nslpData) {
        final List<GistObject> o = new ArrayList<>(7);
        o.add(mri); o.add(sid); o.add(nli);
        if (responderCookie != null) {
            o.add(Opaque.responderCookie(responderCookie));
            if (sp != null) { o.add(sp); if (scd != null) o.add(scd); }
        }
        if (nslpData != null) o.add(Opaque.nslpData(nslpData));
        return new GistMessage(Gist.CONFIRM, 1, nslpId, false, true, false, false, o);
    }

    /** Data = Hdr MRI SID [NLI] NSLP-Data; NLI in D-mode only. */
    public static GistMessage data(int nslpId, Mri mri, Sid sid, Nli nli, byte[] nslpData) {
        final List<GistObject> o = new ArrayList<>(4);
        o.add(mri); o.add(sid);
        if (nli != null) o.add(nli);
        o.add(Opaque.nslpData(nslpData));
        return new GistMessage(Gist.DATA, 1, nslpId, false, true, false, false, o);
    }

    /** Error = Hdr [NLI] Error; NSLPID 0, S=0 as NSIS-ka sends. */
    public static GistMessage error(Nli nli, ErrorObject error) {
        final List<GistObject> o = new ArrayList<>(2);
        if (nli != null) o.add(nli);
        o.add(error);
        return new GistMessage(Gist.ERROR, 1, 0, false, false, false, false, o);
    }

    /** MA-Hello = Hdr Hello-ID; NSLPID 0. */
    public static GistMessage maHello(int helloId, boolean replyRequested) {
        return new GistMessage(Gist.MA_HELLO, 1, 0, false, true, replyRequested, false, List.of(new HelloId(helloId)));
    }

    // ---- header ----
    public int type() { return type; }
    public int hops() { return hops; }
    public int nslpId() { return nslpId; }
    public boolean cFlag() { return cFlag; }
    public boolean sFlag() { return sFlag; }
    public boolean rFlag() { return rFlag; }
    public boolean eFlag() { return eFlag; }
    public List<GistObject> objects() { return objects; }

    public GistMessage withHops(int h) {
        return new GistMessage(type, h, nslpId, cFlag, sFlag, rFlag, eFlag, objects);
    }

    // ---- typed access ----
    public GistObject find(int objectType) {
        for (GistObject o : objects) if (o.type() == objectType) return o;
        return null;
    }

    public Mri mri() { return (Mri) find(Gist.OBJ_MRI); }
    public Sid sid() { return (Sid) find(Gist.OBJ_SID); }
    public Nli nli() { return (Nli) find(Gist.OBJ_NLI); }
    public StackProposal stackProposal() { return (StackProposal) find(Gist.OBJ_STACK_PROPOSAL); }
    public StackConfigurationData stackConfiguration() { return (StackConfigurationData) find(Gist.OBJ_STACK_CONFIGURATION_DATA); }
    public ErrorObject error() { return (ErrorObject) find(Gist.OBJ_ERROR); }
    public HelloId helloId() { return (HelloId) find(Gist.OBJ_HELLO_ID); }
    public byte[] queryCookie() { return opaque(Gist.OBJ_QUERY_COOKIE); }
    public byte[] responderCookie() { return opaque(Gist.OBJ_RESPONDER_COOKIE); }
    public byte[] nslpData() { return opaque(Gist.OBJ_NSLP_DATA); }

    private byte[] opaque(int t) {
        final GistObject o = find(t);
        return o == null ? null : ((Opaque) o).value();
    }

    /** Bytes after the common header. */
    public int bodyLength() {
        int n = 0;
        for (GistObject o : objects) n += o.encodedLength();
        return n;
    }

    public int encodedLength() { return Gist.COMMON_HEADER_LENGTH + bodyLength(); }

    @Override public boolean equals(Object x) {
        if (!(x instanceof GistMessage)) return false;
        final GistMessage m = (GistMessage) x;
        return m.type == type && m.hops == hops && m.nslpId == nslpId && m.cFlag == cFlag && m.sFlag == sFlag
                && m.rFlag == rFlag && m.eFlag == eFlag && m.objects.equals(objects);
    }

    @Override public int hashCode() { return type * 31 + nslpId * 7 + objects.hashCode(); }

    @Override public String toString() {
        return Gist.typeName(type) + (cFlag ? "(C)" : "") + " NSLPID=" + nslpId + " hops=" + hops + " flags="
                + (sFlag ? "S" : "-") + (rFlag ? "R" : "-") + (eFlag ? "E" : "-") + " " + objects;
    }
}
