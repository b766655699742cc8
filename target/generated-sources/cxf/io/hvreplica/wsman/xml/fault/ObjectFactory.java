package io.hvreplica.wsman.xml.fault;

import javax.xml.namespace.QName;
import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.annotation.XmlElementDecl;
import jakarta.xml.bind.annotation.XmlRegistry;


/**
 * This object contains factory methods for each 
 * Java content interface and Java element interface 
 * generated in the io.hvreplica.wsman.xml.fault package. 
 * <p>An ObjectFactory allows you to programmatically 
 * construct new instances of the Java representation 
 * for XML content. The Java representation of XML 
 * content can consist of schema derived interfaces 
 * and classes representing the binding of schema 
 * type definitions, element declarations and model 
 * groups.  Factory methods for each of these are 
 * provided in this class.
 * 
 */
@XmlRegistry
public class ObjectFactory {

    private static final QName _WSManFault_QNAME = new QName("http://schemas.microsoft.com/wbem/wsman/1/wsmanfault", "WSManFault");
    private static final QName _ProviderFault_QNAME = new QName("http://schemas.microsoft.com/wbem/wsman/1/wsmanfault", "ProviderFault");
    private static final QName _ExtendedError_QNAME = new QName("http://schemas.microsoft.com/wbem/wsman/1/wsmanfault", "ExtendedError");

    /**
     * Create a new ObjectFactory that can be used to create new instances of schema derived classes for package: io.hvreplica.wsman.xml.fault
     * 
     */
    public ObjectFactory() {
    }

    /**
     * Create an instance of {@link WSManFaultType }
     * 
     * @return
     *     the new instance of {@link WSManFaultType }
     */
    public WSManFaultType createWSManFaultType() {
        return new WSManFaultType();
    }

    /**
     * Create an instance of {@link ProviderFaultType }
     * 
     * @return
     *     the new instance of {@link ProviderFaultType }
     */
    public ProviderFaultType createProviderFaultType() {
        return new ProviderFaultType();
    }

    /**
     * Create an instance of {@link ExtendedErrorType }
     * 
     * @return
     *     the new instance of {@link ExtendedErrorType }
     */
    public ExtendedErrorType createExtendedErrorType() {
        return new ExtendedErrorType();
    }

    /**
     * Create an instance of {@link MessageType }
     * 
     * @return
     *     the new instance of {@link MessageType }
     */
    public MessageType createMessageType() {
        return new MessageType();
    }

    /**
     * Create an instance of {@link JAXBElement }{@code <}{@link WSManFaultType }{@code >}
     * 
     * @param value
     *     Java instance representing xml element's value.
     * @return
     *     the new instance of {@link JAXBElement }{@code <}{@link WSManFaultType }{@code >}
     */
    @XmlElementDecl(namespace = "http://schemas.microsoft.com/wbem/wsman/1/wsmanfault", name = "WSManFault")
    public JAXBElement<WSManFaultType> createWSManFault(WSManFaultType value) {
        return new JAXBElement<>(_WSManFault_QNAME, WSManFaultType.class, null, value);
    }

    /**
     * Create an instance of {@link JAXBElement }{@code <}{@link ProviderFaultType }{@code >}
     * 
     * @param value
     *     Java instance representing xml element's value.
     * @return
     *     the new instance of {@link JAXBElement }{@code <}{@link ProviderFaultType }{@code >}
     */
    @XmlElementDecl(namespace = "http://schemas.microsoft.com/wbem/wsman/1/wsmanfault", name = "ProviderFault")
    public JAXBElement<ProviderFaultType> createProviderFault(ProviderFaultType value) {
        return new JAXBElement<>(_ProviderFault_QNAME, ProviderFaultType.class, null, value);
    }

    /**
     * Create an instance of {@link JAXBElement }{@code <}{@link ExtendedErrorType }{@code >}
     * 
     * @param value
     *     Java instance representing xml element's value.
     * @return
     *     the new instance of {@link JAXBElement }{@code <}{@link ExtendedErrorType }{@code >}
     */
    @XmlElementDecl(namespace = "http://schemas.microsoft.com/wbem/wsman/1/wsmanfault", name = "ExtendedError")
    public JAXBElement<ExtendedErrorType> createExtendedError(ExtendedErrorType value) {
        return new JAXBElement<>(_ExtendedError_QNAME, ExtendedErrorType.class, null, value);
    }

}
