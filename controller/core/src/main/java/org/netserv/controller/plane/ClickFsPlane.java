package org.netserv.controller.plane;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The forwarding plane reached through the {@code /click} filesystem (FUSE mount of
 * netserv-click, as the kernel module's): {@code /click/ELEM/config}. As in kernel Click, a
 * handler write takes effect when the file is closed, so the config goes in one open/close.
 */
public final class ClickFsPlane implements ForwardingPlane {
    private final Path mount;
    private final Path handlerFile;

    public ClickFsPlane(final Path mount, final String element) {
        this.mount = mount;
        this.handlerFile = mount.resolve(element).resolve("config");
    }

    @Override
    public String readConfig(final String element) throws IOException {
        try {
            return Files.readString(mount.resolve(element).resolve("config"), StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new NoSuchElementException("no element " + element + " under " + mount);
        }
    }

    @Override
    public void writeConfig(final String element, final String config) throws IOException {
        final Path f = mount.resolve(element).resolve("config");
        if (!Files.exists(f)) {
            throw new NoSuchElementException("no element " + element + " under " + mount);
        }
        try (OutputStream o = Files.newOutputStream(f, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            o.write(config.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public String classifierElement() {
        return handlerFile.getParent().getFileName().toString();
    }

    @Override
    public String readClassifier() throws IOException {
        return Files.readString(handlerFile, StandardCharsets.UTF_8);
    }

    @Override
    public void writeClassifier(final String config) throws IOException {
        try (OutputStream o = Files.newOutputStream(handlerFile, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            o.write(config.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public String readHandler(final String handler) throws IOException {
        // ELEM.h is /click/ELEM/h, a global handler /click/h (element names may contain '/')
        final int dot = handler.lastIndexOf('.');
        final Path f = dot < 0 ? mount.resolve(handler) : mount.resolve(handler.substring(0, dot)).resolve(handler.substring(dot + 1));
        return Files.readString(f, StandardCharsets.UTF_8);
    }

    @Override
    public String describe() {
        return "click fs " + handlerFile;
    }

    @Override
    public void close() {
    }
}
