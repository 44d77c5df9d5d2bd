package org.netserv.controller.container;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The controller's side of one container's control channel (interfaces.md §4):
 * install and remove modules, list them, ask for status.
 */
public interface ContainerLink extends AutoCloseable {
    int slot();

    void install(String moduleId, Path bundle, String digestHex, Map<String, String> properties)
            throws ContainerException;

    void remove(String moduleId) throws ContainerException;

    /** Module ids the container has installed, in its order. */
    List<String> list() throws ContainerException;

    /** STATUS: per-module lines and container-wide figures. */
    ContainerStatus status() throws ContainerException;

    void shutdown() throws ContainerException;

    @Override
    void close();
}
