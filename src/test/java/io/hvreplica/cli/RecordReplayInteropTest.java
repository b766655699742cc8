package io.hvreplica.cli;

import io.hvreplica.simulator.ReplayHost;
import io.hvreplica.simulator.SimulatedHost;
import io.hvreplica.testing.Recordings;
import io.hvreplica.testing.WinrmPeer;
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
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * --record through the independent NTLM peer (gss-ntlmssp via python3-gssapi, with WinRM message
 * encryption, in front of the simulated host): what is recorded is what our client unsealed from
 * a peer that is not our code. Each recording is then replayed behind our own Negotiate front and
 * must give the same JSON and exit code, with no secret or name of the recorded side in its files.
 */
class RecordReplayInteropTest {
    private static final String USER = "HVLAB\\operator";
    private static final String PASSWORD = "Op3rator-pass!";
    /** A user whose password happens to be a word every recording holds (the check is case-insensitive). */
    private static final String UNLUCKY_USER = "HVLAB\\svc-hyperv";
    private static final String UNLUCKY_PASSWORD = "msvm_replicationservice";
    private static final String[] FORBIDDEN = {PASSWORD, "operator", "HVLAB", SimulatedHost.HOST_NAME, "127.0.0.1",
            "Authorization", "Negotiate", "TlRMTVNT"};

    @TempDir
    static Path users;
    @TempDir
    Path tmp;
    private static SimulatedHost backend;
    private static WinrmPeer peer;

    @BeforeAll
    static void start() throws Exception {
        backend = SimulatedHost.start(0);
        Path file = users.resolve("ntlm-users");
        Files.writeString(file, "HVLAB:operator:" + PASSWORD + "\nHVLAB:svc-hyperv:" + UNLUCKY_PASSWORD + "\n");
        peer = WinrmPeer.start(backend.endpoint(), SimulatedHost.USER, SimulatedHost.PASSWORD,
                Map.of("NTLM_USER_FILE", file.toString()));
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            peer.close();
        } finally {
            backend.close();
        }
    }

    @BeforeEach
    void reset() {
        backend.reset();
    }

    private static Cli.Run run(String user, String password, String command, List<String> extra) {
        List<String> args = new ArrayList<>(List.of(command, "--user", user, "--output", "json"));
        args.addAll(extra);
        Cli.Run run = Cli.run(password, args.toArray(String[]::new));
        assertFalse((run.out() + run.err()).contains("\tat "), run.out() + run.err());
        return run;
    }

    /**
     * Records through the peer and replays.
     *
     * @param hostArgs the connection options for the peer; {@code %s} stands for the port
     */
    private void recordAndReplay(String command, int expectedCode, List<String> hostArgs, String... vmArgs)
            throws Exception {
        Path dir = tmp.resolve("rec");
        List<String> rec = new ArrayList<>();
        hostArgs.forEach(a -> rec.add(String.format(a, peer.port())));
        rec.addAll(Arrays.asList(vmArgs));
        rec.addAll(List.of("--record", dir.toString()));
        Cli.Run recorded = run(USER, PASSWORD, command, rec);
        assertEquals(expectedCode, recorded.exitCode(), recorded.out() + recorded.err() + peer.log());
        assertFalse(recorded.err().contains("recording failed"), recorded.err());
        Recordings.assertAbsent(dir, FORBIDDEN);
        try (ReplayHost replay = ReplayHost.start(dir)) {
            List<String> again = new ArrayList<>();
            hostArgs.forEach(a -> again.add(String.format(a, replay.port())));
            again.addAll(Arrays.asList(vmArgs));
            Cli.Run replayed = run(replay.user(), replay.password(), command, again);
            Recordings.assertSameRun(recorded.exitCode(), recorded.out(), replayed.exitCode(), replayed.out(),
                    SimulatedHost.HOST_NAME, "HOST-1");
        }
    }

    private static final List<String> ENDPOINT = List.of("--endpoint", "http://127.0.0.1:%s/wsman");

    @Test
    void aRevertWithAJob() throws Exception {
        recordAndReplay("revert-failover", 0, ENDPOINT, "--vm", "app-vm-01");
    }

    @Test
    void aFailingJob() throws Exception {
        recordAndReplay("revert-failover", 1, ENDPOINT, "--vm", "db-vm-03");
    }

    @Test
    void aRefusal() throws Exception {
        recordAndReplay("revert-failover", 1, ENDPOINT, "--vm", "app-vm-02");
    }

    @Test
    void anAccessDeniedFault() throws Exception {
        recordAndReplay("revert-failover", 3, ENDPOINT, "--vm", "locked-vm-06");
    }

    @Test
    void manyVms() throws Exception {
        recordAndReplay("revert-failover", 1, List.of("--host", "127.0.0.1:%s"), "--vm", "app-vm-0?",
                "--vm", "sync-vm-04", "--yes");
    }

    @Test
    void aRecordingThatWouldHoldThePasswordIsDeletedAndTheRunFails() throws Exception {
        Path dir = tmp.resolve("rec");
        Cli.Run run = run(UNLUCKY_USER, UNLUCKY_PASSWORD, "revert-failover", List.of("--endpoint", peer.endpoint(),
                "--vm", "sync-vm-04", "--record", dir.toString()));
        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("\"outcome\":\"completed\""), "the command itself ran: " + run.out());
        List<String> lines = run.err().lines().filter(l -> l.contains("recording")).toList();
        assertEquals(1, lines.size(), run.err());
        assertTrue(lines.get(0).startsWith("hvreplica: the recording failed: the recording in " + dir
                + " was deleted, because ") && lines.get(0).endsWith(" still held the password."), lines.get(0));
        assertFalse(run.err().contains(UNLUCKY_PASSWORD), "the message does not repeat the password");
        assertFalse(Files.exists(dir), "the recording is gone");
    }
}
