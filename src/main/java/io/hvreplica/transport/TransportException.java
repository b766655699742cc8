package io.hvreplica.transport;

import io.hvreplica.HvReplicaException;

/**
 * The request could not be carried to the host and back: connection, TLS or HTTP-level protocol
 * trouble. Subclasses say which; {@link #kind()} names it for machine-readable output.
 */
public class TransportException extends HvReplicaException {
    private final String kind;

    public TransportException(String kind, String message) {
        super(message);
        this.kind = kind;
    }

    public TransportException(String kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /** "connection", "tls", "protocol" or "outcome-unknown". */
    public String kind() {
        return kind;
    }

    /** The host could not be reached, or the connection broke before a request went out. */
    public static TransportException connection(String message, Throwable cause) {
        return new TransportException("connection", message, cause);
    }

    public static TransportException tls(String message, Throwable cause) {
        return new TransportException("tls", message, cause);
    }

    /** The host answered, but not with something a WinRM host would send. */
    public static TransportException protocol(String message) {
        return new TransportException("protocol", message);
    }

    public static TransportException protocol(String message, Throwable cause) {
        return new TransportException("protocol", message, cause);
    }
}
