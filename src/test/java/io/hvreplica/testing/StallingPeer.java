package io.hvreplica.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A host that accepts a connection, reads the request whole, and never answers: the socket stays
 * open, silent, until the peer is closed. Optionally only some requests stall and the others are
 * forwarded to a real backend (the simulated host), so that a test can stall exactly the Invoke or
 * a job poll of an otherwise working revert.
 */
public final class StallingPeer implements AutoCloseable {
    private final ServerSocket socket;
    private final Predicate<RawHttpServer.Request> stall;
    private final URI backend;
    private final HttpClient forwarder;
    private final List<RawHttpServer.Request> requests = new ArrayList<>();
    private final List<Socket> held = new ArrayList<>();
    private final AtomicInteger stalled = new AtomicInteger();

    private StallingPeer(URI backend, Predicate<RawHttpServer.Request> stall) throws IOException {
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.backend = backend;
        this.stall = stall;
        this.forwarder = backend == null ? null : HttpClient.newHttpClient();
        Thread acceptor = new Thread(this::acceptLoop, "stalling-peer");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Never answers anything. */
    public static StallingPeer silent() throws IOException {
        return new StallingPeer(null, r -> true);
    }

    /** Stalls the requests {@code stall} picks; forwards the others to {@code backend} and relays the answer. */
    public static StallingPeer forwarding(String backend, Predicate<RawHttpServer.Request> stall) throws IOException {
        return new StallingPeer(URI.create(backend), stall);
    }

    public String endpoint() {
        return "http://127.0.0.1:" + socket.getLocalPort() + "/wsman";
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** Every request received, stalled or forwarded. */
    public synchronized List<RawHttpServer.Request> requests() {
        return List.copyOf(requests);
    }

    /** How many requests were left without an answer. */
    public int stalled() {
        return stalled.get();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                synchronized (this) {
                    held.add(s);
                }
                Thread t = new Thread(() -> serve(s), "stalling-peer-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            while (true) {
                RawHttpServer.Request r = RawHttpServer.read(in);
                if (r == null) {
                    s.close();
                    return;
                }
                synchronized (this) {
                    requests.add(r);
                }
                if (stall.test(r)) {
                    stalled.incrementAndGet();
                    // Keep the connection open and say nothing; the reader below only notices
                    // when the client gives up and closes it.
                    while (in.read() >= 0) {
                        // discard
                    }
                    s.close();
                    return;
                }
                relay(r, out);
            }
        } catch (IOException | InterruptedException e) {
            // The client went away, or the peer is closing.
        }
    }

    private void relay(RawHttpServer.Request r, OutputStream out) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(backend).POST(HttpRequest.BodyPublishers.ofByteArray(r.body()));
        for (String name : List.of("Authorization", "Content-Type")) {
            if (r.header(name) != null) {
                b.header(name, r.header(name));
            }
        }
        HttpResponse<byte[]> answer = forwarder.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        StringBuilder head = new StringBuilder("HTTP/1.1 " + answer.statusCode() + " X\r\n");
        answer.headers().firstValue("Content-Type").ifPresent(t -> head.append("Content-Type: ").append(t).append("\r\n"));
        for (String challenge : answer.headers().allValues("WWW-Authenticate")) {
            head.append("WWW-Authenticate: ").append(challenge).append("\r\n");
        }
        head.append("Content-Length: ").append(answer.body().length).append("\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(answer.body());
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        synchronized (this) {
            for (Socket s : held) {
                s.close();
            }
        }
    }
}
