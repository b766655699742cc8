package io.hvreplica.auth.kerberos;

import io.hvreplica.auth.AuthenticationException;
import io.hvreplica.auth.Credentials;
import io.hvreplica.testing.WinrmPeer;
import io.hvreplica.testing.MitKdc;
import io.hvreplica.testing.Resources;
import io.hvreplica.testing.SelfSignedCertificate;
import io.hvreplica.testing.SoapEchoBackend;
import io.hvreplica.transport.EncryptionMode;
import io.hvreplica.transport.HttpTransport;
import io.hvreplica.transport.TlsOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HTTPS with tls-server-end-point channel bindings against the MIT acceptor with
 * {@code --require-cbt} (Windows CbtHardeningLevel=Strict). The positive tests need the JVM option
 * {@value TlsChannelBinding#FLAG}; without it, the clear failure is checked instead.
 */
class KerberosHttpsTest {
    private static MitKdc kdc;
    private static SoapEchoBackend backend;
    private static WinrmPeer peer;
    private static TlsOptions trust;
    private static Path certificate;

    @BeforeAll
    static void start() throws Exception {
        kdc = MitKdc.start();
        backend = SoapEchoBackend.start();
        SelfSignedCertificate cert = SelfSignedCertificate.create(kdc.file(""));
        trust = new TlsOptions(cert.certificate(), false);
        certificate = cert.certificate();
        peer = WinrmPeer.start(backend.url(), "unused", "unused", kdc.env(), "--schemes", "Negotiate,Kerberos",
                "--tls-cert", cert.certificate().toString(), "--tls-key", cert.key().toString(), "--require-cbt");
    }

    @AfterAll
    static void stop() throws Exception {
        Resources.closeAll(peer, backend, kdc);
    }

    private static KerberosAuthenticator auth(KerberosMechanism mechanism) {
        return KerberosAuthenticator.withPassword(Credentials.of(MitKdc.USER, MitKdc.PASSWORD.toCharArray()))
                .mechanism(mechanism).krb5Config(kdc.krb5Conf()).build();
    }

    @ParameterizedTest
    @EnumSource(KerberosMechanism.class)
    void channelBindingsSatisfyAStrictHost(KerberosMechanism mechanism) throws Exception {
        assertTrue(TlsChannelBinding.available(), "the test JVM must run with " + TlsChannelBinding.FLAG);
        peer.resetStats();
        byte[] soap = KerberosInteropTest.soap("over TLS", 300);
        try (HttpTransport t = HttpTransport.builder(URI.create(peer.endpoint("localhost")), auth(mechanism)).tls(trust).build()) {
            HttpTransport.Response r = t.send(soap, true);
            assertEquals(200, r.status(), peer.log());
            assertArrayEquals(soap, r.body());
        }
        Map<String, Integer> stats = peer.stats();
        assertEquals(1, stats.get("completed_handshakes"), stats + "\n" + peer.log());
        assertEquals(0, stats.get("encrypted_requests"), "plain SOAP inside TLS");
    }

    @Test
    void messageEncryptionInsideTlsToo() throws Exception {
        assertTrue(TlsChannelBinding.available(), "the test JVM must run with " + TlsChannelBinding.FLAG);
        peer.resetStats();
        byte[] soap = KerberosInteropTest.soap("sealed in TLS", 50);
        try (HttpTransport t = HttpTransport.builder(URI.create(peer.endpoint("localhost")), auth(KerberosMechanism.NEGOTIATE))
                .tls(trust).encryption(EncryptionMode.ALWAYS).build()) {
            assertArrayEquals(soap, t.send(soap, true).body());
        }
        assertEquals(1, peer.stats().get("encrypted_requests"));
    }

    @Test
    void withoutTheExportTheErrorNamesTheJvmOption() throws Exception {
        // A JVM without the flag, as a library user might start one.
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), NoExportProbe.class.getName(), certificate.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains(TlsChannelBinding.FLAG), out);
        assertTrue(out.contains("channel bindings"), out);
    }
}
