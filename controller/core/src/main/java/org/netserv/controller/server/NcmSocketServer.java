package org.netserv.controller.server;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.netserv.controller.Controller;
import org.netserv.controller.io.Watchdog;
import org.netserv.controller.ncm.NcmException;
import org.netserv.controller.ncm.NcmLimits;
import org.netserv.controller.ncm.NcmReader;

/**
 * The socket the NSLP daemon talks to (interfaces.md §3): requests in NCM text form, one
 * response block each, several per connection. A message that breaks the framing limits gets
 * its 4xx and the connection is closed, since what follows it cannot be trusted to be aligned.
 * A connection gets {@link #READ_TIMEOUT_MS} for each message (idle time included) and
 * {@code NcmLimits} bytes: a client that holds a connection open without sending a whole
 * message loses it, so 32 slow clients cannot keep the signaling daemon out.
 */
public final class NcmSocketServer implements AutoCloseable {
    public static final long READ_TIMEOUT_MS = 30_000;
    private final UnixServer server;

    public NcmSocketServer(final Path path, final Controller controller) throws IOException {
        this(path, controller, READ_TIMEOUT_MS);
    }

    NcmSocketServer(final Path path, final Controller controller, final long readTimeoutMs) throws IOException {
        server = new UnixServer("ncm", path, "rw-rw----", 32, false, ch -> {
            final NcmReader reader = new NcmReader(new BufferedInputStream(Channels.newInputStream(ch)), NcmLimits.DEFAULT);
            final OutputStream out = Channels.newOutputStream(ch);
            while (true) {
                final List<String> lines;
                try (Watchdog.Armed w = Watchdog.arm(ch, readTimeoutMs)) {
                    lines = reader.readMessage();
                } catch (NcmException e) {
                    out.write(e.toResponse(controller.policy().nodeId()).toWire().getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    return;
                }
                if (lines == null) {
                    return;
                }
                out.write(controller.handle(lines).toWire().getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        });
    }

    @Override
    public void close() {
        server.close();
    }
}
