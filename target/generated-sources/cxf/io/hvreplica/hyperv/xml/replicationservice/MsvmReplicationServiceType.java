package io.hvreplica.hyperv.xml.replicationservice;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlSchemaType;
import jakarta.xml.bind.annotation.XmlType;


/**
 * <p>Java class for Msvm_ReplicationService_Type complex type</p>.
 * 
 * <p>The following schema fragment specifies the expected content contained within this class.</p>
 * 
 * <pre>{@code
 * <complexType name="Msvm_ReplicationService_Type">
 *   <complexContent>
 *     <restriction base="{http://www.w3.org/2001/XMLSchema}anyType">
 *       <all>
 *         <element name="CreationClassName" type="{http://www.w3.org/2001/XMLSchema}string" minOccurs="0"/>
 *         <element name="ElementName" type="{http://www.w3.org/2001/XMLSchema}string" minOccurs="0"/>
 *         <element name="EnabledState" type="{http://www.w3.org/2001/XMLSchema}unsignedShort" minOccurs="0"/>
 *         <element name="Name" type="{http://www.w3.org/2001/XMLSchema}string" minOccurs="0"/>
 *         <element name="SystemCreationClassName" type="{http://www.w3.org/2001/XMLSchema}string" minOccurs="0"/>
 *         <element name="SystemName" type="{http://www.w3.org/2001/XMLSchema}string" minOccurs="0"/>
 *       </all>
 *     </restriction>
 *   </complexContent>
 * </complexType>
 * }</pre>
 * 
 * 
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "Msvm_ReplicationService_Type", propOrder = {

})
public class MsvmReplicationServiceType {

    @XmlElement(name = "CreationClassName")
    protected String creationClassName;
    @XmlElement(name = "ElementName")
    protected String elementName;
    @XmlElement(name = "EnabledState")
    @XmlSchemaType(name = "unsignedShort")
    protected Integer enabledState;
    @XmlElement(name = "Name")
    protected String name;
    @XmlElement(name = "SystemCreationClassName")
    protected String systemCreationClassName;
    @XmlElement(name = "SystemName")
    protected String systemName;

    /**
     * Gets the value of the creationClassName property.
     * 
     * @return
     *     possible object is
     *     {@link String }
     *     
     */
    public String getCreationClassName() {
        return creationClassName;
    }

    /**
     * Sets the value of the creationClassName property.
     * 
     * @param value
     *     allowed object is
     *     {@link String }
     *     
     */
    public void setCreationClassName(String value) {
        this.creationClassName = value;
    }

    /**
     * Gets the value of the elementName property.
     * 
     * @return
     *     possible object is
     *     {@link String }
     *     
     */
    public String getElementName() {
        return elementName;
    }

    /**
     * Sets the value of the elementName property.
     * 
     * @param value
     *     allowed object is
     *     {@link String }
     *     
     */
    public void setElementName(String value) {
        this.elementName = value;
    }

    /**
     * Gets the value of the enabledState property.
     * 
     * @return
     *     possible object is
     *     {@link Integer }
     *     
     */
    public Integer getEnabledState() {
        return enabledState;
    }

    /**
     * Sets the value of the enabledState property.
     * 
     * @param value
     *     allowed object is
     *     {@link Integer }
     *     
     */
    public void setEnabledState(Integer value) {
        this.enabledState = value;
    }

    /**
     * Gets the value of the name property.
     * 
     * @return
     *     possible object is
     *     {@link String }
     *     
     */
    public String getName() {
        return name;
    }

    /**
     * Sets the value of the name property.
     * 
     * @param value
     *     allowed object is
     *     {@link String }
     *     
     */
    public void setName(String value) {
        this.name = value;
    }

    /**
     * Gets the value of the systemCreationClassName property.
     * 
     * @return
     *     possible object is
     *     {@link String }
     *     
     */
    public String getSystemCreationClassName() {
        return systemCreationClassName;
    }

    /**
     * Sets the value of the systemCreationClassName property.
     * 
     * @param value
     *     allowed object is
     *     {@link String }
     *     
     */
    public void setSystemCreationClassName(String value) {
        this.systemCreationClassName = value;
    }

    /**
     * Gets the value of the systemName property.
     * 
     * @return
     *     possible object is
     *     {@link String }
     *     
     */
    public String getSystemName() {
        return systemName;
    }

    /**
     * Sets the value of the systemName property.
     * 
     * @param value
     *     allowed object is
     *     {@link String }
     *     
     */
    public void setSystemName(String value) {
        this.systemName = value;
    }

}
