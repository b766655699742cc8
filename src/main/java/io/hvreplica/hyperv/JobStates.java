package io.hvreplica.hyperv;

import java.util.Map;

/**
 * CIM_ConcreteJob.JobState. 7 (Completed) and 32768 (CompletedWithWarnings, which Microsoft's own
 * sample treats as success) end well; 8, 9, 10 and 11 end badly (11 "Service" is terminal for
 * libvirt too); everything else means keep polling.
 */
public final class JobStates {
    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(2, "New"), Map.entry(3, "Starting"), Map.entry(4, "Running"), Map.entry(5, "Suspended"),
            Map.entry(6, "Shutting Down"), Map.entry(7, "Completed"), Map.entry(8, "Terminated"),
            Map.entry(9, "Killed"), Map.entry(10, "Exception"), Map.entry(11, "Service"),
            Map.entry(32768, "Completed with Warnings"));

    private JobStates() {
    }

    public static String name(int state) {
        return NAMES.getOrDefault(state, "Unknown (" + state + ")");
    }

    public static boolean succeeded(int state) {
        return state == 7 || state == 32768;
    }

    public static boolean failed(int state) {
        return state >= 8 && state <= 11;
    }

    public static boolean terminal(int state) {
        return succeeded(state) || failed(state);
    }
}
