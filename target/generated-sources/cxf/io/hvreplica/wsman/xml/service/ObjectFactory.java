package io.hvreplica.wsman.xml.service;

import javax.xml.namespace.QName;
import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.annotation.XmlElementDecl;
import jakarta.xml.bind.annotation.XmlRegistry;


/**
 * This object contains factory methods for each 
 * Java content interface and Java element interface 
 * generated in the io.hvreplica.wsman.xml.service package. 
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

    private static final QName _Instance_QNAME = new QName("urn:hvreplica:wsdl", "Instance");
    private static final QName _MethodInput_QNAME = new QName("urn:hvreplica:wsdl", "MethodInput");
    private static final QName _MethodOutput_QNAME = new QName("urn:hvreplica:wsdl", "MethodOutput");

    /**
     * Create a new ObjectFactory that can be used to create new instances of schema derived classes for package: io.hvreplica.wsman.xml.service
     * 
     */
    public ObjectFactory() {
    }

    /**
     * Create an instance of {@link JAXBElement }{@code <}{@link Object }{@code >}
     * 
     * @param value
     *     Java instance representing xml element's value.
     * @return
     *     the new instance of {@link JAXBElement }{@code <}{@link Object }{@code >}
     */
    @XmlElementDecl(namespace = "urn:hvreplica:wsdl", name = "Instance")
    public JAXBElement<Object> createInstance(Object value) {
        return new JAXBElement<>(_Instance_QNAME, Object.class, null, value);
    }

    /**
     * Create an instance of {@link JAXBElement }{@code <}{@link Object }{@code >}
     * 
     * @param value
     *     Java instance representing xml element's value.
     * @return
     *     the new instance of {@link JAXBElement }{@code <}{@link Object }{@code >}
     */
    @XmlElementDecl(namespace = "urn:hvreplica:wsdl", name = "MethodInput")
    public JAXBElement<Object> createMethodInput(Object value) {
        return new JAXBElement<>(_MethodInput_QNAME, Object.class, null, value);
    }

    /**
     * Create an instance of {@link JAXBElement }{@code <}{@link Object }{@code >}
     * 
     * @param value
     *     Java instance representing xml element's value.
     * @return
     *     the new instance of {@link JAXBElement }{@code <}{@link Object }{@code >}
     */
    @XmlElementDecl(namespace = "urn:hvreplica:wsdl", name = "MethodOutput")
    public JAXBElement<Object> createMethodOutput(Object value) {
        return new JAXBElement<>(_MethodOutput_QNAME, Object.class, null, value);
    }

}
