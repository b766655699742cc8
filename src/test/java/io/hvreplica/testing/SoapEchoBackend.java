package io.hvreplica.testing;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A plain HTTP backend for the interop peer: answers every POST /wsman with the request body
 * itself (so a test can check a byte-exact round trip), or HTTP 500 with the same body when it
 * contains {@code FAULT-ME}.
 */
public final class SoapEchoBackend implements AutoCloseable {
    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    private SoapEchoBackend(HttpServer server) {
        this.server = server;
    }

    public static SoapEchoBackend start() {
        // Without it the JDK server delays small responses by about 40 ms (Nagle + delayed ACK).
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
            SoapEchoBackend backend = new SoapEchoBackend(server);
            server.createContext("/wsman", exchange -> {
                backend.requests.incrementAndGet();
                byte[] body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = in.readAllBytes();
                }
                int status = new String(body, StandardCharsets.UTF_8).contains("FAULT-ME") ? 500 : 200;
                exchange.getResponseHeaders().set("Content-Type", "application/soap+xml;charset=UTF-8");
                exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return backend;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the echo backend", e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/wsman";
    }

    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
