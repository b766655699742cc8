package io.hvreplica.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Posts plain SOAP to the WireMock server with its Basic credentials and returns whatever it
 * answers, faults included. {@code HttpURLConnection} keeps the connection alive between calls
 * and, unlike {@code java.net.http.HttpClient}, costs nothing at start-up. Loopback only, so a
 * POST re-sent by HttpURLConnection on a stale pooled connection is not a concern.
 */
final class SoapBackend {
    static final String SOAP_CONTENT_TYPE = "application/soap+xml;charset=UTF-8";
    private static final int TIMEOUT_MILLIS = 120_000;

    record Reply(int status, String contentType, byte[] body) {
    }

    private final String base;
    private final String authorization;

    SoapBackend(String host, int port, String user, String password) {
        this.base = "http://" + host + ":" + port;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** @param pathAndQuery the request's raw path and query, e.g. {@code /wsman} */
    Reply post(String pathAndQuery, byte[] soap) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL(base + pathAndQuery).openConnection(Proxy.NO_PROXY);
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setConnectTimeout(TIMEOUT_MILLIS);
        c.setReadTimeout(TIMEOUT_MILLIS);
        c.setRequestProperty("Authorization", authorization);
        c.setRequestProperty("Content-Type", SOAP_CONTENT_TYPE);
        // Buffered, not fixed-length streaming: headers and body then leave in one write; two small
        // writes would meet Nagle's algorithm and Jetty's delayed ACK and stall each request ~40 ms.
        try (OutputStream out = c.getOutputStream()) {
            out.write(soap);
        }
        int status = c.getResponseCode();
        InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
        byte[] body;
        if (in == null) {
            body = new byte[0];
        } else {
            try (in) {
                body = in.readAllBytes();
            }
        }
        String type = c.getContentType();
        return new Reply(status, type == null ? SOAP_CONTENT_TYPE : type, body);
    }
}
