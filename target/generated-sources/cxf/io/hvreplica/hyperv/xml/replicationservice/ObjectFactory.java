package io.hvreplica.hyperv.xml.replicationservice;

import javax.xml.namespace.QName;
import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.annotation.XmlElementDecl;
import jakarta.xml.bind.annotation.XmlRegistry;


/**
 * This object contains factory methods for each 
 * Java content interface and Java element interface 
 * generated in the io.hvreplica.hyperv.xml.replicationservice package. 
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

    private static final QName _MsvmReplicationService_QNAME = new QName("http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/Msvm_ReplicationService", "Msvm_ReplicationService");

    /**
     * Create a new ObjectFactory that can be used to create new instances of schema derived classes for package: io.hvreplica.hyperv.xml.replicationservice
     * 
     */
    public ObjectFactory() {
    }

    /**
     * Create an instance of {@link MsvmReplicationServiceType }
     * 
     * @return
     *     the new instance of {@link MsvmReplicationServiceType }
     */
    public MsvmReplicationServiceType createMsvmReplicationServiceType() {
        return new MsvmReplicationServiceType();
    }

    /**
     * Create an instance of {@link RevertFailoverINPUT }
     * 
     * @return
     *     the new instance of {@link RevertFailoverINPUT }
     */
    public RevertFailoverINPUT createRevertFailoverINPUT() {
        return new RevertFailoverINPUT();
    }

    /**
     * Create an instance of {@link RevertFailoverOUTPUT }
     * 
     * @return
     *     the new instance of {@link RevertFailoverOUTPUT }
     */
    public RevertFailoverOUTPUT createRevertFailoverOUTPUT() {
        return new RevertFailoverOUTPUT();
    }

    /**
     * Create an instance of {@link JAXBElement }{@code <}{@link MsvmReplicationServiceType }{@code >}
     * 
     * @param value
     *     Java instance representing xml element's value.
     * @return
     *     the new instance of {@link JAXBElement }{@code <}{@link MsvmReplicationServiceType }{@code >}
     */
    @XmlElementDecl(namespace = "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/Msvm_ReplicationService", name = "Msvm_ReplicationService")
    public JAXBElement<MsvmReplicationServiceType> createMsvmReplicationService(MsvmReplicationServiceType value) {
        return new JAXBElement<>(_MsvmReplicationService_QNAME, MsvmReplicationServiceType.class, null, value);
    }

}
