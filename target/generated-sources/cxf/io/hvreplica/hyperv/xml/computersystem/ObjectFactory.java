package io.hvreplica.hyperv.xml.computersystem;

import javax.xml.namespace.QName;
import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.annotation.XmlElementDecl;
import jakarta.xml.bind.annotation.XmlRegistry;


/**
 * This object contains factory methods for each 
 * Java content interface and Java element interface 
 * generated in the io.hvreplica.hyperv.xml.computersystem package. 
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

    private static final QName _MsvmComputerSystem_QNAME = new QName("http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/Msvm_ComputerSystem", "Msvm_ComputerSystem");

    /**
     * Create a new ObjectFactory that can be used to create new instances of schema derived classes for package: io.hvreplica.hyperv.xml.computersystem
     * 
     */
    public ObjectFactory() {
    }

    /**
     * Create an instance of {@link MsvmComputerSystemType }
     * 
     * @return
     *     the new instance of {@link MsvmComputerSystemType }
     */
    public MsvmComputerSystemType createMsvmComputerSystemType() {
        return new MsvmComputerSystemType();
    }

    /**
     * Create an instance of {@link JAXBElement }{@code <}{@link MsvmComputerSystemType }{@code >}
     * 
     * @param value
     *     Java instance representing xml element's value.
     * @return
     *     the new instance of {@link JAXBElement }{@code <}{@link MsvmComputerSystemType }{@code >}
     */
    @XmlElementDecl(namespace = "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/Msvm_ComputerSystem", name = "Msvm_ComputerSystem")
    public JAXBElement<MsvmComputerSystemType> createMsvmComputerSystem(MsvmComputerSystemType value) {
        return new JAXBElement<>(_MsvmComputerSystem_QNAME, MsvmComputerSystemType.class, null, value);
    }

}
