package org.netserv.controller.state;

import java.util.List;
import java.util.Map;

/**
 * What the controller remembers about one installed module, persisted so a restarted
 * controller converges back to it. {@code pattern} is the authorized IPClassifier pattern
 * (null for a module without a filter); the filter fields are kept to re-authorize it when
 * the policy is reloaded. {@code deadline} is wall-clock epoch milliseconds, since TTLs must
 * keep running while the controller is down.
 */
public record ModuleRecord(int slot, String user, String moduleId, String digestHex, String bundlePath,
                           Map<String, String> properties, String pattern, String filterProto,
                           List<Integer> filterPorts, List<String> filterDst, List<String> filterSrc,
                           String url, String notification, long installedAt, long deadline,
                           Phase phase, long bundleBytes) {

    /** REMOVING is written before the removal starts, so a crash mid-removal finishes it, never undoes it. */
    public enum Phase { ACTIVE, REMOVING }

    public String key() {
        return key(slot, moduleId);
    }

    public static String key(final int slot, final String moduleId) {
        return slot + "/" + moduleId;
    }

    public ModuleRecord withPhase(final Phase p) {
        return new ModuleRecord(slot, user, moduleId, digestHex, bundlePath, properties, pattern, filterProto,
                filterPorts, filterDst, filterSrc, url, notification, installedAt, deadline, p, bundleBytes);
    }

    public ModuleRecord withDeadline(final long d) {
        return new ModuleRecord(slot, user, moduleId, digestHex, bundlePath, properties, pattern, filterProto,
                filterPorts, filterDst, filterSrc, url, notification, installedAt, d, phase, bundleBytes);
    }

    /** Symbolic name without the version: what {@code dependencies} may name. */
    public String symbolicName() {
        return moduleId.substring(0, moduleId.lastIndexOf('_'));
    }
}
