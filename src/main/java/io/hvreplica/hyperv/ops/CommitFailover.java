package io.hvreplica.hyperv.ops;

import io.hvreplica.hyperv.Operation;
import io.hvreplica.hyperv.ReplicationStates;

/** Msvm_ReplicationService.CommitFailover: keep the failover; it can no longer be reverted. */
public final class CommitFailover extends Operation {
    public CommitFailover() {
        super(spec("commit-failover", Target.REPLICATION_SERVICE, "CommitFailover")
                .action("commit the failover of", "Complete-VMFailover")
                .done("the failover of %s was committed")
                .modes(ReplicationStates.MODE_REPLICA).states(ReplicationStates.STATE_RECOVERED)
                .leavesReplicationState(ReplicationStates.STATE_COMMITTED));
    }
}
