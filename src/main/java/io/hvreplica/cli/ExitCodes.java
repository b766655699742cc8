package io.hvreplica.cli;

import io.hvreplica.ErrorKind;
import io.hvreplica.HvReplicaException;
import io.hvreplica.auth.kerberos.KerberosSettingException;
import io.hvreplica.hyperv.OperationResult;
import io.hvreplica.transport.TransportException;

/** The documented exit codes, and which failure gets which. */
final class ExitCodes {
    static final int COMPLETED = 0;
    static final int REFUSED_OR_FAILED = 1;
    static final int USAGE = 2;
    static final int AUTH = 3;
    static final int CONNECTION = 4;
    static final int TIMEOUT = 5;
    static final int NOT_FOUND = 6;
    /** 128 + the signal's number, as shells report a process ended by SIGINT or SIGTERM. */
    static final int SIGINT = 130;
    static final int SIGTERM = 143;

    /** The exit code of a run ended by "SIGINT" or "SIGTERM". */
    static int ofSignal(String signal) {
        return "SIGTERM".equals(signal) ? SIGTERM : SIGINT;
    }

    private ExitCodes() {
    }

    /** An exit code and a machine-readable kind for a failure. */
    record Failure(int code, String kind) {
    }

    /** The exit code and error kind of a run that ended; the kind is null on success. */
    static Failure of(OperationResult r) {
        ErrorKind kind = r.errorKind();
        return kind == null ? new Failure(COMPLETED, null) : of(kind);
    }

    static Failure of(Throwable e) {
        if (e instanceof HvReplicaException h) {
            return of(h.kind());
        }
        // Not one of ours: a bug, reported as such rather than guessed at.
        return new Failure(CONNECTION, "error");
    }

    /** The one mapping from the library's classification to exit codes. */
    static Failure of(ErrorKind kind) {
        int code = switch (kind) {
            case USAGE, AMBIGUOUS_VM -> USAGE;
            case VM_NOT_FOUND, JOB_NOT_FOUND -> NOT_FOUND;
            case AUTHENTICATION, ACCESS_DENIED -> AUTH;
            // Neither says how a state change ended: like a lost answer, the user must look on the host.
            case CONNECTION, TLS, PROTOCOL, INTEGRITY, OUTCOME_UNKNOWN, JOB_GONE -> CONNECTION;
            case TIMEOUT -> TIMEOUT;
            case INTERRUPTED -> SIGINT;
            case FAULT, REFUSED, JOB_FAILED, FAILED -> REFUSED_OR_FAILED;
        };
        return new Failure(code, kind.label());
    }

    /** The exception's sentence, or its type when it has none; with the option for a Kerberos setting it asks for. */
    static String message(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return m + advice(e);
    }

    // The library says what is wrong in its own terms; only the command line knows its flags.
    private static String advice(Throwable e) {
        if (e instanceof KerberosSettingException k) {
            return switch (k.setting()) {
                case REALM -> " with --realm";
                case KDC -> " with --kdc (and --realm)";
                case SPN -> " with --spn";
            };
        }
        if (e instanceof TransportException t) {
            return switch (t.reason()) {
                case PLAIN_HTTP_ON_TLS_PORT -> " (for plain HTTP, drop --https or give an http:// --endpoint)";
                case UNTRUSTED_CERTIFICATE -> " (pass the host's CA with --ca-cert)";
                case GENERAL -> "";
            };
        }
        if (e instanceof io.hvreplica.DeadlineExceededException) {
            return " (raise --timeout to wait longer)";
        }
        if (e instanceof io.hvreplica.hyperv.AmbiguousVmException) {
            return "; pass the one you mean with --vm-id";
        }
        return "";
    }
}
