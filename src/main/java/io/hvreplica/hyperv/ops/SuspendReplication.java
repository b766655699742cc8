package io.hvreplica.hyperv.ops;

import io.hvreplica.hyperv.Operation;
import io.hvreplica.hyperv.ReplicationStates;
import io.hvreplica.wsman.MethodInput;

/** Msvm_ComputerSystem.RequestReplicationStateChange(7): pause replication, on either side. */
public final class SuspendReplication extends Operation {
    public SuspendReplication() {
        super(spec("suspend-replication", Target.VM, "RequestReplicationStateChange")
                .action("suspend the replication of", "Suspend-VMReplication")
                .done("the replication of %s was suspended")
                .modes(ReplicationStates.MODE_PRIMARY, ReplicationStates.MODE_REPLICA)
                .states(ReplicationStates.STATE_REPLICATING)
                .leavesReplicationState(ReplicationStates.STATE_SUSPENDED));
    }

    @Override
    protected void parameters(MethodInput input, Request request) {
        input.scalar("RequestedState", ReplicationStates.STATE_SUSPENDED);
    }
}
