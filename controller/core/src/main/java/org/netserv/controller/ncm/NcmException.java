package org.netserv.controller.ncm;

/**
 * A request the controller refuses, carrying the response code and the exact reason
 * that goes on the {@code NETSERV/0.1 <code> <reason>} line.
 *
 * <p>Codes follow HTTP's meaning (see controller/README.md for the full table):
 * 400 malformed, 401 not authenticated, 403 not authorized, 404 no such module,
 * 409 replayed, 412 dependency missing, 413 too large, 422 digest mismatch,
 * 431 header section too large, 501 not implemented here, 502 download failed,
 * 503 container unavailable.
 */
public final class NcmException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int code;

    public NcmException(final int code, final String reason) {
        super(reason);
        if (code < 100 || code > 599) {
            throw new IllegalArgumentException("response code out of range: " + code);
        }
        this.code = code;
    }

    public NcmException(final int code, final String reason, final Throwable cause) {
        this(code, reason);
        initCause(cause);
    }

    public int code() {
        return code;
    }

    public String reason() {
        return getMessage();
    }

    public NcmResponse toResponse(final String nodeId) {
        return NcmResponse.of(code, getMessage()).header("node-id", nodeId);
    }
}
