package io.hvreplica;

/**
 * Root of hvreplica's small exception tree. Every failure the library reports is one of these,
 * with a message that a Hyper-V administrator can act on; the CLI maps each subtype to an exit code.
 */
public class HvReplicaException extends RuntimeException {
    public HvReplicaException(String message) {
        super(message);
    }

    public HvReplicaException(String message, Throwable cause) {
        super(message, cause);
    }

    /** What kind of failure this is; subclasses say. */
    public ErrorKind kind() {
        return ErrorKind.FAILED;
    }
}
