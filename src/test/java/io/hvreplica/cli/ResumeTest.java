package io.hvreplica.cli;

import io.hvreplica.simulator.SimulatedHost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An interrupted wait can be picked up again with the job id the first run printed. */
class ResumeTest {
    private static SimulatedHost host;

    @BeforeAll
    static void start() {
        host = SimulatedHost.startNegotiate(0);
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    @BeforeEach
    void resetHost() {
        // The host is stateful: a revert that succeeded in one test must not refuse the next one's.
        host.resetJobs();
    }

    private static Cli.Run revert(String... extra) {
        return Cli.revert(host, extra);
    }

    @Test
    void aJobStartedWithoutWaitingIsFollowedToItsEndByItsId() {
        Cli.Run started = revert("--vm", "app-vm-01", "--no-wait");
        assertEquals(0, started.exitCode(), started.err());
        Matcher id = Pattern.compile("started job (\\S+)").matcher(started.out());
        assertTrue(id.find(), started.out());

        Cli.Run resumed = revert("--resume", id.group(1), "--output", "json");
        assertEquals(0, resumed.exitCode(), resumed.out() + resumed.err());
        assertTrue(resumed.out().contains("\"instanceId\":\"" + id.group(1) + "\""), resumed.out());
        assertTrue(resumed.out().contains("\"state\":\"Completed\""), resumed.out());
        assertTrue(resumed.out().contains("\"outcome\":\"completed\""), resumed.out());
        assertTrue(resumed.err().contains(id.group(1)), "the job id goes to stderr first: " + resumed.err());
    }

    @Test
    void aTimedOutWaitSaysHowToResume() {
        Cli.Run run = revert("--vm", "slow-vm-05", "--timeout", "5s");
        assertEquals(5, run.exitCode(), run.err());
        assertTrue(run.err().contains("--resume 3D9C7B1A-6E45-4F82-B0D3-9A5E1C7F2B85"), run.err());
    }

    @Test
    void anUnknownJobIsNotFoundAndNotStillRunning() {
        Cli.Run run = revert("--resume", "00000000-0000-0000-0000-000000000000", "--output", "json");
        assertEquals(6, run.exitCode(), run.out());
        assertTrue(run.out().contains("\"outcome\":\"job-not-found\""), run.out());
        assertTrue(run.out().contains("\"kind\":\"job-not-found\""), run.out());
        assertTrue(run.out().contains("has no job 00000000-0000-0000-0000-000000000000"), run.out());
        assertFalse(run.out().contains("goes on on the host"), run.out());
        assertFalse(run.out().contains("--resume"), run.out());

        Cli.Run text = revert("--resume", "00000000-0000-0000-0000-000000000000");
        assertEquals(6, text.exitCode(), text.err());
        assertTrue(text.err().contains("has no job"), text.err());
        assertFalse(text.err().contains("goes on on the host"), text.err());
    }

    @Test
    void somethingThatIsNotAJobIdIsAUsageError() {
        Cli.Run run = revert("--resume", "app-vm-01", "--output", "json");
        assertEquals(2, run.exitCode(), run.out());
        assertTrue(run.out().contains("\"kind\":\"usage\""), run.out());
        assertTrue(run.out().contains("is not a job id"), run.out());

        Cli.Run text = revert("--resume", "12345");
        assertEquals(2, text.exitCode(), text.err());
        assertTrue(text.err().contains("--resume: '12345' is not a job id"), text.err());
    }

    @Test
    void resumeGoesAlone() {
        assertEquals(2, revert("--resume", "x", "--vm", "app-vm-01").exitCode());
    }
}
