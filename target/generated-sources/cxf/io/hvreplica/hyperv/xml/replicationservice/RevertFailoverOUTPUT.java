package io.hvreplica.hyperv.xml.replicationservice;

import io.hvreplica.wsman.xml.addressing.EndpointReferenceType;
import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlSchemaType;
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
 *       <all>
 *         <element name="Job" type="{http://schemas.xmlsoap.org/ws/2004/08/addressing}EndpointReferenceType" minOccurs="0"/>
 *         <element name="ReturnValue" type="{http://www.w3.org/2001/XMLSchema}unsignedInt"/>
 *       </all>
 *     </restriction>
 *   </complexContent>
 * </complexType>
 * }</pre>
 * 
 * 
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "", propOrder = {

})
@XmlRootElement(name = "RevertFailover_OUTPUT")
public class RevertFailoverOUTPUT {

    @XmlElement(name = "Job")
    protected EndpointReferenceType job;
    @XmlElement(name = "ReturnValue")
    @XmlSchemaType(name = "unsignedInt")
    protected long returnValue;

    /**
     * Gets the value of the job property.
     * 
     * @return
     *     possible object is
     *     {@link EndpointReferenceType }
     *     
     */
    public EndpointReferenceType getJob() {
        return job;
    }

    /**
     * Sets the value of the job property.
     * 
     * @param value
     *     allowed object is
     *     {@link EndpointReferenceType }
     *     
     */
    public void setJob(EndpointReferenceType value) {
        this.job = value;
    }

    /**
     * Gets the value of the returnValue property.
     * 
     */
    public long getReturnValue() {
        return returnValue;
    }

    /**
     * Sets the value of the returnValue property.
     * 
     */
    public void setReturnValue(long value) {
        this.returnValue = value;
    }

}
