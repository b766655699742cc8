package io.hvreplica.transport;

import io.hvreplica.DeadlineExceededException;
import io.hvreplica.OutcomeUnknownException;
import io.hvreplica.auth.AuthenticationException;
import io.hvreplica.auth.Authenticator;
import io.hvreplica.auth.ChannelBindings;
import io.hvreplica.auth.SecurityContext;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.util.Timeout;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One WinRM session with one host: an HttpClient 5 client with a single keep-alive connection and
 * one {@link HttpClientContext}, the authentication context bound to that connection, and, when
 * on, WinRM message encryption. Requests go one at a time.
 *
 * <p>Recovery rules, because a wrong or repeated failover operation costs real downtime:
 * idempotent requests (Get, Enumerate, Pull) that lose their connection or their session are
 * re-authenticated and sent once more; a non-idempotent request (Invoke) never is, and is reported
 * as {@link OutcomeUnknownException} once it may have left this machine.
 *
 * <p>Time bounds: connecting is bounded by the connect timeout, and each wait for an answer by the
 * read timeout. An optional deadline bounds everything together: every request gets
 * min(read timeout, time left) to answer, a watchdog aborts any exchange still running shortly
 * after the deadline (a TLS handshake or an answer trickling in a byte at a time would otherwise
 * outlive it), and nothing is sent once it has passed. A request the deadline cuts off is a
 * {@link DeadlineExceededException}, or an {@link OutcomeUnknownException} when it was
 * non-idempotent and had been sent.
 */
public final class HttpTransport implements Closeable {
    private final URI endpoint;
    private final Authenticator authenticator;
    private final boolean encrypt;
    private final boolean channelBinding;
    private final int maxResponseBytes;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private volatile Instant deadline;
    private final Clock clock;
    private final TransportListener listener;
    private final CloseableHttpClient client;
    private final HttpClientContext context = HttpClientContext.create();
    private final HttpClientFactory.ConnectionTracker connections = new HttpClientFactory.ConnectionTracker();
    private SecurityContext session;
    private long sessionConnection = -1;
    private int requests;
    // Whether the last failed request may have reached the host (see mayHaveSent).
    private boolean lastBodyWritten;

    private HttpTransport(Builder b) {
        this.endpoint = b.endpoint;
        this.authenticator = b.authenticator;
        this.maxResponseBytes = b.maxResponseBytes;
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
        this.deadline = b.deadline;
        this.clock = b.clock;
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

    /** How long one request may wait for its answer, deadline aside. */
    public Duration readTimeout() {
        return readTimeout;
    }

    /** The time left before the deadline (zero once it has passed), or empty when there is none. */
    public Optional<Duration> timeLeft() {
        if (deadline == null) {
            return Optional.empty();
        }
        Duration left = Duration.between(clock.instant(), deadline);
        return Optional.of(left.isNegative() ? Duration.ZERO : left);
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
                if (e instanceof DeadlinePassed cut) {
                    if (cut.sent && !idempotent) {
                        throw new OutcomeUnknownException("no answer came from " + endpoint.getHost()
                                + " before the deadline passed", e);
                    }
                    throw new DeadlineExceededException(cut.sent ? "the deadline passed while waiting for "
                            + endpoint.getHost() + " to answer" : "the deadline passed before the request could be"
                            + " sent to " + endpoint.getHost(), e);
                }
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
                if (!idempotent && !lastBodyWritten) {
                    // It broke before the body went out (a TLS handshake, say): the host has
                    // nothing it could run. Still not re-sent: the caller decides.
                    throw failure(e);
                }
                if (!idempotent) {
                    throw new OutcomeUnknownException(e instanceof SocketTimeoutException
                            ? "no answer came from " + endpoint.getHost() + " within the " + seconds(readTimeout)
                            + " read timeout" : "the connection to " + endpoint.getHost()
                            + " broke after the request was sent (" + describe(e) + ")", e);
                }
                if (e instanceof SocketTimeoutException) {
                    // Not retried: the host had longer than the OperationTimeout it was given to
                    // answer or fault, so it is hung rather than flaky, and a second wait would
                    // double the stall for nothing.
                    throw TransportException.connection(endpoint.getHost() + " accepted the request but sent no"
                            + " answer within the " + seconds(readTimeout) + " read timeout", e);
                }
                if (mayRetry) {
                    continue;
                }
                throw failure(e);
            }
            boolean reconnected = connections.opened() != connectionBefore
                    || (authenticator.connectionBound() && connections.opened() != sessionConnection);
            if (response.status() == 401 && authenticator.connectionBound()) {
                // The handshake had succeeded, so the credentials are not the problem: the host
                // dropped the session, or the connection that carried it.
                dropSession();
                String lost = reconnected ? "the connection to " + endpoint.getHost() + " was lost and re-opened,"
                        + " and the host refused the request on the new connection, which carries no session"
                        : endpoint.getHost() + " dropped the authenticated session and refused the request (HTTP 401)";
                if (!idempotent) {
                    // A 401 means the host did not run it. Still not re-sent: the caller decides.
                    throw TransportException.connection(lost + "; it did not run, so it is safe to run the command"
                            + " again", null);
                }
                if (mayRetry) {
                    continue;
                }
                throw TransportException.connection(lost + ", again after authenticating anew; the credentials were"
                        + " accepted, so check the host's WinRM service and anything in between that may not keep"
                        + " connections", null);
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
        post.setEntity(new Body(body, contentType));
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
        Response response = new Response(raw.status(), encryptedReply ? EncryptedBody.originalContentType(raw.body())
                : raw.contentType(), plain, raw.headers());
        listener.responseReceived(response.status(), response.headers(), plain, encryptedReply);
        return response;
    }

    private Response execute(HttpPost post) throws IOException {
        Duration left = timeLeft().orElse(null);
        if (left != null && left.isZero()) {
            throw new DeadlinePassed(false, null);
        }
        boolean deadlineFirst = left != null && left.compareTo(readTimeout) < 0;
        post.setConfig(requestConfig(deadlineFirst ? left : readTimeout,
                left != null && left.compareTo(connectTimeout) < 0 ? left : connectTimeout));
        AtomicBoolean aborted = new AtomicBoolean();
        ScheduledFuture<?> watchdog = left == null ? null : Watchdog.EXECUTOR.schedule(() -> {
            aborted.set(true);
            post.cancel();
        }, left.plus(Watchdog.GRACE).toMillis(), TimeUnit.MILLISECONDS);
        requests++;
        try {
            lastBodyWritten = true;
            Response response = client.execute(post, context, (ClassicHttpResponse r) -> {
                List<Map.Entry<String, String>> headers = new ArrayList<>();
                for (Header h : r.getHeaders()) {
                    headers.add(Map.entry(h.getName(), h.getValue()));
                }
                HttpEntity entity = r.getEntity();
                byte[] bytes = entity == null ? new byte[0] : readCapped(entity);
                Header type = r.getFirstHeader("Content-Type");
                return new Response(r.getCode(), type == null ? "" : type.getValue(), bytes, headers);
            });
            return response;
        } catch (IOException e) {
            lastBodyWritten = mayHaveSent(post, e);
            // A timeout is the deadline's only when the time left, not the configured bound, set it.
            // A TLS handshake that got no answer is still connecting (see HttpClientFactory).
            boolean connecting = e instanceof org.apache.hc.client5.http.ConnectTimeoutException
                    || e instanceof SSLHandshakeException && e.getCause() instanceof SocketTimeoutException;
            boolean connectCut = connecting && left != null && left.compareTo(connectTimeout) < 0;
            boolean readCut = !connecting && e instanceof SocketTimeoutException && deadlineFirst;
            if (aborted.get() || connectCut || readCut) {
                throw new DeadlinePassed(mayHaveSent(post, e), e);
            }
            throw e;
        } finally {
            if (watchdog != null) {
                watchdog.cancel(false);
            }
        }
    }

    // The connect timeout per request is the only way to bound one connection attempt by the time
    // left; HttpClient deprecates it in favour of the fixed per-pool setting.
    @SuppressWarnings("deprecation")
    private static RequestConfig requestConfig(Duration response, Duration connect) {
        return RequestConfig.custom()
                .setResponseTimeout(Timeout.of(atLeastOneMilli(response)))
                .setConnectTimeout(Timeout.of(atLeastOneMilli(connect)))
                .build();
    }

    // A zero timeout means "wait forever" to a socket.
    private static Duration atLeastOneMilli(Duration d) {
        return d.toMillis() < 1 ? Duration.ofMillis(1) : d;
    }

    // Whether the host may have the request: its body began to go out. Before that (connecting,
    // a TLS handshake), the host has nothing it could run, whatever the exception looks like.
    private static boolean mayHaveSent(HttpPost post, IOException e) {
        return post.getEntity() instanceof Body b ? b.written : !notSent(e);
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : String.format("%.1f s", d.toMillis() / 1000.0);
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
        } catch (DeadlinePassed e) {
            dropSession();
            throw new DeadlineExceededException("the deadline passed while authenticating with "
                    + endpoint.getHost() + " (" + authenticator.name() + ")", e);
        } catch (IOException e) {
            dropSession();
            throw failure(e);
        }
    }

    /**
     * Closes the connection and forgets the session, so that the next request opens a new
     * connection and authenticates again.
     */
    public synchronized void reconnect() {
        dropSession();
        connections.closeIdle();
    }

    /**
     * Like {@link #reconnect}, and allows requests for {@code grace} past the deadline, if there
     * is one and it is (nearly) gone: after a state-changing request lost its answer to the
     * deadline, one short read of what happened is worth more than ending at the exact instant.
     */
    public synchronized void reconnect(Duration grace) {
        reconnect();
        Instant now = clock.instant();
        if (deadline != null && deadline.isBefore(now.plus(grace))) {
            deadline = now.plus(grace);
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
        if (e instanceof org.apache.hc.client5.http.ConnectTimeoutException) {
            return TransportException.connection("cannot connect to " + endpoint.getHost() + ":" + port() + " within the "
                    + seconds(connectTimeout) + " connect timeout; check that the host is up and the firewall allows"
                    + " WinRM", e);
        }
        if (e instanceof ConnectException) {
            return TransportException.connection("cannot connect to " + endpoint.getHost() + ":" + port()
                    + " (" + describe(e) + "); check that WinRM is listening and the firewall allows it", e);
        }
        if (e instanceof SSLException) {
            String why = describe(e);
            if (why.contains("Unsupported or unrecognized SSL message")) {
                return TransportException.tls("port " + port() + " on " + endpoint.getHost() + " answered in plain"
                        + " HTTP, not TLS; use the HTTPS listener (5986) or plain HTTP", e,
                        TransportException.Reason.PLAIN_HTTP_ON_TLS_PORT);
            }
            if (certificateProblem(e)) {
                return TransportException.tls("TLS with " + endpoint.getHost() + " failed: " + why
                        + "; the host's certificate is not trusted here", e, TransportException.Reason.UNTRUSTED_CERTIFICATE);
            }
            return TransportException.tls("TLS with " + endpoint.getHost() + " failed: " + why, e);
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

    /** A request body that notes when HttpClient starts writing it, that is, once the request may reach the host. */
    private static final class Body extends org.apache.hc.core5.http.io.entity.AbstractHttpEntity {
        private final byte[] bytes;
        private volatile boolean written;

        // The content type as text: parsing it into a ContentType costs every request for nothing.
        Body(byte[] bytes, String contentType) {
            super(contentType, null);
            this.bytes = bytes;
        }

        @Override
        public void writeTo(java.io.OutputStream out) throws IOException {
            written = true;
            out.write(bytes);
            out.flush();
        }

        @Override
        public InputStream getContent() {
            return new java.io.ByteArrayInputStream(bytes);
        }

        @Override
        public long getContentLength() {
            return bytes.length;
        }

        @Override
        public boolean isRepeatable() {
            return true;
        }

        @Override
        public boolean isStreaming() {
            return false;
        }

        @Override
        public void close() {
        }
    }

    /** The deadline cut an exchange short; {@code sent} when the request may have reached the host. */
    private static final class DeadlinePassed extends IOException {
        final boolean sent;

        DeadlinePassed(boolean sent, IOException cause) {
            super("the deadline passed", cause);
            this.sent = sent;
        }
    }

    /** One daemon thread for all transports, started with the first deadline. */
    private static final class Watchdog {
        // Past the deadline, the per-request response timeout has normally ended the wait already;
        // the watchdog is the backstop for waits that timeout does not cover.
        static final Duration GRACE = Duration.ofMillis(250);
        static final ScheduledExecutorService EXECUTOR = create();

        private static ScheduledExecutorService create() {
            ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "hvreplica-deadline");
                t.setDaemon(true);
                return t;
            });
            e.setRemoveOnCancelPolicy(true);
            return e;
        }
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
        // WinRM answers within the OperationTimeout it is given (60 s at most by default) or faults
        // with w:TimedOut; 15 s more leaves room for the network and for writing the fault.
        private Duration readTimeout = Duration.ofSeconds(75);
        private Instant deadline;
        private Clock clock = Clock.systemUTC();
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

        /** How long opening one TCP connection may take (default 15 s). */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connect timeout");
            return this;
        }

        /** How long one request may wait for its answer (default 75 s). */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = positive(timeout, "read timeout");
            return this;
        }

        /**
         * The instant by which every request must be done, handshakes included; none by default.
         * Time is read from {@link #clock}.
         */
        public Builder deadline(Instant deadline) {
            this.deadline = deadline;
            return this;
        }

        /** The clock the deadline is measured with (default: the system clock). */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        private static Duration positive(Duration d, String what) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("the " + what + " must be positive");
            }
            return d;
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
