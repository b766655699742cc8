package io.hvreplica.record;

/** A recording that could not be written, or was deleted because it would have leaked a secret. */
public final class RecordingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RecordingException(String message) {
        super(message);
    }

    RecordingException(String message, Throwable cause) {
        super(message, cause);
    }
}
