package org.netserv.controller.state;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The installed modules, persisted as {@code modules.json} in the state directory with
 * {@link AtomicFiles#write}. Small (one entry per module), rewritten whole on every change.
 */
public final class StateStore {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private final Path file;

    public StateStore(final Path stateDir) {
        this.file = stateDir.resolve("modules.json");
    }

    public List<ModuleRecord> load() throws IOException {
        if (!Files.exists(file)) {
            return new ArrayList<>();
        }
        return JSON.readValue(file.toFile(), new TypeReference<List<ModuleRecord>>() { });
    }

    public void save(final List<ModuleRecord> modules) throws IOException {
        AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(modules));
    }

    public Path file() {
        return file;
    }
}
