package io.hvreplica.transport;

import io.hvreplica.ErrorKind;
import io.hvreplica.HvReplicaException;

/**
 * The request could not be carried to the host and back: connection, TLS or HTTP-level protocol
 * trouble. Subclasses say which; {@link #kind()} names it for machine-readable output.
 */
public class TransportException extends HvReplicaException {
    /**
     * A finer reason than {@link #kind()}, for callers that advise the user in their own terms
     * (a command line names its flags); library messages stay free of such advice.
     */
    public enum Reason {
        /** Nothing more specific than the kind. */
        GENERAL,
        /** A TLS connection was attempted, and the port answered in plain HTTP. */
        PLAIN_HTTP_ON_TLS_PORT,
        /** The host's certificate is not trusted, or does not name the host. */
        UNTRUSTED_CERTIFICATE
    }

    private final ErrorKind kind;
    private final Reason reason;

    public TransportException(ErrorKind kind, String message) {
        this(kind, message, null, Reason.GENERAL);
    }

    public TransportException(ErrorKind kind, String message, Throwable cause) {
        this(kind, message, cause, Reason.GENERAL);
    }

    public TransportException(ErrorKind kind, String message, Throwable cause, Reason reason) {
        super(message, cause);
        this.kind = kind;
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** {@link ErrorKind#CONNECTION}, {@link ErrorKind#TLS} or {@link ErrorKind#PROTOCOL}. */
    @Override
    public ErrorKind kind() {
        return kind;
    }

    /** The host could not be reached, or the connection broke before a request went out. */
    public static TransportException connection(String message, Throwable cause) {
        return new TransportException(ErrorKind.CONNECTION, message, cause);
    }

    public static TransportException tls(String message, Throwable cause) {
        return new TransportException(ErrorKind.TLS, message, cause);
    }

    public static TransportException tls(String message, Throwable cause, Reason reason) {
        return new TransportException(ErrorKind.TLS, message, cause, reason);
    }

    /** The host answered, but not with something a WinRM host would send. */
    public static TransportException protocol(String message) {
        return new TransportException(ErrorKind.PROTOCOL, message);
    }

    public static TransportException protocol(String message, Throwable cause) {
        return new TransportException(ErrorKind.PROTOCOL, message, cause);
    }
}
