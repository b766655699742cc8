package io.hvreplica.hyperv;

import java.util.Map;

/**
 * Method return values as the class documentation names them: the Msvm_ReplicationService and
 * Msvm_ComputerSystem map (0, 4096, 32768-32779), and the generic CIM map that
 * Msvm_VirtualSystemManagementService.DestroySystem uses (0, 4096, then 1-5).
 */
public final class ReturnValues {
    public static final int COMPLETED = 0;
    public static final int JOB_STARTED = 4096;
    public static final int INVALID_STATE = 32775;

    private static final Map<Integer, String> MEANINGS = Map.ofEntries(
            Map.entry(0, "Completed with No Error"),
            Map.entry(4096, "Method Parameters Checked - Job Started"),
            Map.entry(32768, "Failed"),
            Map.entry(32769, "Access Denied"),
            Map.entry(32770, "Not Supported"),
            Map.entry(32771, "Status is unknown"),
            Map.entry(32772, "Timeout"),
            Map.entry(32773, "Invalid parameter"),
            Map.entry(32774, "System is in use"),
            Map.entry(32775, "Invalid state for this operation"),
            Map.entry(32776, "Incorrect data type"),
            Map.entry(32777, "System is not available"),
            Map.entry(32778, "Out of memory"),
            Map.entry(32779, "File not found"));

    /** DestroySystem's codes (reference §15.4). */
    private static final Map<Integer, String> CIM_MEANINGS = Map.ofEntries(
            Map.entry(0, "Completed with No Error"),
            Map.entry(1, "Not Supported"),
            Map.entry(2, "Failed"),
            Map.entry(3, "Timeout"),
            Map.entry(4, "Invalid Parameter"),
            Map.entry(5, "Invalid State"),
            Map.entry(4096, "Method Parameters Checked - Job Started"));

    /** The CIM code for a target in the wrong state. */
    public static final int CIM_INVALID_STATE = 5;

    private ReturnValues() {
    }

    /** Which map a method's ReturnValue follows. */
    public enum Codes {
        REPLICATION(MEANINGS, INVALID_STATE), CIM(CIM_MEANINGS, CIM_INVALID_STATE);

        private final Map<Integer, String> meanings;
        private final int invalidState;

        Codes(Map<Integer, String> meanings, int invalidState) {
            this.meanings = meanings;
            this.invalidState = invalidState;
        }

        public String meaning(long value) {
            String m = meanings.get((int) value);
            return m != null && value == (int) value ? m : "Unknown return value " + value;
        }

        public boolean invalidState(long value) {
            return value == invalidState;
        }
    }

    /** The documented meaning of a replication-service ReturnValue, or "Unknown return value N". */
    public static String meaning(long value) {
        return Codes.REPLICATION.meaning(value);
    }
}
