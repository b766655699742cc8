package io.hvreplica.simulator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.hvreplica.auth.AuthenticationException;
import io.hvreplica.auth.Credentials;
import io.hvreplica.auth.SecurityContext;
import io.hvreplica.auth.ntlm.NtlmAuthenticator;
import io.hvreplica.testing.SimulatorClients;
import io.hvreplica.transport.EncryptedBody;
import io.hvreplica.transport.EncryptionMode;
import io.hvreplica.transport.HttpTransport;
import io.hvreplica.wsman.SelectorSet;
import io.hvreplica.wsman.WsmanClient;
import io.hvreplica.wsman.WsmanFaultException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NegotiateFrontTest {
    private static final String S = "http://www.w3.org/2003/05/soap-envelope";
    private static final String A = "http://schemas.xmlsoap.org/ws/2004/08/addressing";
    private static final String W = "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd";
    private static final String N = "http://schemas.xmlsoap.org/ws/2004/09/enumeration";
    private static final String V2 = "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/";
    private static final String JOB = V2 + "Msvm_ConcreteJob";
    private static final String APP_VM_01_JOB = "2B7E5D19-8C34-4A6F-9E12-7D0C3B5A8F61";

    private static SimulatedHost host;

    @BeforeAll
    static void start() {
        host = SimulatedHost.startNegotiate(0);
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    private static HttpTransport.Builder transport(String user, String password) {
        return HttpTransport.builder(URI.create(host.endpoint()),
                new NtlmAuthenticator(Credentials.of(user, password.toCharArray()), null));
    }

    private static HttpTransport transport() {
        return transport(SimulatedHost.NTLM_USER, SimulatedHost.NTLM_PASSWORD).build();
    }

    @Test
    void endpointIsTheFrontAndWireMockListensElsewhere() {
        assertEquals("http://127.0.0.1:" + host.port() + "/wsman", host.endpoint());
        assertNotEquals(host.port(), host.server().port());
    }

    @Test
    void getAndEnumerateRoundTripEncryptedAndReachWireMockAsPlainBasicSoap() {
        host.server().resetRequests();
        try (HttpTransport t = transport()) {
            assertTrue(t.encrypting());
            HttpTransport.Response enumerated = t.send(enumerate("SELECT * FROM Msvm_ComputerSystem WHERE ElementName = 'app-vm-01'"), true);
            assertEquals(200, enumerated.status());
            assertTrue(text(enumerated).contains("<p:ElementName>app-vm-01</p:ElementName>"), text(enumerated));

            HttpTransport.Response job = t.send(envelope(Wsman.GET, JOB,
                    "<wsman:SelectorSet><wsman:Selector Name='InstanceID'>" + APP_VM_01_JOB + "</wsman:Selector>"
                            + "</wsman:SelectorSet>", ""), true);
            assertEquals(200, job.status());
            assertTrue(text(job).contains(APP_VM_01_JOB), text(job));
        }
        List<LoggedRequest> backend = host.server().findAll(postRequestedFor(urlPathEqualTo("/wsman")));
        assertEquals(2, backend.size());
        for (LoggedRequest r : backend) {
            assertTrue(r.getBodyAsString().startsWith("<env:Envelope"), "plain SOAP reaches WireMock");
            assertEquals(basic(SimulatedHost.USER, SimulatedHost.PASSWORD), r.getHeader("Authorization"));
        }
    }

    @Test
    void faultsComeBackSealedWithTheirStatus() {
        try (HttpTransport t = transport()) {
            HttpTransport.Response fault = t.send(enumerate("SELECT nonsense"), true);
            assertEquals(500, fault.status());
            assertEquals("application/soap+xml;charset=UTF-8", fault.contentType());
            assertTrue(text(fault).contains("CannotProcessFilter"), text(fault));
        }
    }

    /** The sealed answer's character set travels in OriginalContent, and the client decodes by it. */
    @Test
    void aUtf16FaultComesBackSealedAndIsReadInUtf16() {
        String fault = "<s:Envelope xmlns:s='" + S + "' xmlns:w='" + W + "'><s:Body><s:Fault><s:Code>"
                + "<s:Value>s:Sender</s:Value><s:Subcode><s:Value>w:InvalidSelectors</s:Value></s:Subcode></s:Code>"
                + "<s:Reason><s:Text xml:lang='de-DE'>Ungültige Auswahl für „app-vm-01“.</s:Text></s:Reason>"
                + "</s:Fault></s:Body></s:Envelope>";
        String marker = "urn:hvreplica:test:utf16-" + UUID.randomUUID();
        host.server().stubFor(SimulatorClients.stubContaining(marker).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/soap+xml;charset=UTF-16")
                .withBody(fault.getBytes(StandardCharsets.UTF_16))));
        try (HttpTransport t = transport()) {
            HttpTransport.Response r = t.send(envelope(Wsman.GET, marker, "", ""), true);
            assertEquals(500, r.status());
            assertEquals("application/soap+xml;charset=UTF-16", r.contentType());
            assertEquals(fault, new String(r.body(), StandardCharsets.UTF_16));
        }
        try (WsmanClient client = new WsmanClient(transport())) {
            WsmanFaultException e = assertThrows(WsmanFaultException.class,
                    () -> client.get(marker, SelectorSet.of("Name", "x")));
            assertEquals("Ungültige Auswahl für „app-vm-01“.", e.fault().reason());
        }
    }

    @Test
    void wrongPasswordIsAnAuthenticationException() {
        try (HttpTransport t = transport(SimulatedHost.NTLM_USER, "wrong").build()) {
            assertThrows(AuthenticationException.class, () -> t.send(enumerate("SELECT * FROM Msvm_ReplicationService"), true));
        }
        assertTrue(host.front().lastRefusal().contains("does not match"), host.front().lastRefusal());
    }

    @Test
    void unencryptedSoapOnAnAuthenticatedConnectionGets500() {
        try (HttpTransport t = transport(SimulatedHost.NTLM_USER, SimulatedHost.NTLM_PASSWORD)
                .encryption(EncryptionMode.NEVER).allowUnencrypted(true).build()) {
            HttpTransport.Response r = t.send(enumerate("SELECT * FROM Msvm_ReplicationService"), true);
            assertEquals(500, r.status());
            assertEquals(0, r.body().length);
        }
    }

    @Test
    void twoRequestsReuseOneHandshake() {
        int unauthorized = host.front().unauthorizedCount();
        int handshakes = host.front().completedHandshakes();
        try (HttpTransport t = transport()) {
            for (int i = 0; i < 2; i++) {
                assertEquals(200, t.send(enumerate("SELECT * FROM Msvm_ReplicationService"), true).status());
            }
            assertEquals(1, t.connectionCount());
            assertEquals(4, t.requestCount(), "NEGOTIATE, AUTHENTICATE, two SOAP requests");
        }
        assertEquals(1, host.front().unauthorizedCount() - unauthorized, "only the CHALLENGE is a 401");
        assertEquals(1, host.front().completedHandshakes() - handshakes);
    }

    /**
     * The JDK server writes a response's headers and body in separate writes; without TCP_NODELAY
     * each response then waits ~40 ms for a delayed ACK. That setting is read once per JVM, when the
     * first HttpServer is made, so the front sets it before making its own. The stall itself is
     * timed by src/bench/front-roundtrip.sh; a unit test cannot time it reliably on a loaded machine.
     */
    @Test
    void theFrontAsksForNoDelayBeforeMakingItsHttpServer() {
        // Other code in this JVM may have set it already; the front must set it on its own.
        System.clearProperty("sun.net.httpserver.nodelay");
        try (SimulatedHost another = SimulatedHost.startNegotiate(0)) {
            assertEquals("true", System.getProperty("sun.net.httpserver.nodelay"));
        }
    }

    @Test
    void manyEncryptedRoundTripsShareOneConnectionAndOneHandshake() {
        int handshakes = host.front().completedHandshakes();
        try (HttpTransport t = transport()) {
            byte[] soap = enumerate("SELECT * FROM Msvm_ReplicationService");
            for (int i = 0; i < 15; i++) {
                HttpTransport.Response r = t.send(soap, true);
                assertEquals(200, r.status());
                assertTrue(text(r).contains("EnumerationContext"), text(r));
            }
            assertEquals(1, t.connectionCount());
            assertEquals(17, t.requestCount(), "NEGOTIATE, AUTHENTICATE, 15 SOAP requests");
        }
        assertEquals(1, host.front().completedHandshakes() - handshakes);
    }

    // ---------------------------------------------------------------- not HTTP at all

    /** A TLS 1.2 ClientHello record header and the start of its handshake message, as a client sends it first. */
    private static final byte[] CLIENT_HELLO = {0x16, 0x03, 0x01, 0x00, (byte) 0xc8, 0x01, 0x00, 0x00, (byte) 0xc4,
            0x03, 0x03, 0x5a, 0x11, (byte) 0x9e, 0x42};

    @Test
    void aTlsClientHelloGetsA400AndAClosedConnectionAsFromHttpSys() throws IOException {
        assertRefusedAsNotHttp(CLIENT_HELLO);
    }

    @Test
    void bytesThatCannotStartARequestLineGetA400() throws IOException {
        assertRefusedAsNotHttp(" POST /wsman HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
        assertRefusedAsNotHttp("PO(ST /wsman HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
        assertRefusedAsNotHttp("A".repeat(40).getBytes(StandardCharsets.US_ASCII));
    }

    private static void assertRefusedAsNotHttp(byte[] first) throws IOException {
        try (Socket s = new Socket("127.0.0.1", host.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(first);
            s.getOutputStream().flush();
            // Everything up to the server's close: the 400 and nothing else.
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(answer.startsWith("HTTP/1.1 400 Bad Request\r\n"), answer);
            assertTrue(answer.contains("\r\nConnection: close\r\n"), answer);
            assertTrue(answer.contains("\r\nServer: Microsoft-HTTPAPI/2.0\r\n"), answer);
            int length = Integer.parseInt(answer.replaceAll("(?s).*\r\nContent-Length: (\\d+)\r\n.*", "$1"));
            assertEquals(length, answer.length() - answer.indexOf("\r\n\r\n") - 4, answer);
        }
    }

    // ---------------------------------------------------------------- raw HTTP, one socket per connection

    @Test
    void anonymousRequestIsChallengedWithBareNegotiate() throws IOException {
        try (Raw c = new Raw()) {
            Raw.Reply r = c.post(Map.of(), new byte[0]);
            assertEquals(401, r.status);
            assertEquals("Negotiate", r.header("WWW-Authenticate"));
            assertEquals(0, r.body.length);
        }
    }

    @Test
    void theSessionBelongsToOneConnectionAndATamperedBodyClosesIt() throws IOException {
        byte[] soap = enumerate("SELECT * FROM Msvm_ReplicationService");
        try (Raw a = new Raw(); Raw b = new Raw()) {
            SecurityContext ctx = a.authenticate();
            Raw.Reply ok = a.post(encrypted(ctx), EncryptedBody.seal(ctx.protection(), soap));
            assertEquals(200, ok.status);
            byte[] plain = EncryptedBody.unseal(ctx.protection(), ok.header("Content-Type"), ok.body);
            assertTrue(new String(plain, StandardCharsets.UTF_8).contains("EnumerationContext"));

            // Another connection carries no session, even with a correctly sealed body.
            Raw.Reply other = b.post(encrypted(ctx), EncryptedBody.seal(ctx.protection(), soap));
            assertEquals(401, other.status);

            // The seal above consumed a sequence number b's peer never saw: a's next body fails to unwrap.
            byte[] sealed = EncryptedBody.seal(ctx.protection(), soap);
            Raw.Reply bad = a.post(encrypted(ctx), sealed);
            assertEquals(400, bad.status);
            assertTrue(new String(bad.body, StandardCharsets.UTF_8).startsWith("unwrap failed: "));
            assertEquals("close", bad.header("Connection").toLowerCase(Locale.ROOT));
            assertTrue(a.closedByServer(), "the front closes the connection after a failed unwrap");
        }
    }

    @Test
    void garbageTokensAndOtherSchemesAreChallengedAgain() throws IOException {
        try (Raw c = new Raw()) {
            for (String authorization : new String[] {"Basic " + basic64("hvadmin", "hvreplica-demo"), "Negotiate !!!",
                    "Negotiate " + Base64.getEncoder().encodeToString("garbage".getBytes(StandardCharsets.US_ASCII))}) {
                Raw.Reply r = c.post(Map.of("Authorization", authorization), new byte[0]);
                assertEquals(401, r.status, authorization);
                assertEquals("Negotiate", r.header("WWW-Authenticate"), authorization);
            }
        }
    }

    private static Map<String, String> encrypted(SecurityContext ctx) {
        return Map.of("Content-Type", EncryptedBody.contentType(ctx.protection().protocol()));
    }

    /** One TCP connection with a minimal HTTP/1.1 client: Content-Length bodies only, as the front sends. */
    private static final class Raw implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        record Reply(int status, Map<String, String> headers, byte[] body) {
            String header(String name) {
                return headers.get(name.toLowerCase(Locale.ROOT));
            }
        }

        Raw() throws IOException {
            socket = new Socket("127.0.0.1", host.port());
            socket.setSoTimeout(10_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }

        /** The NTLM handshake with our client's context, on this connection. */
        SecurityContext authenticate() throws IOException {
            SecurityContext ctx = new NtlmAuthenticator(Credentials.of(SimulatedHost.NTLM_USER,
                    SimulatedHost.NTLM_PASSWORD.toCharArray()), null).newContext("127.0.0.1", null);
            Reply challenge = post(Map.of("Authorization", "Negotiate " + b64(ctx.step(null))), new byte[0]);
            assertEquals(401, challenge.status);
            byte[] token = Base64.getDecoder().decode(challenge.header("WWW-Authenticate").substring("Negotiate ".length()));
            Reply done = post(Map.of("Authorization", "Negotiate " + b64(ctx.step(token))), new byte[0]);
            assertEquals(200, done.status);
            assertEquals(0, done.body.length);
            assertNull(done.header("WWW-Authenticate"));
            return ctx;
        }

        Reply post(Map<String, String> headers, byte[] body) throws IOException {
            StringBuilder h = new StringBuilder("POST /wsman HTTP/1.1\r\nHost: 127.0.0.1:" + host.port() + "\r\n");
            headers.forEach((k, v) -> h.append(k).append(": ").append(v).append("\r\n"));
            h.append("Content-Length: ").append(body.length).append("\r\n\r\n");
            out.write(h.toString().getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            String status = line();
            Map<String, String> replyHeaders = new LinkedHashMap<>();
            for (String l = line(); !l.isEmpty(); l = line()) {
                int colon = l.indexOf(':');
                replyHeaders.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
            }
            int length = Integer.parseInt(replyHeaders.getOrDefault("content-length", "0"));
            return new Reply(Integer.parseInt(status.split(" ")[1]), replyHeaders, in.readNBytes(length));
        }

        boolean closedByServer() throws IOException {
            return in.read() == -1;
        }

        private String line() throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("connection closed");
                }
                if (c != '\r') {
                    b.write(c);
                }
            }
            return b.toString(StandardCharsets.US_ASCII);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    // ---------------------------------------------------------------- SOAP

    private static byte[] envelope(String action, String resourceUri, String selectorSet, String body) {
        return ("<env:Envelope xmlns:env='" + S + "' xmlns:wsa='" + A + "' xmlns:wsman='" + W + "'><env:Header>"
                + "<wsa:To>http://127.0.0.1/wsman</wsa:To>"
                + "<wsman:ResourceURI env:mustUnderstand='true'>" + resourceUri + "</wsman:ResourceURI>"
                + "<wsa:ReplyTo><wsa:Address env:mustUnderstand='true'>" + A + "/role/anonymous</wsa:Address></wsa:ReplyTo>"
                + "<wsa:Action env:mustUnderstand='true'>" + action + "</wsa:Action>"
                + "<wsa:MessageID>uuid:" + UUID.randomUUID().toString().toUpperCase(Locale.ROOT) + "</wsa:MessageID>"
                + "<wsman:MaxEnvelopeSize env:mustUnderstand='true'>512000</wsman:MaxEnvelopeSize>"
                + "<wsman:OperationTimeout>PT60S</wsman:OperationTimeout>"
                + selectorSet + "</env:Header><env:Body>" + body + "</env:Body></env:Envelope>")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] enumerate(String wql) {
        return envelope(N + "/Enumerate", V2 + "*", "", "<en:Enumerate xmlns:en='" + N + "'><wsman:OptimizeEnumeration/>"
                + "<wsman:MaxElements>32000</wsman:MaxElements><wsman:EnumerationMode>EnumerateObjectAndEPR</wsman:EnumerationMode>"
                + "<wsman:Filter Dialect='http://schemas.microsoft.com/wbem/wsman/1/WQL'>" + wql.replace("<", "&lt;")
                + "</wsman:Filter></en:Enumerate>");
    }

    private static String text(HttpTransport.Response r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    private static String basic(String user, String password) {
        return "Basic " + basic64(user, password);
    }

    private static String basic64(String user, String password) {
        return b64((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }
}
