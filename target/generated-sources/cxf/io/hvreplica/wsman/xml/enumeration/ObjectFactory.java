package io.hvreplica.wsman.xml.enumeration;

import jakarta.xml.bind.annotation.XmlRegistry;


/**
 * This object contains factory methods for each 
 * Java content interface and Java element interface 
 * generated in the io.hvreplica.wsman.xml.enumeration package. 
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
     * Create a new ObjectFactory that can be used to create new instances of schema derived classes for package: io.hvreplica.wsman.xml.enumeration
     * 
     */
    public ObjectFactory() {
    }

    /**
     * Create an instance of {@link Enumerate }
     * 
     * @return
     *     the new instance of {@link Enumerate }
     */
    public Enumerate createEnumerate() {
        return new Enumerate();
    }

    /**
     * Create an instance of {@link EnumerateResponse }
     * 
     * @return
     *     the new instance of {@link EnumerateResponse }
     */
    public EnumerateResponse createEnumerateResponse() {
        return new EnumerateResponse();
    }

    /**
     * Create an instance of {@link EnumerationContextType }
     * 
     * @return
     *     the new instance of {@link EnumerationContextType }
     */
    public EnumerationContextType createEnumerationContextType() {
        return new EnumerationContextType();
    }

    /**
     * Create an instance of {@link Pull }
     * 
     * @return
     *     the new instance of {@link Pull }
     */
    public Pull createPull() {
        return new Pull();
    }

    /**
     * Create an instance of {@link PullResponse }
     * 
     * @return
     *     the new instance of {@link PullResponse }
     */
    public PullResponse createPullResponse() {
        return new PullResponse();
    }

    /**
     * Create an instance of {@link ItemListType }
     * 
     * @return
     *     the new instance of {@link ItemListType }
     */
    public ItemListType createItemListType() {
        return new ItemListType();
    }

    /**
     * Create an instance of {@link EmptyType }
     * 
     * @return
     *     the new instance of {@link EmptyType }
     */
    public EmptyType createEmptyType() {
        return new EmptyType();
    }

    /**
     * Create an instance of {@link Release }
     * 
     * @return
     *     the new instance of {@link Release }
     */
    public Release createRelease() {
        return new Release();
    }

}
