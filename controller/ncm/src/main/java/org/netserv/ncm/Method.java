package org.netserv.ncm;

/**
 * The request methods of an NCM (paper §2.1). TRIGGER is the NSLP's wrapper; the controller never acts on it.
 * ROLLBACK (ours, controller/README.md "Module versions") puts back the version a SETUP upgrade replaced.
 */
public enum Method {
    SETUP, REMOVE, PROBE, TRIGGER, ROLLBACK;

    public static Method fromToken(final String token) {
        for (final Method m : values()) {
            if (m.name().equals(token)) {
                return m;
            }
        }
        return null;
    }
}
