package io.hvreplica.hyperv.ops;

import io.hvreplica.hyperv.Operation;
import io.hvreplica.hyperv.ReplicationStates;
import io.hvreplica.wsman.MethodInput;

/**
 * Msvm_ReplicationService.ReverseReplicationRelationship on a committed replica: it becomes the
 * primary and replicates back. ReplicationSettingData is sent as nil, keeping the relationship's
 * settings (an inference: S1 does not say what nil means here).
 */
public final class ReverseReplication extends Operation {
    public ReverseReplication() {
        super(spec("reverse-replication", Target.REPLICATION_SERVICE, "ReverseReplicationRelationship")
                .action("reverse the replication of", "Set-VMReplication -Reverse")
                .done("the replication of %s was reversed")
                .modes(ReplicationStates.MODE_REPLICA).states(ReplicationStates.STATE_COMMITTED)
                .leaves("mode Primary (1)", vm -> vm.replicationMode() != null
                        && vm.replicationMode() == ReplicationStates.MODE_PRIMARY));
    }

    @Override
    protected void parameters(MethodInput input, Request request) {
        super.parameters(input, request);
        input.scalar("ReplicationSettingData", null);
    }
}
