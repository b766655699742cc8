package io.hvreplica.hyperv.xml.concretejob;

import javax.xml.namespace.QName;
import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.annotation.XmlElementDecl;
import jakarta.xml.bind.annotation.XmlRegistry;


/**
 * This object contains factory methods for each 
 * Java content interface and Java element interface 
 * generated in the io.hvreplica.hyperv.xml.concretejob package. 
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

    private static final QName _MsvmConcreteJob_QNAME = new QName("http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/Msvm_ConcreteJob", "Msvm_ConcreteJob");

    /**
     * Create a new ObjectFactory that can be used to create new instances of schema derived classes for package: io.hvreplica.hyperv.xml.concretejob
     * 
     */
    public ObjectFactory() {
    }

    /**
     * Create an instance of {@link MsvmConcreteJobType }
     * 
     * @return
     *     the new instance of {@link MsvmConcreteJobType }
     */
    public MsvmConcreteJobType createMsvmConcreteJobType() {
        return new MsvmConcreteJobType();
    }

    /**
     * Create an instance of {@link JAXBElement }{@code <}{@link MsvmConcreteJobType }{@code >}
     * 
     * @param value
     *     Java instance representing xml element's value.
     * @return
     *     the new instance of {@link JAXBElement }{@code <}{@link MsvmConcreteJobType }{@code >}
     */
    @XmlElementDecl(namespace = "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/Msvm_ConcreteJob", name = "Msvm_ConcreteJob")
    public JAXBElement<MsvmConcreteJobType> createMsvmConcreteJob(MsvmConcreteJobType value) {
        return new JAXBElement<>(_MsvmConcreteJob_QNAME, MsvmConcreteJobType.class, null, value);
    }

}
