package io.hvreplica.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.hvreplica.auth.AuthenticationException;
import io.hvreplica.auth.Credentials;
import io.hvreplica.auth.ntlm.NtlmAcceptor;
import io.hvreplica.transport.EncryptedBody;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a default Windows WinRM listener on HTTP 5985 looks like, in front of the WireMock host:
 * Negotiate (raw NTLMSSP) authentication, one security context per TCP connection, and WinRM
 * message encryption required (AllowUnencrypted=false). Behaves like the interop peer described in
 * {@code src/test/peer/README.md}: 401 + {@code WWW-Authenticate: Negotiate} without credentials;
 * NEGOTIATE → 401 with the CHALLENGE; a verified AUTHENTICATE → 200 with an empty body, a refused
 * one → plain 401; then each {@code multipart/encrypted} body is unsealed, posted as plain SOAP to
 * WireMock with its Basic credentials, and the reply (any status, faults included) sealed back.
 * Plain SOAP on an authenticated connection gets 500 with an empty body, a body that does not
 * unseal 400 and a closed connection. Bytes that cannot start an HTTP request, such as a TLS
 * ClientHello, get HTTP.sys's immediate 400 and a closed connection ({@link RequestLineGate}).
 *
 * <p>This front exists for {@code hvreplica demo}, {@code hvreplica simulate} and users' scripts.
 * It verifies NTLM with our own code ({@link NtlmAcceptor}, built on the client's primitives), so it
 * cannot catch a mistake the two sides share: the independent judge of our NTLM and encryption
 * remains the Python gss-ntlmssp interop peer in {@code src/test/peer}.
 */
final class NegotiateFront implements AutoCloseable {
    static final String PATH = "/wsman";
    private static final String SCHEME = "Negotiate";
    private static final int MAX_REQUEST_BYTES = 16 * 1024 * 1024;
    private static final String NODELAY = "sun.net.httpserver.nodelay";
    private static final Pattern CHARSET = Pattern.compile("charset=\"?([A-Za-z0-9-]+)", Pattern.CASE_INSENSITIVE);

    private final HttpServer server;
    private final RequestLineGate gate;
    private final ExecutorService executor;
    private final SoapBackend backend;
    private final Credentials account;
    private final String computerName;
    private final FrontConnections connections = new FrontConnections();
    private final AtomicInteger unauthorized = new AtomicInteger();
    private final AtomicInteger handshakes = new AtomicInteger();
    private volatile String lastRefusal;

    private NegotiateFront(HttpServer server, RequestLineGate gate, ExecutorService executor, SoapBackend backend,
                           Credentials account, String computerName) {
        this.server = server;
        this.gate = gate;
        this.executor = executor;
        this.backend = backend;
        this.account = account;
        this.computerName = computerName;
    }

    /**
     * Listens on {@code bindAddress:port} (0 = any free port).
     *
     * @throws IllegalStateException if the port cannot be bound
     */
    static NegotiateFront start(String bindAddress, int port, SoapBackend backend, Credentials account,
                                String computerName) {
        // The JDK server writes headers and body separately; without TCP_NODELAY every response
        // waits ~40 ms for a delayed ACK. Read once per JVM, when the first HttpServer is made.
        if (System.getProperty(NODELAY) == null) {
            System.setProperty(NODELAY, "true");
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "simulator-negotiate-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        HttpServer server = null;
        RequestLineGate gate;
        try {
            // The HTTP server listens privately on loopback; clients reach it through the gate.
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            gate = RequestLineGate.start(InetAddress.getByName(bindAddress), port, server.getAddress(), executor);
        } catch (IOException e) {
            if (server != null) {
                server.stop(0);
            }
            executor.shutdownNow();
            throw new IllegalStateException("cannot start the Negotiate front on " + bindAddress + ":" + port
                    + ": " + e.getMessage(), e);
        }
        NegotiateFront front = new NegotiateFront(server, gate, executor, backend, account, computerName);
        server.createContext("/", front::handle);
        server.setExecutor(executor);
        server.start();
        return front;
    }

    int port() {
        return gate.port();
    }

    /** 401 responses sent so far: anonymous challenges, CHALLENGE legs and refusals. */
    int unauthorizedCount() {
        return unauthorized.get();
    }

    /** Handshakes that completed with a verified AUTHENTICATE. */
    int completedHandshakes() {
        return handshakes.get();
    }

    /** Why the last handshake leg was refused, or null; the front writes no logs. */
    String lastRefusal() {
        return lastRefusal;
    }

    private void handle(HttpExchange ex) throws IOException {
        try {
            serve(ex);
        } finally {
            ex.close();
        }
    }

    private void serve(HttpExchange ex) throws IOException {
        if (!PATH.equalsIgnoreCase(ex.getRequestURI().getRawPath())) {
            respond(ex, 404, null, new byte[0]);
            return;
        }
        if (!"POST".equals(ex.getRequestMethod())) {
            respond(ex, 405, null, new byte[0]);
            return;
        }
        byte[] body = readBody(ex);
        if (body == null) {
            closeConnection(ex);
            respond(ex, 413, null, new byte[0]);
            return;
        }
        FrontConnections.Connection conn = connections.of(ex.getRemoteAddress());
        String authorization = ex.getRequestHeaders().getFirst("Authorization");
        if (authorization != null) {
            if (!handshakeLeg(ex, conn, authorization)) {
                return;
            }
            if (body.length == 0) {
                respond(ex, 200, null, new byte[0]);
                return;
            }
            // A final leg that carries a body is served like any authenticated request.
        }
        if (conn.session == null) {
            conn.reset();
            challenge(ex, null);
            return;
        }
        serveAuthenticated(ex, conn, body);
    }

    /**
     * One leg of the NTLM handshake. Returns true when this leg completed it (nothing has been
     * sent yet), false when it has answered with a 401.
     */
    private boolean handshakeLeg(HttpExchange ex, FrontConnections.Connection conn, String authorization)
            throws IOException {
        byte[] token = negotiateToken(authorization);
        try {
            if (token == null) {
                throw new AuthenticationException("the Authorization header is not \"Negotiate <base64>\"");
            }
            if (conn.acceptor == null) {
                // A new handshake; on an authenticated connection the old session is dropped.
                conn.reset();
                NtlmAcceptor acceptor = new NtlmAcceptor(account, computerName);
                byte[] challenge = acceptor.challenge(token);
                conn.acceptor = acceptor;
                challenge(ex, challenge);
                return false;
            }
            NtlmAcceptor acceptor = conn.acceptor;
            conn.acceptor = null;
            conn.session = acceptor.accept(token);
            handshakes.incrementAndGet();
            return true;
        } catch (AuthenticationException e) {
            lastRefusal = e.getMessage();
            conn.reset();
            challenge(ex, null);
            return false;
        }
    }

    private void serveAuthenticated(HttpExchange ex, FrontConnections.Connection conn, byte[] body)
            throws IOException {
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        if (!EncryptedBody.isEncrypted(type)) {
            respond(ex, 500, null, new byte[0]); // AllowUnencrypted=false
            return;
        }
        byte[] soap;
        try {
            soap = EncryptedBody.unseal(conn.session, type, body);
        } catch (RuntimeException e) {
            // The inbound RC4 stream is now out of step: this connection's session is over.
            closeConnection(ex);
            respond(ex, 400, "text/plain;charset=UTF-8",
                    ("unwrap failed: " + e.getMessage()).getBytes(StandardCharsets.UTF_8));
            return;
        }
        int status;
        byte[] reply;
        String charset = "UTF-8";
        try {
            SoapBackend.Reply r = backend.post(ex.getRequestURI().getRawPath(), soap);
            status = r.status();
            reply = r.body();
            Matcher declared = CHARSET.matcher(r.contentType());
            if (declared.find()) {
                charset = declared.group(1);
            }
        } catch (IOException e) {
            status = 502;
            reply = new byte[0];
        }
        // A sealed answer says its character set only in OriginalContent, as Windows does.
        respond(ex, status, EncryptedBody.contentType(conn.session.protocol()),
                EncryptedBody.seal(conn.session, reply, charset));
    }

    /** The token of {@code Negotiate <base64>}, or null when the header is anything else. */
    private static byte[] negotiateToken(String authorization) {
        String[] parts = authorization.trim().split("\\s+", 2);
        if (parts.length != 2 || !parts[0].equalsIgnoreCase(SCHEME)) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(parts[1].trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** 401 with {@code WWW-Authenticate: Negotiate [token]}. */
    private void challenge(HttpExchange ex, byte[] token) throws IOException {
        unauthorized.incrementAndGet();
        ex.getResponseHeaders().set("WWW-Authenticate",
                token == null ? SCHEME : SCHEME + " " + Base64.getEncoder().encodeToString(token));
        respond(ex, 401, null, new byte[0]);
    }

    /** Marks the response {@code Connection: close} and forgets the connection's context. */
    private void closeConnection(HttpExchange ex) {
        connections.forget(ex.getRemoteAddress());
        ex.getResponseHeaders().set("Connection", "close");
    }

    /** The body, or null when it is larger than the limit. */
    private static byte[] readBody(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_REQUEST_BYTES + 1);
            return body.length > MAX_REQUEST_BYTES ? null : body;
        }
    }

    /** Always with Content-Length (0 for an empty body), never chunked, as Windows answers. */
    private static void respond(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
        if (contentType != null) {
            ex.getResponseHeaders().set("Content-Type", contentType);
        }
        ex.getResponseHeaders().set("Server", "Microsoft-HTTPAPI/2.0");
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        gate.close();
        server.stop(0);
        executor.shutdownNow();
    }
}
