package io.hvreplica;

/**
 * The caller's deadline passed before the host answered, and nothing that changes state is in
 * doubt: the request was read-only, or it was never sent. Shared by the layers like
 * {@link OutcomeUnknownException}: the transport detects it, the layers above say what was being
 * waited for. A state-changing request cut off by the deadline is an {@link OutcomeUnknownException}
 * instead, because the host may have run it.
 */
public class DeadlineExceededException extends HvReplicaException {
    public DeadlineExceededException(String message) {
        super(message);
    }

    public DeadlineExceededException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.TIMEOUT;
    }
}
