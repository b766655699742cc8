package io.hvreplica.hyperv.ops;

import io.hvreplica.hyperv.Operation;
import io.hvreplica.hyperv.ReplicationStates;
import io.hvreplica.wsman.MethodInput;

/** Msvm_ReplicationService.InitiateFailover to a recovery point, or to the latest one (nil). */
public final class InitiateFailover extends Operation {
    public InitiateFailover() {
        super(spec("initiate-failover", Target.REPLICATION_SERVICE, "InitiateFailover")
                .action("fail over", "Start-VMFailover")
                .done("%s was failed over")
                .modes(ReplicationStates.MODE_REPLICA).states(ReplicationStates.STATE_REPLICATING)
                .leavesReplicationState(ReplicationStates.STATE_RECOVERED)
                .recoveryPoint());
    }

    @Override
    protected void parameters(MethodInput input, Request request) {
        super.parameters(input, request);
        SnapshotSettingData.add(input, request);
    }
}
