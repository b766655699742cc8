@jakarta.xml.bind.annotation.XmlSchema(namespace = "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd", elementFormDefault = jakarta.xml.bind.annotation.XmlNsForm.QUALIFIED)
package io.hvreplica.wsman.xml.wsman;
