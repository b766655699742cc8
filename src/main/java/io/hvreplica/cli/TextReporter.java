package io.hvreplica.cli;

import io.hvreplica.hyperv.JobStatus;
import io.hvreplica.hyperv.ReplicationStates;
import io.hvreplica.hyperv.RevertFailover;
import io.hvreplica.hyperv.VirtualMachine;
import io.hvreplica.wsman.EndpointReference;

import java.io.PrintStream;

/** Plain text: a progress bar on a terminal, one line per change otherwise. */
final class TextReporter implements Reporter {
    private static final int BAR = 30;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;
    private final String host;
    private String lastLine;
    private boolean barOpen;
    private String job;

    TextReporter(PrintStream out, PrintStream err, boolean terminal, String host) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
        this.host = host;
    }

    @Override
    public void vmFound(VirtualMachine vm) {
        out.printf("VM '%s' (%s) on %s: %s, replication state %s%n", vm.name(), vm.id(), host,
                ReplicationStates.mode(vm.replicationMode()), ReplicationStates.state(vm.replicationState()));
    }

    @Override
    public void jobStarted(String jobId, EndpointReference ref) {
        job = jobId;
        out.println("RevertFailover started job " + jobId);
        out.flush();
    }

    @Override
    public void resuming(String jobId) {
        job = jobId;
        out.println("Following job " + jobId);
        out.flush();
    }

    @Override
    public void progress(JobStatus s) {
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
    public void dryRun(VirtualMachine vm, String envelope) {
        out.println("Dry run: nothing was invoked. This is the RevertFailover request that would be sent:");
        out.println(envelope);
    }

    @Override
    public void finished(RevertFailover.Result r) {
        closeBar();
        switch (r.outcome()) {
            case COMPLETED -> out.println(r.vm() == null ? "Completed: job " + r.jobId() + " ended successfully."
                    : "Completed: the failover of '" + r.vm().name() + "' was reverted"
                    + (r.jobId() == null ? " (RevertFailover returned 0)." : " (job " + r.jobId() + ")."));
            case NOT_WAITED -> out.println("Not waiting for job " + r.jobId() + "; follow it on the host"
                    + " (Get-CimInstance -Namespace root/virtualization/v2 Msvm_ConcreteJob).");
            case TIMEOUT -> err.println("hvreplica: timeout: " + r.explanation());
            case FAILED -> err.println("hvreplica: failed: " + r.explanation());
        }
    }

    @Override
    public void failed(Throwable error, ExitCodes.Failure failure, VirtualMachine vm) {
        closeBar();
        err.println("hvreplica: " + ExitCodes.message(error));
        if (job != null) {
            err.println("hvreplica: " + Reporter.resumeHint(job));
        }
    }

    private void closeBar() {
        if (barOpen) {
            out.println();
            barOpen = false;
        }
    }
}
