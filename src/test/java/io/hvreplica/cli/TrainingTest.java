package io.hvreplica.cli;

import io.hvreplica.simulator.SimulatedHost;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The archives made at package time are only as good as the run they record: every command of
 * the training must succeed against the simulator, or the archive silently misses its classes.
 */
class TrainingTest {
    @Test
    void everyTrainingCommandSucceedsInTurnOnOneSimulatedHost() {
        try (SimulatedHost host = SimulatedHost.startNegotiate(0)) {
            List<String[]> lines = Training.commandLines(host.endpoint(), SimulatedHost.NTLM_USER);
            assertEquals(5, lines.size());
            for (String[] line : lines) {
                Cli.Run run = Cli.run(SimulatedHost.NTLM_PASSWORD, line);
                assertEquals(0, run.exitCode(), String.join(" ", line) + ": " + run.err());
            }
            // The revert followed a job to its end, and the last status shows the VM it left.
            String last = Cli.run(SimulatedHost.NTLM_PASSWORD, lines.get(4)).out();
            assertTrue(last.contains("\"name\":\"app-vm-01\"") && last.contains("\"replicationStateName\":\"Replicating\""), last);
        }
    }
}
