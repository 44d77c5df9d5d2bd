package org.netserv.controller.policy;

/** A policy file that cannot be used; the message says where and why. */
public final class PolicyException extends Exception {
    private static final long serialVersionUID = 1L;

    public PolicyException(final String message) {
        super(message);
    }

    public PolicyException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
