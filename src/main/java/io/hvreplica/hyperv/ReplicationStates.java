package io.hvreplica.hyperv;

import java.util.Map;

/** Msvm_ComputerSystem / Msvm_ReplicationRelationship replication value maps. */
public final class ReplicationStates {
    public static final int MODE_NONE = 0;
    public static final int MODE_PRIMARY = 1;
    public static final int MODE_REPLICA = 2;
    public static final int MODE_TEST_REPLICA = 3;
    public static final int STATE_READY = 1;
    public static final int STATE_REPLICATING = 3;
    public static final int STATE_RECOVERED = 5;
    public static final int STATE_COMMITTED = 6;
    public static final int STATE_SUSPENDED = 7;
    public static final int STATE_FAILOVER_IN_PROGRESS = 12;

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

    private static final Map<Integer, String> HEALTH = Map.of(0, "Not applicable", 1, "Ok", 2, "Warning", 3, "Critical");
    private static final Map<Integer, String> REPLICATION_TYPES = Map.of(
            0, "None", 1, "Regular", 2, "Application consistent", 3, "Planned");
    private static final Map<Integer, String> ENABLED_STATES = Map.ofEntries(
            Map.entry(0, "Unknown"), Map.entry(1, "Other"), Map.entry(2, "Running"), Map.entry(3, "Off"),
            Map.entry(4, "Shutting down"), Map.entry(5, "Not applicable"), Map.entry(6, "Saved"),
            Map.entry(7, "In test"), Map.entry(8, "Deferred"), Map.entry(9, "Paused"), Map.entry(10, "Starting"));

    private ReplicationStates() {
    }

    public static String health(Integer value) {
        return name(HEALTH, value);
    }

    /** FailedOverReplicationType and LastReplicationType. */
    public static String replicationType(Integer value) {
        return name(REPLICATION_TYPES, value);
    }

    public static String enabledState(Integer value) {
        return name(ENABLED_STATES, value);
    }

    private static String name(Map<Integer, String> names, Integer value) {
        return value == null ? "unknown" : names.getOrDefault(value, "Unknown (" + value + ")");
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
