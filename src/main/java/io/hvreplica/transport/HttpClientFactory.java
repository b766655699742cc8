package io.hvreplica.transport;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.DefaultHostnameVerifier;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.io.HttpConnectionFactory;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Builds the HttpClient 5 classic client for one host: one pooled connection (WinRM binds the
 * authentication context to it), no automatic retries (an Invoke must never be re-sent behind our
 * back), no redirects, no compression, no HttpClient-managed authentication (the transport runs
 * the handshake itself so that it controls the empty-body legs and the session keys).
 */
final class HttpClientFactory {
    /** Counts connections and remembers the host's certificate; the transport reads both. */
    static final class ConnectionTracker {
        private final AtomicLong opened = new AtomicLong();
        private final AtomicReference<X509Certificate> serverCertificate = new AtomicReference<>();

        long opened() {
            return opened.get();
        }

        private final AtomicReference<PoolingHttpClientConnectionManager> manager = new AtomicReference<>();

        X509Certificate serverCertificate() {
            return serverCertificate.get();
        }

        /** Closes the kept-alive connection, if any; the next request opens a new one. */
        void closeIdle() {
            PoolingHttpClientConnectionManager m = manager.get();
            if (m != null) {
                m.closeIdle(TimeValue.ZERO_MILLISECONDS);
            }
        }
    }

    private HttpClientFactory() {
    }

    static CloseableHttpClient create(boolean https, TlsOptions tls, Duration connectTimeout, Duration readTimeout,
                                      ConnectionTracker tracker, TransportListener listener) {
        HttpConnectionFactory<ManagedHttpClientConnection> counting = socket -> {
            long n = tracker.opened.incrementAndGet();
            // The socket is not connected yet when HttpClient asks for the connection object.
            listener.connectionOpened("connection #" + n);
            return ManagedHttpClientConnectionFactory.INSTANCE.createConnection(socket);
        };
        PoolingHttpClientConnectionManager manager = PoolingHttpClientConnectionManagerBuilder.create()
                .setConnectionFactory(counting)
                // Building an SSLContext reads the JDK trust store; a plain-HTTP session never needs it.
                .setTlsSocketStrategy(https ? handshakeFailuresMarked(tlsStrategy(tls, tracker)) : HttpClientFactory::refuseTls)
                .setMaxConnPerRoute(1)
                .setMaxConnTotal(1)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(connectTimeout))
                        .setSocketTimeout(Timeout.of(readTimeout))
                        // Windows drops idle connections after about two minutes; check before reuse.
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                        .build())
                .build();
        tracker.manager.set(manager);
        return HttpClients.custom()
                .setConnectionManager(manager)
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableContentCompression()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent("hvreplica/" + Version.VALUE)
                .build();
    }

    private static javax.net.ssl.SSLSocket refuseTls(java.net.Socket socket, String target, int port, Object attachment,
                                                     org.apache.hc.core5.http.protocol.HttpContext context)
            throws javax.net.ssl.SSLException {
        throw new javax.net.ssl.SSLException("this session was set up for plain HTTP, not TLS");
    }

    /**
     * The JDK reports some handshake failures as a plain SSLException, for example a plain-HTTP
     * answer to the ClientHello ("Unsupported or unrecognized SSL message"), the same type as a
     * failure after a request went out. Marking every failure of the handshake as an
     * SSLHandshakeException tells the transport that no request left this machine, so that it
     * neither retries it nor reports an Invoke's outcome as unknown.
     */
    private static TlsSocketStrategy handshakeFailuresMarked(TlsSocketStrategy strategy) {
        return (socket, target, port, attachment, context) -> {
            try {
                return strategy.upgrade(socket, target, port, attachment, context);
            } catch (SSLHandshakeException e) {
                throw e;
            } catch (SSLException e) {
                SSLHandshakeException marked = new SSLHandshakeException(e.getMessage());
                marked.initCause(e);
                throw marked;
            } catch (java.net.SocketTimeoutException e) {
                // TCP connected, but nothing came back to the ClientHello: not a connect problem.
                SSLHandshakeException marked = new SSLHandshakeException("the TLS handshake timed out: port " + port
                        + " sent nothing back to the ClientHello (is it an HTTPS listener?)");
                marked.initCause(e);
                throw marked;
            }
        };
    }

    private static DefaultClientTlsStrategy tlsStrategy(TlsOptions tls, ConnectionTracker tracker) {
        SSLContext context = sslContext(tls);
        HostnameVerifier check = tls.insecure() ? NoopHostnameVerifier.INSTANCE : new DefaultHostnameVerifier();
        // The verifier runs once per TLS handshake, before any request: the place to keep the
        // host's certificate for tls-server-end-point channel bindings.
        HostnameVerifier capturing = (host, session) -> {
            try {
                Certificate[] chain = session.getPeerCertificates();
                if (chain.length > 0 && chain[0] instanceof X509Certificate leaf) {
                    tracker.serverCertificate.set(leaf);
                }
            } catch (SSLPeerUnverifiedException e) {
                return false;
            }
            return check.verify(host, session);
        };
        return new DefaultClientTlsStrategy(context, HostnameVerificationPolicy.CLIENT, capturing);
    }

    private static SSLContext sslContext(TlsOptions tls) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            if (tls.insecure()) {
                context.init(null, new TrustManager[]{new TrustEverything()}, null);
            } else if (tls.caCertificate() != null) {
                KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                try (InputStream in = Files.newInputStream(tls.caCertificate())) {
                    int i = 0;
                    for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                        store.setCertificateEntry("ca-" + i++, c);
                    }
                    if (i == 0) {
                        throw new IllegalArgumentException("no certificate found in " + tls.caCertificate());
                    }
                }
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(store);
                context.init(null, tmf.getTrustManagers(), null);
            } else {
                context.init(null, null, null);
            }
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw TransportException.tls("cannot load the CA certificate " + tls.caCertificate() + ": " + e.getMessage(), e);
        }
    }

    /** Only with --insecure, which the CLI announces loudly. */
    private static final class TrustEverything implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
