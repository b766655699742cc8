package io.hvreplica.wsman.xml.wsman;

import jakarta.xml.bind.annotation.XmlEnum;
import jakarta.xml.bind.annotation.XmlEnumValue;
import jakarta.xml.bind.annotation.XmlType;


/**
 * 
 * 
 * <p>Java class for EnumerationModeType</p>.
 * 
 * <p>The following schema fragment specifies the expected content contained within this class.</p>
 * <pre>{@code
 * <simpleType name="EnumerationModeType">
 *   <restriction base="{http://www.w3.org/2001/XMLSchema}string">
 *     <enumeration value="EnumerateEPR"/>
 *     <enumeration value="EnumerateObjectAndEPR"/>
 *   </restriction>
 * </simpleType>
 * }</pre>
 * 
 */
@XmlType(name = "EnumerationModeType")
@XmlEnum
public enum EnumerationModeType {

    @XmlEnumValue("EnumerateEPR")
    ENUMERATE_EPR("EnumerateEPR"),
    @XmlEnumValue("EnumerateObjectAndEPR")
    ENUMERATE_OBJECT_AND_EPR("EnumerateObjectAndEPR");
    private final String value;

    EnumerationModeType(String v) {
        value = v;
    }

    /**
     * Gets the value associated to the enum constant.
     * 
     * @return
     *     The value linked to the enum.
     */
    public String value() {
        return value;
    }

    /**
     * Gets the enum associated to the value passed as parameter.
     * 
     * @param v
     *     The value to get the enum from.
     * @return
     *     The enum which corresponds to the value, if it exists.
     * @throws IllegalArgumentException
     *     If no value matches in the enum declaration.
     */
    public static EnumerationModeType fromValue(String v) {
        for (EnumerationModeType c: EnumerationModeType.values()) {
            if (c.value.equals(v)) {
                return c;
            }
        }
        throw new IllegalArgumentException(v);
    }

}
