package org.netserv.nsis.nslp;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The signaling daemon's side of the controller socket (interface 3): a UNIX
 * stream connection; write one NCM in text form, read one response block
 * ({@code NETSERV/0.1 <code> <reason>} + headers + blank line). The
 * connection is kept for further requests and re-opened after a failure.
 * When the controller cannot be reached or does not answer in time, the
 * block says so (503/504) — the signaling still completes.
 */
public final class ControllerClient implements Closeable {
    private final Path socket;
    private final String nodeId;
    private final long timeoutMs;
    private SocketChannel channel;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    public ControllerClient(Path socket, String nodeId, long timeoutMs) {
        this.socket = socket;
        this.nodeId = nodeId;
        this.timeoutMs = timeoutMs;
    }

    /** Sends {@code ncm} and returns the controller's block, text ending in one blank line. */
    public synchronized String exchange(Ncm ncm) {
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                if (channel == null || !channel.isOpen()) {
                    channel = SocketChannel.open(StandardProtocolFamily.UNIX);
                    channel.connect(UnixDomainSocketAddress.of(socket));
                    channel.configureBlocking(false);
                    pending.reset();
                }
                final ByteBuffer out = ByteBuffer.wrap(ncm.toBytes());
                try {
                    while (out.hasRemaining()) {
                        if (channel.write(out) == 0) Thread.onSpinWait();
                    }
                } catch (IOException e) {
                    // EPIPE: the controller closed the idle connection (its per-connection read
                    // deadline); it never read this NCM, so one retry on a new connection is safe
                    closeQuietly();
                    if (attempt == 1) return failure(503, "controller unavailable (" + e.getMessage() + ")");
                    continue;
                }
                return readBlock();
            } catch (java.net.SocketException | java.nio.channels.ClosedChannelException e) {
                closeQuietly();
                if (attempt == 1) return failure(503, "controller unavailable (" + e.getMessage() + ")");
            } catch (IOException e) {
                closeQuietly();
                return failure(e instanceof TimeoutException ? 504 : 503, "controller " + e.getMessage());
            }
        }
        return failure(503, "controller unavailable");
    }

    private String readBlock() throws IOException {
        final long deadline = System.currentTimeMillis() + timeoutMs;
        final ByteBuffer buf = ByteBuffer.allocate(4096);
        try (Selector sel = Selector.open()) {
            channel.register(sel, SelectionKey.OP_READ);
            while (true) {
                final String s = pending.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
                final int end = s.indexOf("\n\n");
                if (end >= 0) {
                    final byte[] rest = s.substring(end + 2).getBytes(StandardCharsets.UTF_8);
                    pending.reset();
                    pending.write(rest);
                    return s.substring(0, end + 1) + "\n";
                }
                final long left = deadline - System.currentTimeMillis();
                if (left <= 0) throw new TimeoutException("did not answer within " + timeoutMs + " ms");
                sel.select(left);
                sel.selectedKeys().clear();
                buf.clear();
                final int n = channel.read(buf);
                if (n < 0) throw new java.nio.channels.ClosedChannelException();
                if (pending.size() + n > 1 << 20) throw new IOException("sent an over-long response block");
                pending.write(buf.array(), 0, n);
            }
        }
    }

    private String failure(int code, String reason) {
        return "NETSERV/0.1 " + code + " " + reason + "\nnode-id: " + nodeId + "\n\n";
    }

    private void closeQuietly() {
        try {
            if (channel != null) channel.close();
        } catch (IOException ignored) {
            // reopening next time
        }
        channel = null;
    }

    @Override public synchronized void close() { closeQuietly(); }

    static final class TimeoutException extends IOException {
        TimeoutException(String m) { super(m); }
    }
}
