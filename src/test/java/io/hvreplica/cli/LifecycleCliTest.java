package io.hvreplica.cli;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.hvreplica.simulator.SimulatedHost;
import io.hvreplica.testing.MiniJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The failover lifecycle end to end through {@link Main#run} against the stateful simulated host:
 * every command, its refusals and failing jobs, the destroy guard, --if-needed, --dry-run,
 * recovery points and wait. Asserts on exit codes, the JSON Lines, and the requests that reached
 * the host (WireMock's journal).
 */
class LifecycleCliTest {
    private static final String V2 = "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/";
    private static final String DESTROY = V2 + "Msvm_VirtualSystemManagementService/DestroySystem";
    private static final String INITIATE = V2 + "Msvm_ReplicationService/InitiateFailover";
    private static final String REVERT = V2 + "Msvm_ReplicationService/RevertFailover";
    private static final String READY_VM_10 = "1A2B3C4D-5E6F-4A1B-8C2D-3E4F5A6B7C10";
    private static final String PRIMARY_VM_16 = "8B9CADBE-CFD0-4B8C-BD9E-0F1A2B3C4D16";

    private static SimulatedHost host;

    @BeforeAll
    static void start() {
        host = SimulatedHost.start(0);
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    @BeforeEach
    void reset() {
        host.server().resetRequests();
        host.reset();
    }

    private static Cli.Run run(String command, String... extra) {
        List<String> args = new ArrayList<>(List.of(command, "--endpoint", host.endpoint(), "--auth", "basic",
                "--allow-unencrypted", "--user", SimulatedHost.USER));
        args.addAll(Arrays.asList(extra));
        Cli.Run run = Cli.run(SimulatedHost.PASSWORD, args.toArray(String[]::new));
        assertFalse(run.out().contains("\tat ") || run.err().contains("\tat "), run.out() + run.err());
        return run;
    }

    private static List<Map<String, Object>> jsonLines(Cli.Run run) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String line : run.out().strip().split("\\R")) {
            if (!line.isBlank()) {
                out.add(MiniJson.object(line));
            }
        }
        return out;
    }

    private static Map<String, Object> one(Cli.Run run) {
        List<Map<String, Object>> lines = jsonLines(run);
        assertEquals(1, lines.size(), "one JSON object: " + run.out());
        return lines.get(0);
    }

    private static Object field(Map<String, Object> o, String path) {
        return MiniJson.path(o, path);
    }

    private static long num(Object o) {
        assertNotNull(o);
        return ((Number) o).longValue();
    }

    private static List<LoggedRequest> requests(String bodyPart) {
        return host.server().findAll(postRequestedFor(urlPathEqualTo("/wsman")).withRequestBody(containing(bodyPart)));
    }

    // ---- read-only ----

    @Test
    void statusListsEveryReplicatedVmWithNumbersAndNames() {
        Cli.Run run = run("status", "--output", "json");
        assertEquals(0, run.exitCode(), run.out() + run.err());
        List<Map<String, Object>> vms = jsonLines(run);
        assertTrue(vms.size() >= 15, run.out());
        Map<String, Object> ready = vms.stream().filter(o -> READY_VM_10.equals(field(o, "vm.id"))).findFirst().orElseThrow();
        assertEquals("status", field(ready, "operation"));
        assertEquals(2L, num(field(ready, "vm.replicationMode")));
        assertEquals("Replica", field(ready, "vm.replicationModeName"));
        assertEquals(3L, num(field(ready, "vm.replicationState")));
        assertEquals("Replicating", field(ready, "vm.replicationStateName"));
        assertEquals("Off", field(ready, "vm.enabledStateName"));
        assertNotNull(field(ready, "vm.replicationHealthName"));
        assertNotNull(field(ready, "vm.lastReplicationTime"));
        assertTrue(vms.stream().noneMatch(o -> "HV-REPLICA01".equals(field(o, "vm.name"))), "not the host itself");
        assertEquals(1, requests("ReplicationMode &lt;&gt; 0").size() + requests("ReplicationMode <> 0").size(),
                "one query for all of them");

        Cli.Run text = run("status", "--vm", "primary-vm-16");
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().startsWith("primary-vm-16 (" + PRIMARY_VM_16 + "): Primary (1), Replicating (3)"),
                text.out());
    }

    @Test
    void recoveryPointsAreListedAndChosenByIdOrName() {
        List<Map<String, Object>> points = jsonLines(run("recovery-points", "--vm", "ready-vm-10", "--output", "json"));
        assertEquals(4, points.size());
        String id = (String) field(points.get(1), "recoveryPoint.id");
        String name = (String) field(points.get(2), "recoveryPoint.name");
        assertNotNull(field(points.get(0), "recoveryPoint.creationTime"));

        Cli.Run byId = run("initiate-failover", "--vm", "ready-vm-10", "--recovery-point", id, "--output", "json");
        assertEquals(0, byId.exitCode(), byId.out() + byId.err());
        LoggedRequest invoke = requests(INITIATE).get(0);
        assertTrue(invoke.getBodyAsString().contains(id), "the point's EPR is the SnapshotSettingData");

        host.reset();
        Cli.Run byName = run("initiate-failover", "--vm", "ready-vm-10", "--recovery-point", name, "--dry-run");
        assertEquals(0, byName.exitCode(), byName.err());
        assertTrue(byName.out().contains("SnapshotSettingData"), byName.out());

        Cli.Run unknown = run("initiate-failover", "--vm", "ready-vm-10", "--recovery-point", "no-such-point");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("no recovery point of 'ready-vm-10' is 'no-such-point'; available: " + 
                field(points.get(0), "recoveryPoint.id")), unknown.err());
    }

    // ---- a rehearsal, then a failover ----

    @Test
    void aTestFailoverCreatesAndStartsTheTestVmAndStoppingItRemovesIt() {
        Map<String, Object> test = one(run("test-failover", "--vm", "ready-vm-10", "--start", "--output", "json"));
        assertEquals("completed", field(test, "outcome"), test.toString());
        assertEquals("test-failover", field(test, "operation"));
        assertEquals("ready-vm-10 - Test", field(test, "testVm.name"));
        String testVmId = (String) field(test, "testVm.id");
        assertNotNull(testVmId);
        assertEquals(true, field(test, "changed"));
        assertEquals(3L, num(field(test, "vm.replicationStateAfter")), "the replica itself is untouched");
        assertEquals("start-vm", ((Map<?, ?>) ((List<?>) field(test, "steps")).get(0)).get("operation"));

        Map<String, Object> status = one(run("status", "--vm-id", testVmId, "--output", "json"));
        assertEquals(3L, num(field(status, "vm.replicationMode")));
        assertEquals(2L, num(field(status, "vm.enabledState")), "started");

        Map<String, Object> stop = one(run("stop-test-failover", "--vm", "ready-vm-10", "--output", "json"));
        assertEquals("completed", field(stop, "outcome"), stop.toString());
        assertEquals("turn-off-vm", ((Map<?, ?>) ((List<?>) field(stop, "steps")).get(0)).get("operation"),
                "a running test VM is turned off first");
        assertEquals(1, requests(DESTROY).size());
        assertTrue(requests(DESTROY).get(0).getBodyAsString().contains(testVmId), "the test VM, nothing else");
        Cli.Run gone = run("status", "--vm-id", testVmId);
        assertEquals(6, gone.exitCode(), gone.err());
    }

    @Test
    void theDestroyGuardNeverSendsDestroySystemForAVmThatIsNotATestReplica() {
        // The look-up claims a Test Replica, but the VM's own record says Primary: a host that
        // changed under us, or a name clash. The guard re-reads the target right before the call.
        StubMapping lying = host.server().stubFor(post(urlPathEqualTo("/wsman")).atPriority(3)
                .withRequestBody(containing("ElementName = 'ready-vm-10 - Test'"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/soap+xml;charset=UTF-8")
                        .withBody(fakeTestVm(PRIMARY_VM_16))));
        try {
            Cli.Run run = run("stop-test-failover", "--vm", "ready-vm-10", "--output", "json");
            assertEquals(1, run.exitCode(), run.out() + run.err());
            Map<String, Object> o = one(run);
            String message = (String) field(o, "error.message");
            assertTrue(message.contains("refusing to destroy VM 'primary-vm-16' (" + PRIMARY_VM_16 + ")")
                    && message.contains("not a Test Replica"), message);
            assertEquals(0, requests(DESTROY).size(), "no DestroySystem was sent");
            assertEquals(0, requests("RequestStateChange_INPUT").size(), "and the VM was not turned off either");
        } finally {
            host.server().removeStub(lying);
        }
    }

    private static String fakeTestVm(String guid) {
        String a = "http://schemas.xmlsoap.org/ws/2004/08/addressing";
        String w = "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd";
        return "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:a=\"" + a + "\""
                + " xmlns:n=\"http://schemas.xmlsoap.org/ws/2004/09/enumeration\" xmlns:w=\"" + w + "\"><s:Header>"
                + "<a:RelatesTo>{{xPath request.body '/*[local-name()=\"Envelope\"]/*[local-name()=\"Header\"]"
                + "/*[local-name()=\"MessageID\"]/text()'}}</a:RelatesTo></s:Header><s:Body><n:EnumerateResponse>"
                + "<w:Items><w:Item><p:Msvm_ComputerSystem xmlns:p=\"" + V2 + "Msvm_ComputerSystem\">"
                + "<p:ElementName>ready-vm-10 - Test</p:ElementName><p:EnabledState>3</p:EnabledState><p:Name>" + guid
                + "</p:Name><p:ReplicationMode>3</p:ReplicationMode><p:ReplicationState>0</p:ReplicationState>"
                + "</p:Msvm_ComputerSystem><a:EndpointReference><a:Address>" + a + "/role/anonymous</a:Address>"
                + "<a:ReferenceParameters><w:ResourceURI>" + V2 + "Msvm_ComputerSystem</w:ResourceURI><w:SelectorSet>"
                + "<w:Selector Name=\"CreationClassName\">Msvm_ComputerSystem</w:Selector><w:Selector Name=\"Name\">"
                + guid + "</w:Selector></w:SelectorSet></a:ReferenceParameters></a:EndpointReference></w:Item>"
                + "</w:Items><w:EndOfSequence/></n:EnumerateResponse></s:Body></s:Envelope>";
    }

    @Test
    void aFailoverWithStartThenARevert() {
        Map<String, Object> failover = one(run("initiate-failover", "--vm", "ready-vm-10", "--start", "--output", "json"));
        assertEquals("completed", field(failover, "outcome"), failover.toString());
        assertEquals(4096L, num(field(failover, "returnValue")));
        assertEquals("Completed", field(failover, "job.state"));
        assertEquals(5L, num(field(failover, "vm.replicationStateAfter")));
        assertEquals(true, field(failover, "changed"));
        assertNull(field(failover, "warning"));
        assertEquals(1, requests(INITIATE).size());
        assertTrue(requests(INITIATE).get(0).getBodyAsString().contains("SnapshotSettingData"), "nil: the latest point");

        Cli.Run text = run("revert-failover", "--vm", "ready-vm-10");
        assertEquals(1, text.exitCode(), "a running VM cannot be reverted in the simulator: " + text.out() + text.err());

        assertEquals(0, run("stop-vm", "--vm", "ready-vm-10").exitCode());
        Cli.Run revert = run("revert-failover", "--vm", "ready-vm-10");
        assertEquals(0, revert.exitCode(), revert.out() + revert.err());
        assertTrue(revert.out().contains("Completed: the failover of 'ready-vm-10' was reverted"), revert.out());
        assertTrue(revert.out().contains("VM 'ready-vm-10' is now in replication state Replicating, off."), revert.out());
    }

    @Test
    void commitThenReverse() {
        Map<String, Object> commit = one(run("commit-failover", "--vm", "failedover-vm-11", "--output", "json"));
        assertEquals("completed", field(commit, "outcome"), commit.toString());
        assertEquals(6L, num(field(commit, "vm.replicationStateAfter")));

        Map<String, Object> reverse = one(run("reverse-replication", "--vm", "failedover-vm-11", "--output", "json"));
        assertEquals("completed", field(reverse, "outcome"), reverse.toString());
        Map<String, Object> after = one(run("status", "--vm", "failedover-vm-11", "--output", "json"));
        assertEquals(1L, num(field(after, "vm.replicationMode")), "now the primary");
    }

    @Test
    void suspendAndResume() {
        assertEquals(7L, num(field(one(run("suspend-replication", "--vm", "ready-vm-10", "--output", "json")),
                "vm.replicationStateAfter")));
        assertEquals(3L, num(field(one(run("resume-replication", "--vm", "ready-vm-10", "--output", "json")),
                "vm.replicationStateAfter")));
        assertEquals(3L, num(field(one(run("resume-replication", "--vm", "suspended-vm-14", "--output", "json")),
                "vm.replicationStateAfter")));
    }

    // ---- refusals, failing jobs, idempotence ----

    @Test
    void theWrongStateIsRefusedAndExplained() {
        Map<String, Object> commit = one(run("commit-failover", "--vm", "ready-vm-10", "--output", "json"));
        assertEquals(32775L, num(field(commit, "returnValue")));
        assertEquals("refused", field(commit, "error.kind"));
        assertEquals(false, field(commit, "changed"));
        assertTrue(((String) field(commit, "error.message")).contains("CommitFailover needs a Replica (2) VM in"
                + " replication state Recovered (5)"), commit.toString());

        Map<String, Object> primary = one(run("initiate-failover", "--vm", "primary-vm-16", "--output", "json"));
        assertEquals(32775L, num(field(primary, "returnValue")));
        assertTrue(((String) field(primary, "error.message")).contains("the VM is Primary (mode 1)"), primary.toString());

        Cli.Run text = run("reverse-replication", "--vm", "ready-vm-10");
        assertEquals(1, text.exitCode());
        assertEquals(1, text.err().lines().count(), text.err());
    }

    @Test
    void aFailingJobExitsOneWithTheHostsWords() {
        Cli.Run run = run("initiate-failover", "--vm", "failing-vm-15", "--output", "json");
        assertEquals(1, run.exitCode(), run.out());
        Map<String, Object> o = one(run);
        assertEquals("job-failed", field(o, "error.kind"));
        assertEquals("Exception", field(o, "job.state"));
        assertNotNull(field(o, "job.errorDescription"));
        assertEquals(3L, num(field(o, "vm.replicationStateAfter")), "the failed failover left it replicating");
    }

    @Test
    void ifNeededInvokesNothingWhenTheVmIsAlreadyThere() {
        Map<String, Object> o = one(run("revert-failover", "--vm", "ready-vm-10", "--if-needed", "--output", "json"));
        assertEquals("unchanged", field(o, "outcome"));
        assertEquals(false, field(o, "changed"));
        assertNull(field(o, "error"));
        assertEquals(0, requests(REVERT).size());

        Cli.Run needed = run("commit-failover", "--vm", "failedover-vm-11", "--if-needed");
        assertEquals(0, needed.exitCode(), needed.err());
        Cli.Run again = run("commit-failover", "--vm", "failedover-vm-11", "--if-needed");
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().contains("Unchanged: VM 'failedover-vm-11' is already"), again.out());
    }

    @Test
    void aDryRunSaysWhenTheHostWillLikelyRefuse() {
        Map<String, Object> o = one(run("commit-failover", "--vm", "ready-vm-10", "--dry-run", "--output", "json"));
        assertEquals("dry-run", field(o, "outcome"));
        assertTrue(((String) field(o, "likelyRefusal")).contains("Recovered (5)"), o.toString());
        assertTrue(((String) field(o, "envelope")).contains("CommitFailover_INPUT"));
        assertEquals(0, requests("CommitFailover_INPUT").size());

        Map<String, Object> fine = one(run("initiate-failover", "--vm", "ready-vm-10", "--dry-run", "--output", "json"));
        assertNull(field(fine, "likelyRefusal"));
    }

    @Test
    void waitFollowsAJobAnotherRunStarted() {
        Map<String, Object> started = one(run("initiate-failover", "--vm", "ready-vm-10", "--no-wait", "--output", "json"));
        assertEquals("not-waited", field(started, "outcome"));
        String job = (String) field(started, "job.instanceId");

        Map<String, Object> waited = one(run("wait", job, "--output", "json"));
        assertEquals("completed", field(waited, "outcome"), waited.toString());
        assertEquals("wait", field(waited, "operation"));
        assertEquals(job, field(waited, "job.instanceId"));

        assertEquals(2, run("wait", "not-a-job").exitCode());
        assertEquals(6, run("wait", "00000000-0000-0000-0000-000000000000").exitCode());
    }
}
