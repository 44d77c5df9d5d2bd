/*
 * TcpLink — a TCP client connection: splits the byte stream into STUN messages and
 * ChannelData messages (RFC 8656 §12.5: the first two bits tell them apart; ChannelData
 * is padded to 4 on a stream) and buffers what the socket cannot take at once.
 * A stream that does not frame (first two bits 10 or 11) is closed: there is no way
 * to find the next message boundary.
 */
package org.netserv.apps.mediarelay;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

final class TcpLink extends ClientLink {
    static final int MAX_MESSAGE = Stun.HEADER + 0xFFFF;
    private final SocketChannel ch;
    private final ByteBuffer in = ByteBuffer.allocateDirect(MAX_MESSAGE + 4);
    private final ByteBuffer out = ByteBuffer.allocateDirect(256 * 1024);
    SelectionKey key;
    boolean closed;
    long dropped;

    TcpLink(SocketChannel ch, InetSocketAddress remote, InetSocketAddress local) {
        super(remote, local);
        this.ch = ch;
    }

    @Override
    boolean stream() { return true; }

    /** Reads what arrived and hands each complete message to the server. */
    void readable(TurnServer server) throws IOException {
        int n = ch.read(in);
        if (n < 0) {
            server.closed(this);
            return;
        }
        in.flip();
        while (in.remaining() >= 4) {
            int p = in.position();
            int first = in.getShort(p) & 0xffff;
            int bits = first >>> 14;
            int len = in.getShort(p + 2) & 0xffff;
            int total;
            if (bits == 0) total = Stun.HEADER + len;
            else if (bits == 1) total = 4 + Stun.padded(len);
            else {
                server.framingError(this);
                return;
            }
            if (in.remaining() < total) break;
            int end = p + total;
            int msgEnd = bits == 1 ? p + 4 + len : end;
            int limit = in.limit();
            in.limit(msgEnd);
            server.onClient(this, in, p, msgEnd - p);
            if (closed) return;
            in.limit(limit).position(end);
        }
        in.compact();
    }

    @Override
    void send(ByteBuffer b) {
        if (closed) return;
        int n = b.remaining();
        if (out.position() == 0) {
            try {
                ch.write(b);
            } catch (IOException e) {
                closed = true;
                return;
            }
            if (!b.hasRemaining()) return;
        }
        // a whole message or nothing: a partial one would break the client's framing. When part of
        // it is on the wire already the buffer was empty, and it holds more than one message.
        if (out.remaining() < b.remaining() && b.remaining() == n) {
            dropped++;
            return;
        }
        out.put(b);
        if (key != null && key.isValid()) key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
    }

    void writable() throws IOException {
        out.flip();
        ch.write(out);
        out.compact();
        if (out.position() == 0 && key.isValid()) key.interestOps(SelectionKey.OP_READ);
    }

    @Override
    void close() {
        closed = true;
        try {
            ch.close();
        } catch (IOException e) {
            // already gone
        }
    }
}
