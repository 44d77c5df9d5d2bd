package org.netserv.controller.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.netserv.controller.ncm.Ipv4Prefix;
import org.netserv.controller.ncm.Ncm;
import org.netserv.ncm.Header;

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

    /**
     * REMOVING is written before the removal starts, so a crash mid-removal finishes it, never undoes it.
     * STANDBY is the version a SETUP upgrade replaced: not in the container, no filter, its bundle kept
     * (cache and stage) so that ROLLBACK can put it back, also after a controller restart.
     */
    public enum Phase { ACTIVE, REMOVING, STANDBY }

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

    public ModuleRecord withPattern(final String p) {
        return new ModuleRecord(slot, user, moduleId, digestHex, bundlePath, properties, p, filterProto,
                filterPorts, filterDst, filterSrc, url, notification, installedAt, deadline, phase, bundleBytes);
    }

    public ModuleRecord withDeadline(final long d) {
        return new ModuleRecord(slot, user, moduleId, digestHex, bundlePath, properties, pattern, filterProto,
                filterPorts, filterDst, filterSrc, url, notification, installedAt, d, phase, bundleBytes);
    }

    /** The record of a module just installed from {@code ncm} with its bundle at {@code bundle}. */
    public static ModuleRecord installed(final int slot, final Ncm ncm, final Path bundle, final String pattern, final long now) {
        long size;
        try {
            size = Files.size(bundle);
        } catch (IOException e) {
            size = -1;
        }
        return new ModuleRecord(slot, ncm.user(), ncm.moduleId(), ncm.digestHex(),
                bundle.toString(), ncm.properties(), pattern, ncm.filterProto().orElse(null), ncm.filterPorts(),
                ncm.filterDst().stream().map(Ipv4Prefix::toString).toList(),
                ncm.filterSrc().stream().map(Ipv4Prefix::toString).toList(),
                ncm.header(Header.URL).orElse(null),
                ncm.header(Header.NOTIFICATION).orElse(null),
                now, now + ncm.ttlSeconds() * 1000, Phase.ACTIVE, size);
    }

    /** The version part of the id ({@code 1.0.0} of {@code NetServ.apps.NetMonitor_1.0.0}). */
    public String version() {
        return moduleId.substring(moduleId.lastIndexOf('_') + 1);
    }

    /** Symbolic name without the version: what {@code dependencies} may name. */
    public String symbolicName() {
        return moduleId.substring(0, moduleId.lastIndexOf('_'));
    }
}
