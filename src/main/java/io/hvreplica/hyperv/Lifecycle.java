package io.hvreplica.hyperv;

import io.hvreplica.hyperv.ops.RemoveTestVm;
import io.hvreplica.hyperv.ops.PowerChange;
import io.hvreplica.wsman.Wql;

import java.util.List;

/**
 * The steps of the failover lifecycle that take more than one method: a failover followed by a
 * start, a test failover followed by starting the test VM, and the removal of a test VM, which
 * must be off first. Each step goes through {@link OperationRunner}, with its guarantees.
 */
public final class Lifecycle {
    private static final Operation START = PowerChange.start();
    private static final Operation TURN_OFF = PowerChange.turnOff();
    private static final Operation REMOVE_TEST_VM = new RemoveTestVm();

    private Lifecycle() {
    }

    /**
     * Runs {@code op} (a failover or a test failover) and, when asked and once its job has
     * succeeded, starts the VM it leaves: the failed-over replica, or the new test VM.
     */
    public static OperationResult runThenStart(OperationRunner runner, Operation op, Operation.Request request,
                                               boolean start, OperationRunner.Options options,
                                               OperationRunner.Listener listener) {
        OperationResult first = runner.run(op, request, options, listener);
        if (!start || first.outcome() != OperationResult.Outcome.COMPLETED) {
            return first;
        }
        VirtualMachine target = first.createdVm() != null ? first.createdVm()
                : first.vmAfter() != null ? first.vmAfter() : request.vm();
        return first.then(runner.run(START, Operation.Request.of(target),
                new OperationRunner.Options(true, options.timeout(), true), listener));
    }

    /**
     * The test VM of a replica: the Test Replica (mode 3) that Hyper-V names after it. The name is
     * how PowerShell shows it ("NAME - Test"), an inference the mode check makes safe.
     *
     * @throws VmNotFoundException when the replica has none
     */
    public static VirtualMachine testVmOf(HyperVHost host, VirtualMachine replica) {
        List<VirtualMachine> found = host.findVms("ElementName = " + Wql.quote(replica.name() + " - Test")
                + " AND ReplicationMode = " + ReplicationStates.MODE_TEST_REPLICA);
        if (found.isEmpty()) {
            throw new VmNotFoundException(host.name(), "VM '" + replica.name() + "' has no test VM on " + host.name()
                    + "; there is no test failover to stop");
        }
        if (found.size() > 1) {
            throw new AmbiguousVmException(host.name(), found.get(0).name(), found);
        }
        return found.get(0);
    }

    /**
     * Stops a test failover: turns the test VM off when it runs (DestroySystem needs it off or
     * saved), then removes it. The removal re-reads the target right before the call and refuses
     * anything that is not a Test Replica.
     */
    public static OperationResult stopTestFailover(OperationRunner runner, VirtualMachine testVm,
                                                   OperationRunner.Options options, OperationRunner.Listener listener) {
        if (testVm.running()) {
            OperationResult off = runner.run(TURN_OFF, Operation.Request.of(testVm), options, listener);
            if (off.outcome() != OperationResult.Outcome.COMPLETED) {
                return off;
            }
            VirtualMachine now = off.vmAfter() != null ? off.vmAfter() : testVm;
            OperationResult removed = runner.run(REMOVE_TEST_VM, Operation.Request.of(now), options, listener);
            return withSteps(removed, List.of(off));
        }
        return runner.run(REMOVE_TEST_VM, Operation.Request.of(testVm), options, listener);
    }

    private static OperationResult withSteps(OperationResult main, List<OperationResult> before) {
        return new OperationResult(main.operation(), main.vm(), main.returnValue(), main.returnMeaning(), main.jobId(),
                main.job(), main.outcome(), main.explanation(), main.vmAfter(), main.changed(), main.warning(),
                main.createdVm(), List.copyOf(before));
    }
}
