package io.hvreplica.hyperv.ops;

import io.hvreplica.hyperv.Operation;
import io.hvreplica.hyperv.ReplicationStates;

/**
 * Msvm_ReplicationService.RevertFailover: undo an uncommitted failover, so the replica goes back
 * to receiving replication (reference §8.4; the state it leaves is an inference).
 */
public final class RevertFailover extends Operation {
    public RevertFailover() {
        super(spec("revert-failover", Target.REPLICATION_SERVICE, "RevertFailover")
                .action("revert the failover of", "Stop-VMFailover on a failed-over replica")
                .done("the failover of %s was reverted")
                .modes(ReplicationStates.MODE_REPLICA).states(ReplicationStates.STATE_RECOVERED)
                .leavesReplicationState(ReplicationStates.STATE_REPLICATING));
    }
}
