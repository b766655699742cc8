package io.hvreplica.hyperv;

import io.hvreplica.HvReplicaException;
import io.hvreplica.OutcomeUnknownException;
import io.hvreplica.wsman.EndpointReference;
import io.hvreplica.wsman.Namespaces;
import io.hvreplica.wsman.SelectorSet;

import java.time.Duration;
import java.util.Locale;

/**
 * The whole revert: look the VM up, call RevertFailover once, and follow the job. The host decides
 * whether a revert is allowed; the replication state read during look-up only explains a refusal.
 *
 * <p>Whenever the run cannot tell how the revert ended (its answer was lost or unusable, or its job
 * vanished) the VM is read again, without re-sending anything, so that the result shows the state
 * the VM is in now.
 */
public final class RevertFailover {
    private static final String METHOD = "RevertFailover";

    /** Observes the steps, so the CLI can print the job id before any wait, and show progress. */
    public interface Listener {
        default void vmFound(VirtualMachine vm) {
        }

        /** The Invoke is about to leave; until {@link #answered} its outcome is unknown. */
        default void invoking(VirtualMachine vm, String method) {
        }

        /** The host answered the Invoke with this ReturnValue. */
        default void answered(long returnValue) {
        }

        default void jobStarted(String jobId, EndpointReference job) {
        }

        default void progress(JobStatus status) {
        }
    }

    /** How the run ended. */
    public enum Outcome {
        COMPLETED("completed"), FAILED("failed"), TIMEOUT("timeout"), NOT_WAITED("not-waited"),
        /** The Invoke may or may not have run: its answer was lost or could not be used. */
        OUTCOME_UNKNOWN("outcome-unknown"),
        /** The host removed the job before it could be seen to end. */
        JOB_GONE("job-gone"),
        /** Following a job by id, and the host has no such job. */
        JOB_NOT_FOUND("job-not-found"),
        /** The wait was interrupted; the job goes on on the host. */
        INTERRUPTED("interrupted");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * @param vm          the VM as read before the call; null when following a job by id ({@link #resume})
     * @param returnValue RevertFailover's ReturnValue; null when following a job by id, or when no
     *                    usable answer came back
     * @param job         the last reading of the job; null when none succeeded
     * @param explanation why it failed, in the host's words where it gave any; null on success
     * @param vmAfter     the VM read again after an ending that leaves its state in doubt; null
     *                    when it was not (or could not be) read
     */
    public record Result(VirtualMachine vm, Long returnValue, String returnMeaning, String jobId, JobStatus job,
                         Outcome outcome, String explanation, VirtualMachine vmAfter) {
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
     * Reverts the failover of {@code vm}. The method is invoked once and never re-sent; when its
     * answer is lost or unusable the result is {@link Outcome#OUTCOME_UNKNOWN}, with the VM read
     * again on a fresh connection.
     *
     * @param wait follow the job to its end (up to {@code timeout})
     */
    public Result run(VirtualMachine vm, boolean wait, Duration timeout, Listener listener) {
        MethodResult result;
        listener.invoking(vm, METHOD);
        try {
            result = host.revertFailover(vm);
        } catch (OutcomeUnknownException e) {
            host.reconnect();
            Reread after = reread(vm);
            return new Result(vm, null, null, null, null, Outcome.OUTCOME_UNKNOWN, METHOD + " of VM '" + vm.name()
                    + "' (" + vm.id() + ") on " + host.name() + " may or may not have run: " + e.getMessage()
                    + ". Do not run it again blindly; " + after.sentence() + " Check on the host with"
                    + " Get-VMReplication -VMName '" + vm.name() + "' and the Hyper-V-VMMS event log, or list"
                    + " running jobs (Msvm_ConcreteJob).", after.vm());
        }
        long rv = result.returnValue();
        listener.answered(rv);
        String meaning = result.meaning();
        if (rv == ReturnValues.COMPLETED) {
            return new Result(vm, rv, meaning, null, null, Outcome.COMPLETED, null, null);
        }
        if (rv != ReturnValues.JOB_STARTED) {
            String why = "the host refused the revert: " + meaning + " (" + rv + ")";
            if (rv == ReturnValues.INVALID_STATE) {
                why += "; " + ReplicationStates.explainRefusal(vm.replicationMode(), vm.replicationState());
            }
            return new Result(vm, rv, meaning, null, null, Outcome.FAILED, why, null);
        }
        String jobId = result.job().selectors().get("InstanceID");
        listener.jobStarted(jobId, result.job());
        if (!wait) {
            return new Result(vm, rv, meaning, jobId, null, Outcome.NOT_WAITED, null, null);
        }
        return follow(vm, rv, meaning, jobId, result.job(), timeout, listener);
    }

    /**
     * Follows a revert job that an earlier run started (its id was printed before the wait), for
     * example after that wait was interrupted.
     *
     * @throws IllegalArgumentException when {@code jobId} is not a job id (a GUID)
     */
    public Result resume(String jobId, Duration timeout, Listener listener) {
        String id = checkJobId(jobId);
        EndpointReference job = new EndpointReference(Namespaces.ANONYMOUS, HyperV.CONCRETE_JOB,
                SelectorSet.of("InstanceID", id));
        return follow(null, null, null, id, job, timeout, listener);
    }

    /**
     * A Msvm_ConcreteJob InstanceID is a GUID; anything else cannot name a job, and asking the host
     * about it would only come back as "not found".
     *
     * @return the id, trimmed
     * @throws IllegalArgumentException when it is not a GUID
     */
    public static String checkJobId(String jobId) {
        String id = jobId == null ? "" : jobId.trim();
        if (!VmSelector.GUID.matcher(id).matches()) {
            throw new IllegalArgumentException("'" + jobId + "' is not a job id; a job id is the GUID that was"
                    + " printed when the job started, such as 2B7E5D19-8C34-4A6F-9E12-7D0C3B5A8F61");
        }
        return id.toUpperCase(Locale.ROOT);
    }

    static String describe(Duration d) {
        return d.toMillis() < 1000 ? d.toMillis() + " ms" : d.toMillis() % 1000 == 0 ? d.toSeconds() + " s"
                : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    private Result follow(VirtualMachine vm, Long rv, String meaning, String jobId, EndpointReference jobRef,
                          Duration timeout, Listener listener) {
        JobWatcher.Result watched = watcher.watch(jobRef, timeout, listener::progress);
        JobStatus job = watched.last();
        switch (watched.end()) {
            case DEADLINE:
                return new Result(vm, rv, meaning, jobId, job, Outcome.TIMEOUT, "the job " + jobId
                        + " was still running when the " + describe(timeout) + " deadline passed; it goes on on"
                        + " the host", null);
            case INTERRUPTED:
                return new Result(vm, rv, meaning, jobId, job, Outcome.INTERRUPTED, "interrupted while following"
                        + " job " + jobId + "; it goes on on the host", null);
            case GONE:
                if (job == null && vm == null) {
                    return new Result(null, rv, meaning, jobId, null, Outcome.JOB_NOT_FOUND, "the host "
                            + host.name() + " has no job " + jobId + ": the id is wrong, or the job ended and"
                            + " the host has removed it", null);
                }
                Reread after = vm == null ? Reread.NOT_READ : reread(vm);
                return new Result(vm, rv, meaning, jobId, job, Outcome.JOB_GONE, "the host " + host.name()
                        + " no longer has job " + jobId + " (last seen " + (job == null ? "never"
                        : job.stateName() + " " + (job.percentComplete() == null ? "" : job.percentComplete() + "%"))
                        .trim() + "), so how it ended is unknown" + (vm == null ? "" : "; " + after.sentence()),
                        after.vm());
            case FINISHED:
            default:
                break;
        }
        if (JobStates.succeeded(job.jobState())) {
            return new Result(vm, rv, meaning, jobId, job, Outcome.COMPLETED, null, null);
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
        return new Result(vm, rv, meaning, jobId, job, Outcome.FAILED, why.toString(), null);
    }

    /** The VM read again, or why it could not be. */
    private record Reread(VirtualMachine vm, String failure) {
        static final Reread NOT_READ = new Reread(null, null);

        String sentence() {
            if (vm != null) {
                return "read again, the VM is now in replication state "
                        + ReplicationStates.state(vm.replicationState()) + " (" + vm.replicationState() + ").";
            }
            return failure == null ? "" : "reading the VM's state again failed too (" + failure + ").";
        }
    }

    private Reread reread(VirtualMachine vm) {
        try {
            return new Reread(host.findVm(VmSelector.byId(vm.id())), null);
        } catch (HvReplicaException e) {
            return new Reread(null, e.getMessage());
        }
    }
}
