package io.hvreplica.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A bare HTTP/1.1 server on a ServerSocket for transport tests: it reads each request whole
 * (headers and Content-Length body), records it, and then does what the script says for that
 * request's index: answer (keeping the connection open) or drop the connection without a byte.
 */
public final class RawHttpServer implements AutoCloseable {
    /** What to do with request number n (0-based). */
    public sealed interface Action permits Answer, Drop {
    }

    /** Close the connection after reading the request, sending nothing. */
    public record Drop() implements Action {
    }

    /**
     * @param withLength false to omit Content-Length and close the connection after the body
     */
    public record Answer(int status, String contentType, byte[] body, boolean withLength) implements Action {
        public static Answer soap(String body) {
            return new Answer(200, "application/soap+xml;charset=UTF-8", body.getBytes(StandardCharsets.UTF_8), true);
        }
    }

    /** One request as received. */
    public record Request(String requestLine, Map<String, String> headers, byte[] body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final ServerSocket socket;
    private final IntFunction<Action> script;
    private final List<Request> requests = new ArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final Thread acceptor;

    private RawHttpServer(IntFunction<Action> script) throws IOException {
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.script = script;
        this.acceptor = new Thread(this::acceptLoop, "raw-http-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static RawHttpServer start(IntFunction<Action> script) throws IOException {
        return new RawHttpServer(script);
    }

    public int port() {
        return socket.getLocalPort();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port() + "/wsman";
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    public int connections() {
        return connections.get();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                connections.incrementAndGet();
                Thread t = new Thread(() -> serve(s), "raw-http-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            while (true) {
                Request r = read(in);
                if (r == null) {
                    return;
                }
                int index;
                synchronized (this) {
                    index = requests.size();
                    requests.add(r);
                }
                Action action = script.apply(index);
                if (action instanceof Drop) {
                    s.setSoLinger(true, 0); // a reset, as when a host or a middlebox drops the connection
                    return;
                }
                Answer a = (Answer) action;
                StringBuilder head = new StringBuilder("HTTP/1.1 " + a.status() + " X\r\n");
                if (a.contentType() != null) {
                    head.append("Content-Type: ").append(a.contentType()).append("\r\n");
                }
                if (a.withLength()) {
                    head.append("Content-Length: ").append(a.body().length).append("\r\n");
                } else {
                    head.append("Connection: close\r\n");
                }
                head.append("\r\n");
                out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
                out.write(a.body());
                out.flush();
                if (!a.withLength()) {
                    return;
                }
            }
        } catch (IOException ignored) {
            // The client went away; nothing to record.
        }
    }

    /** Reads one request (head and Content-Length body); null at the end of the stream. */
    public static Request read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        String length = headers.get("content-length");
        byte[] body = length == null ? new byte[0] : in.readNBytes(Integer.parseInt(length));
        return new Request(lines[0], headers, body);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
