package io.hvreplica.cli;

import io.hvreplica.simulator.SimulatedHost;
import io.hvreplica.testing.MiniJson;
import io.hvreplica.testing.PlainHttpPort;
import io.hvreplica.testing.RawHttpServer;
import io.hvreplica.testing.StallingPeer;
import io.hvreplica.transport.TransportException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --timeout} bounds the whole command, and {@code --connect-timeout} / {@code --read-timeout}
 * each request, end to end through {@link Main#run}: a host that accepts requests and never
 * answers, or a proxy in front of the simulated host that stalls exactly one kind of request. The
 * deadline is measured with the test environment's fake clock, which only moves when the job
 * watcher sleeps, so a stall costs at most the few seconds of real waiting given as --timeout;
 * assertions are on exit codes, JSON and the requests, never on elapsed time.
 */
class TimeBoundsCliTest {
    private static final String SLOW_VM_05_JOB = "3D9C7B1A-6E45-4F82-B0D3-9A5E1C7F2B85";
    private static final String CONCRETE_JOB = "Msvm_ConcreteJob";
    private static final String REVERT_INPUT = "RevertFailover_INPUT";
    private static final Pattern OPERATION_TIMEOUT = Pattern.compile("<w:OperationTimeout[^>]*>([^<]*)<");
    // Enough real time for the simulator's look-ups on a loaded machine, and all a stall costs.
    private static final String STALL_BUDGET = "3s";

    private static SimulatedHost host;

    @BeforeAll
    static void start() {
        host = SimulatedHost.start(0);
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    private static Cli.Run revert(String endpoint, String... extra) {
        List<String> args = new ArrayList<>(List.of("revert-failover", "--endpoint", endpoint, "--auth", "basic",
                "--allow-unencrypted", "--user", SimulatedHost.USER));
        args.addAll(Arrays.asList(extra));
        Cli.Run run = Cli.run(SimulatedHost.PASSWORD, args.toArray(String[]::new));
        String all = run.out() + run.err();
        assertFalse(all.contains("Exception") || all.contains("\tat "), "no stack trace:\n" + all);
        return run;
    }

    private static Object field(Cli.Run run, String dotted) {
        String[] lines = run.out().strip().split("\\R");
        assertEquals(1, lines.length, "one JSON line: " + run.out());
        return MiniJson.path(MiniJson.object(lines[0]), dotted);
    }

    private static long count(StallingPeer peer, String bodyPart) {
        return peer.requests().stream().filter(r -> r.bodyText().contains(bodyPart)).count();
    }

    // ---- --timeout bounds every step ----

    @Test
    void aHostThatNeverAnswersTheLookUpExitsFiveNamingTheLookUp() throws Exception {
        try (StallingPeer peer = StallingPeer.silent()) {
            Cli.Run run = revert(peer.endpoint(), "--vm", "app-vm-01", "--timeout", "300ms", "--output", "json");

            assertEquals(5, run.exitCode(), run.out() + run.err());
            assertEquals("timeout", field(run, "error.kind"));
            assertEquals("timeout", field(run, "outcome"));
            assertNull(field(run, "job"));
            assertEquals("the deadline passed while looking up VM 'app-vm-01' on 127.0.0.1; nothing was changed on"
                    + " the host (raise --timeout to wait longer)", field(run, "error.message"));
            assertEquals(1, peer.requests().size(), "the look-up was not retried");
        }
    }

    @Test
    void aHostThatNeverAnswersTheHandshakeExitsFiveInOneLine() throws Exception {
        try (StallingPeer peer = StallingPeer.silent()) {
            Cli.Run run = Cli.run(SimulatedHost.NTLM_PASSWORD, "revert-failover", "--endpoint", peer.endpoint(),
                    "--user", SimulatedHost.NTLM_USER, "--vm", "app-vm-01", "--timeout", "300ms");

            assertEquals(5, run.exitCode(), run.err());
            assertEquals("hvreplica: the deadline passed while authenticating with 127.0.0.1 (ntlm) (raise"
                    + " --timeout to wait longer)", run.err().strip());
            assertEquals(1, peer.requests().size());
        }
    }

    @Test
    void anInvokeWithNoAnswerByTheDeadlineIsOutcomeUnknownAndSentOnce() throws Exception {
        try (StallingPeer peer = StallingPeer.forwarding(host.endpoint(), r -> r.bodyText().contains(REVERT_INPUT))) {
            Cli.Run run = revert(peer.endpoint(), "--vm", "app-vm-01", "--timeout", STALL_BUDGET, "--output", "json");

            assertEquals(4, run.exitCode(), run.out() + run.err());
            assertEquals("outcome-unknown", field(run, "error.kind"));
            String message = (String) field(run, "error.message");
            assertTrue(message.contains("may or may not have run") && message.contains("before the deadline"),
                    message);
            assertEquals("app-vm-01", field(run, "vm.name"));
            // Read again within a short grace after the deadline, so the user sees where the VM is.
            assertEquals(5L, ((Number) field(run, "vm.replicationStateAfter")).longValue());
            assertEquals(1, count(peer, REVERT_INPUT), "RevertFailover is never sent twice");
            assertEquals(1, peer.stalled());
        }
    }

    @Test
    void aJobPollWithNoAnswerByTheDeadlineIsATimeoutThatNamesTheJob() throws Exception {
        try (StallingPeer peer = StallingPeer.forwarding(host.endpoint(), r -> r.bodyText().contains(CONCRETE_JOB))) {
            Cli.Run run = revert(peer.endpoint(), "--vm", "slow-vm-05", "--timeout", STALL_BUDGET, "--output", "json");

            assertEquals(5, run.exitCode(), run.out() + run.err());
            assertEquals("timeout", field(run, "outcome"));
            assertEquals("timeout", field(run, "error.kind"));
            assertEquals(SLOW_VM_05_JOB, field(run, "job.instanceId"));
            assertTrue(((String) field(run, "error.message")).contains("--resume " + SLOW_VM_05_JOB));
            assertTrue(run.err().contains(SLOW_VM_05_JOB), "the job id went to stderr first: " + run.err());
            assertEquals(1, count(peer, REVERT_INPUT));
            assertEquals(1, count(peer, CONCRETE_JOB), "one poll, cut off, and none after the deadline");
        }
    }

    // ---- --read-timeout and the host's OperationTimeout ----

    @Test
    void theReadTimeoutSetsTheOperationTimeoutEveryRequestCarries() throws Exception {
        try (StallingPeer peer = StallingPeer.forwarding(host.endpoint(), r -> false)) {
            Cli.Run run = revert(peer.endpoint(), "--vm", "sync-vm-04", "--read-timeout", "10s");

            assertEquals(0, run.exitCode(), run.out() + run.err());
            List<String> values = new ArrayList<>();
            for (RawHttpServer.Request r : peer.requests()) {
                Matcher m = OPERATION_TIMEOUT.matcher(r.bodyText());
                assertTrue(m.find(), r.bodyText());
                values.add(m.group(1));
            }
            assertEquals(1, count(peer, REVERT_INPUT));
            assertTrue(values.size() >= 3, "look-ups and RevertFailover: " + values);
            values.forEach(v -> assertEquals("PT7.500S", v, "10 s less a quarter: the host faults first"));
        }
    }

    @Test
    void aHostSilentPastTheReadTimeoutExitsFourWithoutARetry() throws Exception {
        try (StallingPeer peer = StallingPeer.silent()) {
            Cli.Run run = revert(peer.endpoint(), "--vm", "app-vm-01", "--read-timeout", "1s", "--output", "json");

            assertEquals(4, run.exitCode(), run.out() + run.err());
            assertEquals("connection", field(run, "error.kind"));
            assertEquals("127.0.0.1 accepted the request but sent no answer within the 1 s read timeout",
                    field(run, "error.message"));
            assertEquals(1, peer.requests().size());
        }
    }

    // ---- options, help, advice ----

    @Test
    void badTimeoutsAreUsageErrors() {
        String[][] cases = {
                {"--connect-timeout", "soon", "--connect-timeout: 'soon' is not a duration; use e.g. 90s, 30m or 1h"},
                {"--connect-timeout", "0s", "--connect-timeout must be positive"},
                {"--connect-timeout", "10m", "--connect-timeout must be at most 5m"},
                {"--read-timeout", "0", "--read-timeout must be positive"},
                {"--read-timeout", "500ms", "--read-timeout must be at least 1s, so that the host has time to answer"},
                {"--read-timeout", "2h", "--read-timeout must be at most 1h"},
        };
        for (String[] c : cases) {
            Cli.Run run = revert(host.endpoint(), "--vm", "app-vm-01", c[0], c[1], "--output", "json");
            assertEquals(2, run.exitCode(), run.out() + run.err());
            assertEquals("usage", field(run, "error.kind"));
            assertEquals(c[2], field(run, "error.message"));
        }
    }

    @Test
    void helpDocumentsEveryTimeBound() {
        Cli.Run run = Cli.run("pw", "revert-failover", "--help");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("--timeout DURATION") && run.out().contains("Bound on the whole command"),
                run.out());
        assertTrue(run.out().contains("--connect-timeout DURATION") && run.out().contains("(default 15s)"), run.out());
        assertTrue(run.out().contains("--read-timeout DURATION") && run.out().contains("(default 75s)")
                && run.out().contains("OperationTimeout"), run.out());
    }

    @Test
    void httpsToAPlainHttpPortGetsTheFlagAdviceFromTheCommandLine() throws Exception {
        try (PlainHttpPort port = new PlainHttpPort()) {
            Cli.Run run = revert("https://127.0.0.1:" + port.port() + "/wsman", "--vm", "app-vm-01", "--output", "json");

            assertEquals(4, run.exitCode(), run.out() + run.err());
            assertEquals("tls", field(run, "error.kind"));
            assertEquals("port " + port.port() + " on 127.0.0.1 answered in plain HTTP, not TLS; use the HTTPS listener"
                    + " (5986) or plain HTTP (for plain HTTP, drop --https or give an http:// --endpoint)",
                    field(run, "error.message"));
        }
    }

    @Test
    void adviceIsKeyedOnTheReasonNotTheMessage() {
        String untrusted = ExitCodes.message(TransportException.tls("TLS with hv01 failed: PKIX path building failed",
                null, TransportException.Reason.UNTRUSTED_CERTIFICATE));
        assertTrue(untrusted.endsWith("(pass the host's CA with --ca-cert)"), untrusted);
        String general = ExitCodes.message(TransportException.tls("answered in plain HTTP", null));
        assertEquals("answered in plain HTTP", general, "no advice from the words of a message");
    }
}
