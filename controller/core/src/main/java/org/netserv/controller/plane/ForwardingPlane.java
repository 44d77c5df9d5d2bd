package org.netserv.controller.plane;

import java.io.IOException;

/**
 * What the controller needs from the forwarding plane: read and atomically replace the rule
 * set of the NetServ IPClassifier ({@code ns.config} in click-configs/netserv-router.click),
 * whose output k goes to container slot k and whose last output ({@code -}) forwards.
 */
public interface ForwardingPlane extends AutoCloseable {
    /** The classifier's current configuration string. */
    String readClassifier() throws IOException;

    /** Replaces the whole rule set in one handler write; the engine swaps it atomically. */
    void writeClassifier(String config) throws IOException;

    /**
     * Replaces the configuration of another element of the graph ({@code ELEMENT.config}),
     * e.g. a slot's source filter {@code srcK}. {@link NoSuchElementException} when the
     * running graph has no such element.
     */
    void writeConfig(String element, String config) throws IOException;

    /** {@code ELEMENT.config} as the engine has it now. */
    String readConfig(String element) throws IOException;

    /**
     * Any read handler, e.g. the global {@code flatconfig} or {@code ELEMENT.count} (dashboard), a
     * classifier's {@code hits} (metrics). Planes that cannot read arbitrary handlers say so.
     */
    default String readHandler(final String handler) throws IOException {
        throw new IOException("this forwarding plane (" + describe() + ") does not read handler " + handler);
    }

    /** The graph has no element of that name (ControlSocket 510, ENOENT on /click). */
    final class NoSuchElementException extends IOException {
        private static final long serialVersionUID = 1L;

        public NoSuchElementException(final String message) {
            super(message);
        }
    }

    /** The NetServ classifier's element name ({@code ns}). */
    default String classifierElement() {
        return "ns";
    }

    /** Where this plane is reached, for status output. */
    String describe();

    @Override
    void close();
}
