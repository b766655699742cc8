package io.hvreplica.wsman;

import io.hvreplica.HvReplicaException;
import io.hvreplica.transport.HttpTransport;
import io.hvreplica.transport.TransportConduit;
import jakarta.xml.ws.Dispatch;
import jakarta.xml.ws.WebServiceException;
import org.apache.cxf.binding.soap.Soap12;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.binding.soap.interceptor.CheckFaultInterceptor;
import org.apache.cxf.interceptor.AttachmentInInterceptor;
import org.apache.cxf.interceptor.AttachmentOutInterceptor;
import org.apache.cxf.binding.soap.interceptor.SoapActionInInterceptor;
import org.apache.cxf.binding.soap.interceptor.SoapHeaderInterceptor;
import org.apache.cxf.jaxws.interceptors.HolderInInterceptor;
import org.apache.cxf.jaxws.interceptors.HolderOutInterceptor;
import org.apache.cxf.jaxws.interceptors.SwAInInterceptor;
import org.apache.cxf.jaxws.interceptors.SwAOutInterceptor;
import org.apache.cxf.jaxws.interceptors.WrapperClassInInterceptor;
import org.apache.cxf.jaxws.interceptors.WrapperClassOutInterceptor;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.endpoint.PreexistingConduitSelector;
import org.apache.cxf.headers.Header;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.jaxws.DispatchImpl;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.staxutils.FragmentStreamReader;
import org.apache.cxf.staxutils.StaxUtils;
import org.w3c.dom.Element;

import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.Source;
import javax.xml.transform.dom.DOMSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one CXF JAX-WS {@code Dispatch<Source>} (PAYLOAD mode) of a client, created once and reused
 * for every request: WS-Management's action URI changes per WMI method, which a Dispatch handles
 * without generating a method per action. Its bus is the {@link SoapRuntime}'s, shared with the
 * runtime's other clients. HTTP goes through {@link TransportConduit}.
 */
final class SoapDispatcher implements AutoCloseable {
    private final Dispatch<Source> dispatch;

    SoapDispatcher(HttpTransport transport, SoapRuntime runtime) {
        dispatch = runtime.dispatch();
        Client client = ((DispatchImpl<?>) dispatch).getClient();
        client.setConduitSelector(new PreexistingConduitSelector(new TransportConduit(transport), client.getEndpoint()));
    }

    /** Sets a new Dispatch up for WS-Management; {@link SoapRuntime} does it to each one it makes. */
    static Dispatch<Source> configure(Dispatch<Source> dispatch) {
        Client client = ((DispatchImpl<?>) dispatch).getClient();
        // The body of every answer, faults included, is read by BodyReader, and a fault is parsed
        // by FaultParser only: CXF's own fault reading (CheckFaultInterceptor, then the in-fault
        // chain) refuses legal Windows faults such as "<s:Value> s:Receiver </s:Value>".
        // WS-Management carries no attachments (an encrypted body is unwrapped by the transport,
        // below CXF), and CXF's attachment handling sets up the JavaBeans Activation mailcap
        // registry on the first message: several milliseconds of a cold command for nothing.
        // Neither does it use JAX-WS holders, wrapper classes, header-bound parameters or a
        // server's SOAPAction dispatch: interceptors that would run on every message for nothing.
        client.getEndpoint().getBinding().getInInterceptors().removeIf(i -> i instanceof CheckFaultInterceptor
                || i instanceof AttachmentInInterceptor || i instanceof SoapActionInInterceptor
                || i instanceof SoapHeaderInterceptor);
        client.getEndpoint().getBinding().getOutInterceptors().removeIf(i -> i instanceof AttachmentOutInterceptor);
        client.getEndpoint().getOutInterceptors().removeIf(i -> i instanceof SwAOutInterceptor
                || i instanceof WrapperClassOutInterceptor || i instanceof HolderOutInterceptor);
        client.getEndpoint().getInInterceptors().removeIf(i -> i instanceof SwAInInterceptor
                || i instanceof WrapperClassInInterceptor || i instanceof HolderInInterceptor);
        client.getInInterceptors().add(new BodyReader());
        // Has CXF keep the namespaces declared on the envelope and the body for BodyReader.
        client.getEndpoint().put(BodyReader.KEEP_NAMESPACES, Boolean.TRUE);
        // WinRM needs Content-Length; the conduit buffers, and CXF must not try to stream.
        dispatch.getRequestContext().put("AllowChunking", Boolean.FALSE);
        return dispatch;
    }

    /** A SOAP reply: the header elements and the one element of the body (null when empty). */
    record Reply(List<Element> headers, Element body) {
    }

    /**
     * Sends one request.
     *
     * @param captureOnly return nothing and throw {@link TransportConduit.CapturedEnvelope} with the
     *                    exact envelope instead of sending it
     * @throws WsmanFaultException      when the host answers with a SOAP fault
     * @throws WsmanProtocolException   when the answer is not a SOAP 1.2 envelope with at most one body element
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
        try {
            dispatch.invoke(body == null ? new DOMSource() : new DOMSource(body));
        } catch (WebServiceException e) {
            throw translate(e);
        }
        Map<String, Object> response = dispatch.getResponseContext();
        Object children = response.get(BodyReader.CHILDREN);
        if (!(children instanceof List<?> list)) {
            throw new WsmanProtocolException("the host's response has no SOAP body");
        }
        if (list.size() > 1) {
            throw new WsmanProtocolException("the host's SOAP body holds " + list.size()
                    + " elements where WS-Management sends one");
        }
        Element element = list.isEmpty() ? null : (Element) list.get(0);
        if (element != null && Namespaces.SOAP.equals(element.getNamespaceURI())
                && "Fault".equals(element.getLocalName())) {
            throw new WsmanFaultException(FaultParser.parse(element));
        }
        return new Reply(responseHeaders(response), element);
    }

    private static List<Element> responseHeaders(Map<String, Object> response) {
        List<Element> out = new ArrayList<>();
        Object list = response.get(Header.HEADER_LIST);
        if (list instanceof List<?> headers) {
            for (Object o : headers) {
                if (o instanceof Header h && h.getObject() instanceof Element e) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    /**
     * Reads every element of the response's SOAP body into DOM, right after CXF has read the
     * headers, and leaves them in the response context for {@link #call}. CXF's payload reading
     * that follows then finds an empty body: it would otherwise fail with an internal error on a
     * body of two elements, and it would route a fault through its own fault reading.
     */
    private static final class BodyReader extends AbstractSoapInterceptor {
        static final String CHILDREN = "io.hvreplica.wsman.bodyChildren";
        static final String KEEP_NAMESPACES = "org.apache.cxf.binding.soap.addNamespaceContext";
        private static final String NAMESPACES = "soap.body.ns.context";

        BodyReader() {
            super(Phase.POST_PROTOCOL);
        }

        @Override
        public void handleMessage(SoapMessage message) {
            XMLStreamReader reader = message.getContent(XMLStreamReader.class);
            if (reader == null) {
                return;
            }
            if (!(message.getVersion() instanceof Soap12)) {
                // CXF reads SOAP 1.1 too; WinRM speaks only 1.2, so a 1.1 answer comes from something else.
                throw new WsmanProtocolException("the host's response is a SOAP 1.1 envelope, not SOAP 1.2");
            }
            List<Element> children = new ArrayList<>();
            try {
                for (int event = reader.getEventType(); event != XMLStreamConstants.END_ELEMENT
                        && event != XMLStreamConstants.END_DOCUMENT; event = reader.next()) {
                    if (event == XMLStreamConstants.START_ELEMENT) {
                        children.add(declareOuter(StaxUtils.read(new FragmentStreamReader(reader)).getDocumentElement(),
                                message.get(NAMESPACES)));
                    }
                }
            } catch (XMLStreamException e) {
                throw new Fault(e);
            }
            message.put(CHILDREN, children);
            // CXF's own result: none, as the body was read here. Without a result CXF would make
            // (and catch) an exception with a stack trace on every response.
            message.setContent(List.class, new ArrayList<>());
        }

        /**
         * Declares on the element the namespaces declared outside it, on the envelope and the body:
         * QName values in text, such as a fault's {@code <s:Value>w:TimedOut</s:Value>}, use
         * Windows' envelope prefixes, and the element read on its own would lose them.
         */
        private static Element declareOuter(Element element, Object outer) {
            if (outer instanceof Map<?, ?> namespaces) {
                namespaces.forEach((prefix, uri) -> {
                    String p = prefix == null ? "" : prefix.toString();
                    String attribute = p.isEmpty() ? "xmlns" : "xmlns:" + p;
                    if (uri != null && !element.hasAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, p.isEmpty() ? "xmlns" : p)) {
                        element.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, attribute, uri.toString());
                    }
                });
            }
            return element;
        }
    }

    private static RuntimeException translate(WebServiceException e) {
        XMLStreamException parse = null;
        boolean notSoap12 = false;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HvReplicaException ours) {
                return ours;
            }
            if (t instanceof TransportConduit.CapturedEnvelope captured) {
                return captured;
            }
            if (t instanceof XMLStreamException x && parse == null) {
                parse = x;
            }
            // CXF's word for a document that is not a SOAP 1.2 envelope (an HTML page, SOAP 1.1).
            if (t instanceof SoapFault f && f.getFaultCode() != null
                    && "VersionMismatch".equals(f.getFaultCode().getLocalPart())) {
                notSoap12 = true;
            }
        }
        // One sentence of our own: the parser's and CXF's texts name Java types and internals.
        if (parse != null) {
            Location at = parse.getLocation();
            return new WsmanProtocolException("the host's response is not well-formed XML in the character set it"
                    + " declares" + (at != null && at.getLineNumber() > 0
                    ? " (line " + at.getLineNumber() + ", column " + at.getColumnNumber() + ")" : ""), e);
        }
        return new WsmanProtocolException(notSoap12 ? "the host's response is not a SOAP 1.2 envelope"
                : "the host's response is not a SOAP 1.2 envelope that can be read", e);
    }

    @Override
    public void close() {
        // The bus is the runtime's, shared with other clients; this client only lets go of its Dispatch.
        ((DispatchImpl<?>) dispatch).getClient().destroy();
    }
}
