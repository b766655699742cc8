package io.hvreplica.hyperv;

import java.util.Map;

/** Msvm_ReplicationService method return values, as the class documentation names them. */
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

    private ReturnValues() {
    }

    /** The documented meaning, or "Unknown return value N" for anything undocumented. */
    public static String meaning(long value) {
        String m = MEANINGS.get((int) value);
        return m != null && value == (int) value ? m : "Unknown return value " + value;
    }
}
