package io.hvreplica.wsman.xml.enumeration;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;


/**
 * <p>Java class for anonymous complex type</p>.
 * 
 * <p>The following schema fragment specifies the expected content contained within this class.</p>
 * 
 * <pre>{@code
 * <complexType>
 *   <complexContent>
 *     <restriction base="{http://www.w3.org/2001/XMLSchema}anyType">
 *       <sequence>
 *         <element name="EnumerationContext" type="{http://schemas.xmlsoap.org/ws/2004/09/enumeration}EnumerationContextType" minOccurs="0"/>
 *         <element name="Items" type="{http://schemas.xmlsoap.org/ws/2004/09/enumeration}ItemListType" minOccurs="0"/>
 *         <element name="EndOfSequence" type="{http://schemas.xmlsoap.org/ws/2004/09/enumeration}EmptyType" minOccurs="0"/>
 *       </sequence>
 *     </restriction>
 *   </complexContent>
 * </complexType>
 * }</pre>
 * 
 * 
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "", propOrder = {
    "enumerationContext",
    "items",
    "endOfSequence"
})
@XmlRootElement(name = "PullResponse")
public class PullResponse {

    @XmlElement(name = "EnumerationContext")
    protected EnumerationContextType enumerationContext;
    @XmlElement(name = "Items")
    protected ItemListType items;
    @XmlElement(name = "EndOfSequence")
    protected EmptyType endOfSequence;

    /**
     * Gets the value of the enumerationContext property.
     * 
     * @return
     *     possible object is
     *     {@link EnumerationContextType }
     *     
     */
    public EnumerationContextType getEnumerationContext() {
        return enumerationContext;
    }

    /**
     * Sets the value of the enumerationContext property.
     * 
     * @param value
     *     allowed object is
     *     {@link EnumerationContextType }
     *     
     */
    public void setEnumerationContext(EnumerationContextType value) {
        this.enumerationContext = value;
    }

    /**
     * Gets the value of the items property.
     * 
     * @return
     *     possible object is
     *     {@link ItemListType }
     *     
     */
    public ItemListType getItems() {
        return items;
    }

    /**
     * Sets the value of the items property.
     * 
     * @param value
     *     allowed object is
     *     {@link ItemListType }
     *     
     */
    public void setItems(ItemListType value) {
        this.items = value;
    }

    /**
     * Gets the value of the endOfSequence property.
     * 
     * @return
     *     possible object is
     *     {@link EmptyType }
     *     
     */
    public EmptyType getEndOfSequence() {
        return endOfSequence;
    }

    /**
     * Sets the value of the endOfSequence property.
     * 
     * @param value
     *     allowed object is
     *     {@link EmptyType }
     *     
     */
    public void setEndOfSequence(EmptyType value) {
        this.endOfSequence = value;
    }

}
