package io.hvreplica.hyperv;

import java.util.Map;

/** Msvm_ComputerSystem / Msvm_ReplicationRelationship replication value maps. */
public final class ReplicationStates {
    public static final int MODE_REPLICA = 2;
    public static final int STATE_RECOVERED = 5;

    private static final Map<Integer, String> STATES = Map.ofEntries(
            Map.entry(0, "Disabled"), Map.entry(1, "Ready for replication"),
            Map.entry(2, "Waiting to complete initial replication"), Map.entry(3, "Replicating"),
            Map.entry(4, "Synced replication complete"), Map.entry(5, "Recovered"), Map.entry(6, "Committed"),
            Map.entry(7, "Suspended"), Map.entry(8, "Critical"), Map.entry(9, "Waiting to start resynchronization"),
            Map.entry(10, "Resynchronizing"), Map.entry(11, "Resynchronization suspended"),
            Map.entry(12, "Failover in progress"), Map.entry(13, "Failback in progress"),
            Map.entry(14, "Failback complete"));
    private static final Map<Integer, String> MODES = Map.of(
            0, "None", 1, "Primary", 2, "Replica", 3, "Test Replica", 4, "Extended Replica");

    private ReplicationStates() {
    }

    public static String state(Integer value) {
        return value == null ? "unknown" : STATES.getOrDefault(value, "Unknown (" + value + ")");
    }

    public static String mode(Integer value) {
        return value == null ? "unknown" : MODES.getOrDefault(value, "Unknown (" + value + ")");
    }

    /**
     * Why the host may have refused a revert, judged from the state read during look-up. The host
     * decides; this only explains. A revert needs the replica VM failed over but not committed.
     */
    public static String explainRefusal(Integer mode, Integer state) {
        String needs = "RevertFailover needs the Replica VM (ReplicationMode 2) in state Recovered (5): failed over"
                + " with InitiateFailover and not yet committed";
        String is = "the VM is " + mode(mode) + " (mode " + mode + "), replication state " + state(state)
                + " (" + state + ")";
        if (mode != null && mode != MODE_REPLICA) {
            return is + "; run the revert on the Replica server against its replica VM. " + needs + ".";
        }
        if (state != null && state == 6) {
            return is + "; a committed failover cannot be reverted. " + needs + ".";
        }
        if (state != null && state == 12) {
            return is + "; wait for the failover job to finish, then try again. " + needs + ".";
        }
        return is + ". " + needs + ".";
    }
}
