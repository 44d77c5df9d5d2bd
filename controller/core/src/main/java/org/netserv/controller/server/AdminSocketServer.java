package org.netserv.controller.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.netserv.controller.Controller;
import org.netserv.controller.ncm.NcmException;
import org.netserv.controller.ncm.NcmLimits;
import org.netserv.controller.ncm.NcmReader;
import org.netserv.controller.ncm.NcmResponse;
import org.netserv.controller.policy.PolicyException;

/**
 * Local administration for {@code netserv-ctl}: {@code LIST}, {@code STATUS}, {@code RELOAD},
 * each a request line and a blank line, answered with a response block (STATUS carries the
 * status document as one {@code json:} header). Only root or the controller's own user may
 * connect (socket mode 0600 and SO_PEERCRED): this socket bypasses NCM authentication.
 */
public final class AdminSocketServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final UnixServer server;

    public AdminSocketServer(final Path path, final Controller controller) throws IOException {
        server = new UnixServer("admin", path, "rw-------", 4, true, ch -> {
            final NcmReader reader = new NcmReader(new BufferedInputStream(Channels.newInputStream(ch)), NcmLimits.DEFAULT);
            final OutputStream out = Channels.newOutputStream(ch);
            while (true) {
                List<String> lines;
                NcmResponse r;
                try {
                    lines = reader.readMessage();
                    if (lines == null) {
                        return;
                    }
                    r = command(controller, lines.get(0).trim());
                } catch (NcmException e) {
                    r = e.toResponse(controller.policy().nodeId());
                    lines = null;
                }
                out.write(r.toWire().getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (lines == null) {
                    return;
                }
            }
        });
    }

    static NcmResponse command(final Controller c, final String cmd) throws IOException {
        final String node = c.policy().nodeId();
        switch (cmd) {
            case "LIST": {
                final NcmResponse r = NcmResponse.of(200, "OK").header("node-id", node);
                for (final Map<String, Object> m : c.report().moduleList(null, Map.of())) {
                    r.header("module", m.get("module") + " slot=" + m.get("slot") + " user=" + m.get("user")
                            + " state=" + m.get("state") + " ttl=" + m.get("ttl") + " filter=" + m.get("filter"));
                }
                return r;
            }
            case "STATUS":
                return NcmResponse.of(200, "OK").header("node-id", node).header("json", JSON.writeValueAsString(c.report().status()));
            case "RELOAD":
                try {
                    return NcmResponse.of(200, c.reload()).header("node-id", node);
                } catch (PolicyException e) {
                    return NcmResponse.of(422, "policy not reloaded: " + e.getMessage()).header("node-id", node);
                }
            default:
                return NcmResponse.of(400, "unknown admin command (LIST, STATUS, RELOAD)").header("node-id", node);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
