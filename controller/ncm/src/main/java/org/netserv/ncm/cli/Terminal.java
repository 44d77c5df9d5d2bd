package org.netserv.ncm.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether an output stream of this process is a terminal, and whether colour may be used on it.
 * Java 17 cannot ask isatty(2) of one descriptor ({@code System.console()} needs stdin and stdout
 * both), so this reads what {@code /proc/self/fd/N} points at: a pty or tty device is a terminal,
 * a pipe, file or socket is not. Colour follows https://no-color.org ({@code NO_COLOR} set and not
 * empty turns it off), {@code TERM=dumb} turns it off too.
 */
public final class Terminal {
    /** Descriptor numbers. */
    public static final int STDOUT = 1;
    public static final int STDERR = 2;

    private Terminal() {
    }

    public static boolean isTerminal(final int fd) {
        try {
            final String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    /** Colour on descriptor fd: only on a terminal, never with NO_COLOR or TERM=dumb. */
    public static boolean colour(final int fd) {
        final String noColor = System.getenv("NO_COLOR");
        if (noColor != null && !noColor.isEmpty()) {
            return false;
        }
        if ("dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        return isTerminal(fd);
    }

    /** ANSI SGR colours used by the tables; {@link #paint} leaves the text alone when colour is off. */
    public enum Colour {
        GREEN("32"), RED("31"), YELLOW("33"), BOLD("1");

        private final String sgr;

        Colour(final String sgr) {
            this.sgr = sgr;
        }

        public String paint(final String text, final boolean on) {
            return on ? "\u001b[" + sgr + "m" + text + "\u001b[0m" : text;
        }
    }
}
