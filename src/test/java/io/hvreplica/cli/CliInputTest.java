package io.hvreplica.cli;

import io.hvreplica.simulator.SimulatedHost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Odd and hostile command lines: one sentence, the documented exit code, nothing asked for in vain. */
class CliInputTest {
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

    private static void usage(Cli.Run run, String expected) {
        assertEquals(2, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().contains(expected), run.err());
        assertFalse(run.err().contains("Exception") || run.err().contains("\tat "), run.err());
    }

    @Test
    void hugeOrOverflowingTimeoutsAreUsageErrors() {
        usage(revert("--vm", "app-vm-01", "--timeout", "99999999999999999999"), "is not a duration");
        usage(revert("--vm", "app-vm-01", "--timeout", "999999999h"), "at most 7 days");
    }

    @Test
    void vmNamesThatCannotExistAreUsageErrors() {
        usage(revert("--vm", "a\u0001b"), "control characters");
        usage(revert("--vm", "x".repeat(101)), "at most 100 characters");
    }

    @Test
    void endpointAndHostAreChecked() {
        usage(Cli.run("pw", "revert-failover", "--endpoint", "http://u:secret@127.0.0.1:1/wsman", "--user", "u",
                "--vm", "x"), "must not carry a user or password");
        usage(Cli.run("pw", "revert-failover", "--endpoint", host.endpoint(), "--port", "1", "--user", "u",
                "--vm", "x"), "--port and --https go with --host");
        usage(Cli.run("pw", "revert-failover", "--host", "127.0.0.1/evil?", "--user", "u", "--vm", "x"),
                "must be a host name or an IP address");
        usage(revert("--vm", "x", "--insecure"), "apply to HTTPS only");
    }

    @Test
    void unsafeCombinationsAreRefusedBeforeAnyPasswordIsRead() {
        Cli.Run run = Cli.run(false, (file, user) -> {
            throw new AssertionError("the password must not be read");
        }, "revert-failover", "--endpoint", host.endpoint(), "--auth", "basic", "--user", "u", "--vm", "x");
        usage(run, "Basic authentication over HTTP");
    }

    @Test
    void httpsAgainstAPlainHttpPortSaysSo() throws Exception {
        // HTTP.sys answers a ClientHello with 400 at once; the JDK's HttpServer waits for a request
        // line that never comes, so it cannot stand in for a Windows port 5985 here.
        try (io.hvreplica.testing.PlainHttpPort plain = new io.hvreplica.testing.PlainHttpPort()) {
            Cli.Run run = Cli.run(SimulatedHost.NTLM_PASSWORD, "revert-failover", "--host", "127.0.0.1", "--port",
                    String.valueOf(plain.port()), "--https", "--user", SimulatedHost.NTLM_USER, "--vm", "app-vm-01");
            assertEquals(4, run.exitCode(), run.err());
            assertTrue(run.err().contains("answered in plain HTTP"), run.err());
            assertTrue(run.err().contains("drop --https"), "the command line adds its flag: " + run.err());
        }
    }

    @Test
    void aJobTheHostNoLongerHasIsGoneNotRunning() {
        Cli.Run run = revert("--vm", "stale-vm-07", "--output", "json");
        assertEquals(4, run.exitCode(), run.out());
        assertTrue(run.out().contains("\"outcome\":\"job-gone\""), run.out());
        assertTrue(run.out().contains("\"instanceId\":\"71E5A3C9-2F8B-4D16-8C4A-E0B7D2F9A167\""), run.out());
        assertTrue(run.out().contains("\"returnValue\":4096"), run.out());
        assertTrue(run.out().contains("no longer has job 71E5A3C9-2F8B-4D16-8C4A-E0B7D2F9A167"), run.out());
        assertTrue(run.out().contains("\"replicationStateAfter\":5"), run.out());
        assertFalse(run.out().contains("goes on on the host"), run.out());
    }

    @Test
    void simulateOnABusyPortIsOneSentence() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Cli.Run run = Cli.run("pw", "simulate", "--port", Integer.toString(busy.getLocalPort()));
            assertEquals(4, run.exitCode(), run.err());
            assertTrue(run.err().contains("Address already in use"), run.err());
            assertFalse(run.err().contains("\tat "), run.err());
        }
    }
}
