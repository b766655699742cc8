package io.hvreplica.hyperv;

import io.hvreplica.OutcomeUnknownException;
import io.hvreplica.wsman.EndpointReference;

import java.time.Duration;

/**
 * The whole revert: look the VM up, call RevertFailover once, and follow the job. The host decides
 * whether a revert is allowed; the replication state read during look-up only explains a refusal.
 */
public final class RevertFailover {
    /** Observes the steps, so the CLI can print the job id before any wait, and show progress. */
    public interface Listener {
        default void vmFound(VirtualMachine vm) {
        }

        default void jobStarted(String jobId, EndpointReference job) {
        }

        default void progress(JobStatus status) {
        }
    }

    /** How the run ended. */
    public enum Outcome {
        COMPLETED("completed"), FAILED("failed"), TIMEOUT("timeout"), NOT_WAITED("not-waited");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * @param vm          the VM; null when following a job by id ({@link #resume})
     * @param returnValue RevertFailover's ReturnValue; null when following a job by id
     * @param explanation why it failed, in the host's words where it gave any; null on success
     */
    public record Result(VirtualMachine vm, Long returnValue, String returnMeaning, String jobId, JobStatus job,
                         Outcome outcome, String explanation) {
    }

    private final HyperVHost host;
    private final JobWatcher watcher;

    public RevertFailover(HyperVHost host, JobWatcher watcher) {
        this.host = host;
        this.watcher = watcher;
    }

    /** Read-only look-ups, then the envelope that would be sent. */
    public String dryRun(VirtualMachine vm) {
        return host.revertFailoverEnvelope(vm);
    }

    public VirtualMachine find(VmSelector selector) {
        return host.findVm(selector);
    }

    /**
     * Reverts the failover of {@code vm}.
     *
     * @param wait    follow the job to its end (up to {@code timeout})
     * @throws OutcomeUnknownException when the connection broke during the call; it names the VM and
     *                                 what to check, and the call is never repeated
     */
    public Result run(VirtualMachine vm, boolean wait, Duration timeout, Listener listener) {
        MethodResult result;
        try {
            result = host.revertFailover(vm);
        } catch (OutcomeUnknownException e) {
            throw new OutcomeUnknownException("RevertFailover of VM '" + vm.name() + "' (" + vm.id() + ") on "
                    + host.name() + " may or may not have started: " + e.getMessage() + ". Do not run it again"
                    + " blindly; check on the host with Get-VMReplication -VMName '" + vm.name()
                    + "' and the Hyper-V-VMMS event log, or list running jobs (Msvm_ConcreteJob).", e);
        }
        long rv = result.returnValue();
        String meaning = result.meaning();
        if (rv == ReturnValues.COMPLETED) {
            return new Result(vm, rv, meaning, null, null, Outcome.COMPLETED, null);
        }
        if (rv != ReturnValues.JOB_STARTED) {
            String why = "the host refused the revert: " + meaning + " (" + rv + ")";
            if (rv == ReturnValues.INVALID_STATE) {
                why += "; " + ReplicationStates.explainRefusal(vm.replicationMode(), vm.replicationState());
            }
            return new Result(vm, rv, meaning, null, null, Outcome.FAILED, why);
        }
        String jobId = result.job().selectors().get("InstanceID");
        listener.jobStarted(jobId, result.job());
        if (!wait) {
            return new Result(vm, rv, meaning, jobId, null, Outcome.NOT_WAITED, null);
        }
        return follow(vm, rv, meaning, jobId, result.job(), timeout, listener);
    }

    /**
     * Follows a revert job that an earlier run started (its id was printed before the wait), for
     * example after that wait was interrupted.
     */
    public Result resume(String jobId, Duration timeout, Listener listener) {
        EndpointReference job = new EndpointReference(io.hvreplica.wsman.Namespaces.ANONYMOUS, HyperV.CONCRETE_JOB,
                io.hvreplica.wsman.SelectorSet.of("InstanceID", jobId));
        return follow(null, null, null, jobId, job, timeout, listener);
    }

    private static String describe(Duration d) {
        return d.toMillis() < 1000 ? d.toMillis() + " ms" : d.toMillis() % 1000 == 0 ? d.toSeconds() + " s"
                : String.format("%.1f s", d.toMillis() / 1000.0);
    }

    private Result follow(VirtualMachine vm, Long rv, String meaning, String jobId, EndpointReference jobRef,
                          Duration timeout, Listener listener) {
        JobWatcher.Result watched = watcher.watch(jobRef, timeout, listener::progress);
        JobStatus job = watched.last();
        if (watched.timedOut()) {
            return new Result(vm, rv, meaning, jobId, job, Outcome.TIMEOUT, "the job " + jobId
                    + " was still running when the " + describe(timeout) + " deadline passed; it goes on on the"
                    + " host (follow it again with --resume " + jobId + ")");
        }
        if (JobStates.succeeded(job.jobState())) {
            return new Result(vm, rv, meaning, jobId, job, Outcome.COMPLETED, null);
        }
        StringBuilder why = new StringBuilder("the revert job ended in state " + job.stateName());
        if (job.errorCode() != null && job.errorCode() != 0) {
            why.append(", error ").append(job.errorCode());
        }
        if (job.errorSummaryDescription() != null) {
            why.append(": ").append(job.errorSummaryDescription());
        }
        if (job.errorDescription() != null && !job.errorDescription().equals(job.errorSummaryDescription())) {
            why.append(" ").append(job.errorDescription());
        }
        return new Result(vm, rv, meaning, jobId, job, Outcome.FAILED, why.toString());
    }
}
