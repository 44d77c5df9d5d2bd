package org.netserv.container.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.osgi.framework.Bundle;

/**
 * The {@code properties: k=v,...} the publisher gave in SETUP (DESIGN.md §3.3), as the
 * container stored them for this module before starting it.
 */
public final class ModuleProperties {

    /** Name of the file in the bundle's data area holding the properties. */
    public static final String FILE = "netserv.properties";

    private ModuleProperties() {}

    /** The module's properties; empty when none were given. */
    public static Map<String, String> of(Bundle bundle) {
        java.io.File f = bundle.getDataFile(FILE);
        if (f == null || !f.isFile()) {
            return Collections.emptyMap();
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(f.toPath())) {
            p.load(in);
        } catch (IOException e) {
            return Collections.emptyMap();
        }
        Map<String, String> m = new HashMap<>();
        p.forEach((k, v) -> m.put((String) k, (String) v));
        return Collections.unmodifiableMap(m);
    }
}
