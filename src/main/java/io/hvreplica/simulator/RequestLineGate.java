package io.hvreplica.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/**
 * The listening socket of the {@link NegotiateFront}: it reads the first bytes of each connection
 * and relays the connection to the JDK HTTP server behind it only when they start an HTTP request
 * line (a method token and a space).
 *
 * <p>Why: HTTP.sys, which serves WinRM on Windows, parses the request line as the bytes arrive and
 * answers the first byte that cannot belong to it with {@code 400 Bad Request} and a closed
 * connection. A client pointed with TLS at the plain-HTTP port 5985 sends a ClientHello, gets that
 * 400 as its "ServerHello", and its TLS stack reports a non-TLS answer at once. The JDK server
 * instead waits for the end of a request line that a ClientHello never sends, so without this gate
 * such a client would sit until its own timeout and never see what a real host does.
 */
final class RequestLineGate implements AutoCloseable {
    // HTTP.sys refuses verbs longer than this with the same 400; no WinRM client comes close.
    private static final int MAX_METHOD = 32;
    private static final int RELAY_BUFFER = 16 * 1024;
    // After the 400, the rest of the client's bytes are read and dropped before closing: closing a
    // socket with unread input sends a reset, which can destroy the 400 before the client reads it.
    private static final int DRAIN_LIMIT = 64 * 1024;
    private static final int DRAIN_TIMEOUT_MILLIS = 2_000;
    private static final byte[] BAD_REQUEST = badRequest();

    private final ServerSocket listener;
    private final InetSocketAddress backend;
    private final ExecutorService executor;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private RequestLineGate(ServerSocket listener, InetSocketAddress backend, ExecutorService executor) {
        this.listener = listener;
        this.backend = backend;
        this.executor = executor;
    }

    /**
     * Listens on {@code bindAddress:port} and relays good connections to {@code backend}; the
     * executor runs the accept loop and two relay tasks per connection.
     */
    static RequestLineGate start(InetAddress bindAddress, int port, InetSocketAddress backend, ExecutorService executor)
            throws IOException {
        ServerSocket listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress(bindAddress, port), 50);
        RequestLineGate gate = new RequestLineGate(listener, backend, executor);
        executor.execute(gate::acceptLoop);
        return gate;
    }

    int port() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            open.add(client);
            executor.execute(() -> serve(client));
        }
    }

    private void serve(Socket client) {
        try {
            client.setTcpNoDelay(true);
            InputStream in = client.getInputStream();
            byte[] head = new byte[MAX_METHOD + 1];
            int n = 0;
            Verdict verdict = Verdict.UNDECIDED;
            while (verdict == Verdict.UNDECIDED) {
                int r = in.read(head, n, head.length - n);
                if (r < 0) {
                    close(client);
                    return;
                }
                n += r;
                verdict = verdict(head, n);
            }
            if (verdict == Verdict.REJECT) {
                refuse(client, in);
                return;
            }
            relay(client, head, n);
        } catch (IOException e) {
            close(client);
        }
    }

    enum Verdict { UNDECIDED, ACCEPT, REJECT }

    /** A method token (RFC 9110 tchar) of at most {@link #MAX_METHOD} characters, then a space. */
    static Verdict verdict(byte[] head, int n) {
        for (int i = 0; i < n; i++) {
            int c = head[i] & 0xFF;
            if (c == ' ') {
                return i > 0 ? Verdict.ACCEPT : Verdict.REJECT;
            }
            if (!tchar(c) || i >= MAX_METHOD) {
                return Verdict.REJECT;
            }
        }
        return Verdict.UNDECIDED;
    }

    private static boolean tchar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    private void refuse(Socket client, InputStream in) {
        try {
            OutputStream out = client.getOutputStream();
            out.write(BAD_REQUEST);
            out.flush();
            client.shutdownOutput();
            client.setSoTimeout(DRAIN_TIMEOUT_MILLIS);
            byte[] sink = new byte[4096];
            for (int total = 0, r; total < DRAIN_LIMIT && (r = in.read(sink)) >= 0; total += r) {
                // dropped
            }
        } catch (SocketTimeoutException e) {
            // The client neither reads on nor closes; it has had its answer.
        } catch (IOException e) {
            // The client went away first.
        } finally {
            close(client);
        }
    }

    private void relay(Socket client, byte[] head, int n) throws IOException {
        Socket server = new Socket();
        open.add(server);
        try {
            server.setTcpNoDelay(true);
            server.connect(backend);
            server.getOutputStream().write(head, 0, n);
        } catch (IOException e) {
            close(server);
            close(client);
            return;
        }
        executor.execute(() -> {
            // The server ends the connection (Connection: close, idle time-out, or shut down): so does the client's.
            pump(server, client);
            close(client);
            close(server);
        });
        // The client closed its side: pass that on, and let the server close the connection.
        pump(client, server);
        try {
            server.shutdownOutput();
        } catch (IOException e) {
            close(server);
        }
    }

    private static void pump(Socket from, Socket to) {
        byte[] buffer = new byte[RELAY_BUFFER];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int r; (r = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, r);
                out.flush();
            }
        } catch (IOException e) {
            // One side went away; the caller closes what is left.
        }
    }

    private void close(Socket s) {
        open.remove(s);
        try {
            s.close();
        } catch (IOException ignored) {
            // Already gone.
        }
    }

    private static byte[] badRequest() {
        byte[] body = ("<html><head><title>Bad Request</title></head><body><h2>Bad Request</h2>"
                + "<p>HTTP 400: this is not an HTTP request.</p></body></html>\r\n").getBytes(StandardCharsets.US_ASCII);
        String head = "HTTP/1.1 400 Bad Request\r\n"
                + "Content-Type: text/html; charset=us-ascii\r\n"
                + "Server: Microsoft-HTTPAPI/2.0\r\n"
                + "Connection: close\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n";
        byte[] out = new byte[head.length() + body.length];
        System.arraycopy(head.getBytes(StandardCharsets.US_ASCII), 0, out, 0, head.length());
        System.arraycopy(body, 0, out, head.length(), body.length);
        return out;
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // Nothing to release.
        }
        for (Socket s : open) {
            close(s);
        }
    }
}
