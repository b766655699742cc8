package io.hvreplica.hyperv.xml.computersystem;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlSchemaType;
import jakarta.xml.bind.annotation.XmlType;


/**
 * <p>Java class for Msvm_ComputerSystem_Type complex type</p>.
 * 
 * <p>The following schema fragment specifies the expected content contained within this class.</p>
 * 
 * <pre>{@code
 * <complexType name="Msvm_ComputerSystem_Type">
 *   <complexContent>
 *     <restriction base="{http://www.w3.org/2001/XMLSchema}anyType">
 *       <all>
 *         <element name="Caption" type="{http://www.w3.org/2001/XMLSchema}string" minOccurs="0"/>
 *         <element name="CreationClassName" type="{http://www.w3.org/2001/XMLSchema}string" minOccurs="0"/>
 *         <element name="Description" type="{http://www.w3.org/2001/XMLSchema}string" minOccurs="0"/>
 *         <element name="ElementName" type="{http://www.w3.org/2001/XMLSchema}string" minOccurs="0"/>
 *         <element name="EnabledState" type="{http://www.w3.org/2001/XMLSchema}unsignedShort" minOccurs="0"/>
 *         <element name="HealthState" type="{http://www.w3.org/2001/XMLSchema}unsignedShort" minOccurs="0"/>
 *         <element name="Name" type="{http://www.w3.org/2001/XMLSchema}string" minOccurs="0"/>
 *         <element name="ReplicationHealth" type="{http://www.w3.org/2001/XMLSchema}unsignedShort" minOccurs="0"/>
 *         <element name="ReplicationMode" type="{http://www.w3.org/2001/XMLSchema}unsignedShort" minOccurs="0"/>
 *         <element name="ReplicationState" type="{http://www.w3.org/2001/XMLSchema}unsignedShort" minOccurs="0"/>
 *       </all>
 *     </restriction>
 *   </complexContent>
 * </complexType>
 * }</pre>
 * 
 * 
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "Msvm_ComputerSystem_Type", propOrder = {

})
public class MsvmComputerSystemType {

    @XmlElement(name = "Caption")
    protected String caption;
    @XmlElement(name = "CreationClassName")
    protected String creationClassName;
    @XmlElement(name = "Description")
    protected String description;
    @XmlElement(name = "ElementName")
    protected String elementName;
    @XmlElement(name = "EnabledState")
    @XmlSchemaType(name = "unsignedShort")
    protected Integer enabledState;
    @XmlElement(name = "HealthState")
    @XmlSchemaType(name = "unsignedShort")
    protected Integer healthState;
    @XmlElement(name = "Name")
    protected String name;
    @XmlElement(name = "ReplicationHealth")
    @XmlSchemaType(name = "unsignedShort")
    protected Integer replicationHealth;
    @XmlElement(name = "ReplicationMode")
    @XmlSchemaType(name = "unsignedShort")
    protected Integer replicationMode;
    @XmlElement(name = "ReplicationState")
    @XmlSchemaType(name = "unsignedShort")
    protected Integer replicationState;

    /**
     * Gets the value of the caption property.
     * 
     * @return
     *     possible object is
     *     {@link String }
     *     
     */
    public String getCaption() {
        return caption;
    }

    /**
     * Sets the value of the caption property.
     * 
     * @param value
     *     allowed object is
     *     {@link String }
     *     
     */
    public void setCaption(String value) {
        this.caption = value;
    }

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
     * Gets the value of the description property.
     * 
     * @return
     *     possible object is
     *     {@link String }
     *     
     */
    public String getDescription() {
        return description;
    }

    /**
     * Sets the value of the description property.
     * 
     * @param value
     *     allowed object is
     *     {@link String }
     *     
     */
    public void setDescription(String value) {
        this.description = value;
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
     * Gets the value of the healthState property.
     * 
     * @return
     *     possible object is
     *     {@link Integer }
     *     
     */
    public Integer getHealthState() {
        return healthState;
    }

    /**
     * Sets the value of the healthState property.
     * 
     * @param value
     *     allowed object is
     *     {@link Integer }
     *     
     */
    public void setHealthState(Integer value) {
        this.healthState = value;
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
     * Gets the value of the replicationHealth property.
     * 
     * @return
     *     possible object is
     *     {@link Integer }
     *     
     */
    public Integer getReplicationHealth() {
        return replicationHealth;
    }

    /**
     * Sets the value of the replicationHealth property.
     * 
     * @param value
     *     allowed object is
     *     {@link Integer }
     *     
     */
    public void setReplicationHealth(Integer value) {
        this.replicationHealth = value;
    }

    /**
     * Gets the value of the replicationMode property.
     * 
     * @return
     *     possible object is
     *     {@link Integer }
     *     
     */
    public Integer getReplicationMode() {
        return replicationMode;
    }

    /**
     * Sets the value of the replicationMode property.
     * 
     * @param value
     *     allowed object is
     *     {@link Integer }
     *     
     */
    public void setReplicationMode(Integer value) {
        this.replicationMode = value;
    }

    /**
     * Gets the value of the replicationState property.
     * 
     * @return
     *     possible object is
     *     {@link Integer }
     *     
     */
    public Integer getReplicationState() {
        return replicationState;
    }

    /**
     * Sets the value of the replicationState property.
     * 
     * @param value
     *     allowed object is
     *     {@link Integer }
     *     
     */
    public void setReplicationState(Integer value) {
        this.replicationState = value;
    }

}
