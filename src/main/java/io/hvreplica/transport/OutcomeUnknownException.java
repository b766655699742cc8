package io.hvreplica.transport;

/**
 * A non-idempotent request (a WMI method Invoke) may have reached the host, but no answer came
 * back. It is never re-sent: the caller must find out on the host whether it ran.
 */
public class OutcomeUnknownException extends TransportException {
    public OutcomeUnknownException(String message, Throwable cause) {
        super("outcome-unknown", message, cause);
    }
}
