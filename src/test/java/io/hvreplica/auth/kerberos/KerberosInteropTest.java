package io.hvreplica.auth.kerberos;

import io.hvreplica.auth.Credentials;
import io.hvreplica.auth.IntegrityException;
import io.hvreplica.testing.WinrmPeer;
import io.hvreplica.testing.MitKdc;
import io.hvreplica.testing.Resources;
import io.hvreplica.testing.SoapEchoBackend;
import io.hvreplica.transport.HttpTransport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Java's HttpTransport with Kerberos against the MIT GSSAPI acceptor in winrm_peer.py, over plain
 * HTTP with WinRM message encryption, on a throwaway MIT realm.
 */
class KerberosInteropTest {
    private static final Pattern SIGNATURE = Pattern.compile("unwrapped \\d+ bytes \\(signature (\\d+) bytes\\)");
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

    static byte[] soap(String marker, int padding) {
        return ("<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body>" + marker
                + "x".repeat(padding) + "</s:Body></s:Envelope>").getBytes(StandardCharsets.UTF_8);
    }

    private static Credentials password() {
        return Credentials.of(MitKdc.USER + "@" + MitKdc.REALM, MitKdc.PASSWORD.toCharArray());
    }

    /**
     * Three requests on one connection: one handshake, every body sealed, echoed, unsealed.
     *
     * @return the signature lengths the peer saw, as it logged them
     */
    private static Set<Integer> roundTrips(KerberosAuthenticator auth) throws Exception {
        return roundTrips(auth, new byte[0]);
    }

    /**
     * @param forwardedPadding what the peer passes on after the SOAP: MIT's unwrap_iov without a
     *                         PADDING buffer leaves RC4-HMAC's pad byte in the data
     */
    private static Set<Integer> roundTrips(KerberosAuthenticator auth, byte[] forwardedPadding) throws Exception {
        peer.resetStats();
        int logStart = peer.log().length();
        try (HttpTransport t = HttpTransport.builder(URI.create(peer.endpoint("localhost")), auth).build()) {
            for (int size : new int[]{0, 1, 5000}) {
                byte[] soap = soap("size-" + size, size);
                HttpTransport.Response r = t.send(soap, true);
                assertEquals(200, r.status(), peer.log());
                byte[] echoed = Arrays.copyOf(soap, soap.length + forwardedPadding.length);
                System.arraycopy(forwardedPadding, 0, echoed, soap.length, forwardedPadding.length);
                assertArrayEquals(echoed, r.body());
            }
            assertEquals(1, t.connectionCount());
            assertEquals(4, t.requestCount(), "one empty-body handshake leg, then three sealed requests");
        }
        Map<String, Integer> stats = peer.stats();
        assertEquals(1, stats.get("connections"), stats.toString());
        assertEquals(1, stats.get("handshakes"), stats.toString());
        assertEquals(1, stats.get("completed_handshakes"), stats.toString());
        assertEquals(0, stats.get("unauthorized"), "Kerberos needs no 401 round: " + stats);
        assertEquals(3, stats.get("encrypted_requests"), stats.toString());
        assertEquals(0, stats.get("failed_unwraps"), stats.toString());
        Set<Integer> signatures = new TreeSet<>();
        Matcher m = SIGNATURE.matcher(peer.log().substring(logStart));
        while (m.find()) {
            signatures.add(Integer.parseInt(m.group(1)));
        }
        return signatures;
    }

    @ParameterizedTest
    @EnumSource(KerberosMechanism.class)
    void passwordLogon(KerberosMechanism mechanism) throws Exception {
        assertEquals(Set.of(60), roundTrips(KerberosAuthenticator.withPassword(password()).mechanism(mechanism)
                .krb5Config(kdc.krb5Conf()).build()), "AES: 16-byte header + RRC 28 + 16-byte confounder");
    }

    @ParameterizedTest
    @EnumSource(KerberosMechanism.class)
    void keytabLogon(KerberosMechanism mechanism) throws Exception {
        roundTrips(KerberosAuthenticator.withKeytab(kdc.userKeytab(), kdc.userPrincipal()).mechanism(mechanism)
                .krb5Config(kdc.krb5Conf()).build());
    }

    @ParameterizedTest
    @EnumSource(KerberosMechanism.class)
    void ticketCacheFromMitKinit(KerberosMechanism mechanism) throws Exception {
        roundTrips(KerberosAuthenticator.withTicketCache(kdc.kinit("cache-" + mechanism, "1h")).mechanism(mechanism)
                .krb5Config(kdc.krb5Conf()).build());
    }

    @Test
    void aes128SessionKey() throws Exception {
        assertEquals(Set.of(60), roundTrips(KerberosAuthenticator.withPassword(password()).spn(MitKdc.SERVICE_AES128)
                .krb5Config(kdc.krb5Conf()).build()));
        assertTrue(kdc.log().matches("(?s).*ses=aes128-cts-hmac-sha1-96\\(17\\)}, \\S+ for HTTP/aes128.*"), kdc.log());
    }

    @Test
    void rc4HmacSessionKey() throws Exception {
        Set<Integer> signatures = roundTrips(KerberosAuthenticator.withPassword(password()).spn(MitKdc.SERVICE_RC4)
                .mechanism(KerberosMechanism.KERBEROS).krb5Config(kdc.krb5Conf()).build(), new byte[]{1});
        assertTrue(kdc.log().matches("(?s).*ses=DEPRECATED:arcfour-hmac\\(23\\)}, \\S+ for HTTP/rc4.*"), kdc.log());
        // RFC 1964 framing (13-15 bytes) + 24-byte token body + 8-byte confounder
        assertTrue(signatures.stream().allMatch(n -> n >= 45 && n <= 48), "RC4-HMAC signatures: " + signatures);
    }

    @Test
    void realmAndKdcOverridesReplaceTheConfigurationFile() throws Exception {
        roundTrips(KerberosAuthenticator.withPassword(Credentials.of(MitKdc.USER, MitKdc.PASSWORD.toCharArray()))
                .krb5Config(kdc.file("absent-krb5.conf")).realm(MitKdc.REALM).kdc("127.0.0.1:" + kdc.port()).build());
    }

    @Test
    void secondConnectionReusesTheLoginButHandshakesAgain() throws Exception {
        KerberosAuthenticator auth = KerberosAuthenticator.withPassword(password()).krb5Config(kdc.krb5Conf()).build();
        peer.resetStats();
        for (int i = 0; i < 2; i++) {
            try (HttpTransport t = HttpTransport.builder(URI.create(peer.endpoint("localhost")), auth).build()) {
                assertEquals(200, t.send(soap("again", 10), true).status());
            }
        }
        assertEquals(2, peer.stats().get("completed_handshakes"));
    }

    @Test
    void tamperedResponseIsRejected() throws Exception {
        try (WinrmPeer tampering = WinrmPeer.start(backend.url(), "unused", "unused", kdc.env(), "--schemes", "Negotiate,Kerberos",
                "--tamper-responses");
             HttpTransport t = HttpTransport.builder(URI.create(tampering.endpoint("localhost")),
                     KerberosAuthenticator.withPassword(password()).krb5Config(kdc.krb5Conf()).build()).build()) {
            IntegrityException e = assertThrows(IntegrityException.class, () -> t.send(soap("tamper", 100), true));
            assertTrue(e.getMessage().contains("altered in transit"), e.getMessage());
        }
    }
}
