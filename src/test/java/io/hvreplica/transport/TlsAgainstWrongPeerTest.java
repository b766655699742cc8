package io.hvreplica.transport;

import io.hvreplica.auth.Credentials;
import io.hvreplica.auth.basic.BasicAuthenticator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HTTPS against a port that does not speak TLS: a plain-HTTP listener, and a peer that says nothing. */
class TlsAgainstWrongPeerTest {
    private static final byte[] SOAP = "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body/></s:Envelope>"
            .getBytes(StandardCharsets.UTF_8);

    /** Hands every connection it accepts to {@code peer}, each on its own thread, and counts them. */
    private static final class Peer implements AutoCloseable {
        final ServerSocket server;
        final AtomicInteger connections = new AtomicInteger();

        Peer(Consumer<Socket> peer) throws IOException {
            server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
            Thread t = new Thread(() -> {
                while (true) {
                    Socket s;
                    try {
                        s = server.accept();
                    } catch (IOException e) {
                        return; // the test closed the listener
                    }
                    connections.incrementAndGet();
                    Thread c = new Thread(() -> {
                        try (s) {
                            peer.accept(s);
                        } catch (IOException ignored) {
                            // already closed
                        }
                    }, "wrong-peer-connection");
                    c.setDaemon(true);
                    c.start();
                }
            }, "wrong-peer");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    private static HttpTransport https(int port, Duration timeout) {
        return HttpTransport.builder(URI.create("https://127.0.0.1:" + port + "/wsman"),
                        new BasicAuthenticator(Credentials.of("hvadmin", "pw".toCharArray())))
                .tls(new TlsOptions(null, true))
                .connectTimeout(timeout).readTimeout(timeout)
                .build();
    }

    /** What HTTP.sys does with a ClientHello on port 5985: an HTTP 400, then the connection closes. */
    @Test
    void aPlainHttpAnswerToTheClientHelloIsReportedAsAPlainHttpPort() throws IOException {
        try (Peer peer = new Peer(s -> {
            try {
                InputStream in = s.getInputStream();
                in.readNBytes(5); // the TLS record header
                s.getOutputStream().write(("HTTP/1.1 400 Bad Request\r\nContent-Type: text/html; charset=us-ascii\r\n"
                        + "Server: Microsoft-HTTPAPI/2.0\r\nConnection: close\r\nContent-Length: 0\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                s.shutdownOutput();
                in.readAllBytes();
            } catch (IOException ignored) {
                // The client hung up first.
            }
        }); HttpTransport t = https(peer.port(), Duration.ofSeconds(30))) {
            TransportException e = assertThrows(TransportException.class, () -> t.send(SOAP, true));
            assertEquals("tls", e.kind().label(), e.getMessage());
            assertTrue(e.getMessage().contains("port " + peer.port() + " on 127.0.0.1 answered in plain HTTP"),
                    e.getMessage());
            // A failed TLS handshake sent no request: even an idempotent one is not tried again.
            assertEquals(1, peer.connections.get());
        }
    }

    /**
     * A peer that accepts and never answers: the TLS handshake ends at the client's timeout with a
     * failure, not a hang. The test's own timeout only guards against a hang; nothing is timed.
     */
    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aSilentPeerEndsTheHandshakeAtTheTimeout() throws IOException {
        CountDownLatch done = new CountDownLatch(1);
        try (Peer peer = new Peer(s -> {
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }); HttpTransport t = https(peer.port(), Duration.ofMillis(200))) {
            TransportException e = assertThrows(TransportException.class, () -> t.send(SOAP, true));
            assertTrue(e.getMessage().toLowerCase(Locale.ROOT).contains("timed out"), e.getMessage());
        } finally {
            done.countDown();
        }
    }
}
