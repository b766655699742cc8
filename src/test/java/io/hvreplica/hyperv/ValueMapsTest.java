package io.hvreplica.hyperv;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ReturnValues, JobStates and ReplicationStates: the documented value maps and what follows from them. */
class ValueMapsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0|Completed with No Error",
            "4096|Method Parameters Checked - Job Started",
            "32768|Failed",
            "32769|Access Denied",
            "32770|Not Supported",
            "32771|Status is unknown",
            "32772|Timeout",
            "32773|Invalid parameter",
            "32774|System is in use",
            "32775|Invalid state for this operation",
            "32776|Incorrect data type",
            "32777|System is not available",
            "32778|Out of memory",
            "32779|File not found"})
    void returnValueMeanings(long value, String meaning) {
        assertEquals(meaning, ReturnValues.meaning(value));
    }

    @Test
    void undocumentedReturnValuesSayUnknown() {
        assertEquals("Unknown return value 1", ReturnValues.meaning(1));
        assertEquals("Unknown return value 4097", ReturnValues.meaning(4097));
        assertEquals("Unknown return value 32780", ReturnValues.meaning(32780));
        assertEquals("Unknown return value -1", ReturnValues.meaning(-1));
        // A uint32 beyond int range must not alias a known value when narrowed (2^32 -> 0, 2^32 + 4096 -> 4096).
        assertEquals("Unknown return value 4294967296", ReturnValues.meaning(4_294_967_296L));
        assertEquals("Unknown return value 4294971392", ReturnValues.meaning(4_294_971_392L));
    }

    @Test
    void returnValueConstants() {
        assertEquals(0, ReturnValues.COMPLETED);
        assertEquals(4096, ReturnValues.JOB_STARTED);
        assertEquals(32775, ReturnValues.INVALID_STATE);
    }

    @Test
    void jobStateSetsSuccessFailureTerminal() {
        for (int s : List.of(7, 32768)) {
            assertTrue(JobStates.succeeded(s), "success " + s);
            assertFalse(JobStates.failed(s), "not failed " + s);
            assertTrue(JobStates.terminal(s), "terminal " + s);
        }
        for (int s : List.of(8, 9, 10, 11)) {
            assertTrue(JobStates.failed(s), "failed " + s);
            assertFalse(JobStates.succeeded(s), "not success " + s);
            assertTrue(JobStates.terminal(s), "terminal " + s);
        }
        for (int s : List.of(0, 1, 2, 3, 4, 5, 6, 12, 32767, 32769, 65535)) {
            assertFalse(JobStates.terminal(s), "keep polling on " + s);
            assertFalse(JobStates.succeeded(s));
            assertFalse(JobStates.failed(s));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2|New", "3|Starting", "4|Running", "5|Suspended", "6|Shutting Down", "7|Completed", "8|Terminated",
            "9|Killed", "10|Exception", "11|Service", "32768|Completed with Warnings", "12|Unknown (12)",
            "32769|Unknown (32769)"})
    void jobStateNames(int state, String name) {
        assertEquals(name, JobStates.name(state));
    }

    @Test
    void jobStatusDelegatesToJobStates() {
        JobStatus warnings = new JobStatus("J", 32768, 100, 0, null, null);
        assertTrue(warnings.terminal());
        assertEquals("Completed with Warnings", warnings.stateName());
        assertFalse(new JobStatus("J", 4, 40, 0, null, null).terminal());
    }

    @Test
    void replicationStateAndModeNames() {
        assertEquals("Recovered", ReplicationStates.state(5));
        assertEquals("Replicating", ReplicationStates.state(3));
        assertEquals("Committed", ReplicationStates.state(6));
        assertEquals("Failover in progress", ReplicationStates.state(12));
        assertEquals("Unknown (99)", ReplicationStates.state(99));
        assertEquals("unknown", ReplicationStates.state(null));
        assertEquals("Replica", ReplicationStates.mode(2));
        assertEquals("Primary", ReplicationStates.mode(1));
        assertEquals("Extended Replica", ReplicationStates.mode(4));
        assertEquals("unknown", ReplicationStates.mode(null));
    }

    private static final String NEEDS = "RevertFailover needs the Replica VM (ReplicationMode 2) in state Recovered (5)";

    @Test
    void refusalOfAReplicatingReplicaSaysWhatIsNeeded() {
        String why = ReplicationStates.explainRefusal(2, 3);
        assertTrue(why.startsWith("the VM is Replica (mode 2), replication state Replicating (3)"), why);
        assertTrue(why.contains(NEEDS), why);
    }

    @Test
    void refusalOnThePrimarySaysToRunOnTheReplicaServer() {
        String why = ReplicationStates.explainRefusal(1, 3);
        assertTrue(why.contains("Primary (mode 1)"), why);
        assertTrue(why.contains("run the revert on the Replica server"), why);
        assertTrue(why.contains(NEEDS), why);
    }

    @Test
    void refusalAfterCommitSaysItCannotBeReverted() {
        String why = ReplicationStates.explainRefusal(2, 6);
        assertTrue(why.contains("Committed (6)"), why);
        assertTrue(why.contains("a committed failover cannot be reverted"), why);
    }

    @Test
    void refusalDuringFailoverSaysToWait() {
        String why = ReplicationStates.explainRefusal(2, 12);
        assertTrue(why.contains("wait for the failover job to finish"), why);
    }

    @Test
    void refusalWithUnknownStateStillExplains() {
        String why = ReplicationStates.explainRefusal(null, null);
        assertTrue(why.contains("unknown (mode null)"), why);
        assertTrue(why.contains("replication state unknown (null)"), why);
        assertTrue(why.contains(NEEDS), why);
    }
}
