package io.hvreplica.hyperv.ops;

import io.hvreplica.hyperv.Operation;
import io.hvreplica.hyperv.ReplicationStates;
import io.hvreplica.wsman.MethodInput;

/**
 * Msvm_ComputerSystem.RequestReplicationStateChange, on either side of the relationship: suspend
 * (7) replication that is running, or resume (3) replication that is suspended.
 */
public final class ReplicationChange extends Operation {
    private final int requested;

    private ReplicationChange(Spec spec, int from, int requested) {
        super(spec.modes(ReplicationStates.MODE_PRIMARY, ReplicationStates.MODE_REPLICA).states(from)
                .leavesReplicationState(requested));
        this.requested = requested;
    }

    public static ReplicationChange suspend() {
        return new ReplicationChange(spec("suspend-replication", Target.VM, "RequestReplicationStateChange")
                .action("suspend the replication of", "Suspend-VMReplication")
                .done("the replication of %s was suspended"),
                ReplicationStates.STATE_REPLICATING, ReplicationStates.STATE_SUSPENDED);
    }

    public static ReplicationChange resume() {
        return new ReplicationChange(spec("resume-replication", Target.VM, "RequestReplicationStateChange")
                .action("resume the replication of", "Resume-VMReplication")
                .done("the replication of %s was resumed"),
                ReplicationStates.STATE_SUSPENDED, ReplicationStates.STATE_REPLICATING);
    }

    @Override
    protected void parameters(MethodInput input, Request request) {
        input.scalar("RequestedState", requested);
    }
}
