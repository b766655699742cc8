package io.hvreplica.cli;

import io.hvreplica.hyperv.JobStatus;
import io.hvreplica.hyperv.OperationResult;
import io.hvreplica.hyperv.OperationRunner;
import io.hvreplica.hyperv.VirtualMachine;
import io.hvreplica.wsman.EndpointReference;

/**
 * Shows an operation to a person (text) or a program (JSON). It keeps what the run has seen so far,
 * so that a signal arriving at any moment can still be answered with a complete final report:
 * what was found, whether the Invoke was in flight, the job id and its last state. Exactly one
 * final report is made, by whichever comes first: the run's end, its failure, or a signal.
 */
abstract class Reporter implements OperationRunner.Listener {
    protected final String operation;
    protected VirtualMachine vm;
    protected String method;
    protected boolean inFlight;
    protected Long returnValue;
    protected String job;
    protected JobStatus last;
    private boolean closed;

    protected Reporter(String operation) {
        this.operation = operation;
    }

    /** What to tell the user when a job goes on without us. */
    static String resumeHint(String jobId) {
        return "job " + jobId + " goes on on the host; follow it with --resume " + jobId;
    }

    @Override
    public final synchronized void vmFound(VirtualMachine found) {
        vm = found;
        if (!closed) {
            showVm(found);
        }
    }

    @Override
    public final synchronized void invoking(OperationRunner.Context context, String name) {
        method = name;
        inFlight = true;
        if (vm == null) {
            vm = context.vm();
        }
    }

    @Override
    public final synchronized void answered(OperationRunner.Context context, long value) {
        inFlight = false;
        returnValue = value;
    }

    @Override
    public final synchronized void jobStarted(OperationRunner.Context context, String jobId, EndpointReference ref) {
        job = jobId;
        last = null;
        if (!closed) {
            showJobStarted(context, jobId);
        }
    }

    @Override
    public final synchronized void progress(OperationRunner.Context context, JobStatus status) {
        last = status;
        if (!closed) {
            showProgress(status);
        }
    }

    /** Before following a job an earlier run started (--resume). */
    final synchronized void resuming(String jobId) {
        job = jobId;
        if (!closed) {
            showResuming(jobId);
        }
    }

    /** @param refusal why the host will likely refuse, from the state read; null when it should not */
    final synchronized void dryRun(VirtualMachine target, String envelope, String refusal) {
        if (!closed) {
            closed = true;
            showDryRun(target, envelope, refusal);
        }
    }

    final synchronized void finished(OperationResult r, ExitCodes.Failure failure) {
        if (!closed) {
            closed = true;
            String explanation = r.explanation();
            if (explanation != null && r.jobId() != null
                    && (r.outcome() == OperationResult.Outcome.TIMEOUT || r.outcome() == OperationResult.Outcome.INTERRUPTED)) {
                explanation += "; follow it with --resume " + r.jobId();
            }
            showFinished(r, failure, explanation);
        }
    }

    final synchronized void failed(Throwable error, ExitCodes.Failure failure) {
        if (!closed) {
            closed = true;
            // A failure while following a job still says which job, so the wait can be resumed.
            showFailed(failure, ExitCodes.message(error) + (job == null ? "" : "; " + resumeHint(job)));
        }
    }

    /**
     * The final report for a run ended by a signal, at whatever point it had reached. Called on the
     * signal's thread while the run's own thread may still be working; after this, nothing more is
     * shown.
     */
    final synchronized void interrupted(String signal, int exitCode) {
        if (closed) {
            return;
        }
        closed = true;
        String message;
        if (inFlight) {
            message = "interrupted by " + signal + " while " + method + (vm == null ? "" : " of VM '" + vm.name() + "'")
                    + " was in flight: its outcome is unknown; check the VM's state on the host (Get-VMReplication)"
                    + " before running it again";
        } else if (job != null) {
            message = "interrupted by " + signal + " while following the job; " + resumeHint(job);
        } else if (returnValue != null) {
            message = "interrupted by " + signal + " after the host answered " + method + " with " + returnValue;
        } else {
            message = "interrupted by " + signal + " before anything was invoked; nothing was changed on the host";
        }
        showInterrupted(new ExitCodes.Failure(exitCode, "interrupted"), message);
    }

    protected abstract void showVm(VirtualMachine vm);

    protected abstract void showJobStarted(OperationRunner.Context context, String jobId);

    protected abstract void showProgress(JobStatus status);

    protected abstract void showResuming(String jobId);

    protected abstract void showDryRun(VirtualMachine vm, String envelope, String refusal);

    /** @param explanation the result's explanation, with CLI advice added; null on success */
    protected abstract void showFinished(OperationResult r, ExitCodes.Failure failure, String explanation);

    protected abstract void showFailed(ExitCodes.Failure failure, String message);

    protected abstract void showInterrupted(ExitCodes.Failure failure, String message);
}
