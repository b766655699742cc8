package io.hvreplica.cli;

import io.hvreplica.hyperv.RevertFailover;
import io.hvreplica.hyperv.VirtualMachine;

/** Shows a revert to a person (text) or a program (JSON). */
interface Reporter extends RevertFailover.Listener {
    void dryRun(VirtualMachine vm, String envelope);

    /** Before following a job an earlier run started (--resume). */
    void resuming(String jobId);

    void finished(RevertFailover.Result result);

    /** @param vm the VM, when the look-up got that far; null otherwise */
    void failed(Throwable error, ExitCodes.Failure failure, VirtualMachine vm);
}
