package io.hvreplica.transport;

import io.hvreplica.OutcomeUnknownException;
import io.hvreplica.auth.AuthenticationException;
import io.hvreplica.auth.Authenticator;
import io.hvreplica.auth.ChannelBindings;
import io.hvreplica.auth.SecurityContext;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.ContentType;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * One WinRM session with one host: an HttpClient 5 client with a single keep-alive connection and
 * one {@link HttpClientContext}, the authentication context bound to that connection, and, when
 * on, WinRM message encryption. Requests go one at a time.
 *
 * <p>Recovery rules, because a wrong or repeated failover operation costs real downtime:
 * idempotent requests (Get, Enumerate, Pull) that lose their connection or their session are
 * re-authenticated and sent once more; a non-idempotent request (Invoke) never is, and is reported
 * as {@link OutcomeUnknownException} once it may have left this machine.
 */
public final class HttpTransport implements Closeable {
    private final URI endpoint;
    private final Authenticator authenticator;
    private final boolean encrypt;
    private final boolean channelBinding;
    private final int maxResponseBytes;
    private final TransportListener listener;
    private final CloseableHttpClient client;
    private final HttpClientContext context = HttpClientContext.create();
    private final HttpClientFactory.ConnectionTracker connections = new HttpClientFactory.ConnectionTracker();
    private SecurityContext session;
    private long sessionConnection = -1;
    private int requests;

    private HttpTransport(Builder b) {
        this.endpoint = b.endpoint;
        this.authenticator = b.authenticator;
        this.maxResponseBytes = b.maxResponseBytes;
        this.channelBinding = b.channelBinding;
        this.listener = b.listener;
        boolean https = "https".equalsIgnoreCase(endpoint.getScheme());
        this.encrypt = switch (b.encryption) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> !https && authenticator.connectionBound();
        };
        if (encrypt && !authenticator.connectionBound()) {
            throw new IllegalArgumentException(authenticator.name()
                    + " authentication has no session keys, so it cannot encrypt messages; use HTTPS");
        }
        if (!https && !encrypt && !b.allowUnencrypted) {
            throw new IllegalArgumentException("sending " + (authenticator.connectionBound() ? "unencrypted SOAP"
                    : authenticator.name() + " credentials") + " over plain HTTP exposes it on the network;"
                    + " use HTTPS, message encryption, or allow unencrypted traffic explicitly");
        }
        this.client = b.httpClient != null ? b.httpClient
                : HttpClientFactory.create(https, b.tls, b.connectTimeout, b.readTimeout, connections, listener);
    }

    public static Builder builder(URI endpoint, Authenticator authenticator) {
        return new Builder(endpoint, authenticator);
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Whether messages are sealed with WinRM message encryption. */
    public boolean encrypting() {
        return encrypt;
    }

    /** HTTP requests sent so far, handshake legs included. */
    public synchronized int requestCount() {
        return requests;
    }

    /** TCP connections opened so far. */
    public long connectionCount() {
        return connections.opened();
    }

    /**
     * Runs the connection-bound handshake now if it has not run yet (nothing to do for Basic).
     * Optional: {@link #send} does it when needed, but a caller with other start-up work can
     * overlap the round trips with it.
     */
    public synchronized void authenticate() {
        if (authenticator.connectionBound() && session == null) {
            handshake();
        }
    }

    /**
     * Sends one SOAP envelope and returns the host's answer, decrypted.
     *
     * @param idempotent whether the request may be sent again after a lost connection or session
     */
    public synchronized Response send(byte[] soap, boolean idempotent) {
        for (int attempt = 0; ; attempt++) {
            boolean mayRetry = idempotent && attempt == 0;
            authenticate();
            long connectionBefore = connections.opened();
            Response response;
            try {
                response = exchange(soap);
            } catch (IOException e) {
                dropSession();
                if (notSent(e)) {
                    throw failure(e);
                }
                if (e instanceof ResponseTooLargeException) {
                    // The host did answer; asking again would fetch the same answer.
                    if (!idempotent) {
                        throw new OutcomeUnknownException("the host answered, but " + e.getMessage(), e);
                    }
                    throw failure(e);
                }
                if (!idempotent) {
                    throw new OutcomeUnknownException("the connection to " + endpoint.getHost()
                            + " broke after the request was sent (" + describe(e) + ")", e);
                }
                if (mayRetry) {
                    continue;
                }
                throw failure(e);
            }
            boolean reconnected = connections.opened() != connectionBefore
                    || (authenticator.connectionBound() && connections.opened() != sessionConnection);
            if (response.status() == 401 && authenticator.connectionBound() && reconnected) {
                // The pooled connection was closed by the host; the new one carries no session.
                dropSession();
                if (!idempotent) {
                    // A 401 means the host did not run it. Still not re-sent: the caller decides.
                    throw TransportException.connection("the connection to " + endpoint.getHost() + " was lost and"
                            + " re-opened, and the host refused the request unauthenticated, so it did not run;"
                            + " it is safe to run the command again", null);
                }
                if (mayRetry) {
                    continue;
                }
            }
            if (response.status() == 401) {
                dropSession();
                throw new AuthenticationException("the host " + endpoint.getHost() + " refused the credentials ("
                        + authenticator.name() + "): HTTP 401");
            }
            return response;
        }
    }

    private Response exchange(byte[] soap) throws IOException {
        HttpPost post = new HttpPost(endpoint);
        post.setHeader("Connection", "Keep-Alive");
        if (!authenticator.connectionBound()) {
            SecurityContext basic = authenticator.newContext(endpoint.getHost(), null);
            post.setHeader("Authorization", basic.scheme() + " " + Base64.getEncoder().encodeToString(basic.step(null)));
        }
        boolean sealed = encrypt && session != null;
        String contentType;
        byte[] body;
        if (sealed) {
            body = EncryptedBody.seal(session.protection(), soap);
            contentType = EncryptedBody.contentType(session.protection().protocol());
        } else {
            body = soap;
            contentType = "application/soap+xml;charset=UTF-8";
        }
        post.setEntity(new ByteArrayEntity(body, ContentType.parse(contentType)));
        post.setHeader("Content-Type", contentType);
        listener.requestSent("POST", endpoint.toString(), redacted(post.getHeaders()), soap, sealed);
        Response raw = execute(post);
        byte[] plain = raw.body();
        boolean encryptedReply = EncryptedBody.isEncrypted(raw.contentType());
        if (encryptedReply) {
            if (session == null || session.protection() == null) {
                throw TransportException.protocol("the host sent an encrypted response to an unencrypted request");
            }
            plain = EncryptedBody.unseal(session.protection(), raw.contentType(), raw.body());
        } else if (sealed && raw.body().length > 0 && raw.status() != 401) {
            throw TransportException.protocol("the host answered an encrypted request with an unencrypted body"
                    + " (HTTP " + raw.status() + ")");
        }
        Response response = new Response(raw.status(), encryptedReply ? "application/soap+xml;charset=UTF-8"
                : raw.contentType(), plain, raw.headers());
        listener.responseReceived(response.status(), response.headers(), plain, encryptedReply);
        return response;
    }

    private Response execute(HttpPost post) throws IOException {
        requests++;
        return client.execute(post, context, (ClassicHttpResponse r) -> {
            List<Map.Entry<String, String>> headers = new ArrayList<>();
            for (Header h : r.getHeaders()) {
                headers.add(Map.entry(h.getName(), h.getValue()));
            }
            HttpEntity entity = r.getEntity();
            byte[] bytes = entity == null ? new byte[0] : readCapped(entity);
            Header type = r.getFirstHeader("Content-Type");
            return new Response(r.getCode(), type == null ? "" : type.getValue(), bytes, headers);
        });
    }

    private byte[] readCapped(HttpEntity entity) throws IOException {
        long declared = entity.getContentLength();
        if (declared > maxResponseBytes) {
            throw new ResponseTooLargeException(declared, maxResponseBytes);
        }
        try (InputStream in = entity.getContent()) {
            byte[] bytes = in.readNBytes(maxResponseBytes + 1);
            if (bytes.length > maxResponseBytes) {
                throw new ResponseTooLargeException(-1, maxResponseBytes);
            }
            return bytes;
        }
    }

    /**
     * Runs the connection-bound handshake on an empty body (WinRM needs the keys before the first
     * sealed message). Over HTTPS an unauthenticated probe goes first, so that the host's
     * certificate is known for channel bindings before the first token is made.
     */
    private void handshake() {
        try {
            ChannelBindings bindings = null;
            if ("https".equalsIgnoreCase(endpoint.getScheme())) {
                Response probe = execute(emptyPost(null));
                if (probe.status() != 401) {
                    throw TransportException.protocol("the host answered an unauthenticated request with HTTP "
                            + probe.status() + " instead of 401");
                }
                if (channelBinding && connections.serverCertificate() != null) {
                    bindings = ChannelBindings.tlsServerEndPoint(connections.serverCertificate());
                }
            }
            Handshake.Result done = Handshake.run(authenticator, endpoint.getHost(), bindings,
                    authorization -> execute(emptyPost(authorization)), connections::opened);
            session = done.context();
            sessionConnection = done.connection();
            listener.authenticated(done.context().scheme(), done.legs());
        } catch (IOException e) {
            dropSession();
            throw failure(e);
        }
    }

    private HttpPost emptyPost(String authorization) {
        HttpPost post = new HttpPost(endpoint);
        post.setHeader("Connection", "Keep-Alive");
        if (authorization != null) {
            post.setHeader("Authorization", authorization);
        }
        post.setEntity(new ByteArrayEntity(new byte[0], null));
        listener.requestSent("POST", endpoint.toString(), redacted(post.getHeaders()), new byte[0], false);
        return post;
    }

    private void dropSession() {
        session = null;
        sessionConnection = -1;
    }

    // Failures while opening the connection: no byte of the request has left this machine.
    private static boolean notSent(IOException e) {
        return e instanceof ConnectException || e instanceof UnknownHostException || e instanceof SSLHandshakeException
                || e instanceof org.apache.hc.client5.http.ConnectTimeoutException
                || e instanceof java.net.NoRouteToHostException;
    }

    private TransportException failure(IOException e) {
        if (e instanceof ResponseTooLargeException big) {
            return TransportException.protocol("the host's response is refused: " + big.getMessage(), big);
        }
        if (e instanceof UnknownHostException) {
            return TransportException.connection("cannot resolve host " + endpoint.getHost(), e);
        }
        if (e instanceof ConnectException) {
            return TransportException.connection("cannot connect to " + endpoint.getHost() + ":" + port()
                    + " (" + describe(e) + "); check that WinRM is listening and the firewall allows it", e);
        }
        if (e instanceof SSLException) {
            String why = describe(e);
            if (why.contains("Unsupported or unrecognized SSL message")) {
                return TransportException.tls("port " + port() + " on " + endpoint.getHost() + " answered in plain"
                        + " HTTP, not TLS; drop --https or use the HTTPS listener (5986)", e);
            }
            return TransportException.tls("TLS with " + endpoint.getHost() + " failed: " + why
                    + (certificateProblem(e) ? "; pass the host's CA with --ca-cert" : ""), e);
        }
        return TransportException.connection("the connection to " + endpoint.getHost() + " failed: " + describe(e), e);
    }

    private static boolean certificateProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.security.cert.CertificateException
                    || t instanceof javax.net.ssl.SSLPeerUnverifiedException) {
                return true;
            }
        }
        return false;
    }

    private int port() {
        return endpoint.getPort() > 0 ? endpoint.getPort() : ("https".equalsIgnoreCase(endpoint.getScheme()) ? 443 : 80);
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    private static List<Map.Entry<String, String>> redacted(Header[] headers) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (Header h : headers) {
            String value = h.getName().equalsIgnoreCase("Authorization")
                    ? h.getValue().split(" ", 2)[0] + " [redacted]" : h.getValue();
            out.add(Map.entry(h.getName(), value));
        }
        return out;
    }

    @Override
    public synchronized void close() {
        dropSession();
        try {
            client.close();
        } catch (IOException ignored) {
            // Closing sockets we no longer need; nothing to report.
        }
    }

    /** The host's answer: status, content type and the plaintext body. */
    public record Response(int status, String contentType, byte[] body, List<Map.Entry<String, String>> headers) {
    }

    /** Thrown inside the response handler so that HttpClient discards the connection. */
    private static final class ResponseTooLargeException extends IOException {
        ResponseTooLargeException(long declared, int limit) {
            super("its response is larger than the " + limit + "-byte limit"
                    + (declared > 0 ? " (" + declared + " bytes announced)" : "") + "; refusing to read it");
        }
    }

    /** Immutable once built; the builder holds defaults a Hyper-V administrator would expect. */
    public static final class Builder {
        private final URI endpoint;
        private final Authenticator authenticator;
        private EncryptionMode encryption = EncryptionMode.AUTO;
        private TlsOptions tls = TlsOptions.DEFAULT;
        private boolean allowUnencrypted;
        private Duration connectTimeout = Duration.ofSeconds(15);
        // WinRM answers within its OperationTimeout (60 s) or faults with w:TimedOut.
        private Duration readTimeout = Duration.ofSeconds(75);
        private int maxResponseBytes = 4 * 1024 * 1024;
        private boolean channelBinding = true;
        private TransportListener listener = TransportListener.NONE;
        private CloseableHttpClient httpClient;

        private Builder(URI endpoint, Authenticator authenticator) {
            this.endpoint = endpoint;
            this.authenticator = authenticator;
        }

        public Builder encryption(EncryptionMode mode) {
            this.encryption = mode;
            return this;
        }

        public Builder tls(TlsOptions options) {
            this.tls = options;
            return this;
        }

        /** Permits plain SOAP or Basic credentials over HTTP. Off by default. */
        public Builder allowUnencrypted(boolean allow) {
            this.allowUnencrypted = allow;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        public Builder readTimeout(Duration timeout) {
            this.readTimeout = timeout;
            return this;
        }

        /** Responses larger than this are refused without being parsed. */
        public Builder maxResponseBytes(int bytes) {
            this.maxResponseBytes = bytes;
            return this;
        }

        /**
         * Whether to bind authentication to the TLS channel (on by default). Only a TLS-terminating
         * proxy in front of the host, which makes the bindings wrong, is a reason to turn it off.
         */
        public Builder channelBinding(boolean on) {
            this.channelBinding = on;
            return this;
        }

        public Builder listener(TransportListener listener) {
            this.listener = listener;
            return this;
        }

        /**
         * Replaces the HTTP client, so that tests (fuzzing above all) can answer from memory
         * without sockets. Not public: TLS, connection tracking and retries depend on ours.
         */
        Builder httpClient(CloseableHttpClient client) {
            this.httpClient = client;
            return this;
        }

        public HttpTransport build() {
            return new HttpTransport(this);
        }
    }
}
