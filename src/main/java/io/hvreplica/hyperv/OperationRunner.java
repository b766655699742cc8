package io.hvreplica.hyperv;

import io.hvreplica.HvReplicaException;
import io.hvreplica.OutcomeUnknownException;
import io.hvreplica.hyperv.OperationResult.Outcome;
import io.hvreplica.wsman.EndpointReference;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Takes any {@link Operation} through the same steps on one host: (the VM was found by the
 * caller) skip it when the VM is already where it would leave it and the caller asked for that,
 * invoke the method once, map its ReturnValue, follow the job, then read the VM again and report
 * the state it ended in, flagging a state other than the one the operation should leave.
 *
 * <p>The method is never re-sent. Whenever the run cannot tell how it ended (its answer was lost
 * or unusable, or its job vanished) the VM is read again, without re-sending anything, so that the
 * result shows the state the VM is in now.
 */
public final class OperationRunner {
    /** What an event is about. */
    public record Context(String host, String operation, VirtualMachine vm) {
    }

    /** Observes the steps, so a caller can print the job id before any wait, and show progress. */
    public interface Listener {
        default void vmFound(VirtualMachine vm) {
        }

        /** The Invoke is about to leave; until {@link #answered} its outcome is unknown. */
        default void invoking(Context context, String method) {
        }

        /** The host answered the Invoke with this ReturnValue. */
        default void answered(Context context, long returnValue) {
        }

        default void jobStarted(Context context, String jobId, EndpointReference job) {
        }

        default void progress(Context context, JobStatus status) {
        }
    }

    /**
     * @param follow   follow the job to its end
     * @param timeout  the longest wait for the job
     * @param ifNeeded skip the call when the VM is already where the operation would leave it
     */
    public record Options(boolean follow, Duration timeout, boolean ifNeeded) {
        public static Options waitUpTo(Duration timeout) {
            return new Options(true, timeout, false);
        }
    }

    private final HyperVHost host;
    private final JobWatcher watcher;

    public OperationRunner(HyperVHost host, JobWatcher watcher) {
        this.host = host;
        this.watcher = watcher;
    }

    public HyperVHost host() {
        return host;
    }

    /** Read-only look-ups, then the envelope that would be sent. */
    public String dryRun(Operation op, Operation.Request request) {
        return host.render(host.target(op.target(), request.vm()), op.method(), op.input(request));
    }

    /**
     * Runs {@code op} once for {@code request.vm()}.
     *
     * @throws HvReplicaException for failures before anything was sent (connection, faults,
     *                            the operation's guard); after the method was sent, every ending
     *                            is a result
     */
    public OperationResult run(Operation op, Operation.Request request, Options options, Listener listener) {
        Started started = start(op, request, options, listener);
        if (started.result() != null) {
            return started.result();
        }
        JobWatcher.Result watched = watcher.watch(started.job(), options.timeout(),
                s -> listener.progress(started.context(), s));
        return finish(started, watched, options.timeout(), null);
    }

    /**
     * The first half of a run: everything up to the Invoke's answer.
     *
     * @param result the run's result when it ended there (unchanged, refused, completed at once,
     *               not waited for, outcome unknown); null when a job is to be followed
     * @param job    the job to follow; null when {@code result} is set
     */
    public record Started(Operation op, Operation.Request request, Context context, MethodResult answer,
                          EndpointReference job, OperationResult result) {
        public String jobId() {
            return job == null ? null : job.selectors().get("InstanceID");
        }
    }

    /** Everything up to the Invoke's answer, for callers that follow many jobs together. */
    public Started start(Operation op, Operation.Request request, Options options, Listener listener) {
        VirtualMachine vm = request.vm();
        Context context = new Context(host.name(), op.name(), vm);
        if (options.ifNeeded() && op.alreadyDone(vm)) {
            return ended(op, request, context, null, result(op, vm, null, null, null, Outcome.UNCHANGED, null, vm,
                    false, null));
        }
        EndpointReference target = host.target(op.target(), vm);
        if (op.guarded()) {
            // Right before the call, from the host, not from what was read at look-up.
            VirtualMachine current = host.vmById(vm.id()).orElseThrow(() -> new VmNotFoundException(host.name(),
                    VmSelector.byId(vm.id())));
            op.guard(current);
        }
        MethodResult answer;
        listener.invoking(context, op.method());
        try {
            answer = host.invoke(target, op.method(), op.input(request));
        } catch (OutcomeUnknownException e) {
            host.reconnect();
            Reread after = reread(vm, "on a fresh connection");
            return ended(op, request, context, null, result(op, vm, null, null, null, Outcome.OUTCOME_UNKNOWN,
                    op.method() + " of VM '" + vm.name() + "' (" + vm.id() + ") on " + host.name()
                    + " may or may not have run: " + e.getMessage() + ". Do not run it again blindly; "
                    + after.sentence() + " Check on the host with Get-VMReplication -VMName '" + vm.name()
                    + "' and the Hyper-V-VMMS event log, or list running jobs (Msvm_ConcreteJob).", after.vm(),
                    null, null));
        }
        long rv = answer.returnValue();
        listener.answered(context, rv);
        String meaning = op.codes().meaning(rv);
        if (rv != ReturnValues.COMPLETED && rv != ReturnValues.JOB_STARTED) {
            String why = "the host refused to " + op.action() + " '" + vm.name() + "': " + meaning + " (" + rv + ")";
            if (op.codes().invalidState(rv)) {
                String hint = op.likelyRefusal(vm);
                why += "; " + (hint != null ? hint : "the VM is " + ReplicationStates.state(vm.replicationState())
                        + " (" + vm.replicationState() + ") and " + ReplicationStates.enabledState(vm.enabledState())
                        .toLowerCase(Locale.ROOT) + "; its replication state fits, so the host may need the VM"
                        + " turned off first, or another job may be running on it");
            }
            return ended(op, request, context, answer, result(op, vm, rv, meaning, null, Outcome.FAILED, why, null,
                    false, null));
        }
        if (rv == ReturnValues.COMPLETED) {
            return ended(op, request, context, answer, finish(new Started(op, request, context, answer, null, null),
                    null, null, null));
        }
        String jobId = answer.job().selectors().get("InstanceID");
        listener.jobStarted(context, jobId, answer.job());
        if (!options.follow()) {
            return ended(op, request, context, answer, result(op, vm, rv, meaning, jobId, Outcome.NOT_WAITED, null,
                    null, null, null));
        }
        return new Started(op, request, context, answer, answer.job(), null);
    }

    private static Started ended(Operation op, Operation.Request request, Context context, MethodResult answer,
                                 OperationResult result) {
        return new Started(op, request, context, answer, null, result);
    }

    /**
     * The second half of a run: the job's ending (null when the method completed at once), the VM
     * read again, and the check that it is where the operation should leave it.
     *
     * @param after the VM as already read again after the job, by a caller that reads many at
     *              once; null to read it here
     */
    public OperationResult finish(Started started, JobWatcher.Result watched, Duration timeout, Optional<VirtualMachine> after) {
        Operation op = started.op();
        VirtualMachine vm = started.request().vm();
        long rv = started.answer().returnValue();
        String meaning = op.codes().meaning(rv);
        String jobId = started.jobId();
        JobStatus job = null;
        if (watched != null) {
            job = watched.last();
            OperationResult unfinished = unfinished(op.name(), vm, rv, meaning, jobId, watched, timeout);
            if (unfinished != null) {
                return unfinished;
            }
            if (!JobStates.succeeded(job.jobState())) {
                return new OperationResult(op.name(), vm, rv, meaning, jobId, job, Outcome.FAILED, jobFailure(op, job),
                        after != null ? after.orElse(null) : reread(vm, null).vm(), null, null, null, List.of());
            }
        }
        VirtualMachine now = after != null ? after.orElse(null)
                : op.removesVm() ? host.vmById(vm.id()).orElse(null) : reread(vm, null).vm();
        String warning = null;
        if (op.removesVm() && now != null) {
            warning = "the host still lists VM '" + vm.name() + "' (" + vm.id() + ") after it was removed";
        } else if (!op.removesVm() && now != null && op.leaves() != null && !op.alreadyDone(now)) {
            warning = op.method() + " completed, but VM '" + vm.name() + "' is now in replication state "
                    + ReplicationStates.state(now.replicationState()) + " (" + now.replicationState() + "), "
                    + ReplicationStates.enabledState(now.enabledState()).toLowerCase(Locale.ROOT) + ", not "
                    + op.leaves() + " as expected";
        }
        VirtualMachine created = null;
        EndpointReference resulting = started.answer().reference("ResultingSystem");
        if (resulting != null && resulting.selectors().get("Name") != null) {
            created = host.vmById(resulting.selectors().get("Name")).orElse(null);
        }
        return new OperationResult(op.name(), vm, rv, meaning, jobId, job, Outcome.COMPLETED, null, now, true,
                warning, created, List.of());
    }

    /**
     * Follows a job that an earlier run started (its id was printed before the wait), for
     * example after that wait was interrupted.
     *
     * @param operation the name to report it under
     * @throws IllegalArgumentException when {@code jobId} is not a job id (a GUID)
     */
    public OperationResult follow(String operation, String jobId, Duration timeout, Listener listener) {
        String id = checkJobId(jobId);
        Context context = new Context(host.name(), operation, null);
        JobWatcher.Result watched = watcher.watch(HyperVHost.jobReference(id), timeout, s -> listener.progress(context, s));
        OperationResult unfinished = unfinished(operation, null, null, null, id, watched, timeout);
        if (unfinished != null) {
            return unfinished;
        }
        JobStatus job = watched.last();
        boolean ok = JobStates.succeeded(job.jobState());
        return new OperationResult(operation, null, null, null, id, job, ok ? Outcome.COMPLETED : Outcome.FAILED,
                ok ? null : jobFailure(null, job), null, null, null, null, List.of());
    }

    /** The result of a job that did not end by itself while watched, or null when it did. */
    private OperationResult unfinished(String name, VirtualMachine vm, Long rv, String meaning, String jobId,
                                       JobWatcher.Result watched, Duration timeout) {
        JobStatus job = watched.last();
        switch (watched.end()) {
            case DEADLINE:
                return new OperationResult(name, vm, rv, meaning, jobId, job, Outcome.TIMEOUT, "the job " + jobId
                        + " was still running when the " + describe(timeout) + " deadline passed; it goes on on"
                        + " the host", null, null, null, null, List.of());
            case INTERRUPTED:
                return new OperationResult(name, vm, rv, meaning, jobId, job, Outcome.INTERRUPTED, "interrupted while"
                        + " following job " + jobId + "; it goes on on the host", null, null, null, null, List.of());
            case GONE:
                if (job == null && vm == null) {
                    return new OperationResult(name, null, rv, meaning, jobId, null, Outcome.JOB_NOT_FOUND, "the host "
                            + host.name() + " has no job " + jobId + ": the id is wrong, or the job ended and"
                            + " the host has removed it", null, null, null, null, List.of());
                }
                Reread after = vm == null ? Reread.NOT_READ : reread(vm, null);
                return new OperationResult(name, vm, rv, meaning, jobId, job, Outcome.JOB_GONE, "the host " + host.name()
                        + " no longer has job " + jobId + (job == null ? " (it was never read)" : " (last seen "
                        + (job.stateName() + " " + (job.percentComplete() == null ? "" : job.percentComplete() + "%"))
                        .trim() + ")") + ", so how it ended is unknown" + (vm == null ? "" : "; " + after.sentence()),
                        after.vm(), null, null, null, List.of());
            case FINISHED:
            default:
                return null;
        }
    }

    private static String jobFailure(Operation op, JobStatus job) {
        StringBuilder why = new StringBuilder((op == null ? "the job" : "the " + op.method() + " job")
                + " ended in state " + job.stateName());
        if (job.errorCode() != null && job.errorCode() != 0) {
            why.append(", error ").append(job.errorCode());
        }
        if (job.errorSummaryDescription() != null) {
            why.append(": ").append(job.errorSummaryDescription());
        }
        if (job.errorDescription() != null && !job.errorDescription().equals(job.errorSummaryDescription())) {
            why.append(" ").append(job.errorDescription());
        }
        return why.toString();
    }

    private static OperationResult result(Operation op, VirtualMachine vm, Long rv, String meaning, String jobId,
                                          Outcome outcome, String explanation, VirtualMachine after, Boolean changed,
                                          String warning) {
        return new OperationResult(op.name(), vm, rv, meaning, jobId, null, outcome, explanation, after, changed,
                warning, null, List.of());
    }

    /**
     * A Msvm_ConcreteJob InstanceID is a GUID; anything else cannot name a job, and asking the host
     * about it would only come back as "not found".
     *
     * @return the id, trimmed and upper-case
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

    /** The VM read again, or why it could not be. */
    private record Reread(VirtualMachine vm, String failure, String how) {
        static final Reread NOT_READ = new Reread(null, null, null);

        String sentence() {
            if (vm != null) {
                return "read again" + (how == null ? "" : " " + how) + ", the VM is in replication state "
                        + ReplicationStates.state(vm.replicationState()) + " (" + vm.replicationState() + ").";
            }
            return failure == null ? "" : "reading the VM's state again failed too (" + failure + ").";
        }
    }

    private Reread reread(VirtualMachine vm, String how) {
        try {
            Optional<VirtualMachine> now = host.vmById(vm.id());
            return now.map(v -> new Reread(v, null, how))
                    .orElseGet(() -> new Reread(null, "the host no longer lists it", how));
        } catch (HvReplicaException e) {
            return new Reread(null, e.getMessage(), how);
        }
    }
}
