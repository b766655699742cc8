package org.dmtf.schemas.wbem.wsman.identity._1.wsmanidentity;

import jakarta.xml.bind.annotation.XmlRegistry;


/**
 * This object contains factory methods for each 
 * Java content interface and Java element interface 
 * generated in the org.dmtf.schemas.wbem.wsman.identity._1.wsmanidentity package. 
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


    /**
     * Create a new ObjectFactory that can be used to create new instances of schema derived classes for package: org.dmtf.schemas.wbem.wsman.identity._1.wsmanidentity
     * 
     */
    public ObjectFactory() {
    }

    /**
     * Create an instance of {@link Identify }
     * 
     * @return
     *     the new instance of {@link Identify }
     */
    public Identify createIdentify() {
        return new Identify();
    }

    /**
     * Create an instance of {@link IdentifyResponse }
     * 
     * @return
     *     the new instance of {@link IdentifyResponse }
     */
    public IdentifyResponse createIdentifyResponse() {
        return new IdentifyResponse();
    }

}
