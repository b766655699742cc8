package io.hvreplica.auth.kerberos;

import io.hvreplica.HvReplicaException;
import io.hvreplica.auth.AuthenticationException;
import io.hvreplica.auth.Credentials;
import io.hvreplica.testing.WinrmPeer;
import io.hvreplica.testing.MitKdc;
import io.hvreplica.testing.Resources;
import io.hvreplica.testing.SoapEchoBackend;
import io.hvreplica.transport.HttpTransport;
import io.hvreplica.transport.TransportException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each failure an administrator can cause, produced for real (MIT KDC, MIT acceptor), and the one
 * sentence that comes back. AuthenticationException maps to exit code 3, a connection
 * TransportException to 4.
 */
class KerberosFailureTest {
    private static MitKdc kdc;
    private static SoapEchoBackend backend;
    private static WinrmPeer peer;

    @BeforeAll
    static void start() throws Exception {
        kdc = MitKdc.start();
        backend = SoapEchoBackend.start();
        peer = WinrmPeer.start(backend.url(), "unused", "unused", kdc.env(), "--schemes", "Negotiate,Kerberos");
    }

    @AfterAll
    static void stop() throws Exception {
        Resources.closeAll(peer, backend, kdc);
    }

    private static <T extends HvReplicaException> T failure(Class<T> type, KerberosAuthenticator.Builder b) throws Exception {
        try (HttpTransport t = HttpTransport.builder(URI.create(peer.endpoint("localhost")), b.build()).build()) {
            return assertThrows(type, () -> t.send(KerberosInteropTest.soap("fail", 1), true));
        }
    }

    private static KerberosAuthenticator.Builder password(String user, String password) {
        return KerberosAuthenticator.withPassword(Credentials.of(user, password.toCharArray())).krb5Config(kdc.krb5Conf());
    }

    private static void says(HvReplicaException e, String expected) {
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(e.getMessage().matches(".*(^|\\s|\\()--[a-z].*"), "the library names no CLI option: " + e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one sentence: " + e.getMessage());
    }

    @Test
    void wrongPassword() throws Exception {
        AuthenticationException e = failure(AuthenticationException.class, password(MitKdc.USER, "wrong"));
        says(e, "the KDC refused the password for hvuser@HV.TEST; check the password and the user name");
    }

    @Test
    void unknownUser() throws Exception {
        AuthenticationException e = failure(AuthenticationException.class, password("nobody", "x"));
        says(e, "the KDC does not know the user nobody@HV.TEST");
    }

    @Test
    void unknownServicePrincipal() throws Exception {
        KerberosSettingException e = failure(KerberosSettingException.class,
                password(MitKdc.USER, MitKdc.PASSWORD).spn("HTTP/hv99.hv.test"));
        says(e, "the KDC does not know the service principal HTTP/hv99.hv.test@HV.TEST; give the host's DNS name"
                + " (not an IP address or alias) or the host's SPN");
        assertEquals(KerberosSettingException.Setting.SPN, e.setting());
    }

    @Test
    void kdcUnreachable() throws Exception {
        MitKdc down = MitKdc.start();
        Path conf = down.krb5Conf();
        down.kill();
        TransportException e = failure(TransportException.class,
                KerberosAuthenticator.withPassword(Credentials.of(MitKdc.USER, MitKdc.PASSWORD.toCharArray()))
                        .krb5Config(conf));
        assertEquals("connection", e.kind().label());
        says(e, "cannot reach a Kerberos KDC for realm HV.TEST (");
        says(e, "check the KDC address (in krb5.conf, or the one given) and that its port (88 unless given) is reachable");
        down.close();
    }

    @Test
    void noRealmForANetbiosDomain() throws Exception {
        KerberosSettingException e = failure(KerberosSettingException.class, password("OTHER\\hvuser", "x"));
        says(e, "no Kerberos realm is known for OTHER\\hvuser; write the user as user@REALM or give the realm");
        assertEquals(KerberosSettingException.Setting.REALM, e.setting());
    }

    @Test
    void expiredTicketCache() throws Exception {
        // A realm two hours in the past issues a one-hour ticket that ended an hour ago.
        try (MitKdc past = MitKdc.startWithClockOffset(Duration.ofHours(-2))) {
            Path cache = past.kinit("ended", "1h");
            AuthenticationException e = failure(AuthenticationException.class,
                    KerberosAuthenticator.withTicketCache(cache).krb5Config(past.krb5Conf()));
            says(e, "the Kerberos ticket of hvuser@HV.TEST in " + cache + " expired at ");
            says(e, "; run kinit again");
        }
    }

    @Test
    void noTicketCache() throws Exception {
        Path cache = kdc.file("never-created");
        AuthenticationException e = failure(AuthenticationException.class,
                KerberosAuthenticator.withTicketCache(cache).krb5Config(kdc.krb5Conf()));
        says(e, "there is no Kerberos ticket cache at " + cache + "; run kinit first, or give a password or a keytab");
    }

    @Test
    void cacheTypeJavaCannotRead() throws Exception {
        AuthenticationException e = failure(AuthenticationException.class,
                KerberosAuthenticator.withTicketCacheNamed("KCM:").krb5Config(kdc.krb5Conf()));
        says(e, "the credential cache KCM: is of type KCM, which Java cannot read");
    }

    @Test
    void unreadableKeytab() throws Exception {
        AuthenticationException e = failure(AuthenticationException.class,
                KerberosAuthenticator.withKeytab(kdc.file("missing.keytab"), kdc.userPrincipal()).krb5Config(kdc.krb5Conf()));
        says(e, "missing.keytab does not exist or cannot be read");
    }

    @Test
    void staleKeytab() throws Exception {
        kdc.kadmin("addprinc +requires_preauth -pw First123 rotated");
        Path keytab = kdc.file("rotated.keytab");
        kdc.kadmin("ktadd -k " + keytab + " -norandkey rotated");
        kdc.kadmin("cpw -pw Second123 rotated");
        assertTrue(Files.exists(keytab));
        AuthenticationException e = failure(AuthenticationException.class,
                KerberosAuthenticator.withKeytab(keytab, "rotated@" + MitKdc.REALM).krb5Config(kdc.krb5Conf()));
        says(e, "holds no current key for rotated@HV.TEST");
    }

    @Test
    void lockedAccount() throws Exception {
        kdc.kadmin("addprinc +requires_preauth -allow_tix -pw Locked123 locked");
        AuthenticationException e = failure(AuthenticationException.class, password("locked", "Locked123"));
        says(e, "the account locked@HV.TEST is disabled or locked out");
    }

    @Test
    void clockSkew() throws Exception {
        assertTrue(Files.exists(MitKdc.FAKETIME), "needs libfaketime (apt-get install faketime; .ci/run does)");
        try (MitKdc ahead = MitKdc.startWithClockOffset(Duration.ofMinutes(20))) {
            AuthenticationException e = failure(AuthenticationException.class,
                    KerberosAuthenticator.withPassword(Credentials.of(MitKdc.USER, MitKdc.PASSWORD.toCharArray()))
                            .krb5Config(ahead.krb5Conf()));
            says(e, "the clocks of this machine and the KDC differ by more than Kerberos allows");
        }
    }
}
