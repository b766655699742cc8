package io.hvreplica.auth;

import io.hvreplica.ErrorKind;
import io.hvreplica.HvReplicaException;

/** A protected message failed its signature, sequence or length check: it was altered or mis-framed. */
public class IntegrityException extends HvReplicaException {
    public IntegrityException(String message) {
        super(message);
    }

    public IntegrityException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.INTEGRITY;
    }
}
