package io.hvreplica.cli;

import io.hvreplica.auth.AuthenticationException;
import io.hvreplica.auth.kerberos.KerberosSettingException;
import io.hvreplica.hyperv.AmbiguousVmException;
import io.hvreplica.hyperv.OperationResult;
import io.hvreplica.hyperv.VmNotFoundException;
import io.hvreplica.transport.TransportException;
import io.hvreplica.wsman.WsmanFaultException;

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

    private ExitCodes() {
    }

    /** An exit code and a machine-readable kind for a failure. */
    record Failure(int code, String kind) {
    }

    /** The exit code and error kind of a run that ended; the kind is null on success. */
    static Failure of(OperationResult r) {
        return switch (r.outcome()) {
            case COMPLETED, NOT_WAITED, UNCHANGED -> new Failure(COMPLETED, null);
            case TIMEOUT -> new Failure(TIMEOUT, "timeout");
            case FAILED -> new Failure(REFUSED_OR_FAILED, r.job() != null ? "job-failed" : "refused");
            // Neither says how the revert ended: like a lost answer, the user must look on the host.
            case OUTCOME_UNKNOWN -> new Failure(CONNECTION, "outcome-unknown");
            case JOB_GONE -> new Failure(CONNECTION, "job-gone");
            case JOB_NOT_FOUND -> new Failure(NOT_FOUND, "job-not-found");
            case INTERRUPTED -> new Failure(SIGINT, "interrupted");
        };
    }

    static Failure of(Throwable e) {
        if (e instanceof UsageException) {
            return new Failure(USAGE, "usage");
        }
        if (e instanceof AmbiguousVmException) {
            return new Failure(USAGE, "ambiguous-vm");
        }
        if (e instanceof VmNotFoundException) {
            return new Failure(NOT_FOUND, "vm-not-found");
        }
        if (e instanceof AuthenticationException) {
            return new Failure(AUTH, "authentication");
        }
        if (e instanceof WsmanFaultException f) {
            return f.isAccessDenied() ? new Failure(AUTH, "access-denied") : new Failure(REFUSED_OR_FAILED, "fault");
        }
        if (e instanceof TransportException t) {
            return new Failure(CONNECTION, t.kind());
        }
        if (e instanceof io.hvreplica.auth.IntegrityException) {
            return new Failure(CONNECTION, "integrity");
        }
        if (e instanceof io.hvreplica.OutcomeUnknownException) {
            return new Failure(CONNECTION, "outcome-unknown");
        }
        if (e instanceof io.hvreplica.DeadlineExceededException) {
            return new Failure(TIMEOUT, "timeout");
        }
        if (e instanceof io.hvreplica.HvReplicaException) {
            // The host or the job could not do what was asked (no replication service, say).
            return new Failure(REFUSED_OR_FAILED, "failed");
        }
        return new Failure(CONNECTION, "error");
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
        return "";
    }
}
