package org.netserv.controller.container;

/**
 * A control-channel request that did not succeed: either the container refused it
 * ({@code -1} + reason, {@link #refused()} true) or the channel itself failed.
 */
public final class ContainerException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean refused;

    public ContainerException(final String message, final boolean refused) {
        super(message);
        this.refused = refused;
    }

    public ContainerException(final String message, final Throwable cause) {
        super(message, cause);
        this.refused = false;
    }

    public boolean refused() {
        return refused;
    }
}
