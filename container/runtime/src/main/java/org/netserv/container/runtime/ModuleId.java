package org.netserv.container.runtime;

import org.osgi.framework.Version;

/** A module id: {@code symbolicName_version} (e.g. {@code NetServ.apps.NetMonitor_1.0.0}). */
public final class ModuleId {
    private ModuleId() {}

    public static boolean isValid(String id) {
        int u = id.lastIndexOf('_');
        if (u <= 0 || u == id.length() - 1 || id.length() > 255) {
            return false;
        }
        if (!id.substring(0, u).matches("[A-Za-z0-9_.-]+")) {
            return false;
        }
        try {
            Version.parseVersion(id.substring(u + 1));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public static String symbolicName(String id) {
        return id.substring(0, id.lastIndexOf('_'));
    }

    public static Version version(String id) {
        return Version.parseVersion(id.substring(id.lastIndexOf('_') + 1));
    }

    public static String of(String symbolicName, Version v) {
        return symbolicName + "_" + v;
    }
}
