package io.hvreplica.cli;

import io.hvreplica.auth.kerberos.KerberosAuthenticator;
import io.hvreplica.simulator.SimulatedHost;
import io.hvreplica.testing.MiniJson;
import io.hvreplica.testing.MitKdc;
import io.hvreplica.testing.Resources;
import io.hvreplica.testing.WinrmPeer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `hvreplica revert-failover` with Kerberos, end to end: a throwaway MIT realm on 127.0.0.1, the
 * MIT GSSAPI acceptor in the independent peer (Windows wrap layout, message encryption), and the
 * simulated Hyper-V host behind it. The realm and KDC come from --realm/--kdc, so nothing depends
 * on the machine's krb5.conf.
 */
class KerberosCliTest {
    private static MitKdc kdc;
    private static SimulatedHost backend;
    private static WinrmPeer peer;

    @BeforeAll
    static void start() throws Exception {
        kdc = MitKdc.start();
        backend = SimulatedHost.start(0);
        Map<String, String> env = new HashMap<>(kdc.env());
        // No NTLM users: if hvreplica fell back to NTLM here, the peer would refuse it.
        env.put("NTLM_USER_FILE", kdc.file("no-ntlm-users").toString());
        java.nio.file.Files.writeString(kdc.file("no-ntlm-users"), "");
        peer = WinrmPeer.start(backend.endpoint(), SimulatedHost.USER, SimulatedHost.PASSWORD, env,
                "--schemes", "Negotiate,Kerberos");
    }

    @AfterAll
    static void stop() throws Exception {
        Resources.closeAll(peer, backend, kdc);
    }

    @BeforeEach
    void resetCounters() throws Exception {
        peer.resetStats();
        // The host is stateful: a revert that succeeded in one test must not refuse the next one's.
        backend.resetJobs();
    }

    private static String[] revert(String... extra) {
        String[] base = {"revert-failover", "--endpoint", peer.endpoint("localhost"), "--realm", MitKdc.REALM,
                "--kdc", "127.0.0.1:" + kdc.port(), "--vm", "app-vm-01", "--output", "json", "-v"};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return all;
    }

    @Test
    void negotiatePrefersKerberosWithAPasswordAndARealm() throws Exception {
        Cli.Run run = Cli.run(MitKdc.PASSWORD, revert("--user", kdc.userPrincipal()));
        assertEquals(0, run.exitCode(), run.out() + run.err() + peer.log());
        assertTrue(run.out().contains("\"outcome\":\"completed\""), run.out());
        // SPNEGO with Kerberos completes in one leg (the AP-REP comes back on the 200); NTLM takes two.
        assertTrue(run.err().contains("Negotiate session established in 1 round trip"), run.err());
        Map<String, Integer> stats = peer.stats();
        assertEquals(1, stats.get("completed_handshakes"), stats.toString());
        assertEquals(0, stats.get("unauthorized"), stats.toString());
        assertEquals(stats.get("requests") - 1, stats.get("encrypted_requests"), stats.toString());
        assertFalse(run.err().contains(MitKdc.PASSWORD), "the password must never be logged");
    }

    @Test
    void kerberosSchemeWithAKeytab() throws Exception {
        Cli.Run run = Cli.run("unused", revert("--auth", "kerberos", "--keytab", kdc.userKeytab().toString(),
                "--user", kdc.userPrincipal()));
        assertEquals(0, run.exitCode(), run.out() + run.err() + peer.log());
        assertTrue(run.err().contains("Kerberos session established in 1 round trip"), run.err());
        assertTrue(run.err().contains("HTTP-Kerberos-session-encrypted"), run.err());
        assertEquals(1, peer.stats().get("completed_handshakes"));
    }

    @Test
    void negotiateWithATicketCacheNeedsNoPassword() throws Exception {
        Cli.Run run = Cli.run("unused", revert("--ccache", kdc.kinit("cli-cache", "1h").toString()));
        assertEquals(0, run.exitCode(), run.out() + run.err() + peer.log());
        assertEquals(1, peer.stats().get("completed_handshakes"));
    }

    /** revert-failover against the peer at {@code host}, with no --user and no password configured. */
    private static Cli.Run noPassword(String krb5ccname, String host, String... extra) {
        String[] base = {"revert-failover", "--endpoint", peer.endpoint(host), "--realm", MitKdc.REALM,
                "--kdc", "127.0.0.1:" + kdc.port(), "--vm", "app-vm-01", "--output", "json"};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return Cli.withTicketCache(krb5ccname, all);
    }

    private static void authenticationFailure(Cli.Run run, String message) {
        assertEquals(3, run.exitCode(), run.out() + run.err());
        Map<String, Object> json = MiniJson.object(run.out().strip());
        assertEquals("authentication", MiniJson.path(json, "error.kind"), run.out());
        assertEquals(message, MiniJson.path(json, "error.message"));
        assertFalse(run.out().contains("\tat ") || run.err().contains("\tat "), run.err());
    }

    @Test
    void anAddressWithAnExplicitSpnUsesTheTicketCache() throws Exception {
        String cache = "FILE:" + kdc.kinit("ip-cache", "1h");
        for (String scheme : new String[]{"negotiate", "kerberos"}) {
            peer.resetStats();
            // The first revert moved app-vm-01 on; put the simulated host back for the second.
            backend.resetJobs();
            Cli.Run run = noPassword(cache, "127.0.0.1", "--auth", scheme, "--spn", MitKdc.SERVICE);
            assertEquals(0, run.exitCode(), scheme + ": " + run.out() + run.err() + peer.log());
            assertTrue(run.out().contains("\"outcome\":\"completed\""), run.out());
            assertEquals(1, peer.stats().get("completed_handshakes"), scheme);
        }
    }

    @Test
    void aPasswordInTheEnvironmentWithoutUserStillUsesTheTicket() {
        String cache = "FILE:" + kdc.kinit("env-password", "1h");
        String[] args = {"revert-failover", "--endpoint", peer.endpoint("localhost"), "--realm", MitKdc.REALM,
                "--kdc", "127.0.0.1:" + kdc.port(), "--vm", "app-vm-01", "--output", "json", "--auth", "kerberos"};
        // HVREPLICA_PASSWORD set (configured), no --user: the ticket is the only credential there is.
        Cli.Run run = Cli.run(cache, true, (f, u) -> "unused".toCharArray(), args);
        assertEquals(0, run.exitCode(), run.out() + run.err());

        Cli.Run none = Cli.run(Cli.NO_TICKET_CACHE, true, (f, u) -> "unused".toCharArray(), args);
        assertEquals(2, none.exitCode(), none.out());
        assertTrue(none.out().contains("a password is configured but no --user: give --user for it, or run kinit"),
                none.out());
    }

    @Test
    void anAddressWithoutAnSpnSaysWhatToDo() {
        String cache = "FILE:" + kdc.kinit("ip-no-spn", "1h");
        authenticationFailure(noPassword(cache, "127.0.0.1"), "Kerberos needs the host's DNS name, not the address"
                + " 127.0.0.1; give the DNS name, or pass --spn with the SPN registered for this address, or give"
                + " --user with a password (HVREPLICA_PASSWORD or --password-file) to use NTLM");
        authenticationFailure(noPassword(cache, "127.0.0.1", "--auth", "kerberos"), "Kerberos needs the host's DNS"
                + " name, not the address 127.0.0.1; give the DNS name, or pass --spn with the SPN registered for"
                + " this address");
    }

    @Test
    void noTicketAndNoPasswordIsAnAuthenticationFailure() {
        String missing = kdc.file("never-kinit").toString();
        for (String scheme : new String[]{"kerberos", "negotiate"}) {
            authenticationFailure(noPassword("FILE:" + missing, "localhost", "--auth", scheme),
                    "no Kerberos ticket to use (no Kerberos ticket cache at " + missing + "); run kinit, or give"
                            + " --user with a password (HVREPLICA_PASSWORD or --password-file)");
        }
    }

    @Test
    void anExpiredTicketIsAnAuthenticationFailure() {
        try (MitKdc past = MitKdc.startWithClockOffset(java.time.Duration.ofHours(-2))) {
            String ended = past.kinit("ended", "1h").toString();
            authenticationFailure(noPassword("FILE:" + ended, "localhost", "--auth", "kerberos"),
                    "no Kerberos ticket to use (the Kerberos ticket in " + ended + " has expired or is missing);"
                            + " run kinit, or give --user with a password (HVREPLICA_PASSWORD or --password-file)");
        }
    }

    @Test
    void cachesJavaCannotReadAreNamedWithTheFix() {
        String file = KerberosAuthenticator.defaultTicketCacheFile().toString();
        String fix = "; run kinit -c FILE:" + file + " and then set KRB5CCNAME=FILE:" + file + " or pass --ccache "
                + file + ", or give --keytab FILE with --user, or --user with a password (HVREPLICA_PASSWORD or"
                + " --password-file)";
        for (String name : new String[]{"KCM:", "KEYRING:persistent:1000"}) {
            for (String scheme : new String[]{"kerberos", "negotiate"}) {
                authenticationFailure(noPassword(name, "localhost", "--auth", scheme),
                        "Java can read only file ticket caches, not " + name + " (from KRB5CCNAME)" + fix);
            }
        }
        authenticationFailure(noPassword(Cli.NO_TICKET_CACHE, "localhost", "--ccache", "KCM:"),
                "Java can read only file ticket caches, not KCM: (from --ccache)" + fix);
    }

    @Test
    void aDirCollectionIsReadLikeAFileCache() throws Exception {
        java.nio.file.Path dir = kdc.file("dir-collection");
        java.nio.file.Files.createDirectories(dir);
        kdc.kinitInto("DIR:" + dir, "1h");
        Cli.Run run = noPassword("DIR:" + dir, "localhost", "--auth", "kerberos");
        assertEquals(0, run.exitCode(), run.out() + run.err() + peer.log());
        assertEquals(1, peer.stats().get("completed_handshakes"));
    }

    @Test
    void kerberosSettingsAreNamedByTheirOptions() {
        Cli.Run noRealm = Cli.run(MitKdc.PASSWORD, "revert-failover", "--endpoint", peer.endpoint("localhost"),
                "--auth", "kerberos", "--user", "OTHER\\hvuser", "--vm", "app-vm-01", "--output", "json");
        authenticationFailure(noRealm, "no Kerberos realm is known for OTHER\\hvuser; write the user as user@REALM"
                + " or give the realm with --realm");
        Cli.Run unknownSpn = Cli.run(MitKdc.PASSWORD, revert("--auth", "kerberos", "--user", kdc.userPrincipal(),
                "--spn", "HTTP/hv99.hv.test"));
        authenticationFailure(unknownSpn, "the KDC does not know the service principal HTTP/hv99.hv.test@HV.TEST;"
                + " give the host's DNS name (not an IP address or alias) or the host's SPN with --spn");
    }

    @Test
    void wrongPasswordIsExit3WithOneSentence() {
        Cli.Run run = Cli.run("not-the-password", revert("--auth", "kerberos", "--user", kdc.userPrincipal()));
        assertEquals(3, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("refused the password"), run.out());
        assertFalse(run.out().contains("\tat ") || run.err().contains("\tat "), run.err());
    }

    @Test
    void unreachableKdcIsExit4() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Cli.Run run = Cli.run(MitKdc.PASSWORD, "revert-failover", "--endpoint", peer.endpoint("localhost"),
                "--auth", "kerberos", "--realm", MitKdc.REALM, "--kdc", "127.0.0.1:" + closed,
                "--user", kdc.userPrincipal(), "--vm", "app-vm-01", "--output", "json");
        assertEquals(4, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("KDC"), run.out());
    }

    @Test
    void tamperedResponseIsRejected() throws Exception {
        Map<String, String> env = new HashMap<>(kdc.env());
        env.put("NTLM_USER_FILE", kdc.file("no-ntlm-users").toString());
        try (WinrmPeer tampering = WinrmPeer.start(backend.endpoint(), SimulatedHost.USER, SimulatedHost.PASSWORD, env,
                "--schemes", "Negotiate,Kerberos", "--tamper-responses")) {
            Cli.Run run = Cli.run(MitKdc.PASSWORD, "revert-failover", "--endpoint", tampering.endpoint("localhost"),
                    "--realm", MitKdc.REALM, "--kdc", "127.0.0.1:" + kdc.port(), "--user", kdc.userPrincipal(),
                    "--vm", "app-vm-01", "--output", "json");
            assertEquals(4, run.exitCode(), run.out() + run.err());
            assertTrue(run.out().contains("\"kind\":\"integrity\""), run.out());
        }
    }
}
