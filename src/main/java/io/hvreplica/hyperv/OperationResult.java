package io.hvreplica.hyperv;

import java.util.List;

/**
 * How one operation on one VM ended.
 *
 * @param operation   the operation's name, e.g. {@code revert-failover}
 * @param vm          the VM as read before the call; null when following a job by id
 * @param returnValue the method's ReturnValue; null when following a job by id, when nothing was
 *                    invoked, or when no usable answer came back
 * @param jobId       the job's InstanceID; null when no job was started
 * @param job         the last reading of the job; null when none succeeded
 * @param explanation why it did not complete, in the host's words where it gave any; null on success
 * @param vmAfter     the VM read again after the run; null when it was not read, could not be, or
 *                    no longer exists
 * @param changed     whether the host's state changed: true when the method completed, false when
 *                    nothing was invoked or the host refused, null when unknown
 * @param warning     a completed run that left the VM in another state than the operation should
 *                    leave; null otherwise
 * @param createdVm   a VM the operation created (the test VM of a test failover); null otherwise
 * @param steps       follow-up steps of a composite run (the start after a failover), in order
 */
public record OperationResult(String operation, VirtualMachine vm, Long returnValue, String returnMeaning, String jobId,
                              JobStatus job, Outcome outcome, String explanation, VirtualMachine vmAfter,
                              Boolean changed, String warning, VirtualMachine createdVm, List<OperationResult> steps) {

    /** How the run ended. */
    public enum Outcome {
        COMPLETED("completed"), FAILED("failed"), TIMEOUT("timeout"), NOT_WAITED("not-waited"),
        /** Nothing was invoked: the VM was already where the operation would leave it. */
        UNCHANGED("unchanged"),
        /** The method may or may not have run: its answer was lost or could not be used. */
        OUTCOME_UNKNOWN("outcome-unknown"),
        /** The host removed the job before it could be seen to end. */
        JOB_GONE("job-gone"),
        /** Following a job by id, and the host has no such job. */
        JOB_NOT_FOUND("job-not-found"),
        /** The wait was interrupted; the job goes on on the host. */
        INTERRUPTED("interrupted"),
        /** Nothing was invoked: a run over many VMs stopped at an earlier failure. */
        NOT_STARTED("not-started");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public boolean success() {
            return this == COMPLETED || this == NOT_WAITED || this == UNCHANGED;
        }
    }

    /** What kind of failure this result is; null when it succeeded. */
    public io.hvreplica.ErrorKind errorKind() {
        return switch (outcome) {
            case COMPLETED, NOT_WAITED, UNCHANGED -> null;
            case TIMEOUT -> io.hvreplica.ErrorKind.TIMEOUT;
            case FAILED -> job != null ? io.hvreplica.ErrorKind.JOB_FAILED : io.hvreplica.ErrorKind.REFUSED;
            case OUTCOME_UNKNOWN -> io.hvreplica.ErrorKind.OUTCOME_UNKNOWN;
            case JOB_GONE -> io.hvreplica.ErrorKind.JOB_GONE;
            case JOB_NOT_FOUND -> io.hvreplica.ErrorKind.JOB_NOT_FOUND;
            case INTERRUPTED -> io.hvreplica.ErrorKind.INTERRUPTED;
            case NOT_STARTED -> io.hvreplica.ErrorKind.FAILED;
        };
    }

    /** This result followed by {@code next}, whose outcome becomes the whole run's when it did not succeed. */
    public OperationResult then(OperationResult next) {
        List<OperationResult> all = new java.util.ArrayList<>(steps);
        all.add(next);
        boolean nextDecides = !next.outcome().success();
        boolean sameVm = next.vm() != null && vm != null && next.vm().id().equals(vm.id());
        boolean sameCreated = next.vm() != null && createdVm != null && next.vm().id().equals(createdVm.id());
        return new OperationResult(operation, vm, returnValue, returnMeaning, jobId, job,
                nextDecides ? next.outcome() : outcome, nextDecides ? next.operation() + ": " + next.explanation()
                : explanation, sameVm && next.vmAfter() != null ? next.vmAfter() : vmAfter, changed,
                warning != null ? warning : next.warning(),
                sameCreated && next.vmAfter() != null ? next.vmAfter() : createdVm, List.copyOf(all));
    }
}
