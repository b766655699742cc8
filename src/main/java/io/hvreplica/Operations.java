package io.hvreplica;

import io.hvreplica.hyperv.Operation;
import io.hvreplica.hyperv.ops.CommitFailover;
import io.hvreplica.hyperv.ops.InitiateFailover;
import io.hvreplica.hyperv.ops.RemoveTestVm;
import io.hvreplica.hyperv.ops.ReplicationChange;
import io.hvreplica.hyperv.ops.ReverseReplication;
import io.hvreplica.hyperv.ops.RevertFailover;
import io.hvreplica.hyperv.ops.PowerChange;
import io.hvreplica.hyperv.ops.TestFailover;

/**
 * The Hyper-V Replica operations, as values to pass to {@link HostSession#run}. Each is immutable
 * and can be shared. The PowerShell cmdlet each stands for is in {@link Operation#cmdlet()}.
 */
public final class Operations {
    /** InitiateFailover (Start-VMFailover): to a recovery point, or the latest. */
    public static final Operation INITIATE_FAILOVER = new InitiateFailover();
    /** RequestStateChange 2 (Start-VM). */
    public static final Operation START_VM = PowerChange.start();
    /** RequestStateChange 3 (Stop-VM -TurnOff). */
    public static final Operation TURN_OFF_VM = PowerChange.turnOff();
    /** CommitFailover (Complete-VMFailover). */
    public static final Operation COMMIT_FAILOVER = new CommitFailover();
    /** RevertFailover (Stop-VMFailover on a failed-over replica). */
    public static final Operation REVERT_FAILOVER = new RevertFailover();
    /** ReverseReplicationRelationship (Set-VMReplication -Reverse). */
    public static final Operation REVERSE_REPLICATION = new ReverseReplication();
    /** TestReplicaSystem (Start-VMFailover -AsTest); the test VM is the result's createdVm. */
    public static final Operation TEST_FAILOVER = new TestFailover();
    /** DestroySystem of a test VM, guarded: refused unless the target is a Test Replica. */
    public static final Operation REMOVE_TEST_VM = new RemoveTestVm();
    /** RequestReplicationStateChange 7 (Suspend-VMReplication). */
    public static final Operation SUSPEND_REPLICATION = ReplicationChange.suspend();
    /** RequestReplicationStateChange 3 (Resume-VMReplication). */
    public static final Operation RESUME_REPLICATION = ReplicationChange.resume();

    private Operations() {
    }
}
