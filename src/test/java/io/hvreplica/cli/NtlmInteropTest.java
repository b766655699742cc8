package io.hvreplica.cli;

import io.hvreplica.simulator.SimulatedHost;
import io.hvreplica.testing.SelfSignedCertificate;
import io.hvreplica.testing.WinrmPeer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * hvreplica end to end through an independent NTLM acceptor (gss-ntlmssp via python3-gssapi)
 * that does WinRM message encryption and forwards the decrypted SOAP to the simulated Hyper-V
 * host. Nothing on the acceptor side is our code.
 */
class NtlmInteropTest {
    private static final String USER = "HVLAB\\operator";
    private static final String PASSWORD = "Op3rator-pass!";

    @TempDir
    static Path dir;
    private static SimulatedHost backend;
    private static Map<String, String> env;

    @BeforeAll
    static void start() throws Exception {
        backend = SimulatedHost.start(0);
        Path users = dir.resolve("ntlm-users");
        Files.writeString(users, "HVLAB:operator:" + PASSWORD + "\n");
        env = Map.of("NTLM_USER_FILE", users.toString());
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @BeforeEach
    void resetHost() {
        // The host is stateful: a revert that succeeded in one test must not refuse the next one's.
        backend.resetJobs();
    }

    private static WinrmPeer peer(String... args) throws Exception {
        return WinrmPeer.start(backend.endpoint(), SimulatedHost.USER, SimulatedHost.PASSWORD, env, args);
    }

    @Test
    void revertsThroughOneEncryptedNtlmSessionWithOneHandshake() throws Exception {
        try (WinrmPeer peer = peer()) {
            Cli.Run run = Cli.run(PASSWORD, "revert-failover", "--endpoint", peer.endpoint(), "--user", USER,
                    "--vm", "app-vm-01", "--output", "json");
            assertEquals(0, run.exitCode(), run.err() + peer.log());
            assertTrue(run.out().contains("\"outcome\":\"completed\""), run.out());
            Map<String, Integer> stats = peer.stats();
            assertEquals(1, stats.get("connections"), stats.toString());
            assertEquals(1, stats.get("handshakes"), stats.toString());
            assertEquals(1, stats.get("completed_handshakes"), stats.toString());
            // Two legs (NEGOTIATE -> 401 CHALLENGE, AUTHENTICATE -> 200), and no 401 after that.
            assertEquals(1, stats.get("unauthorized"), stats.toString());
            int soapCalls = stats.get("requests") - 2;
            assertEquals(soapCalls, stats.get("encrypted_requests"), stats.toString());
            assertEquals(0, stats.get("failed_unwraps"), stats.toString());
            // VM look-up, service Enumerate + Pull, Invoke, five job polls, and the VM read again.
            assertEquals(10, soapCalls, stats.toString());
        }
    }

    @Test
    void faultsComeBackEncryptedAndAreParsed() throws Exception {
        try (WinrmPeer peer = peer()) {
            Cli.Run run = Cli.run(PASSWORD, "revert-failover", "--endpoint", peer.endpoint(), "--user", USER,
                    "--vm", "locked-vm-06", "--output", "json");
            assertEquals(3, run.exitCode(), run.err());
            assertTrue(run.out().contains("\"kind\":\"access-denied\""), run.out());
            assertTrue(run.out().contains("AccessDenied"), run.out());
        }
    }

    @Test
    void wrongPasswordIsAnAuthenticationFailure() throws Exception {
        try (WinrmPeer peer = peer()) {
            Cli.Run run = Cli.run("not-the-password", "revert-failover", "--endpoint", peer.endpoint(), "--user", USER,
                    "--vm", "app-vm-01");
            assertEquals(3, run.exitCode(), run.err());
            assertTrue(run.err().contains("rejected"), run.err());
            assertFalse(run.err().contains("\tat "), run.err());
        }
    }

    @Test
    void tamperedResponseIsRejectedClearly() throws Exception {
        try (WinrmPeer peer = peer("--tamper-responses")) {
            Cli.Run run = Cli.run(PASSWORD, "revert-failover", "--endpoint", peer.endpoint(), "--user", USER,
                    "--vm", "app-vm-01", "--output", "json");
            assertEquals(4, run.exitCode(), run.out() + run.err());
            assertTrue(run.out().contains("signature"), run.out());
            assertFalse(run.out().contains("\"outcome\":\"completed\""), run.out());
        }
    }

    @Test
    void httpsWithChannelBindingsIsAcceptedByAStrictHost() throws Exception {
        SelfSignedCertificate cert = SelfSignedCertificate.create(dir);
        try (WinrmPeer peer = peer("--tls-cert", cert.certificate().toString(), "--tls-key", cert.key().toString(),
                "--require-cbt")) {
            Cli.Run run = Cli.run(PASSWORD, "revert-failover", "--endpoint", peer.endpoint("localhost"),
                    "--ca-cert", cert.certificate().toString(), "--user", USER, "--vm", "app-vm-01");
            assertEquals(0, run.exitCode(), run.err() + peer.log());
            assertEquals(1, peer.stats().get("completed_handshakes"));
            assertEquals(0, peer.stats().get("encrypted_requests"), "encryption is off inside TLS by default");

            Cli.Run without = Cli.run(PASSWORD, "revert-failover", "--endpoint", peer.endpoint("localhost"),
                    "--ca-cert", cert.certificate().toString(), "--no-channel-binding", "--user", USER,
                    "--vm", "app-vm-01");
            assertEquals(3, without.exitCode(), without.err());
        }
    }

    @Test
    void httpsRefusesAnUntrustedCertificate() throws Exception {
        SelfSignedCertificate cert = SelfSignedCertificate.create(dir);
        try (WinrmPeer peer = peer("--tls-cert", cert.certificate().toString(), "--tls-key", cert.key().toString())) {
            Cli.Run run = Cli.run(PASSWORD, "revert-failover", "--endpoint", peer.endpoint("localhost"),
                    "--user", USER, "--vm", "app-vm-01");
            assertEquals(4, run.exitCode(), run.err());
            assertTrue(run.err().contains("--ca-cert"), run.err());
            assertEquals(0, peer.stats().get("requests"));
        }
    }

    @Test
    void idempotentRequestsSurviveADroppedConnectionWithANewHandshake() throws Exception {
        // Each connection carries four messages before the host drops it: the look-ups and the
        // Invoke on the first, four job polls on the second, the last poll on a third. Every
        // drop costs one new handshake and no message is lost or sent twice.
        try (WinrmPeer peer = peer("--drop-after", "4")) {
            Cli.Run run = Cli.run(PASSWORD, "revert-failover", "--endpoint", peer.endpoint(), "--user", USER,
                    "--vm", "app-vm-01", "--output", "json");
            assertEquals(0, run.exitCode(), run.out() + run.err() + peer.log());
            assertTrue(run.out().contains("\"outcome\":\"completed\""), run.out());
            Map<String, Integer> stats = peer.stats();
            assertEquals(3, stats.get("completed_handshakes"), stats.toString());
            assertEquals(3, stats.get("connections"), stats.toString());
            // Nine as before, and the VM read again after the revert.
            assertEquals(10, stats.get("encrypted_requests"), stats.toString());
        }
    }

    @Test
    void invokeOnADroppedConnectionIsReportedAsOutcomeUnknownAndNeverResent() throws Exception {
        // The host drops the connection after the three look-ups; the Invoke then goes out on a
        // dead connection.
        try (WinrmPeer peer = peer("--drop-after", "3")) {
            backend.server().resetRequests();
            Cli.Run run = Cli.run(PASSWORD, "revert-failover", "--endpoint", peer.endpoint(), "--user", USER,
                    "--vm", "app-vm-01", "--output", "json");
            assertEquals(4, run.exitCode(), run.out() + run.err());
            assertTrue(run.out().contains("\"kind\":\"outcome-unknown\""), run.out());
            assertTrue(run.out().contains("app-vm-01"), run.out());
            assertTrue(run.out().contains("Get-VMReplication"), run.out());
            long invokes = backend.server().getAllServeEvents().stream()
                    .filter(e -> e.getRequest().getBodyAsString().contains("RevertFailover_INPUT")).count();
            assertEquals(0, invokes, "the Invoke must not be re-sent on a new connection");
            // The second handshake is the fresh connection that reads the VM's state again.
            assertEquals(2, peer.stats().get("completed_handshakes"));
            assertTrue(run.out().contains("\"replicationStateAfter\":5"), run.out());
        }
    }

    @Test
    void aFailoverAndStartGoThroughOneEncryptedSessionOfTheIndependentPeer() throws Exception {
        try (WinrmPeer peer = peer()) {
            Cli.Run run = Cli.run(PASSWORD, "initiate-failover", "--endpoint", peer.endpoint(), "--user", USER,
                    "--vm", "ready-vm-10", "--start", "--output", "json");
            assertEquals(0, run.exitCode(), run.out() + run.err() + peer.log());
            assertTrue(run.out().contains("\"outcome\":\"completed\""), run.out());
            assertTrue(run.out().contains("\"replicationStateAfter\":5"), run.out());
            assertTrue(run.out().contains("\"operation\":\"start-vm\""), run.out());
            Map<String, Integer> stats = peer.stats();
            assertEquals(1, stats.get("completed_handshakes"), stats.toString());
            assertEquals(stats.get("requests") - 2, stats.get("encrypted_requests"), "every SOAP message sealed");
            assertEquals(0, stats.get("failed_unwraps"), stats.toString());
            long invokes = backend.server().getAllServeEvents().stream()
                    .filter(e -> e.getRequest().getBodyAsString().contains("InitiateFailover_INPUT")).count();
            assertEquals(1, invokes);
        }
    }

    @Test
    void aTamperedAnswerToTheInvokeIsOutcomeUnknownNotFailed() throws Exception {
        // The revert reached the host and ran; only its answer was altered on the way back.
        try (WinrmPeer peer = peer("--tamper-invokes")) {
            backend.server().resetRequests();
            Cli.Run run = Cli.run(PASSWORD, "revert-failover", "--endpoint", peer.endpoint(), "--user", USER,
                    "--vm", "app-vm-01", "--output", "json");
            assertEquals(4, run.exitCode(), run.out() + run.err() + peer.log());
            assertTrue(run.out().contains("\"kind\":\"outcome-unknown\""), run.out());
            assertTrue(run.out().contains("\"outcome\":\"outcome-unknown\""), run.out());
            assertTrue(run.out().contains("signature"), run.out());
            assertTrue(run.out().contains("may or may not have run"), run.out());
            assertTrue(run.out().contains("\"replicationStateAfter\":5"), run.out());
            long invokes = backend.server().getAllServeEvents().stream()
                    .filter(e -> e.getRequest().getBodyAsString().contains("RevertFailover_INPUT")).count();
            assertEquals(1, invokes, "the Invoke ran once and was not re-sent");
        }
    }
}
