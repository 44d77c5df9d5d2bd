package org.netserv.ncm;

/** The request methods of an NCM (paper §2.1). TRIGGER is the NSLP's wrapper; the controller never acts on it. */
public enum Method {
    SETUP, REMOVE, PROBE, TRIGGER;

    public static Method fromToken(final String token) {
        for (final Method m : values()) {
            if (m.name().equals(token)) {
                return m;
            }
        }
        return null;
    }
}
