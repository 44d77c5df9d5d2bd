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

    /** Where this plane is reached, for status output. */
    String describe();

    @Override
    void close();
}
