package io.hvreplica.cli;

import io.hvreplica.hyperv.Lifecycle;
import io.hvreplica.hyperv.ops.CommitFailover;
import io.hvreplica.hyperv.ops.InitiateFailover;
import io.hvreplica.hyperv.ops.RemoveTestVm;
import io.hvreplica.hyperv.ops.ReplicationChange;
import io.hvreplica.hyperv.ops.ReverseReplication;
import io.hvreplica.hyperv.ops.RevertFailover;
import io.hvreplica.hyperv.ops.PowerChange;
import io.hvreplica.hyperv.ops.TestFailover;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every state-changing command, one line each, in the order of the lifecycle. */
final class Commands {
    private static final OperationCommand.Flow THEN_START = (runner, op, request, start, options, reporter) ->
            Lifecycle.runThenStart(runner, op, request, start, options, reporter);

    private static final OperationCommand.Flow STOP_TEST = new OperationCommand.Flow() {
        @Override
        public io.hvreplica.hyperv.OperationResult run(io.hvreplica.hyperv.OperationRunner runner,
                                                       io.hvreplica.hyperv.Operation op,
                                                       io.hvreplica.hyperv.Operation.Request request, boolean start,
                                                       io.hvreplica.hyperv.OperationRunner.Options options,
                                                       io.hvreplica.hyperv.OperationRunner.Listener reporter) {
            return Lifecycle.stopTestFailover(runner, request.vm(), options, reporter);
        }

        @Override
        public io.hvreplica.hyperv.VirtualMachine subject(io.hvreplica.hyperv.HyperVHost host,
                                                          io.hvreplica.hyperv.VirtualMachine named) {
            return Lifecycle.testVmOf(host, named);
        }
    };

    static final List<OperationCommand.Spec> OPERATIONS = List.of(
            OperationCommand.Spec.of(new TestFailover(), "Start a test failover (TestReplicaSystem): a test VM from a"
                    + " recovery point, on the Replica server; --start starts it.").withFlow(THEN_START, true),
            new OperationCommand.Spec("stop-test-failover", "Remove the test VM of a replica VM (DestroySystem),"
                    + " turning it off first; refuses anything that is not a Test Replica.", new RemoveTestVm(),
                    STOP_TEST, false),
            OperationCommand.Spec.of(new InitiateFailover(), "Fail a replica VM over to a recovery point"
                    + " (InitiateFailover), on the Replica server; --start starts it.").withFlow(THEN_START, true),
            OperationCommand.Spec.of(PowerChange.start(), "Start a VM (RequestStateChange 2), e.g. a failed-over replica."),
            new OperationCommand.Spec("stop-vm", "Turn a VM off (RequestStateChange 3).", PowerChange.turnOff(),
                    OperationCommand.Flow.ONCE, false),
            OperationCommand.Spec.of(new CommitFailover(), "Commit a failover (CommitFailover); it can no longer be"
                    + " reverted."),
            OperationCommand.Spec.of(new ReverseReplication(), "Reverse replication on a committed replica"
                    + " (ReverseReplicationRelationship): it becomes the primary."),
            OperationCommand.Spec.of(new RevertFailover(), "Revert the (uncommitted) failover of a replica VM:"
                    + " Msvm_ReplicationService.RevertFailover, on the Replica server."),
            OperationCommand.Spec.of(ReplicationChange.suspend(), "Suspend replication (RequestReplicationStateChange 7)."),
            OperationCommand.Spec.of(ReplicationChange.resume(), "Resume suspended replication"
                    + " (RequestReplicationStateChange 3)."));

    static final Map<String, OperationCommand.Spec> BY_NAME = byName();

    private Commands() {
    }

    private static Map<String, OperationCommand.Spec> byName() {
        Map<String, OperationCommand.Spec> m = new LinkedHashMap<>();
        for (OperationCommand.Spec s : OPERATIONS) {
            m.put(s.name(), s);
        }
        return m;
    }
}
