package io.hvreplica.wsman;

import io.hvreplica.OutcomeUnknownException;
import io.hvreplica.ErrorKind;
import io.hvreplica.HvReplicaException;
import io.hvreplica.transport.TransportException;

import io.hvreplica.transport.HttpTransport;
import io.hvreplica.transport.TransportConduit;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * WS-Management operations against one host: Identify, Get, Enumerate with Pull and Release, and
 * Invoke of a WMI method. Every answer is checked to relate to its request, and every fault
 * becomes a {@link WsmanFaultException}. Get, Enumerate, Pull and Release are idempotent and may be
 * re-sent by the transport after a lost connection; Invoke never is.
 */
public final class WsmanClient implements AutoCloseable {
    static final String GET = Namespaces.TRANSFER + "/Get";
    static final String ENUMERATE = Namespaces.ENUMERATION + "/Enumerate";
    static final String PULL = Namespaces.ENUMERATION + "/Pull";
    static final String RELEASE = Namespaces.ENUMERATION + "/Release";
    /**
     * Bounds on one enumeration, so that a host that never sends EndOfSequence cannot keep the
     * client pulling forever or fill its memory. Far above what a Hyper-V host returns: a Pull
     * answer holds up to MaxEnvelopeSize (about 500 KB), and a host runs at most 1024 VMs.
     */
    static final int MAX_PULLS = 100;
    static final int MAX_ITEMS = 10_000;

    private final HttpTransport transport;
    private final SoapDispatcher dispatcher;
    private final WsmanOptions options;
    private final Supplier<String> messageIds;

    /** A client on the process's shared SOAP runtime. */
    public WsmanClient(HttpTransport transport) {
        this(transport, SoapRuntime.shared());
    }

    /** A client on {@code runtime}, which outlives it. */
    public WsmanClient(HttpTransport transport, SoapRuntime runtime) {
        this(transport, runtime, WsmanOptions.DEFAULT, () -> "uuid:" + UUID.randomUUID().toString().toUpperCase(Locale.ROOT));
    }

    /** @param messageIds source of {@code a:MessageID} values (fixed ones make envelopes reproducible in tests) */
    public WsmanClient(HttpTransport transport, WsmanOptions options, Supplier<String> messageIds) {
        this(transport, SoapRuntime.shared(), options, messageIds);
    }

    public WsmanClient(HttpTransport transport, SoapRuntime runtime, WsmanOptions options, Supplier<String> messageIds) {
        this.transport = transport;
        this.options = options;
        this.messageIds = messageIds;
        this.dispatcher = new SoapDispatcher(transport, runtime);
    }

    /**
     * Starts building the SOAP stack on a background thread, so that the first client created
     * finds it ready. Optional; command-line tools call it first thing to shorten a cold start.
     */
    public static void warmUp() {
        SoapRuntime.prestart();
    }

    public HttpTransport transport() {
        return transport;
    }

    /** WS-Management Identify: who the host is. */
    public Identity identify() {
        Document doc = Xml.newDocument();
        Element body = doc.createElementNS(Namespaces.IDENTITY, "wsmid:Identify");
        SoapDispatcher.Reply reply = dispatcher.call(List.of(), body, true, false);
        Element response = reply.body();
        if (response == null || !"IdentifyResponse".equals(response.getLocalName())) {
            throw new WsmanProtocolException("the host did not answer Identify with an IdentifyResponse");
        }
        return new Identity(Xml.childText(response, Namespaces.IDENTITY, "ProtocolVersion"),
                Xml.childText(response, Namespaces.IDENTITY, "ProductVendor"),
                Xml.childText(response, Namespaces.IDENTITY, "ProductVersion"));
    }

    /** WS-Transfer Get of one instance; returns the instance element. */
    public Element get(String resourceUri, SelectorSet selectors) {
        Element body = send(resourceUri, GET, selectors, null, true).body();
        if (body == null) {
            throw new WsmanProtocolException("the host answered Get of " + shortName(resourceUri) + " with an empty body");
        }
        return body;
    }

    /**
     * Enumerates with WS-Enumeration, asking for the first batch in the Enumerate response
     * (OptimizeEnumeration) and Pulling until EndOfSequence. Stopping early at the query's limit
     * Releases the enumeration so the host can free it.
     */
    public List<Item> enumerate(Enumeration query) {
        Element response = send(query.resourceUri(), ENUMERATE, SelectorSet.EMPTY, enumerateBody(query), true).body();
        if (response == null || !"EnumerateResponse".equals(response.getLocalName())) {
            throw new WsmanProtocolException("the host did not answer Enumerate with an EnumerateResponse");
        }
        List<Item> items = new ArrayList<>();
        Batch batch = Batch.read(response);
        for (int pulls = 0; ; pulls++) {
            items.addAll(batch.items());
            if (batch.endOfSequence() || batch.context() == null) {
                return items;
            }
            if (query.limit() > 0 && items.size() >= query.limit()) {
                release(query.resourceUri(), batch.context());
                return items.subList(0, query.limit());
            }
            if (pulls == MAX_PULLS || items.size() >= MAX_ITEMS) {
                WsmanProtocolException endless = new WsmanProtocolException("the host's enumeration of "
                        + shortName(query.resourceUri()) + " did not end after " + (pulls + 1) + " answers and "
                        + items.size() + " items; the host may be looping, or the query matches far more than expected");
                try {
                    release(query.resourceUri(), batch.context());
                } catch (RuntimeException e) {
                    // A courtesy to the host; the failure to report is the endless enumeration.
                    endless.addSuppressed(e);
                }
                throw endless;
            }
            Element pull = send(query.resourceUri(), PULL, SelectorSet.EMPTY, pullBody(batch.context()), true).body();
            if (pull == null || !"PullResponse".equals(pull.getLocalName())) {
                throw new WsmanProtocolException("the host did not answer Pull with a PullResponse");
            }
            Batch next = Batch.read(pull);
            if (next.items().isEmpty() && !next.endOfSequence() && next.context() == null) {
                throw new WsmanProtocolException("the host's PullResponse has no items, no context and no EndOfSequence");
            }
            batch = next.context() == null && !next.endOfSequence()
                    ? new Batch(next.items(), batch.context(), false) : next;
        }
    }

    /** Ends an enumeration the caller no longer needs. */
    public void release(String resourceUri, String context) {
        Document doc = Xml.newDocument();
        Element body = doc.createElementNS(Namespaces.ENUMERATION, "n:Release");
        Xml.append(body, Namespaces.ENUMERATION, "n:EnumerationContext", context);
        send(resourceUri, RELEASE, SelectorSet.EMPTY, body, true);
    }

    /**
     * Invokes a WMI method once. Never re-sent: after a lost connection the transport reports
     * the outcome as unknown.
     *
     * @param input the {@code <p:Method_INPUT>} element
     * @return the {@code <p:Method_OUTPUT>} element
     */
    public Element invoke(String resourceUri, SelectorSet selectors, String method, Element input) {
        try {
            Element output = send(resourceUri, resourceUri + "/" + method, selectors, input, false).body();
            if (output == null || !(method + "_OUTPUT").equals(output.getLocalName())) {
                throw new WsmanProtocolException("the host did not answer " + method + " with " + method + "_OUTPUT");
            }
            return output;
        } catch (HvReplicaException e) {
            if (!answerUnusable(e)) {
                throw e;
            }
            throw new OutcomeUnknownException("an answer came back but cannot be used: " + e.getMessage(), e);
        }
    }

    /**
     * Whether a failure of a request that was sent means its answer arrived but cannot be trusted
     * or read: malformed, a DTD, another message's RelatesTo, a failed integrity check, an HTTP
     * error in place of a SOAP answer. For an Invoke this says nothing about whether the method
     * ran, so it must not be reported as the host's refusal. Connection and TLS failures are left
     * alone: the transport raises those only before anything was sent (after that, it reports
     * the outcome as unknown itself).
     */
    private static boolean answerUnusable(HvReplicaException e) {
        return e.kind() == ErrorKind.PROTOCOL || e.kind() == ErrorKind.INTEGRITY;
    }

    /** The exact SOAP envelope {@link #invoke} would send, without sending anything. */
    public String renderInvoke(String resourceUri, SelectorSet selectors, String method, Element input) {
        List<Element> headers = RequestHeaders.build(transport.endpoint().toString(), resourceUri,
                resourceUri + "/" + method, messageIds.get(), selectors, requestOptions());
        try {
            dispatcher.call(headers, input, false, true);
        } catch (TransportConduit.CapturedEnvelope captured) {
            return new String(captured.envelope(), StandardCharsets.UTF_8);
        }
        throw new IllegalStateException("the envelope was not captured");
    }

    private SoapDispatcher.Reply send(String resourceUri, String action, SelectorSet selectors, Element body,
                                      boolean idempotent) {
        String messageId = messageIds.get();
        List<Element> headers = RequestHeaders.build(transport.endpoint().toString(), resourceUri, action, messageId,
                selectors, requestOptions());
        SoapDispatcher.Reply reply = dispatcher.call(headers, body, idempotent, false);
        checkRelatesTo(reply, messageId);
        return reply;
    }

    // Computed per request: the time left to the deadline shrinks as the command goes on.
    private WsmanOptions requestOptions() {
        return options.withOperationTimeout(options.operationTimeoutWithin(transport.readTimeout(),
                transport.timeLeft()));
    }

    private static void checkRelatesTo(SoapDispatcher.Reply reply, String messageId) {
        for (Element h : reply.headers()) {
            if ("RelatesTo".equals(h.getLocalName()) && Namespaces.ADDRESSING.equals(h.getNamespaceURI())) {
                String relatesTo = h.getTextContent().trim();
                if (!relatesTo.equalsIgnoreCase(messageId)) {
                    throw new WsmanProtocolException("the host's response relates to " + relatesTo
                            + ", not to our request " + messageId);
                }
                return;
            }
        }
        throw new WsmanProtocolException("the host's response has no RelatesTo header, so it cannot be matched"
                + " to our request " + messageId);
    }

    private Element enumerateBody(Enumeration query) {
        Document doc = Xml.newDocument();
        Element body = doc.createElementNS(Namespaces.ENUMERATION, "n:Enumerate");
        Xml.append(body, Namespaces.WSMAN, "w:OptimizeEnumeration");
        Xml.append(body, Namespaces.WSMAN, "w:MaxElements", Integer.toString(options.maxElements()));
        if (query.mode().wireName != null) {
            Xml.append(body, Namespaces.WSMAN, "w:EnumerationMode", query.mode().wireName);
        }
        if (query.wql() != null) {
            Xml.append(body, Namespaces.WSMAN, "w:Filter", query.wql()).setAttribute("Dialect", Namespaces.WQL);
        }
        return body;
    }

    private Element pullBody(String context) {
        Document doc = Xml.newDocument();
        Element body = doc.createElementNS(Namespaces.ENUMERATION, "n:Pull");
        Xml.append(body, Namespaces.ENUMERATION, "n:EnumerationContext", context);
        Xml.append(body, Namespaces.ENUMERATION, "n:MaxElements", Integer.toString(options.maxElements()));
        return body;
    }

    static String shortName(String resourceUri) {
        return resourceUri.substring(resourceUri.lastIndexOf('/') + 1);
    }

    /** Starts the next request on a new connection with a new authenticated session. */
    public void reconnect() {
        transport.reconnect();
    }

    /** {@link #reconnect()}, with {@code grace} to read what happened when the deadline has (nearly) passed. */
    public void reconnect(java.time.Duration grace) {
        transport.reconnect(grace);
    }

    /** Lets go of this client's Dispatch and closes the HTTP session; the SOAP runtime stays. */
    @Override
    public void close() {
        try {
            dispatcher.close();
        } finally {
            transport.close();
        }
    }

    /** The host's Identify answer. */
    public record Identity(String protocolVersion, String productVendor, String productVersion) {
    }

    /** One Enumerate or Pull response: its items, the context to continue with, and whether it was the last. */
    private record Batch(List<Item> items, String context, boolean endOfSequence) {
        static Batch read(Element response) {
            String context = Xml.childText(response, Namespaces.ENUMERATION, "EnumerationContext");
            Element items = Xml.child(response, Namespaces.WSMAN, "Items");
            if (items == null) {
                items = Xml.child(response, Namespaces.ENUMERATION, "Items");
            }
            boolean end = Xml.child(response, Namespaces.WSMAN, "EndOfSequence") != null
                    || Xml.child(response, Namespaces.ENUMERATION, "EndOfSequence") != null;
            List<Item> out = new ArrayList<>();
            if (items != null) {
                for (Element e : Xml.elements(items)) {
                    out.add(item(e));
                }
            }
            return new Batch(out, context == null || context.isEmpty() ? null : context, end);
        }

        private static Item item(Element e) {
            if ("Item".equals(e.getLocalName()) && Namespaces.WSMAN.equals(e.getNamespaceURI())) {
                Element instance = null;
                EndpointReference reference = null;
                for (Element part : Xml.elements(e)) {
                    if ("EndpointReference".equals(part.getLocalName()) && Namespaces.ADDRESSING.equals(part.getNamespaceURI())) {
                        reference = EndpointReference.parse(part);
                    } else {
                        instance = part;
                    }
                }
                return new Item(instance, reference);
            }
            if ("EndpointReference".equals(e.getLocalName()) && Namespaces.ADDRESSING.equals(e.getNamespaceURI())) {
                return new Item(null, EndpointReference.parse(e));
            }
            return new Item(e, null);
        }
    }
}
