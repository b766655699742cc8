package io.hvreplica.cli;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.hvreplica.simulator.SimulatedHost;
import io.hvreplica.testing.MiniJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Many VMs on many hosts in one run, end to end through {@link Main#run} against two simulated
 * hosts: selection (wildcards, not found, ambiguous), --yes, JSON Lines, the exit code order,
 * per-host batching counted in the hosts' journals, and no re-send after a lost answer.
 */
class FleetCliTest {
    private static final String V2 = "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/";
    private static final String REVERT = V2 + "Msvm_ReplicationService/RevertFailover";
    private static SimulatedHost a;
    private static SimulatedHost b;

    @BeforeAll
    static void start() {
        a = SimulatedHost.start(0);
        b = SimulatedHost.start(0);
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
    }

    @BeforeEach
    void reset() {
        for (SimulatedHost h : List.of(a, b)) {
            h.server().resetRequests();
            h.reset();
        }
    }

    private static String host(SimulatedHost h) {
        return "127.0.0.1:" + h.server().port();
    }

    private static Cli.Run run(String command, String... extra) {
        List<String> args = new ArrayList<>(List.of(command, "--auth", "basic", "--allow-unencrypted",
                "--user", SimulatedHost.USER));
        args.addAll(Arrays.asList(extra));
        Cli.Run run = Cli.run(SimulatedHost.PASSWORD, args.toArray(String[]::new));
        assertFalse((run.out() + run.err()).contains("\tat "), run.out() + run.err());
        return run;
    }

    private static List<Map<String, Object>> lines(Cli.Run run) {
        return run.out().strip().lines().filter(l -> !l.isBlank()).map(MiniJson::object).toList();
    }

    private static Object field(Map<String, Object> o, String path) {
        return MiniJson.path(o, path);
    }

    private static List<LoggedRequest> requests(SimulatedHost h, String bodyPart) {
        return h.server().findAll(postRequestedFor(urlPathEqualTo("/wsman")).withRequestBody(containing(bodyPart)));
    }

    private static Map<String, Object> byVm(List<Map<String, Object>> lines, String vm, String host) {
        return lines.stream().filter(o -> vm.equals(field(o, "vm.name")) && (host == null || host.equals(field(o, "host"))))
                .findFirst().orElseThrow(() -> new AssertionError(vm + " not in " + lines));
    }

    @Test
    void aWildcardOverTwoHostsRunsEveryMatchOnceWithItsHostAndMixedOutcomes() {
        Cli.Run run = run("revert-failover", "--host", host(a), "--host", host(b), "--vm", "app-vm-0?",
                "--vm", "SYNC-*", "--yes", "--output", "json");
        List<Map<String, Object>> out = lines(run);
        // app-vm-01 (job), app-vm-02 (refused) and sync-vm-04 (0 at once), on each host.
        assertEquals(6, out.size(), run.out() + run.err());
        for (SimulatedHost h : List.of(a, b)) {
            Map<String, Object> ok = byVm(out, "app-vm-01", host(h));
            assertEquals("completed", field(ok, "outcome"), ok.toString());
            assertEquals(3L, ((Number) field(ok, "vm.replicationStateAfter")).longValue());
            assertEquals("revert-failover", field(ok, "operation"));
            assertEquals("refused", field(byVm(out, "app-vm-02", host(h)), "error.kind"));
            assertEquals("completed", field(byVm(out, "sync-vm-04", host(h)), "outcome"));
            assertEquals(1, requests(h, "RevertFailover_INPUT").stream()
                    .filter(r -> r.getBodyAsString().contains("4F1C2A77-9B3E-4E15-A6D2-1C8E5B7F3A01")).count());
        }
        assertEquals(1, run.exitCode(), "a refusal is the most serious ending here");

        reset();
        Cli.Run exact = run("revert-failover", "--host", host(a), "--host", host(b), "--vm", "sync-vm-04",
                "--vm", "app-vm-01", "--yes", "--output", "json");
        assertTrue(exact.out().contains("2 VMs are named 'sync-vm-04'"), "one name on two hosts: " + exact.out());
        assertEquals(2, exact.exitCode(), exact.out());
    }

    @Test
    void eachHostIsLookedUpOnceAndItsJobsArePolledTogether() {
        Cli.Run run = run("revert-failover", "--host", host(a), "--vm", "app-vm-01", "--vm", "gone-vm-09",
                "--vm", "sync-vm-04", "--yes", "--output", "json");
        assertEquals(3, lines(run).size(), run.out() + run.err());
        long lookups = requests(a, "SELECT * FROM Msvm_ComputerSystem WHERE ElementName").size();
        assertEquals(1, lookups, "one query for all the names");
        assertEquals(1, requests(a, "SELECT * FROM Msvm_ReplicationService").size(), "the service once");
        assertEquals(0, requests(a, "http://schemas.xmlsoap.org/ws/2004/09/transfer/Get").size(),
                "no Get per job: the jobs are polled with one query per round");
        long rounds = requests(a, "SELECT * FROM Msvm_ConcreteJob WHERE").size();
        assertTrue(rounds >= 1 && rounds <= 6, "rounds: " + rounds);
        assertTrue(requests(a, "SELECT * FROM Msvm_ConcreteJob WHERE").get(0).getBodyAsString()
                .contains(" OR "), "several jobs in one query");
        assertEquals("job-gone", field(byVm(lines(run), "gone-vm-09", null), "error.kind"));
        assertEquals(4, run.exitCode(), "a vanished job outranks the rest");
    }

    @Test
    void moreThanOneVmNeedsYesAndOtherwiseNothingIsSent() {
        Cli.Run run = run("revert-failover", "--host", host(a), "--vm", "app-vm-*");
        assertEquals(2, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().contains("would touch 2 VMs: app-vm-01 on " + host(a) + ", app-vm-02 on " + host(a))
                && run.err().contains("nothing was changed") && run.err().contains("--yes"), run.err());
        assertEquals(0, requests(a, "RevertFailover_INPUT").size());

        Cli.Run dry = run("revert-failover", "--host", host(a), "--vm", "app-vm-*", "--dry-run", "--output", "json");
        assertEquals(0, dry.exitCode(), dry.out() + dry.err());
        List<Map<String, Object>> out = lines(dry);
        assertEquals(2, out.size());
        assertTrue(((String) field(byVm(out, "app-vm-02", null), "likelyRefusal")).contains("Recovered (5)"));
        assertTrue(((String) field(byVm(out, "app-vm-01", null), "envelope")).contains("RevertFailover_INPUT"));
        assertEquals(0, requests(a, "RevertFailover_INPUT").size());
    }

    @Test
    void notFoundAmbiguousAndAnUnreachableHostDoNotStopTheOthers() throws Exception {
        int dead;
        try (ServerSocket s = new ServerSocket(0)) {
            dead = s.getLocalPort();
        }
        Path hostsFile = Files.createTempFile("hosts", ".txt");
        Files.writeString(hostsFile, "# site A\n" + host(a) + "\n127.0.0.1:" + dead + "   # down\n");
        Cli.Run run = run("revert-failover", "--hosts-file", hostsFile.toString(), "--vm", "sync-vm-04",
                "--vm", "no-such-vm", "--vm", "web-frontend", "--yes", "--output", "json");
        List<Map<String, Object>> out = lines(run);
        assertEquals("completed", field(byVm(out, "sync-vm-04", host(a)), "outcome"), run.out());
        Map<String, Object> down = out.stream().filter(o -> ("127.0.0.1:" + dead).equals(field(o, "host")))
                .findFirst().orElseThrow();
        assertEquals("connection", field(down, "error.kind"));
        assertTrue(out.stream().anyMatch(o -> "vm-not-found".equals(field(o, "error.kind"))
                && ((String) field(o, "error.message")).contains("'no-such-vm'")), run.out());
        assertTrue(out.stream().anyMatch(o -> "ambiguous-vm".equals(field(o, "error.kind"))
                && ((String) field(o, "error.message")).contains("2 VMs are named 'web-frontend'")), run.out());
        assertEquals(0, requests(a, "A3B4C5D6-1E2F-4A5B-8C7D-9E0F1A2B3C41").stream()
                .filter(r -> r.getBodyAsString().contains("RevertFailover_INPUT")).count(), "ambiguous: not run");
        assertEquals(4, run.exitCode(), "an unreachable host (4) outranks not found (6) and ambiguous (2)");
    }

    @Test
    void aLostAnswerOnOneVmIsOutcomeUnknownThereAndNeverResentWhileTheOthersComplete() {
        StubMapping drop = a.server().stubFor(post(urlPathEqualTo("/wsman")).atPriority(3)
                .withRequestBody(containing(REVERT)).withRequestBody(containing("0C6B3F28-8E1D-4A97-B5C4-2D9E7F1A6C04"))
                .willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
        try {
            Cli.Run run = run("revert-failover", "--host", host(a), "--vm", "sync-vm-04", "--vm", "app-vm-01",
                    "--vm", "failedover-vm-11", "--yes", "--output", "json");
            List<Map<String, Object>> out = lines(run);
            assertEquals(3, out.size(), run.out() + run.err());
            assertEquals("outcome-unknown", field(byVm(out, "sync-vm-04", null), "outcome"));
            assertEquals("completed", field(byVm(out, "app-vm-01", null), "outcome"));
            assertEquals("completed", field(byVm(out, "failedover-vm-11", null), "outcome"));
            assertEquals(1, requests(a, "RevertFailover_INPUT").stream()
                    .filter(r -> r.getBodyAsString().contains("0C6B3F28-8E1D-4A97-B5C4-2D9E7F1A6C04")).count(),
                    "sent once, never again");
            assertEquals(4, run.exitCode());
        } finally {
            a.server().removeStub(drop);
        }
    }

    @Test
    void aHostThatRefusesTheCredentialsIsItsOwnLineAndAFailingJobIsThatVmsOnly() {
        // Only Negotiate is spoken there, so Basic credentials are refused with 401.
        try (SimulatedHost negotiateOnly = SimulatedHost.startNegotiate(0)) {
            String locked = "127.0.0.1:" + negotiateOnly.port();
            Cli.Run run = run("revert-failover", "--host", host(a), "--host", locked, "--vm", "db-vm-03",
                    "--vm", "app-vm-01", "--yes", "--output", "json");
            List<Map<String, Object>> out = lines(run);
            assertEquals("job-failed", field(byVm(out, "db-vm-03", host(a)), "error.kind"), run.out());
            assertEquals("Exception", field(byVm(out, "db-vm-03", host(a)), "job.state"));
            assertEquals("completed", field(byVm(out, "app-vm-01", host(a)), "outcome"));
            Map<String, Object> refused = out.stream().filter(o -> locked.equals(field(o, "host"))).findFirst()
                    .orElseThrow();
            assertEquals("authentication", field(refused, "error.kind"), refused.toString());
            assertEquals(3, run.exitCode(), "authentication (3) outranks a failed job (1)");
        }
    }

    @Test
    void stopTestFailoverOverSeveralReplicasRemovesOnlyTestVms() {
        Cli.Run run = run("stop-test-failover", "--host", host(a), "--vm", "testing-vm-13", "--vm", "ready-vm-10",
                "--yes", "--output", "json");
        List<Map<String, Object>> out = lines(run);
        assertEquals(2, out.size(), run.out() + run.err());
        Map<String, Object> removed = byVm(out, "testing-vm-13 - Test", host(a));
        assertEquals("completed", field(removed, "outcome"), removed.toString());
        assertTrue(removed.toString().contains("turn-off-vm"), "the running test VM was turned off first");
        Map<String, Object> none = byVm(out, "ready-vm-10", host(a));
        assertEquals("vm-not-found", field(none, "error.kind"), none.toString());
        assertTrue(((String) field(none, "error.message")).contains("has no test VM"), none.toString());
        List<LoggedRequest> destroys = requests(a, "DestroySystem_INPUT");
        assertEquals(1, destroys.size());
        assertTrue(destroys.get(0).getBodyAsString().contains("E1F2A3B4-C5D6-4E7F-8A9B-0C1D2E3F4A13"),
                "only the test VM of testing-vm-13");
        assertEquals(6, run.exitCode());
    }

    @Test
    void textModeEndsWithASummaryTable() {
        Cli.Run run = run("revert-failover", "--host", host(a), "--vm", "app-vm-01", "--vm", "sync-vm-04", "--yes");
        assertEquals(0, run.exitCode(), run.out() + run.err());
        List<String> table = run.out().lines().toList();
        assertTrue(table.get(0).startsWith("VM") && table.get(0).contains("HOST") && table.get(0).contains("OUTCOME")
                && table.get(0).contains("JOB") && table.get(0).contains("TIME"), run.out());
        assertTrue(table.stream().anyMatch(l -> l.startsWith("app-vm-01") && l.contains("completed")
                && l.contains("2B7E5D19-8C34-4A6F-9E12-7D0C3B5A8F61")), run.out());
        assertTrue(run.err().contains("app-vm-01 on " + host(a) + ": revert-failover started job"), run.err());
    }
}
