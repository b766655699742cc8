package io.hvreplica;

import io.hvreplica.hyperv.HyperVHost;
import io.hvreplica.hyperv.JobWatcher;
import io.hvreplica.hyperv.Lifecycle;
import io.hvreplica.hyperv.Operation;
import io.hvreplica.hyperv.OperationResult;
import io.hvreplica.hyperv.OperationRunner;
import io.hvreplica.hyperv.RecoveryPoint;
import io.hvreplica.hyperv.ReplicationStates;
import io.hvreplica.hyperv.VirtualMachine;
import io.hvreplica.hyperv.VmSelector;

import java.time.Duration;
import java.util.List;

/**
 * A session with one Hyper-V host, opened by {@link HvReplica#connect}: one authenticated
 * keep-alive connection (re-established when the host drops it), on the client's shared SOAP
 * runtime. Sends one request at a time; close it when done.
 *
 * <p>Every operation is invoked once and never re-sent. When its answer is lost the result says
 * {@link OperationResult.Outcome#OUTCOME_UNKNOWN}, with the VM's state read again.
 */
public final class HostSession implements AutoCloseable {
    private final HyperVHost host;
    private final OperationRunner runner;
    private final OperationRunner.Listener listener;

    HostSession(HyperVHost host, JobWatcher watcher, OperationRunner.Listener listener) {
        this.host = host;
        this.runner = new OperationRunner(host, watcher);
        this.listener = listener;
    }

    /** The host name as given. */
    public String name() {
        return host.name();
    }

    /**
     * @throws io.hvreplica.hyperv.VmNotFoundException  when nothing matches
     * @throws io.hvreplica.hyperv.AmbiguousVmException when several VMs share the name
     */
    public VirtualMachine findVm(VmSelector selector) {
        return host.findVm(selector);
    }

    /** Every VM on the host that takes part in replication (Get-VMReplication). */
    public List<VirtualMachine> replicatedVms() {
        return host.findVms("ReplicationMode <> " + ReplicationStates.MODE_NONE);
    }

    /** The replica VM's recovery points, oldest first. */
    public List<RecoveryPoint> recoveryPoints(VirtualMachine vm) {
        return host.recoveryPoints(vm);
    }

    /** Runs {@code op} for {@code vm}, following its job up to {@code timeout}. */
    public OperationResult run(Operation op, VirtualMachine vm, Duration timeout) {
        return run(op, Operation.Request.of(vm), OperationRunner.Options.waitUpTo(timeout));
    }

    /** Runs {@code op} as {@code options} say, reporting to the client's listener. */
    public OperationResult run(Operation op, Operation.Request request, OperationRunner.Options options) {
        return runner.run(op, request, options, listener);
    }

    /** Fails over (or tests a failover), then, once the job has succeeded, starts the VM it leaves. */
    public OperationResult runThenStart(Operation op, Operation.Request request, OperationRunner.Options options) {
        return Lifecycle.runThenStart(runner, op, request, true, options, listener);
    }

    /** Removes the replica's test VM (turning it off first); refuses anything that is not a Test Replica. */
    public OperationResult stopTestFailover(VirtualMachine replica, OperationRunner.Options options) {
        return Lifecycle.stopTestFailover(runner, Lifecycle.testVmOf(host, replica), options, listener);
    }

    /** The envelope {@code op} would send; the look-ups it needs do run, nothing is invoked. */
    public String dryRun(Operation op, Operation.Request request) {
        return runner.dryRun(op, request);
    }

    /** Follows a job by its id (Wait-Job). */
    public OperationResult follow(String jobId, Duration timeout) {
        return runner.follow("wait", jobId, timeout, listener);
    }

    @Override
    public void close() {
        host.close();
    }
}
