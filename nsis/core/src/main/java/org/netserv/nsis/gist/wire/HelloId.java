package org.netserv.nsis.gist.wire;

import java.nio.ByteBuffer;

/** Hello-ID, RFC 5971 A.3.9: 32 bits echoed in an MA-Hello reply. */
public final class HelloId extends GistObject {
    private final int id;

    public HelloId(int id) {
        super(Gist.OBJ_HELLO_ID, 0);
        this.id = id;
    }

    public int id() { return id; }

    @Override public int valueLength() { return 4; }

    @Override protected void encodeValue(ByteBuffer out) { out.putInt(id); }

    static HelloId decode(ByteBuffer in, int len, int at) throws GistParseException {
        if (len != 4) throw GistParseException.objectValue(Gist.SUB_INCORRECT_LENGTH, at, Gist.OBJ_HELLO_ID, "Hello-ID length " + len + " != 4");
        return new HelloId(in.getInt());
    }

    @Override public boolean equals(Object o) { return o instanceof HelloId && ((HelloId) o).id == id; }

    @Override public int hashCode() { return id; }
}
