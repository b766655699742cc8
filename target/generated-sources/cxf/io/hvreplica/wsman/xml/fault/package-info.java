@jakarta.xml.bind.annotation.XmlSchema(namespace = "http://schemas.microsoft.com/wbem/wsman/1/wsmanfault", elementFormDefault = jakarta.xml.bind.annotation.XmlNsForm.QUALIFIED)
package io.hvreplica.wsman.xml.fault;
