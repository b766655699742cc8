package io.hvreplica.cli;

import io.hvreplica.hyperv.RevertFailover;
import io.hvreplica.hyperv.VirtualMachine;

/** Shows a revert to a person (text) or a program (JSON). */
interface Reporter extends RevertFailover.Listener {
    void dryRun(VirtualMachine vm, String envelope);

    /** What to tell the user when a failure leaves a started job behind. */
    static String resumeHint(String jobId) {
        return "job " + jobId + " goes on on the host; follow it with --resume " + jobId;
    }

    /** Before following a job an earlier run started (--resume). */
    void resuming(String jobId);

    void finished(RevertFailover.Result result);

    /** @param vm the VM, when the look-up got that far; null otherwise */
    void failed(Throwable error, ExitCodes.Failure failure, VirtualMachine vm);
}
