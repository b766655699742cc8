package io.hvreplica;

/**
 * A non-idempotent request (a WMI method Invoke) may have reached the host, but no answer came
 * back. It is never re-sent: the caller must find out on the host whether it ran. Shared by the
 * layers: the transport detects it, the Hyper-V layer names the VM and what to check.
 */
public class OutcomeUnknownException extends HvReplicaException {
    public OutcomeUnknownException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.OUTCOME_UNKNOWN;
    }
}
