package io.hvreplica;

/**
 * What kind of failure an {@link HvReplicaException} or an unsuccessful result is: the one
 * classification of the library. Callers map it to what they need (the command line maps it to
 * exit codes and JSON kinds, in one place); {@link #label()} is the stable machine-readable name.
 */
public enum ErrorKind {
    /** The caller asked for something that cannot or must not be done. */
    USAGE("usage"),
    /** A VM name matches several VMs. */
    AMBIGUOUS_VM("ambiguous-vm"),
    /** No VM matches. */
    VM_NOT_FOUND("vm-not-found"),
    /** The host rejected the credentials, or the handshake could not complete. */
    AUTHENTICATION("authentication"),
    /** The host refused access to the WMI class or method. */
    ACCESS_DENIED("access-denied"),
    /** The host could not be reached, or the connection broke before a request went out. */
    CONNECTION("connection"),
    TLS("tls"),
    /** The host answered with something a WinRM host would not send. */
    PROTOCOL("protocol"),
    /** A protected message failed its signature, sequence or length check. */
    INTEGRITY("integrity"),
    /** A state-changing call may or may not have run; its answer was lost or unusable. */
    OUTCOME_UNKNOWN("outcome-unknown"),
    /** The caller's deadline passed. */
    TIMEOUT("timeout"),
    /** The host answered with a SOAP fault. */
    FAULT("fault"),
    /** The method's ReturnValue refused the call. */
    REFUSED("refused"),
    /** The job the method started ended in failure. */
    JOB_FAILED("job-failed"),
    /** The host removed the job before it could be seen to end. */
    JOB_GONE("job-gone"),
    /** The host has no job with that id. */
    JOB_NOT_FOUND("job-not-found"),
    /** The wait was interrupted. */
    INTERRUPTED("interrupted"),
    /** The host could not do what was asked, for another reason. */
    FAILED("failed");

    private final String label;

    ErrorKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
