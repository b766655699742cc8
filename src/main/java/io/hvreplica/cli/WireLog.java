package io.hvreplica.cli;

import io.hvreplica.transport.TransportListener;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The -v wire log on stderr: each request and response with headers and plaintext SOAP. The
 * transport has already replaced Authorization values; passwords never get here.
 */
final class WireLog implements TransportListener {
    private final PrintStream err;

    WireLog(PrintStream err) {
        this.err = err;
    }

    @Override
    public void connectionOpened(String route) {
        err.println("* new " + route);
    }

    @Override
    public void requestSent(String method, String uri, List<Map.Entry<String, String>> headers, byte[] body,
                            boolean encrypted) {
        err.println("> " + method + " " + uri + (encrypted ? "  (body sealed on the wire; plaintext below)" : ""));
        headers.forEach(h -> err.println("> " + h.getKey() + ": " + h.getValue()));
        if (body.length > 0) {
            err.println(new String(body, StandardCharsets.UTF_8));
        }
    }

    @Override
    public void responseReceived(int status, List<Map.Entry<String, String>> headers, byte[] body, boolean encrypted) {
        err.println("< HTTP " + status + (encrypted ? "  (body was sealed; plaintext below)" : ""));
        headers.forEach(h -> err.println("< " + h.getKey() + ": " + h.getValue()));
        if (body.length > 0) {
            err.println(new String(body, StandardCharsets.UTF_8));
        }
    }

    @Override
    public void authenticated(String scheme, int legs) {
        err.println("* " + scheme + " session established in " + legs + " round trip" + (legs == 1 ? "" : "s"));
    }
}
