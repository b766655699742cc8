package io.hvreplica.auth.kerberos;

import io.hvreplica.auth.Credentials;
import io.hvreplica.testing.MitKdc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

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
            assertEquals(CredentialCheck.Problem.HOST_ADDRESS, c.problem());
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
        assertEquals(CredentialCheck.Problem.NONE, ok.problem());
        assertEquals("ticket cache " + fresh + " for hvuser@HV.TEST", ok.reason());

        // A realm two hours in the past issues a one-hour ticket that ended an hour ago.
        try (MitKdc past = MitKdc.startWithClockOffset(Duration.ofHours(-2))) {
            Path stale = past.kinit("stale", "1h");
            CredentialCheck expired = KerberosAuthenticator.checkCredentials("hv01",
                    KerberosAuthenticator.withTicketCache(stale));
            assertFalse(expired.usable());
            assertEquals(CredentialCheck.Problem.NO_TICKET, expired.problem());
            assertEquals("the Kerberos ticket in " + stale + " has expired or is missing", expired.reason());
        }
        CredentialCheck none = KerberosAuthenticator.checkCredentials("hv01",
                KerberosAuthenticator.withTicketCache(kdc.file("no-such-cache")));
        assertFalse(none.usable());
        assertEquals(CredentialCheck.Problem.NO_TICKET, none.problem());
    }

    @Test
    void readsPrincipalAndTgtEndFromAnMitCache() throws Exception {
        // kinit asks for "now + 2h" at some instant between these two.
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Path cache = kdc.kinit("read", "2h");
        Instant after = Instant.now();
        CredentialCache.Contents c = CredentialCache.read(cache);
        assertEquals("hvuser@HV.TEST", c.principal());
        Instant end = c.tgtEnd();
        assertFalse(end.isBefore(before.plus(Duration.ofHours(2))), end + " vs " + before);
        assertFalse(end.isAfter(after.plus(Duration.ofHours(2))), end + " vs " + after);
        assertNull(CredentialCache.read(kdc.file("absent")));
    }

    @Test
    void anAddressNeedsTheSpnRegisteredForIt() throws Exception {
        KerberosAuthenticator.Builder cache = KerberosAuthenticator.withTicketCache(kdc.kinit("ip", "1h"));
        assertEquals(CredentialCheck.Problem.HOST_ADDRESS, KerberosAuthenticator.checkCredentials("192.0.2.10", cache).problem());
        CredentialCheck withSpn = KerberosAuthenticator.checkCredentials("192.0.2.10", cache.spn("HTTP/hv01.hv.test"));
        assertTrue(withSpn.usable(), withSpn.reason());
        assertTrue(KerberosAuthenticator.checkCredentials("[2001:db8::1]", cache).usable());
    }

    @Test
    void cacheTypesThatAreNotFiles() {
        for (String name : new String[]{"KCM:", "KEYRING:persistent:1000", "API:x"}) {
            CredentialCheck c = KerberosAuthenticator.checkCredentials("hv01", KerberosAuthenticator.withTicketCacheNamed(name));
            assertFalse(c.usable(), name);
            assertEquals(CredentialCheck.Problem.CACHE_TYPE, c.problem(), name);
            assertTrue(c.reason().contains("which Java cannot read"), c.reason());
        }
    }

    @Test
    void withoutKrb5ccnameTheCacheIsKrb5ConfsDefaultCcacheName() throws Exception {
        String uid = Long.toString(new com.sun.security.auth.module.UnixSystem().getUid());
        Path included = kdc.file("krb5.conf.d");
        Files.createDirectories(included);
        Path conf = kdc.file("rhel-krb5.conf");
        Files.writeString(conf, "includedir " + included + "\n[libdefaults]\n default_ccache_name = KEYRING:persistent:%{uid}\n");
        CredentialCheck keyring = KerberosAuthenticator.checkCredentials("hv01",
                KerberosAuthenticator.withTicketCacheNamed(null).krb5Config(conf));
        assertEquals(CredentialCheck.Problem.CACHE_TYPE, keyring.problem());
        assertEquals("KEYRING:persistent:" + uid, keyring.ticketCache());

        // sssd-kcm sets it in an included file, which MIT reads first; "~" backups are not read.
        Files.writeString(included.resolve("kcm_default_ccache"), "[libdefaults]\n default_ccache_name = KCM:\n");
        Files.writeString(included.resolve("a~"), "[libdefaults]\n default_ccache_name = FILE:/nowhere\n");
        assertEquals("KCM:", KerberosAuthenticator.checkCredentials("hv01",
                KerberosAuthenticator.withTicketCacheNamed(null).krb5Config(conf)).ticketCache());

        Path file = kdc.file("cc_" + uid);
        Files.writeString(conf, "[libdefaults]\n default_ccache_name = FILE:" + kdc.file("cc_%{uid}") + "\n");
        kdc.kinitInto("FILE:" + file, "1h");
        CredentialCheck c = KerberosAuthenticator.checkCredentials("hv01",
                KerberosAuthenticator.withTicketCacheNamed(null).krb5Config(conf));
        assertTrue(c.usable(), c.reason());
        assertEquals("ticket cache " + file + " for hvuser@HV.TEST", c.reason());
    }

    @Test
    void dirCollectionsAreFileCaches() throws Exception {
        Path dir = kdc.file("collection");
        Files.createDirectories(dir);
        assertEquals(dir.resolve("tkt"), CredentialCache.path("DIR:" + dir));
        Files.writeString(dir.resolve("primary"), "tktAbC123\n");
        assertEquals(dir.resolve("tktAbC123"), CredentialCache.path("DIR:" + dir));
        assertEquals(dir.resolve("tktXyz"), CredentialCache.path("DIR::" + dir.resolve("tktXyz")));
        Files.writeString(dir.resolve("primary"), "../elsewhere\n");
        assertEquals(dir.resolve("tkt"), CredentialCache.path("DIR:" + dir), "primary names a file in the directory");

        Path made = kdc.file("kinit-collection");
        Files.createDirectories(made);
        kdc.kinitInto("DIR:" + made, "1h");
        CredentialCheck c = KerberosAuthenticator.checkCredentials("hv01", KerberosAuthenticator.withTicketCacheNamed("DIR:" + made));
        assertTrue(c.usable(), c.reason());
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
