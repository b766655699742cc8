@jakarta.xml.bind.annotation.XmlSchema(namespace = "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/Msvm_ComputerSystem", elementFormDefault = jakarta.xml.bind.annotation.XmlNsForm.QUALIFIED)
package io.hvreplica.hyperv.xml.computersystem;
