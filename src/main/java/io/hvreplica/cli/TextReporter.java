package io.hvreplica.cli;

import io.hvreplica.hyperv.JobStatus;
import io.hvreplica.hyperv.ReplicationStates;
import io.hvreplica.hyperv.RevertFailover;
import io.hvreplica.hyperv.VirtualMachine;

import java.io.PrintStream;

/** Plain text: a progress bar on a terminal, one line per change otherwise. */
final class TextReporter extends Reporter {
    private static final int BAR = 30;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;
    private final String host;
    private String lastLine;
    private boolean barOpen;

    TextReporter(PrintStream out, PrintStream err, boolean terminal, String host) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
        this.host = host;
    }

    @Override
    protected void showVm(VirtualMachine found) {
        out.printf("VM '%s' (%s) on %s: %s, replication state %s%n", found.name(), found.id(), host,
                ReplicationStates.mode(found.replicationMode()), ReplicationStates.state(found.replicationState()));
    }

    @Override
    protected void showJobStarted(String jobId) {
        out.println("RevertFailover started job " + jobId);
        out.flush();
    }

    @Override
    protected void showResuming(String jobId) {
        out.println("Following job " + jobId);
        out.flush();
    }

    @Override
    protected void showProgress(JobStatus s) {
        int pct = s.percentComplete() == null ? 0 : Math.max(0, Math.min(100, s.percentComplete()));
        if (terminal) {
            int filled = pct * BAR / 100;
            out.print("\r[" + "#".repeat(filled) + " ".repeat(BAR - filled) + "] " + String.format("%3d%% %s", pct,
                    s.stateName()) + "   ");
            out.flush();
            barOpen = true;
            return;
        }
        String line = "job " + s.instanceId() + ": " + s.stateName() + " " + pct + "%";
        if (!line.equals(lastLine)) {
            out.println(line);
            out.flush();
            lastLine = line;
        }
    }

    @Override
    protected void showDryRun(VirtualMachine target, String envelope) {
        out.println("Dry run: nothing was invoked. This is the RevertFailover request that would be sent:");
        out.println(envelope);
    }

    @Override
    protected void showFinished(RevertFailover.Result r, ExitCodes.Failure failure, String explanation) {
        closeBar();
        switch (r.outcome()) {
            case COMPLETED -> out.println(r.vm() == null ? "Completed: job " + r.jobId() + " ended successfully."
                    : "Completed: the failover of '" + r.vm().name() + "' was reverted"
                    + (r.jobId() == null ? " (RevertFailover returned 0)." : " (job " + r.jobId() + ")."));
            case NOT_WAITED -> out.println("Not waiting for job " + r.jobId() + "; follow it on the host"
                    + " (Get-CimInstance -Namespace root/virtualization/v2 Msvm_ConcreteJob).");
            case FAILED -> err.println("hvreplica: failed: " + explanation);
            default -> err.println("hvreplica: " + failure.kind() + ": " + explanation);
        }
        err.flush();
    }

    @Override
    protected void showFailed(ExitCodes.Failure failure, String message) {
        closeBar();
        err.println("hvreplica: " + message);
        err.flush();
    }

    @Override
    protected void showInterrupted(ExitCodes.Failure failure, String message) {
        closeBar();
        out.flush();
        err.println("hvreplica: " + message);
        err.flush();
    }

    private void closeBar() {
        if (barOpen) {
            out.println();
            barOpen = false;
        }
    }
}
