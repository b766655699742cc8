package io.hvreplica.wsman;

import com.ibm.wsdl.extensions.soap12.SOAP12AddressImpl;
import com.ibm.wsdl.extensions.soap12.SOAP12BindingImpl;
import com.ibm.wsdl.extensions.soap12.SOAP12BodyImpl;
import com.ibm.wsdl.extensions.soap12.SOAP12FaultImpl;
import com.ibm.wsdl.extensions.soap12.SOAP12HeaderImpl;
import com.ibm.wsdl.extensions.soap12.SOAP12OperationImpl;
import org.apache.cxf.service.model.ServiceSchemaInfo;
import org.apache.cxf.wsdl.WSDLManager;
import org.w3c.dom.Element;

import javax.wsdl.Binding;
import javax.wsdl.BindingFault;
import javax.wsdl.BindingInput;
import javax.wsdl.BindingOperation;
import javax.wsdl.BindingOutput;
import javax.wsdl.Definition;
import javax.wsdl.Port;
import javax.wsdl.WSDLException;
import javax.wsdl.extensions.ExtensionRegistry;
import javax.wsdl.factory.WSDLFactory;
import javax.xml.namespace.QName;
import java.util.Map;

/**
 * The bus's WSDL manager for a client that reads no WSDL. CXF's SOAP binding still describes
 * every endpoint with WSDL extension objects (soap12:binding, soap12:address and so on), and asks
 * the bus's WSDL manager for a registry that makes them. CXF's own manager builds wsdl4j's fully
 * populated registry for that, every SOAP, HTTP and MIME extension with its serializer: about a
 * hundred classes that were compiled for Java 1.4, so no class-data archive can hold them, and
 * they cost a cold command a fifth of the SOAP stack's start-up (see README, "Cold start"). This
 * registry makes only the SOAP 1.2 extensions a Dispatch needs; reading a WSDL is refused.
 */
final class PayloadWsdlManager implements WSDLManager {
    private static final String SOAP12 = "http://schemas.xmlsoap.org/wsdl/soap12/";

    private final ExtensionRegistry registry = new ExtensionRegistry();

    PayloadWsdlManager() {
        registry.mapExtensionTypes(Binding.class, new QName(SOAP12, "binding"), SOAP12BindingImpl.class);
        registry.mapExtensionTypes(Port.class, new QName(SOAP12, "address"), SOAP12AddressImpl.class);
        registry.mapExtensionTypes(BindingOperation.class, new QName(SOAP12, "operation"), SOAP12OperationImpl.class);
        for (Class<?> parent : new Class<?>[] {BindingInput.class, BindingOutput.class}) {
            registry.mapExtensionTypes(parent, new QName(SOAP12, "body"), SOAP12BodyImpl.class);
            registry.mapExtensionTypes(parent, new QName(SOAP12, "header"), SOAP12HeaderImpl.class);
        }
        registry.mapExtensionTypes(BindingFault.class, new QName(SOAP12, "fault"), SOAP12FaultImpl.class);
    }

    @Override
    public ExtensionRegistry getExtensionRegistry() {
        return registry;
    }

    @Override
    public WSDLFactory getWSDLFactory() {
        throw refused();
    }

    @Override
    public Definition getDefinition(String url) throws WSDLException {
        throw refused();
    }

    @Override
    public Definition getDefinition(Element element) throws WSDLException {
        throw refused();
    }

    @Override
    public void addDefinition(Object key, Definition wsdl) {
        throw refused();
    }

    @Override
    public Map<Object, Definition> getDefinitions() {
        return Map.of();
    }

    @Override
    public ServiceSchemaInfo getSchemasForDefinition(Definition wsdl) {
        return null;
    }

    @Override
    public void putSchemasForDefinition(Definition wsdl, ServiceSchemaInfo schemas) {
        throw refused();
    }

    @Override
    public void removeDefinition(Definition wsdl) {
    }

    @Override
    public void removeDefinition(String url) {
    }

    private static UnsupportedOperationException refused() {
        return new UnsupportedOperationException("hvreplica's SOAP runtime reads no WSDL");
    }
}
