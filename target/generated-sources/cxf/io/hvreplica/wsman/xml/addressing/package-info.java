@jakarta.xml.bind.annotation.XmlSchema(namespace = "http://schemas.xmlsoap.org/ws/2004/08/addressing", elementFormDefault = jakarta.xml.bind.annotation.XmlNsForm.QUALIFIED)
package io.hvreplica.wsman.xml.addressing;
