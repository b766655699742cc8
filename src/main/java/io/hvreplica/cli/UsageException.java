package io.hvreplica.cli;

import io.hvreplica.ErrorKind;
import io.hvreplica.HvReplicaException;

/** The command line asks for something that cannot or must not be done. */
class UsageException extends HvReplicaException {
    UsageException(String message) {
        super(message);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.USAGE;
    }
}
