package io.hvreplica.hyperv.ops;

import io.hvreplica.hyperv.Operation;
import io.hvreplica.hyperv.ReplicationStates;
import io.hvreplica.wsman.MethodInput;

/**
 * Msvm_ReplicationService.TestReplicaSystem: create a test VM from a recovery point, without
 * touching the replica. The new VM comes back as the ResultingSystem output.
 */
public final class TestFailover extends Operation {
    public TestFailover() {
        super(spec("test-failover", Target.REPLICATION_SERVICE, "TestReplicaSystem")
                .action("test the failover of", "Start-VMFailover -AsTest")
                .done("a test VM of %s was created")
                .modes(ReplicationStates.MODE_REPLICA)
                .states(ReplicationStates.STATE_REPLICATING, ReplicationStates.STATE_RECOVERED)
                .recoveryPoint());
    }

    @Override
    protected void parameters(MethodInput input, Request request) {
        super.parameters(input, request);
        SnapshotSettingData.add(input, request);
    }
}
