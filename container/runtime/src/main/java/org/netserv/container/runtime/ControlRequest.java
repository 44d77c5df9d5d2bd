/*
 * ControlRequest — one request of the controller ↔ container control channel,
 * version 1 (container/CONTROL-PROTOCOL.md):
 *
 *   COMMAND [moduleId]\n      request line
 *   key: value\n              zero or more headers
 *   \n                        end of request
 *
 * Lines end in \n (\r\n accepted). Bounded: a line is at most MAX_LINE bytes, a
 * request at most MAX_HEADERS headers; anything longer is refused, never buffered.
 */
package org.netserv.container.runtime;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

public final class ControlRequest {

    public static final int MAX_LINE = 8192;
    public static final int MAX_HEADERS = 32;
    public static final Set<String> COMMANDS = Set.of("INSTALL", "REMOVE", "LIST", "STATUS", "SHUTDOWN", "STOP", "START", "REFRESH");

    private final String command;
    private final String moduleId;
    private final Map<String, String> headers;

    public ControlRequest(String command, String moduleId, Map<String, String> headers) {
        this.command = command;
        this.moduleId = moduleId;
        this.headers = Collections.unmodifiableMap(headers);
    }

    public String command() { return command; }

    /** The module id, or null when the request line has none. */
    public String moduleId() { return moduleId; }

    public Map<String, String> headers() { return headers; }

    public String header(String name) { return headers.get(name); }

    /** A request the peer sent that cannot be served; the connection stays usable. */
    public static final class BadRequest extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean fatal;

        BadRequest(String message, boolean fatal) {
            super(message);
            this.fatal = fatal;
        }

        /** True when the stream is out of step (overlong line): the connection must close. */
        public boolean fatal() { return fatal; }
    }

    /**
     * Reads one request. Blank lines before the request line are skipped.
     *
     * @return the request, or null at a clean end of stream
     * @throws BadRequest for a malformed request; the rest of it has been consumed
     *                    unless {@link BadRequest#fatal()}
     */
    public static ControlRequest read(InputStream in) throws IOException, BadRequest {
        String first;
        do {
            first = line(in, true);
            if (first == null) {
                return null;
            }
        } while (first.isEmpty());
        Map<String, String> headers = new LinkedHashMap<>();
        String problem = hasControl(first) ? "control character in the request line" : null;
        for (;;) {
            String l = line(in, false);
            if (l.isEmpty()) {
                break;
            }
            if (problem != null) {
                continue; // consume the rest of a bad request
            }
            int colon = l.indexOf(':');
            if (hasControl(l)) {
                problem = "control character in a header";
                continue;
            }
            if (colon <= 0) {
                problem = "header line without 'key: value': " + shorten(l);
                continue;
            }
            String key = l.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = l.substring(colon + 1).strip();
            if (headers.size() == MAX_HEADERS) {
                problem = "more than " + MAX_HEADERS + " headers";
            } else if (headers.put(key, value) != null) {
                problem = "header '" + key + "' given twice";
            }
        }
        String[] w = first.strip().split("\\s+");
        String command = w[0].toUpperCase(Locale.ROOT);
        if (problem != null) {
            throw new BadRequest(problem, false);
        }
        if (!COMMANDS.contains(command)) {
            throw new BadRequest("unknown command '" + shorten(w[0]) + "' (INSTALL, REMOVE, LIST, STATUS, STOP, START, REFRESH, SHUTDOWN)",
                    false);
        }
        if (w.length > 2) {
            throw new BadRequest("request line has more than a command and a module id", false);
        }
        String module = w.length == 2 ? w[1] : null;
        if (module != null && !ModuleId.isValid(module)) {
            throw new BadRequest("bad module id '" + shorten(module) + "' (symbolicName_version)", false);
        }
        boolean needsModule = command.equals("INSTALL") || command.equals("REMOVE") || command.equals("STOP")
                || command.equals("START");
        if (needsModule && module == null) {
            throw new BadRequest(command + " needs a module id", false);
        }
        if (!needsModule && !command.equals("STATUS") && module != null) {
            throw new BadRequest(command + " takes no module id", false);
        }
        return new ControlRequest(command, module, headers);
    }

    private static boolean hasControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    private static String shorten(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }

    /** One line without its terminator; null at end of stream only when {@code eofOk}. */
    private static String line(InputStream in, boolean eofOk) throws IOException, BadRequest {
        byte[] buf = new byte[256];
        int n = 0;
        for (;;) {
            int b = in.read();
            if (b < 0) {
                if (eofOk && n == 0) {
                    return null;
                }
                throw new EOFException("connection closed inside a request");
            }
            if (b == '\n') {
                break;
            }
            if (n == MAX_LINE) {
                throw new BadRequest("line longer than " + MAX_LINE + " bytes", true);
            }
            if (n == buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.min(buf.length * 2, MAX_LINE));
            }
            buf[n++] = (byte) b;
        }
        if (n > 0 && buf[n - 1] == '\r') {
            n--;
        }
        return new String(buf, 0, n, StandardCharsets.UTF_8);
    }
}
