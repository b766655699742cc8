package io.hvreplica.hyperv.ops;

import io.hvreplica.hyperv.Operation;
import io.hvreplica.hyperv.ReplicationStates;
import io.hvreplica.wsman.MethodInput;

/** Msvm_ComputerSystem.RequestReplicationStateChange(3): resume suspended replication. */
public final class ResumeReplication extends Operation {
    public ResumeReplication() {
        super(spec("resume-replication", Target.VM, "RequestReplicationStateChange")
                .action("resume the replication of", "Resume-VMReplication")
                .done("the replication of %s was resumed")
                .modes(ReplicationStates.MODE_PRIMARY, ReplicationStates.MODE_REPLICA)
                .states(ReplicationStates.STATE_SUSPENDED)
                .leavesReplicationState(ReplicationStates.STATE_REPLICATING));
    }

    @Override
    protected void parameters(MethodInput input, Request request) {
        input.scalar("RequestedState", ReplicationStates.STATE_REPLICATING);
    }
}
