package io.hvreplica.wsman;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MethodInputTest {
    private static final String SERVICE = "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/Msvm_ReplicationService";
    private static final String VM = "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/Msvm_ComputerSystem";

    @Test
    void scalarsArraysNilsAndReferencesInTheClassNamespace() {
        EndpointReference vm = new EndpointReference(Namespaces.ANONYMOUS, VM,
                SelectorSet.of(new java.util.LinkedHashMap<>(Map.of("Name", "9A3F0C2E-6D41-4B7C-8E55-0C1D2B3A4F56"))));
        Element input = MethodInput.of(SERVICE, "StartReplication")
                .reference("ComputerSystem", vm)
                .scalar("InitialReplicationType", 1)
                .scalar("InitialReplicationExportLocation", null)
                .scalar("BypassProxyServer", true)
                .array("NetworkSettings", List.of("a", "b"))
                .build();
        assertEquals(SERVICE, input.getNamespaceURI());
        assertEquals("StartReplication_INPUT", input.getLocalName());
        assertEquals("1", Xml.childText(input, SERVICE, "InitialReplicationType"));
        assertEquals("true", Xml.childText(input, SERVICE, "BypassProxyServer"));
        Element nil = Xml.child(input, SERVICE, "InitialReplicationExportLocation");
        assertTrue(Xml.isNil(nil));
        assertNull(Xml.childText(input, SERVICE, "InitialReplicationExportLocation"));
        assertEquals(2, Xml.children(input, SERVICE, "NetworkSettings").size());
        // The reference holds a:Address and a:ReferenceParameters directly, and reads back the same.
        Element ref = Xml.child(input, SERVICE, "ComputerSystem");
        assertTrue(Xml.child(ref, Namespaces.ADDRESSING, "EndpointReference") == null);
        assertEquals(vm, EndpointReference.parse(ref));
    }
}
