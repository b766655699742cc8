package io.hvreplica.cli;

import io.hvreplica.hyperv.JobStatus;
import io.hvreplica.hyperv.OperationResult;
import io.hvreplica.hyperv.OperationRunner;
import io.hvreplica.hyperv.ReplicationStates;
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

    private final String doneSentence;

    /** @param doneSentence what a completed run did, with %s for the VM's quoted name */
    TextReporter(String operation, String doneSentence, PrintStream out, PrintStream err, boolean terminal, String host) {
        super(operation);
        this.doneSentence = doneSentence;
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
    protected void showJobStarted(OperationRunner.Context context, String jobId) {
        closeBar();
        lastLine = null;
        out.println(method + (context.vm() == null || context.vm().equals(vm) ? "" : " of '" + context.vm().name() + "'")
                + " started job " + jobId);
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
    protected void showDryRun(VirtualMachine target, String envelope, String refusal) {
        if (refusal != null) {
            out.println("The host will likely refuse: " + refusal + ".");
        }
        out.println("Dry run: nothing was invoked. This is the request that would be sent:");
        out.println(envelope);
    }

    @Override
    protected void showFinished(OperationResult r, ExitCodes.Failure failure, String explanation) {
        closeBar();
        VirtualMachine subject = r.vm() != null ? r.vm() : vm;
        switch (r.outcome()) {
            case COMPLETED -> {
                out.println(subject == null ? "Completed: job " + r.jobId() + " ended successfully."
                        : "Completed: " + doneSentence.replace("%s", "'" + subject.name() + "'")
                        + (r.jobId() == null ? " (" + r.returnMeaning() + ")." : " (job " + r.jobId() + ")."));
                if (r.createdVm() != null) {
                    out.println("Test VM '" + r.createdVm().name() + "' (" + r.createdVm().id() + "), "
                            + ReplicationStates.enabledState(r.createdVm().enabledState()).toLowerCase(java.util.Locale.ROOT) + ".");
                }
                if (r.vmAfter() != null) {
                    out.println("VM '" + r.vmAfter().name() + "' is now in replication state "
                            + ReplicationStates.state(r.vmAfter().replicationState()) + ", "
                            + ReplicationStates.enabledState(r.vmAfter().enabledState()).toLowerCase(java.util.Locale.ROOT) + ".");
                }
                if (r.warning() != null) {
                    err.println("hvreplica: warning: " + r.warning());
                }
            }
            case UNCHANGED -> out.println("Unchanged: VM '" + subject.name() + "' is already in replication state "
                    + ReplicationStates.state(subject.replicationState()) + "; nothing was invoked.");
            case NOT_WAITED -> out.println("Not waiting for job " + r.jobId() + "; follow it with 'hvreplica wait "
                    + r.jobId() + "' or on the host (Get-CimInstance -Namespace root/virtualization/v2 Msvm_ConcreteJob).");
            case FAILED -> err.println("hvreplica: failed: " + explanation);
            default -> err.println("hvreplica: " + failure.kind() + ": " + explanation);
        }
        err.flush();
        out.flush();
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
