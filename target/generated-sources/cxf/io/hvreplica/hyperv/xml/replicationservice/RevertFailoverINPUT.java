package io.hvreplica.hyperv.xml.replicationservice;

import io.hvreplica.wsman.xml.addressing.EndpointReferenceType;
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
 *         <element name="ComputerSystem" type="{http://schemas.xmlsoap.org/ws/2004/08/addressing}EndpointReferenceType"/>
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
    "computerSystem"
})
@XmlRootElement(name = "RevertFailover_INPUT")
public class RevertFailoverINPUT {

    @XmlElement(name = "ComputerSystem", required = true)
    protected EndpointReferenceType computerSystem;

    /**
     * Gets the value of the computerSystem property.
     * 
     * @return
     *     possible object is
     *     {@link EndpointReferenceType }
     *     
     */
    public EndpointReferenceType getComputerSystem() {
        return computerSystem;
    }

    /**
     * Sets the value of the computerSystem property.
     * 
     * @param value
     *     allowed object is
     *     {@link EndpointReferenceType }
     *     
     */
    public void setComputerSystem(EndpointReferenceType value) {
        this.computerSystem = value;
    }

}
