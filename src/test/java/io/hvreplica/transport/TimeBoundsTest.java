package io.hvreplica.transport;

import io.hvreplica.DeadlineExceededException;
import io.hvreplica.OutcomeUnknownException;
import io.hvreplica.auth.Authenticator;
import io.hvreplica.auth.ChannelBindings;
import io.hvreplica.auth.Credentials;
import io.hvreplica.auth.MessageProtection;
import io.hvreplica.auth.SecurityContext;
import io.hvreplica.auth.basic.BasicAuthenticator;
import io.hvreplica.testing.ManualClock;
import io.hvreplica.testing.PlainHttpPort;
import io.hvreplica.testing.RawHttpServer;
import io.hvreplica.testing.RawHttpServer.Answer;
import io.hvreplica.testing.StallingPeer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Time bounds and lost sessions in the HTTP session: a peer that accepts a request and never
 * answers, a deadline measured with a manual clock, and a host that drops an authenticated
 * session. Assertions are on what is thrown and what reached the wire, never on elapsed time; the
 * deadlines are a few hundred milliseconds of real waiting at most.
 */
class TimeBoundsTest {
    private static final byte[] GET = soap("<w:Get xmlns:w=\"urn:x\"/>");
    private static final byte[] INVOKE = soap("<p:RevertFailover_INPUT xmlns:p=\"urn:x\"/>");
    private static final String OK = "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body/></s:Envelope>";
    private static final Duration SHORT = Duration.ofMillis(300);

    private static byte[] soap(String body) {
        return ("<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body>" + body
                + "</s:Body></s:Envelope>").getBytes(StandardCharsets.UTF_8);
    }

    private static HttpTransport.Builder basic(String endpoint) {
        return HttpTransport.builder(URI.create(endpoint),
                new BasicAuthenticator(Credentials.of("hvadmin", "hvreplica-demo".toCharArray()))).allowUnencrypted(true);
    }

    // ---- the deadline ----

    @Test
    void stalledIdempotentRequestEndsAtTheDeadlineWithoutARetry() throws Exception {
        ManualClock clock = new ManualClock();
        try (StallingPeer peer = StallingPeer.silent();
             HttpTransport t = basic(peer.endpoint()).clock(clock).deadline(clock.instant().plus(SHORT)).build()) {
            DeadlineExceededException e = assertThrows(DeadlineExceededException.class, () -> t.send(GET, true));

            assertEquals("the deadline passed while waiting for 127.0.0.1 to answer", e.getMessage());
            assertEquals(1, peer.requests().size(), "no second try: the deadline has passed");
            assertArrayEquals(GET, peer.requests().get(0).body());
        }
    }

    @Test
    void stalledInvokeAtTheDeadlineIsOutcomeUnknownAndSentOnce() throws Exception {
        ManualClock clock = new ManualClock();
        try (StallingPeer peer = StallingPeer.silent();
             HttpTransport t = basic(peer.endpoint()).clock(clock).deadline(clock.instant().plus(SHORT)).build()) {
            OutcomeUnknownException e = assertThrows(OutcomeUnknownException.class, () -> t.send(INVOKE, false));

            assertEquals("no answer came from 127.0.0.1 before the deadline passed", e.getMessage());
            assertEquals(1, peer.requests().size(), "an Invoke is never re-sent");
            assertArrayEquals(INVOKE, peer.requests().get(0).body(), "the whole Invoke did reach the host");
        }
    }

    @Test
    void nothingIsSentOnceTheDeadlineHasPassed() throws Exception {
        ManualClock clock = new ManualClock();
        try (RawHttpServer server = RawHttpServer.start(n -> Answer.soap(OK));
             HttpTransport t = basic(server.endpoint()).clock(clock).deadline(clock.instant().plus(Duration.ofSeconds(5)))
                     .build()) {
            assertEquals(200, t.send(GET, true).status());
            assertEquals(Optional.of(Duration.ofSeconds(5)), t.timeLeft());
            clock.advance(Duration.ofSeconds(5));
            assertEquals(Optional.of(Duration.ZERO), t.timeLeft());

            // Not outcome-unknown: the Invoke never left this machine.
            DeadlineExceededException e = assertThrows(DeadlineExceededException.class, () -> t.send(INVOKE, false));
            assertEquals("the deadline passed before the request could be sent to 127.0.0.1", e.getMessage());
            assertEquals(1, server.requests().size());
        }
    }

    @Test
    void aTlsHandshakeThatNeverEndsIsCutAtTheDeadlineAndTheInvokeCountsAsNotSent() throws Exception {
        // The response timeout does not cover the TLS handshake; the watchdog does.
        ManualClock clock = new ManualClock();
        try (StallingPeer peer = StallingPeer.silent();
             HttpTransport t = basic("https://127.0.0.1:" + peer.port() + "/wsman").tls(new TlsOptions(null, true))
                     .clock(clock).deadline(clock.instant().plus(SHORT)).build()) {
            DeadlineExceededException e = assertThrows(DeadlineExceededException.class, () -> t.send(INVOKE, false));
            assertTrue(e.getMessage().startsWith("the deadline passed"), e.getMessage());
            assertTrue(peer.requests().isEmpty(), "no HTTP request got through");
        }
    }

    // ---- the read timeout ----

    @Test
    void stalledIdempotentRequestPastTheReadTimeoutIsNotRetried() throws Exception {
        try (StallingPeer peer = StallingPeer.silent();
             HttpTransport t = basic(peer.endpoint()).readTimeout(SHORT).build()) {
            TransportException e = assertThrows(TransportException.class, () -> t.send(GET, true));

            assertEquals("connection", e.kind().label());
            assertEquals("127.0.0.1 accepted the request but sent no answer within the 0.3 s read timeout",
                    e.getMessage());
            assertEquals(1, peer.requests().size(), "a hung host gets no second wait");
        }
    }

    @Test
    void stalledInvokePastTheReadTimeoutIsOutcomeUnknown() throws Exception {
        try (StallingPeer peer = StallingPeer.silent();
             HttpTransport t = basic(peer.endpoint()).readTimeout(SHORT).build()) {
            OutcomeUnknownException e = assertThrows(OutcomeUnknownException.class, () -> t.send(INVOKE, false));

            assertEquals("no answer came from 127.0.0.1 within the 0.3 s read timeout", e.getMessage());
            assertEquals(1, peer.requests().size());
        }
    }

    @Test
    void timeoutsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> basic("http://hv01:5985/wsman").readTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> basic("http://hv01:5985/wsman").connectTimeout(Duration.ofSeconds(-1)));
    }

    // ---- a session the host drops ----

    @Test
    void aDroppedSessionIsReauthenticatedOnceForAnIdempotentRequest() throws Exception {
        // Handshake, the request refused with 401 on the same connection, a new handshake, the request again.
        List<Integer> script = List.of(200, 401, 200, 200);
        try (RawHttpServer server = RawHttpServer.start(n -> answer(script.get(n)));
             HttpTransport t = connectionBound(server.endpoint())) {
            HttpTransport.Response r = t.send(GET, true);

            assertEquals(200, r.status());
            List<RawHttpServer.Request> sent = server.requests();
            assertEquals(4, sent.size());
            assertEquals(0, sent.get(0).body().length, "handshake leg");
            assertArrayEquals(GET, sent.get(1).body());
            assertEquals(0, sent.get(2).body().length, "a new handshake leg");
            assertEquals("Fake dG9rZW4=", sent.get(2).header("Authorization"));
            assertArrayEquals(GET, sent.get(3).body());
            assertEquals(1, server.connections(), "all on one connection");
        }
    }

    @Test
    void aDroppedSessionIsNotBlamedOnTheCredentialsAndTheInvokeIsNotResent() throws Exception {
        try (RawHttpServer server = RawHttpServer.start(n -> answer(n == 0 ? 200 : 401));
             HttpTransport t = connectionBound(server.endpoint())) {
            TransportException e = assertThrows(TransportException.class, () -> t.send(INVOKE, false));

            assertEquals("connection", e.kind().label());
            assertEquals("127.0.0.1 dropped the authenticated session and refused the request (HTTP 401); it did not"
                    + " run, so it is safe to run the command again", e.getMessage());
            assertEquals(2, server.requests().size(), "one handshake, one Invoke, and no second Invoke");
        }
    }

    @Test
    void aSessionDroppedAgainAfterReauthenticatingEndsTheRequest() throws Exception {
        try (RawHttpServer server = RawHttpServer.start(n -> answer(n % 2 == 0 ? 200 : 401));
             HttpTransport t = connectionBound(server.endpoint())) {
            TransportException e = assertThrows(TransportException.class, () -> t.send(GET, true));

            assertEquals("connection", e.kind().label());
            assertTrue(e.getMessage().startsWith("127.0.0.1 dropped the authenticated session"), e.getMessage());
            assertTrue(e.getMessage().contains("the credentials were accepted"), e.getMessage());
            assertEquals(4, server.requests().size(), "re-authenticated once, not more");
        }
    }

    private static Answer answer(int status) {
        return status == 200 ? Answer.soap(OK) : new Answer(status, null, new byte[0], true);
    }

    private static HttpTransport connectionBound(String endpoint) {
        return HttpTransport.builder(URI.create(endpoint), new FakeSessionAuthenticator())
                .encryption(EncryptionMode.NEVER).allowUnencrypted(true).build();
    }

    /** A connection-bound scheme whose one-leg handshake any 200 completes; it has no keys. */
    private static final class FakeSessionAuthenticator implements Authenticator {
        @Override
        public String name() {
            return "fake";
        }

        @Override
        public boolean connectionBound() {
            return true;
        }

        @Override
        public SecurityContext newContext(String host, ChannelBindings bindings) {
            return new SecurityContext() {
                private boolean established;

                @Override
                public String scheme() {
                    return "Fake";
                }

                @Override
                public byte[] step(byte[] serverToken) {
                    established = true;
                    return "token".getBytes(StandardCharsets.US_ASCII);
                }

                @Override
                public boolean isEstablished() {
                    return established;
                }

                @Override
                public MessageProtection protection() {
                    return null;
                }
            };
        }
    }

    // ---- messages free of command-line flags ----

    @Test
    void tlsToAPlainHttpPortSaysSoWithoutNamingFlags() throws Exception {
        try (PlainHttpPort port = new PlainHttpPort();
             HttpTransport t = basic("https://127.0.0.1:" + port.port() + "/wsman").build()) {
            TransportException e = assertThrows(TransportException.class, () -> t.send(GET, true));

            assertEquals("tls", e.kind().label());
            assertEquals(TransportException.Reason.PLAIN_HTTP_ON_TLS_PORT, e.reason());
            assertEquals("port " + port.port() + " on 127.0.0.1 answered in plain HTTP, not TLS; use the HTTPS"
                    + " listener (5986) or plain HTTP", e.getMessage());
            assertFalse(e.getMessage().contains("--"), e.getMessage());
        }
    }

    @Test
    void aFailureWithNoFinerReasonSaysGeneral() {
        TransportException e = TransportException.connection("x", null);
        assertEquals(TransportException.Reason.GENERAL, e.reason());
        assertNull(e.getCause());
        assertNotNull(e.kind());
    }
}
