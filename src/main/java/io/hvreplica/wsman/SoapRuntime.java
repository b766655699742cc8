package io.hvreplica.wsman;

import jakarta.xml.ws.Dispatch;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.soap.SOAPBinding;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.bus.CXFBusFactory;
import org.apache.cxf.wsdl.WSDLManager;

import javax.xml.namespace.QName;
import javax.xml.transform.Source;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One CXF bus, shared by every {@link WsmanClient} built on it: a client of many hosts pays for
 * the SOAP stack once. Each client still gets its own {@code Dispatch<Source>}, because a Dispatch
 * carries per-request state (headers, the conduit) and serves one host. No WSDL is read at run
 * time. Closing the runtime shuts the bus down; close its clients first.
 */
public final class SoapRuntime implements AutoCloseable {
    private static final QName SERVICE = new QName("urn:hvreplica:wsdl", "WsManService");
    private static final QName PORT = new QName("urn:hvreplica:wsdl", "WsManPort");

    private static final Object SHARED_LOCK = new Object();
    private static SoapRuntime shared;
    private static final AtomicReference<CompletableFuture<Dispatch<Source>>> PRESTARTED = new AtomicReference<>();

    private final Bus bus;

    private SoapRuntime() {
        // CXF's plain bus, named: BusFactory.newInstance() would look for a factory through the
        // class path and probe for Spring, which a client without Spring configuration never uses.
        this.bus = new CXFBusFactory().createBus();
        bus.setExtension(new PayloadWsdlManager(), WSDLManager.class);
    }

    /** A runtime of its own, for a client that will close it. */
    public static SoapRuntime create() {
        return new SoapRuntime();
    }

    /**
     * The process's runtime, for clients built without one (a command line, one host at a time).
     * It is never closed: a CXF bus holds no threads of its own, so there is nothing to leak.
     */
    public static SoapRuntime shared() {
        synchronized (SHARED_LOCK) {
            if (shared == null) {
                shared = new SoapRuntime();
            }
            return shared;
        }
    }

    /**
     * Starts building the shared runtime and its first Dispatch on a background thread. Building
     * them is most of a cold start (class loading and CXF's service model), and a command line has
     * other work to do meanwhile: parsing options, reading the password, the handshake. The next
     * client on the shared runtime takes it.
     */
    static void prestart() {
        CompletableFuture<Dispatch<Source>> future = new CompletableFuture<>();
        if (PRESTARTED.compareAndSet(null, future)) {
            Thread t = new Thread(() -> {
                try {
                    future.complete(shared().newDispatch());
                } catch (Throwable e) {
                    future.completeExceptionally(e);
                }
            }, "hvreplica-cxf-prestart");
            t.setDaemon(true);
            t.start();
            // Meanwhile this thread, idle otherwise, readies what the first exchange needs and the
            // bus does not: the DOM and StAX factories and their parsers. A head start only.
            try {
                Xml.newDocument();
                org.apache.cxf.staxutils.StaxUtils.close(
                        org.apache.cxf.staxutils.StaxUtils.createXMLStreamReader(new java.io.StringReader("<warm-up/>")));
            } catch (javax.xml.stream.XMLStreamException | RuntimeException e) {
                // The first real exchange will meet the same problem and report it.
            }
        }
    }

    /** A new Dispatch on this runtime's bus; the prestarted one when there is one for it. */
    Dispatch<Source> dispatch() {
        if (this == shared) {
            CompletableFuture<Dispatch<Source>> future = PRESTARTED.getAndSet(null);
            if (future != null) {
                try {
                    return future.join();
                } catch (CompletionException e) {
                    // Build it again here, where a failure surfaces on the caller's thread.
                }
            }
        }
        return newDispatch();
    }

    private Dispatch<Source> newDispatch() {
        Bus previous = BusFactory.getAndSetThreadDefaultBus(bus);
        try {
            Service service = Service.create(SERVICE);
            // The address is never dialled: the conduit owns the connection.
            service.addPort(PORT, SOAPBinding.SOAP12HTTP_BINDING, "http://localhost/wsman");
            return SoapDispatcher.configure(service.createDispatch(PORT, Source.class, Service.Mode.PAYLOAD));
        } finally {
            BusFactory.setThreadDefaultBus(previous);
        }
    }

    @Override
    public void close() {
        if (this != shared) {
            bus.shutdown(true);
        }
    }
}
