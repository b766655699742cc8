package io.hvreplica.cli;

import io.hvreplica.simulator.ReplayHost;
import io.hvreplica.simulator.SimulatedHost;
import io.hvreplica.testing.Recordings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * --record against the built-in simulated host (Negotiate/NTLM with message encryption, as a
 * default Windows host), then the same command against a replay of the recording: same outcome,
 * same JSON, same exit code; and nothing secret or identifying in the files.
 */
class RecordReplayCliTest {
    /** What must never reach a redacted recording of the simulated host, reached as 127.0.0.1. */
    static final String[] SECRETS_AND_NAMES = {SimulatedHost.NTLM_PASSWORD, "operator", SimulatedHost.HOST_NAME,
            "127.0.0.1", "Authorization", "Negotiate", "TlRMTVNT"};

    /** The one name the simulated host's answers show (in fault texts), and its placeholder. */
    static final String[] REDACTED_NAMES = {SimulatedHost.HOST_NAME, "HOST-1"};

    private static SimulatedHost host;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        host = SimulatedHost.startNegotiate(0);
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    @BeforeEach
    void reset() {
        host.reset();
        host.server().resetRequests();
    }

    private static Cli.Run run(String user, String password, String command, String... extra) {
        List<String> args = new ArrayList<>(List.of(command, "--user", user, "--output", "json"));
        args.addAll(Arrays.asList(extra));
        Cli.Run run = Cli.run(password, args.toArray(String[]::new));
        assertFalse((run.out() + run.err()).contains("\tat "), run.out() + run.err());
        return run;
    }

    /** Records {@code command} against the simulated host, replays it, and compares the two runs. */
    private Path recordAndReplay(String command, int expectedCode, String... vmArgs) {
        Path dir = tmp.resolve("rec");
        List<String> recordArgs = new ArrayList<>(List.of("--endpoint", host.endpoint(), "--record", dir.toString()));
        recordArgs.addAll(Arrays.asList(vmArgs));
        Cli.Run recorded = run(SimulatedHost.NTLM_USER, SimulatedHost.NTLM_PASSWORD, command,
                recordArgs.toArray(String[]::new));
        assertEquals(expectedCode, recorded.exitCode(), recorded.out() + recorded.err());
        assertFalse(recorded.err().contains("recording failed"), recorded.err());
        Recordings.assertAbsent(dir, SECRETS_AND_NAMES);
        try (ReplayHost replay = ReplayHost.start(dir)) {
            List<String> replayArgs = new ArrayList<>(List.of("--endpoint", replay.endpoint()));
            replayArgs.addAll(Arrays.asList(vmArgs));
            Cli.Run replayed = run(replay.user(), replay.password(), command, replayArgs.toArray(String[]::new));
            Recordings.assertSameRun(recorded.exitCode(), recorded.out(), replayed.exitCode(), replayed.out(),
                    REDACTED_NAMES);
        }
        return dir;
    }

    private static Path hostDir(Path dir) {
        Path h = dir.resolve("192.0.2.1");
        assertTrue(Files.isDirectory(h.resolve("mappings")), "no host directory in " + Recordings.files(dir));
        return h;
    }

    @Test
    void aRevertWithAJobReplaysItsPollsInOrder() {
        Path dir = recordAndReplay("revert-failover", 0, "--vm", "app-vm-01");
        Path h = hostDir(dir);
        List<Path> polls = Recordings.files(h.resolve("mappings")).stream()
                .filter(p -> p.getFileName().toString().contains("-Get-Msvm_ConcreteJob")).toList();
        assertEquals(5, polls.size(), "app-vm-01's job is polled five times: " + polls);
        assertTrue(Recordings.read(polls.get(0)).contains("\"requiredScenarioState\": \"Started\""));
        String last = Recordings.read(polls.get(4));
        assertTrue(last.contains("\"requiredScenarioState\": \"answer-5\"") && !last.contains("newScenarioState"),
                "the last poll's answer repeats: " + last);
        String lastBody = Recordings.read(h.resolve("__files").resolve(polls.get(4).getFileName().toString()
                .replace(".json", ".xml")));
        assertTrue(lastBody.contains("<p:JobState>7</p:JobState>"), lastBody);
        assertTrue(lastBody.contains("<a:RelatesTo>{{xPath request.body"), "RelatesTo is templated: " + lastBody);
        assertFalse(Recordings.read(polls.get(0)).contains("MessageID"), "MessageIDs are never matched on");
        String manifest = Recordings.read(h.resolve("host.json"));
        assertTrue(manifest.contains("\"productVersion\": \"OS: "), manifest);
        assertTrue(manifest.contains("\"hvreplicaVersion\": \"" + io.hvreplica.transport.Version.VALUE + "\""), manifest);
        assertTrue(manifest.contains("\"--user\", \"HOST-1\\\\USER-1\""), manifest);
        assertTrue(manifest.contains("\"--endpoint\", \"http://192.0.2.1:"), manifest);
    }

    @Test
    void aReplayServesOneRunUntilItIsReset() {
        Path dir = recordAndReplay("revert-failover", 0, "--vm", "app-vm-01");
        try (ReplayHost replay = ReplayHost.start(dir)) {
            String[] args = {"revert-failover", "--endpoint", replay.endpoint(), "--user", replay.user(),
                    "--vm", "app-vm-01"};
            Cli.Run first = Cli.run(replay.password(), args);
            assertEquals(0, first.exitCode(), first.out() + first.err());
            assertTrue(first.out().contains(": Starting 0%") && first.out().contains(": Running 25%"), first.out());
            Cli.Run again = Cli.run(replay.password(), args);
            assertFalse(again.out().contains(": Starting 0%"), "the job's answers went on from where they were: "
                    + again.out());
            replay.reset();
            Cli.Run afterReset = Cli.run(replay.password(), args);
            assertEquals(first.out(), afterReset.out());
        }
    }

    @Test
    void aFailingJobReplaysAsFailing() {
        recordAndReplay("revert-failover", 1, "--vm", "db-vm-03");
    }

    @Test
    void aRefusalReplaysAsARefusal() {
        recordAndReplay("revert-failover", 1, "--vm", "app-vm-02");
    }

    @Test
    void aFaultKeepsItsHttpStatusAndReplaysAsTheSameFailure() {
        Path dir = recordAndReplay("revert-failover", 3, "--vm", "locked-vm-06");
        String fault = Recordings.files(hostDir(dir).resolve("mappings")).stream()
                .filter(p -> p.getFileName().toString().contains("RevertFailover")).map(Recordings::read)
                .findFirst().orElseThrow();
        assertTrue(fault.contains("\"status\": 500"), fault);
    }

    @Test
    void aStatusOfEveryVmReplays() {
        recordAndReplay("status", 0);
    }

    @Test
    void theWireLogStillShowsEverythingWhileRecording() {
        Path dir = tmp.resolve("rec");
        Cli.Run run = run(SimulatedHost.NTLM_USER, SimulatedHost.NTLM_PASSWORD, "recovery-points", "--endpoint",
                host.endpoint(), "--vm", "ready-vm-10", "-v", "--record", dir.toString());
        assertEquals(0, run.exitCode(), run.err());
        long requests = run.err().lines().filter(l -> l.startsWith("> POST ")).count();
        assertTrue(run.err().contains("wsmid:Identify"), "the manifest's Identify is in the wire log too");
        // Two handshake legs are logged, and never recorded.
        assertEquals(requests - 2, Recordings.files(hostDir(dir).resolve("mappings")).size(), run.err());
    }

    @Test
    void manyVmsReplayWithTheirOwnOutcomes() {
        Path dir = tmp.resolve("rec");
        String spec = "127.0.0.1:" + host.port();
        Cli.Run recorded = run(SimulatedHost.NTLM_USER, SimulatedHost.NTLM_PASSWORD, "revert-failover", "--host", spec,
                "--vm", "app-vm-0?", "--vm", "sync-vm-04", "--yes", "--record", dir.toString());
        assertEquals(1, recorded.exitCode(), recorded.out() + recorded.err());
        assertEquals(3, Recordings.comparable(recorded.out()).stream().filter(l -> l.contains("\"vm\":{")).count(),
                recorded.out());
        Recordings.assertAbsent(dir, SECRETS_AND_NAMES);
        try (ReplayHost replay = ReplayHost.start(dir)) {
            Cli.Run replayed = run(replay.user(), replay.password(), "revert-failover", "--host",
                    "127.0.0.1:" + replay.port(), "--vm", "app-vm-0?", "--vm", "sync-vm-04", "--yes");
            Recordings.assertSameRun(recorded.exitCode(), recorded.out(), replayed.exitCode(), replayed.out(),
                    REDACTED_NAMES);
        }
    }

    @Test
    void twoHostsAreRecordedApartAndReplayedOnTwoEndpoints() {
        try (SimulatedHost other = SimulatedHost.startNegotiate(0)) {
            // Wildcards: one exact name on two hosts would be ambiguous.
            Path dir = tmp.resolve("rec");
            Cli.Run recorded = run(SimulatedHost.NTLM_USER, SimulatedHost.NTLM_PASSWORD, "revert-failover",
                    "--host", "127.0.0.1:" + host.port(), "--host", "127.0.0.1:" + other.port(), "--vm", "app-vm-02*",
                    "--vm", "sync-vm-04*", "--yes", "--record", dir.toString());
            assertEquals(1, recorded.exitCode(), recorded.out() + recorded.err());
            assertEquals(4, Recordings.comparable(recorded.out()).size(), recorded.out());
            Recordings.assertAbsent(dir, SECRETS_AND_NAMES);
            try (ReplayHost replay = ReplayHost.start(dir)) {
                List<String> endpoints = List.copyOf(replay.endpoints().values());
                assertEquals(2, endpoints.size(), "one endpoint per recorded host: " + replay.endpoints());
                assertTrue(replay.endpoints().keySet().stream().allMatch(k -> k.startsWith("192.0.2.1_")),
                        "two hosts with one placeholder are told apart by their ports: " + replay.endpoints());
                List<String> args = new ArrayList<>();
                endpoints.forEach(e -> args.addAll(List.of("--host", java.net.URI.create(e).getAuthority())));
                args.addAll(List.of("--vm", "app-vm-02*", "--vm", "sync-vm-04*", "--yes"));
                Cli.Run replayed = run(replay.user(), replay.password(), "revert-failover", args.toArray(String[]::new));
                Recordings.assertSameRun(recorded.exitCode(), recorded.out(), replayed.exitCode(), replayed.out(),
                        REDACTED_NAMES);
            }
        }
    }

    @Test
    void aRecordingThatKeepsNamesStillReplays() {
        Path dir = tmp.resolve("rec");
        Cli.Run recorded = run(SimulatedHost.NTLM_USER, SimulatedHost.NTLM_PASSWORD, "revert-failover",
                "--endpoint", host.endpoint(), "--vm", "app-vm-01", "--record", dir.toString(), "--record-keep-names");
        assertEquals(0, recorded.exitCode(), recorded.out() + recorded.err());
        Path h = dir.resolve("127.0.0.1");
        String service = Recordings.files(h.resolve("mappings")).stream()
                .filter(p -> p.getFileName().toString().contains("RevertFailover")).map(Recordings::read)
                .findFirst().orElseThrow();
        assertTrue(service.contains("[@Name='SystemName'][.='" + SimulatedHost.HOST_NAME + "']"), service);
        Recordings.assertAbsent(dir, SimulatedHost.NTLM_PASSWORD, "Authorization", "TlRMTVNT");
        try (ReplayHost replay = ReplayHost.start(dir)) {
            Cli.Run replayed = run(replay.user(), replay.password(), "revert-failover", "--endpoint",
                    replay.endpoint(), "--vm", "app-vm-01");
            Recordings.assertSameRun(recorded.exitCode(), recorded.out(), replayed.exitCode(), replayed.out(),
                    "unused", "unused");
        }
    }

    @Test
    void aRequestTheRecordingHasNoAnswerForIsAFaultThatSaysSo() {
        Path dir = tmp.resolve("rec");
        run(SimulatedHost.NTLM_USER, SimulatedHost.NTLM_PASSWORD, "status", "--endpoint", host.endpoint(),
                "--vm", "app-vm-01", "--record", dir.toString());
        try (ReplayHost replay = ReplayHost.start(dir)) {
            Cli.Run other = run(replay.user(), replay.password(), "status", "--endpoint", replay.endpoint(),
                    "--vm", "sync-vm-04");
            assertEquals(1, other.exitCode(), other.out());
            assertTrue(other.out().contains("The recording has no answer for this request."), other.out());
        }
    }

    @Test
    void aDirectoryThatHoldsFilesIsRefusedBeforeAnythingIsSent() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("rec"));
        Files.writeString(dir.resolve("notes.txt"), "mine");
        Cli.Run run = run(SimulatedHost.NTLM_USER, SimulatedHost.NTLM_PASSWORD, "revert-failover",
                "--endpoint", host.endpoint(), "--vm", "app-vm-01", "--record", dir.toString());
        assertEquals(2, run.exitCode(), run.out());
        assertTrue(run.out().contains("already holds files"), run.out());
        assertEquals(List.of(dir.resolve("notes.txt")), Recordings.files(dir));
        assertEquals(0, host.server().getAllServeEvents().size(), "nothing was sent");
    }

    @Test
    void keepNamesWithoutRecordIsAUsageError() {
        Cli.Run run = run(SimulatedHost.NTLM_USER, SimulatedHost.NTLM_PASSWORD, "status", "--endpoint",
                host.endpoint(), "--record-keep-names");
        assertEquals(2, run.exitCode(), run.out());
        assertTrue(run.out().contains("--record-keep-names goes with --record DIR"), run.out());
    }
}
