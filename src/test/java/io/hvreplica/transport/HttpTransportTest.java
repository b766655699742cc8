package io.hvreplica.transport;

import io.hvreplica.OutcomeUnknownException;
import io.hvreplica.auth.AuthenticationException;
import io.hvreplica.auth.Credentials;
import io.hvreplica.auth.basic.BasicAuthenticator;
import io.hvreplica.testing.RawHttpServer;
import io.hvreplica.testing.RawHttpServer.Answer;
import io.hvreplica.testing.RawHttpServer.Drop;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTP session: what it refuses to build, and what it does when a connection breaks. */
class HttpTransportTest {
    private static final byte[] INVOKE = ("<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body>"
            + "<p:RevertFailover_INPUT xmlns:p=\"urn:x\"/></s:Body></s:Envelope>").getBytes(StandardCharsets.UTF_8);
    private static final String OK = "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body/></s:Envelope>";

    private static BasicAuthenticator basic() {
        return new BasicAuthenticator(Credentials.of("hvadmin", "hvreplica-demo".toCharArray()));
    }

    private static HttpTransport.Builder builder(String endpoint) {
        return HttpTransport.builder(URI.create(endpoint), basic());
    }

    @Test
    void refusesBasicOverHttpUnlessUnencryptedIsAllowed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> builder("http://hv01:5985/wsman").build());
        assertTrue(e.getMessage().contains("basic credentials over plain HTTP"), e.getMessage());

        try (HttpTransport t = builder("http://hv01:5985/wsman").allowUnencrypted(true).build()) {
            assertFalse(t.encrypting());
        }
        try (HttpTransport t = builder("https://hv01:5986/wsman").build()) {
            assertFalse(t.encrypting(), "TLS protects Basic; no message encryption");
        }
    }

    @Test
    void refusesMessageEncryptionWithBasic() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> builder("http://hv01:5985/wsman").encryption(EncryptionMode.ALWAYS).allowUnencrypted(true).build());
        assertTrue(e.getMessage().contains("cannot encrypt"), e.getMessage());
    }

    @Test
    void invokeWhoseConnectionDropsAfterSendingIsOutcomeUnknownAndSentOnce() throws Exception {
        try (RawHttpServer server = RawHttpServer.start(n -> new Drop());
             HttpTransport t = builder(server.endpoint()).allowUnencrypted(true).build()) {
            OutcomeUnknownException e = assertThrows(OutcomeUnknownException.class, () -> t.send(INVOKE, false));

            assertTrue(e.getMessage().contains("broke after the request was sent"), e.getMessage());
            assertEquals(1, server.requests().size(), "an Invoke is never re-sent");
            assertArrayEquals(INVOKE, server.requests().get(0).body(), "the whole request did reach the server");
            assertEquals(1, t.requestCount());
        }
    }

    @Test
    void idempotentRequestIsSentOnceMoreAfterADrop() throws Exception {
        try (RawHttpServer server = RawHttpServer.start(n -> n == 0 ? new Drop() : Answer.soap(OK));
             HttpTransport t = builder(server.endpoint()).allowUnencrypted(true).build()) {
            HttpTransport.Response r = t.send(INVOKE, true);

            assertEquals(200, r.status());
            assertEquals(OK, new String(r.body(), StandardCharsets.UTF_8));
            assertEquals(2, server.requests().size());
            assertArrayEquals(server.requests().get(0).body(), server.requests().get(1).body(), "the same request");
            assertEquals(2, server.connections(), "on a new connection");
        }
    }

    @Test
    void idempotentRequestIsResentOnlyOnce() throws Exception {
        try (RawHttpServer server = RawHttpServer.start(n -> new Drop());
             HttpTransport t = builder(server.endpoint()).allowUnencrypted(true).build()) {
            TransportException e = assertThrows(TransportException.class, () -> t.send(INVOKE, true));

            assertEquals("connection", e.kind().label());
            assertEquals(2, server.requests().size(), "first try and one retry, no more");
        }
    }

    @Test
    void keepsOneConnectionForSuccessiveRequests() throws Exception {
        try (RawHttpServer server = RawHttpServer.start(n -> Answer.soap(OK));
             HttpTransport t = builder(server.endpoint()).allowUnencrypted(true).build()) {
            t.send(INVOKE, true);
            t.send(INVOKE, false);
            t.send(INVOKE, true);
            assertEquals(3, server.requests().size());
            assertEquals(1, server.connections());
            assertEquals(1, t.connectionCount());
        }
    }

    @Test
    void basicCredentialsGoOnEveryRequestButTheListenerSeesThemRedacted() throws Exception {
        List<String> logged = new ArrayList<>();
        TransportListener listener = new TransportListener() {
            @Override
            public void requestSent(String method, String uri, List<Map.Entry<String, String>> headers, byte[] body,
                                    boolean encrypted) {
                headers.forEach(h -> logged.add(h.getKey() + ": " + h.getValue()));
            }
        };
        try (RawHttpServer server = RawHttpServer.start(n -> Answer.soap(OK));
             HttpTransport t = builder(server.endpoint()).allowUnencrypted(true).listener(listener).build()) {
            t.send(INVOKE, true);
            String token = Base64.getEncoder().encodeToString("hvadmin:hvreplica-demo".getBytes(StandardCharsets.UTF_8));
            assertEquals("Basic " + token, server.requests().get(0).header("Authorization"));
            assertEquals("application/soap+xml;charset=UTF-8", server.requests().get(0).header("Content-Type"));
            assertEquals(String.valueOf(INVOKE.length), server.requests().get(0).header("Content-Length"));
            assertTrue(logged.contains("Authorization: Basic [redacted]"), logged.toString());
            assertTrue(logged.stream().noneMatch(l -> l.contains(token)), logged.toString());
        }
    }

    @Test
    void http401IsAnAuthenticationFailure() throws Exception {
        try (RawHttpServer server = RawHttpServer.start(n -> new Answer(401, null, new byte[0], true));
             HttpTransport t = builder(server.endpoint()).allowUnencrypted(true).build()) {
            AuthenticationException e = assertThrows(AuthenticationException.class, () -> t.send(INVOKE, false));
            assertTrue(e.getMessage().contains("HTTP 401"), e.getMessage());
            assertEquals(1, server.requests().size());
        }
    }

    private static void assertOversizedGetRefusedOnce(boolean announced) throws Exception {
        byte[] big = new byte[4096];
        java.util.Arrays.fill(big, (byte) 'x');
        try (RawHttpServer server = RawHttpServer.start(n -> new Answer(200, "application/soap+xml", big, announced));
             HttpTransport t = builder(server.endpoint()).allowUnencrypted(true).maxResponseBytes(1024).build()) {
            TransportException e = assertThrows(TransportException.class, () -> t.send(INVOKE, true));
            assertEquals("protocol", e.kind().label());
            assertTrue(e.getMessage().contains("1024-byte limit"), e.getMessage());
            assertEquals(1, server.requests().size(), "a too-large answer is not a lost connection: no retry");
        }
    }

    @Test
    void oversizedResponseWithContentLengthIsRefusedWithoutRetry() throws Exception {
        assertOversizedGetRefusedOnce(true);
    }

    @Test
    void oversizedResponseWithoutContentLengthIsRefusedWithoutRetry() throws Exception {
        assertOversizedGetRefusedOnce(false);
    }

    @Test
    void oversizedAnswerToAnInvokeIsNotResentAndNamesTheLimit() throws Exception {
        byte[] big = new byte[4096];
        try (RawHttpServer server = RawHttpServer.start(n -> new Answer(200, "application/soap+xml", big, true));
             HttpTransport t = builder(server.endpoint()).allowUnencrypted(true).maxResponseBytes(1024).build()) {
            // The host ran it and answered; only the answer cannot be read.
            OutcomeUnknownException e = assertThrows(OutcomeUnknownException.class, () -> t.send(INVOKE, false));
            assertTrue(e.getMessage().contains("1024-byte limit"), e.getMessage());
            assertEquals(1, server.requests().size());
        }
    }

    @Test
    void connectionRefusedIsAConnectionFailureNamingHostAndPort() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (HttpTransport t = builder("http://127.0.0.1:" + port + "/wsman").allowUnencrypted(true).build()) {
            TransportException e = assertThrows(TransportException.class, () -> t.send(INVOKE, false));
            assertEquals("connection", e.kind().label());
            assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
        }
    }
}
