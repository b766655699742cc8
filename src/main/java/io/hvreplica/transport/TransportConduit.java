package io.hvreplica.transport;

import org.apache.cxf.message.Exchange;
import org.apache.cxf.message.Message;
import org.apache.cxf.message.MessageImpl;
import org.apache.cxf.transport.AbstractConduit;
import org.apache.cxf.ws.addressing.EndpointReferenceType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;

/**
 * The CXF conduit that hands each serialized SOAP envelope to one {@link HttpTransport} (one
 * HttpClient 5 session per host) and feeds the host's answer back into CXF. CXF's own HTTP
 * conduits do not fit WinRM: they open connections or contexts per request, and none keeps an
 * authentication context whose keys can seal the body.
 *
 * <p>Two message properties steer it: {@link #IDEMPOTENT} (false unless set: a request may only
 * be re-sent when the caller says it is safe) and {@link #CAPTURE_ONLY}, which stops before the
 * network and reports the exact envelope, for dry runs.
 */
public final class TransportConduit extends AbstractConduit {
    public static final String IDEMPOTENT = "io.hvreplica.idempotent";
    public static final String CAPTURE_ONLY = "io.hvreplica.captureOnly";
    private static final Logger LOG = Logger.getLogger(TransportConduit.class.getName());

    private final HttpTransport transport;

    public TransportConduit(HttpTransport transport) {
        super(target(transport));
        this.transport = transport;
    }

    private static EndpointReferenceType target(HttpTransport transport) {
        EndpointReferenceType ref = new EndpointReferenceType();
        org.apache.cxf.ws.addressing.AttributedURIType address = new org.apache.cxf.ws.addressing.AttributedURIType();
        address.setValue(transport.endpoint().toString());
        ref.setAddress(address);
        return ref;
    }

    @Override
    public void prepare(Message message) {
        message.setContent(OutputStream.class, new Envelope(message));
    }

    @Override
    protected Logger getLogger() {
        return LOG;
    }

    /** Thrown instead of sending when {@link #CAPTURE_ONLY} is set; carries the envelope. */
    public static final class CapturedEnvelope extends RuntimeException {
        private final byte[] envelope;

        CapturedEnvelope(byte[] envelope) {
            super("dry run: envelope captured, nothing sent", null, false, false);
            this.envelope = envelope;
        }

        public byte[] envelope() {
            return envelope.clone();
        }
    }

    /** Buffers the envelope (WinRM needs Content-Length) and does the exchange on close. */
    private final class Envelope extends ByteArrayOutputStream {
        private final Message message;
        private boolean closed;

        Envelope(Message message) {
            super(4096);
            this.message = message;
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            byte[] soap = toByteArray();
            if (Boolean.TRUE.equals(message.getContextualProperty(CAPTURE_ONLY))) {
                throw new CapturedEnvelope(soap);
            }
            boolean idempotent = Boolean.TRUE.equals(message.getContextualProperty(IDEMPOTENT));
            HttpTransport.Response response = transport.send(soap, idempotent);
            deliver(message.getExchange(), checked(response));
        }
    }

    /**
     * The character set of a response body: the {@code charset} parameter of its Content-Type,
     * else UTF-8, which is what WinRM sends unless the client asked otherwise.
     */
    static Charset charset(String contentType) {
        if (contentType != null) {
            for (String parameter : contentType.split(";")) {
                int eq = parameter.indexOf('=');
                if (eq > 0 && parameter.substring(0, eq).trim().equalsIgnoreCase("charset")) {
                    String name = parameter.substring(eq + 1).trim();
                    if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
                        name = name.substring(1, name.length() - 1).trim();
                    }
                    try {
                        return Charset.forName(name);
                    } catch (IllegalArgumentException e) {
                        throw TransportException.protocol("the host's response is in the character set \""
                                + name.replaceAll("[^\\x20-\\x7E]", "?") + "\", which cannot be decoded here");
                    }
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static HttpTransport.Response checked(HttpTransport.Response r) {
        int status = r.status();
        boolean hasBody = r.body().length > 0;
        if (status == 200 && hasBody) {
            rejectDoctype(r.body(), charset(r.contentType()));
            return r;
        }
        if ((status == 500 || status == 400) && hasBody) {
            if (!isXml(r.contentType())) {
                // A proxy's or a web server's error page, not a SOAP fault from WinRM.
                throw TransportException.protocol("the host answered HTTP " + status + " with "
                        + r.contentType().split(";")[0].trim() + " instead of a SOAP fault; check the endpoint"
                        + " (WinRM listens on /wsman) and any proxy in between");
            }
            // Windows sends every SOAP fault, Sender or Receiver, with 500.
            rejectDoctype(r.body(), charset(r.contentType()));
            return r;
        }
        if (status == 500) {
            throw TransportException.protocol("the host answered HTTP 500 with an empty body; WinRM does this when"
                    + " it refuses a message it cannot read, most often unencrypted SOAP while the service has"
                    + " AllowUnencrypted=false");
        }
        if (status == 200) {
            throw TransportException.protocol("the host answered HTTP 200 with an empty body where a SOAP response"
                    + " was expected");
        }
        throw TransportException.protocol("the host answered HTTP " + status + (status == 404
                ? "; check the endpoint path (WinRM listens on /wsman)" : ""));
    }

    // SOAP 1.2 forbids a DTD in an envelope; refusing it here keeps entity tricks away from every
    // parser. A DTD can only stand in the prolog, among comments and processing instructions,
    // before the root element's start tag; the scan reads the text in the body's own character set.
    private static void rejectDoctype(byte[] body, Charset charset) {
        String text = new String(body, charset);
        int i = 0;
        while (i < text.length()) {
            if (text.charAt(i) != '<') {
                i++;
                continue;
            }
            if (text.startsWith("!--", i + 1)) {
                i = skipPast(text, i + 4, "-->");
            } else if (text.startsWith("?", i + 1)) {
                i = skipPast(text, i + 2, "?>");
            } else if (text.regionMatches(true, i + 1, "!DOCTYPE", 0, 8)) {
                throw TransportException.protocol("the host's response contains a DTD, which SOAP forbids;"
                        + " refusing to parse it");
            } else {
                return;
            }
        }
    }

    private static int skipPast(String text, int from, String end) {
        int at = text.indexOf(end, from);
        return at < 0 ? text.length() : at + end.length();
    }

    // An absent Content-Type gets the benefit of the doubt; the SOAP parser decides.
    private static boolean isXml(String contentType) {
        String t = contentType == null ? "" : contentType.toLowerCase(java.util.Locale.ROOT);
        return t.isEmpty() || t.contains("xml");
    }

    private void deliver(Exchange exchange, HttpTransport.Response response) {
        Charset charset = charset(response.contentType());
        Message in = new MessageImpl();
        in.setExchange(exchange);
        in.put(Message.RESPONSE_CODE, response.status());
        in.put(Message.CONTENT_TYPE, "application/soap+xml; charset=" + charset.name());
        in.put(Message.ENCODING, charset.name());
        in.setContent(java.io.InputStream.class, new ByteArrayInputStream(response.body()));
        incomingObserver.onMessage(in);
    }
}
