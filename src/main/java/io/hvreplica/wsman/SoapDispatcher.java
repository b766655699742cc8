package io.hvreplica.wsman;

import io.hvreplica.HvReplicaException;
import io.hvreplica.transport.HttpTransport;
import io.hvreplica.transport.TransportConduit;
import jakarta.xml.ws.Dispatch;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.WebServiceException;
import jakarta.xml.ws.soap.SOAPBinding;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.endpoint.PreexistingConduitSelector;
import org.apache.cxf.headers.Header;
import org.apache.cxf.jaxws.DispatchImpl;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.namespace.QName;
import javax.xml.transform.Source;
import javax.xml.transform.dom.DOMSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one CXF JAX-WS {@code Dispatch<Source>} (PAYLOAD mode) of a client, created once and reused
 * for every request: WS-Management's action URI changes per WMI method, which a Dispatch handles
 * without generating a method per action. It has its own CXF bus, shut down on close, and no
 * WSDL is read at run time. HTTP goes through {@link TransportConduit}.
 */
final class SoapDispatcher implements AutoCloseable {
    private static final QName SERVICE = new QName("urn:hvreplica:wsdl", "WsManService");
    private static final QName PORT = new QName("urn:hvreplica:wsdl", "WsManPort");

    private static final AtomicReference<CompletableFuture<Port>> PRESTARTED = new AtomicReference<>();

    private final Bus bus;
    private final Dispatch<Source> dispatch;

    /** A CXF bus and its Dispatch, not yet tied to a transport. */
    private record Port(Bus bus, Dispatch<Source> dispatch) {
        static Port create() {
            Bus bus = BusFactory.newInstance().createBus();
            Bus previous = BusFactory.getAndSetThreadDefaultBus(bus);
            try {
                Service service = Service.create(SERVICE);
                // The address is never dialled: the conduit owns the connection.
                service.addPort(PORT, SOAPBinding.SOAP12HTTP_BINDING, "http://localhost/wsman");
                return new Port(bus, service.createDispatch(PORT, Source.class, Service.Mode.PAYLOAD));
            } finally {
                BusFactory.setThreadDefaultBus(previous);
            }
        }
    }

    /**
     * Starts building one CXF stack on a background thread. Building it is most of a cold start
     * (class loading and CXF's service model), and a command line has other work to do meanwhile:
     * parsing options, reading the password, opening the HTTP session. The next dispatcher created
     * takes it; later ones build their own.
     */
    static void prestart() {
        CompletableFuture<Port> future = new CompletableFuture<>();
        if (PRESTARTED.compareAndSet(null, future)) {
            Thread t = new Thread(() -> {
                try {
                    future.complete(Port.create());
                } catch (Throwable e) {
                    future.completeExceptionally(e);
                }
            }, "hvreplica-cxf-prestart");
            t.setDaemon(true);
            t.start();
        }
    }

    private static Port port() {
        CompletableFuture<Port> future = PRESTARTED.getAndSet(null);
        if (future != null) {
            try {
                return future.join();
            } catch (CompletionException e) {
                // Build it again here, where a failure surfaces on the caller's thread.
            }
        }
        return Port.create();
    }

    SoapDispatcher(HttpTransport transport) {
        Port port = port();
        bus = port.bus();
        dispatch = port.dispatch();
        Client client = ((DispatchImpl<?>) dispatch).getClient();
        client.setConduitSelector(new PreexistingConduitSelector(new TransportConduit(transport), client.getEndpoint()));
        Map<String, Object> context = dispatch.getRequestContext();
        context.put("source-preferred-format", "dom");
        // WinRM needs Content-Length; the conduit buffers, and CXF must not try to stream.
        context.put("AllowChunking", Boolean.FALSE);
    }

    /** A SOAP reply: the header elements and the first element of the body (null when empty). */
    record Reply(List<Element> headers, Element body) {
    }

    /**
     * Sends one request.
     *
     * @param captureOnly return nothing and throw {@link TransportConduit.CapturedEnvelope} with the
     *                    exact envelope instead of sending it
     */
    synchronized Reply call(List<Element> headers, Element body, boolean idempotent, boolean captureOnly) {
        Map<String, Object> request = dispatch.getRequestContext();
        List<Header> soapHeaders = new ArrayList<>(headers.size());
        for (Element h : headers) {
            soapHeaders.add(new Header(new QName(h.getNamespaceURI(), h.getLocalName()), h));
        }
        request.put(Header.HEADER_LIST, soapHeaders);
        request.put(TransportConduit.IDEMPOTENT, idempotent);
        request.put(TransportConduit.CAPTURE_ONLY, captureOnly);
        Source result;
        try {
            result = dispatch.invoke(body == null ? new DOMSource() : new DOMSource(body));
        } catch (WebServiceException e) {
            throw translate(e);
        }
        return new Reply(responseHeaders(), element(result));
    }

    private List<Element> responseHeaders() {
        List<Element> out = new ArrayList<>();
        Object list = dispatch.getResponseContext().get(Header.HEADER_LIST);
        if (list instanceof List<?> headers) {
            for (Object o : headers) {
                if (o instanceof Header h && h.getObject() instanceof Element e) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    private static Element element(Source result) {
        if (result == null) {
            return null;
        }
        if (result instanceof DOMSource dom) {
            Node node = dom.getNode();
            if (node instanceof org.w3c.dom.Document d) {
                return d.getDocumentElement();
            }
            if (node instanceof Element e) {
                return e;
            }
            return null;
        }
        throw new WsmanProtocolException("unexpected response payload type " + result.getClass().getName());
    }

    private static RuntimeException translate(WebServiceException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HvReplicaException ours) {
                return ours;
            }
            if (t instanceof TransportConduit.CapturedEnvelope captured) {
                return captured;
            }
            if (t instanceof SoapFault fault && fromHost(fault)) {
                return new WsmanFaultException(fault(fault));
            }
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String why = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return new WsmanProtocolException("the host's response is not a readable SOAP envelope: "
                + why.lines().findFirst().orElse(why).trim(), e);
    }

    /**
     * CXF also reports its own trouble reading a response as a SoapFault: with the parser's
     * exception as the cause, or as VersionMismatch when the body is not a SOAP 1.2 envelope at
     * all (an HTML error page). Only a fault read from the host's envelope is the host's.
     */
    private static boolean fromHost(SoapFault fault) {
        QName code = fault.getFaultCode();
        return fault.getCause() == null && (code == null || !"VersionMismatch".equals(code.getLocalPart()));
    }

    private static WsmanFaultException.Fault fault(SoapFault f) {
        QName code = f.getFaultCode();
        List<QName> subcodes = f.getSubCodes();
        QName subcode = subcodes == null || subcodes.isEmpty() ? null : subcodes.get(0);
        return FaultParser.parse(code == null ? null : code.getLocalPart(),
                subcode == null ? null : subcode.getLocalPart(), subcode == null ? null : subcode.getNamespaceURI(),
                f.getReason() == null ? null : f.getReason().trim(), f.getDetail());
    }

    @Override
    public void close() {
        bus.shutdown(true);
    }
}
