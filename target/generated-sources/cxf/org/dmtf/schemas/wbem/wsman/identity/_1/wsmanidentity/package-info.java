@jakarta.xml.bind.annotation.XmlSchema(namespace = "http://schemas.dmtf.org/wbem/wsman/identity/1/wsmanidentity.xsd", elementFormDefault = jakarta.xml.bind.annotation.XmlNsForm.QUALIFIED)
package org.dmtf.schemas.wbem.wsman.identity._1.wsmanidentity;
