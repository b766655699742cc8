package io.hvreplica.auth.kerberos;

import io.hvreplica.auth.Credentials;
import io.hvreplica.testing.MitKdc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The "prefer Kerberos for --auth negotiate" rule, and the ccache reader behind it, on MIT-made files. */
class CredentialCheckTest {
    private static MitKdc kdc;

    @BeforeAll
    static void start() {
        kdc = MitKdc.start();
    }

    @AfterAll
    static void stop() {
        if (kdc != null) {
            kdc.close();
        }
    }

    private static boolean password(String user) {
        return KerberosAuthenticator.hasCredentialsAtHand("hv01.hv.test",
                KerberosAuthenticator.withPassword(Credentials.of(user, "pw".toCharArray())).krb5Config(kdc.krb5Conf()));
    }

    @Test
    void passwordNeedsARealm() {
        assertTrue(password("hvuser@hv.test"), "UPN");
        assertTrue(password("HV.TEST\\hvuser"), "DNS domain");
        assertTrue(password("hvuser"), "bare user, krb5.conf default realm");
        assertTrue(password("HV\\hvuser"), "NetBIOS name of the default realm");
        assertFalse(password("OTHER\\hvuser"), "NetBIOS domain that is not the default realm: NTLM");
        KerberosAuthenticator.Builder noConfig = KerberosAuthenticator.withPassword(
                Credentials.of("hvuser", "pw".toCharArray())).krb5Config(kdc.file("absent.conf"));
        assertFalse(KerberosAuthenticator.hasCredentialsAtHand("hv01", noConfig));
        assertTrue(KerberosAuthenticator.hasCredentialsAtHand("hv01", noConfig.realm("HV.TEST")));
    }

    @Test
    void ipAddressesGoToNtlm() {
        KerberosAuthenticator.Builder b = KerberosAuthenticator.withKeytab(kdc.userKeytab(), kdc.userPrincipal());
        assertTrue(KerberosAuthenticator.hasCredentialsAtHand("hv01.hv.test", b));
        for (String ip : new String[]{"192.0.2.10", "[2001:db8::1]", "2001:db8::1"}) {
            CredentialCheck c = KerberosAuthenticator.checkCredentials(ip, b);
            assertFalse(c.usable(), ip);
            assertEquals("Kerberos needs the host's DNS name, not an IP address", c.reason());
        }
    }

    @Test
    void keytabMustBeReadable() {
        assertFalse(KerberosAuthenticator.hasCredentialsAtHand("hv01",
                KerberosAuthenticator.withKeytab(kdc.file("none.keytab"), kdc.userPrincipal())));
    }

    @Test
    void ticketCacheNeedsALiveTgt() throws Exception {
        Path fresh = kdc.kinit("fresh", "1h");
        CredentialCheck ok = KerberosAuthenticator.checkCredentials("hv01", KerberosAuthenticator.withTicketCache(fresh));
        assertTrue(ok.usable(), ok.reason());
        assertEquals("ticket cache " + fresh + " for hvuser@HV.TEST", ok.reason());

        Path stale = kdc.kinit("stale", "1s");
        Thread.sleep(1100);
        assertFalse(KerberosAuthenticator.hasCredentialsAtHand("hv01", KerberosAuthenticator.withTicketCache(stale)));
        assertFalse(KerberosAuthenticator.hasCredentialsAtHand("hv01",
                KerberosAuthenticator.withTicketCache(kdc.file("no-such-cache"))));
    }

    @Test
    void readsPrincipalAndTgtEndFromAnMitCache() throws Exception {
        CredentialCache.Contents c = CredentialCache.read(kdc.kinit("read", "2h"));
        assertEquals("hvuser@HV.TEST", c.principal());
        Duration left = Duration.between(Instant.now(), c.tgtEnd());
        assertTrue(left.compareTo(Duration.ofMinutes(110)) > 0 && left.compareTo(Duration.ofMinutes(121)) < 0, left.toString());
        assertNull(CredentialCache.read(kdc.file("absent")));
    }

    @Test
    void cacheNames() {
        assertEquals(Path.of("/tmp/x"), CredentialCache.path("FILE:/tmp/x"));
        assertEquals(Path.of("/tmp/x"), CredentialCache.path("/tmp/x"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CredentialCache.path("KEYRING:persistent:0"));
        assertTrue(e.getMessage().contains("KEYRING, which Java cannot read; use a FILE: cache"), e.getMessage());
    }

    @Test
    void servicePrincipalIsTheHostAsGivenInTheUsersRealm() {
        KerberosAuthenticator auth = KerberosAuthenticator.withPassword(
                Credentials.of(MitKdc.USER, MitKdc.PASSWORD.toCharArray())).krb5Config(kdc.krb5Conf()).build();
        assertEquals("HTTP/HV01.Corp.Example@HV.TEST", auth.servicePrincipal("HV01.Corp.Example"));
        assertEquals("negotiate", auth.name());
        assertTrue(auth.connectionBound());
        KerberosAuthenticator raw = KerberosAuthenticator.withPassword(
                        Credentials.of(MitKdc.USER, MitKdc.PASSWORD.toCharArray()))
                .mechanism(KerberosMechanism.KERBEROS).spn("WSMAN/hv01").krb5Config(kdc.krb5Conf()).build();
        assertEquals("WSMAN/hv01@HV.TEST", raw.servicePrincipal("ignored"));
        assertEquals("kerberos", raw.name());
        assertEquals("Kerberos", raw.newContext("ignored", null).scheme());
        assertThrows(IllegalArgumentException.class,
                () -> KerberosAuthenticator.withTicketCache().kdc("kdc.example").build());
    }
}
