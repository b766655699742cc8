package io.hvreplica.auth;

import io.hvreplica.ErrorKind;
import io.hvreplica.HvReplicaException;

/** The host rejected our credentials, or the handshake could not complete. */
public class AuthenticationException extends HvReplicaException {
    public AuthenticationException(String message) {
        super(message);
    }

    public AuthenticationException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.AUTHENTICATION;
    }
}
