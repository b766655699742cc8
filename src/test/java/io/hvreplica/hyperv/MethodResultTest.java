package io.hvreplica.hyperv;

import io.hvreplica.testing.XmlAssert;
import io.hvreplica.wsman.WsmanProtocolException;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MethodResultTest {
    private static final String P = "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/Msvm_ReplicationService";
    private static final String JOB_ID = "2B7E5D19-8C34-4A6F-9E12-7D0C3B5A8F61";
    private static final String JOB = """
            <p:Job xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:w="http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd">
              <a:Address>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:Address>
              <a:ReferenceParameters>
                <w:ResourceURI>http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/Msvm_ConcreteJob</w:ResourceURI>
                <w:SelectorSet>
                  <w:Selector Name="InstanceID">2B7E5D19-8C34-4A6F-9E12-7D0C3B5A8F61</w:Selector>
                  <w:Selector Name="__cimnamespace">root/virtualization/v2</w:Selector>
                </w:SelectorSet>
              </a:ReferenceParameters>
            </p:Job>""";
    private static final String NIL_JOB = "<p:Job xsi:nil=\"true\"/>";

    private static Element output(String children) {
        return XmlAssert.parse("<p:RevertFailover_OUTPUT xmlns:p=\"" + P + "\""
                + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">" + children + "</p:RevertFailover_OUTPUT>")
                .getDocumentElement();
    }

    @Test
    void jobStartedWithTheJobFirst() {
        MethodResult r = MethodResult.read(output(JOB + "<p:ReturnValue>4096</p:ReturnValue>"));
        assertEquals(4096, r.returnValue());
        assertEquals("Method Parameters Checked - Job Started", r.meaning());
        assertNotNull(r.job());
        assertEquals(JOB_ID, r.job().selectors().get("InstanceID"));
        assertEquals(List.of("InstanceID", "__cimnamespace"), List.copyOf(r.job().selectors().asMap().keySet()));
    }

    @Test
    void jobStartedWithTheReturnValueFirst() {
        MethodResult first = MethodResult.read(output("<p:ReturnValue>4096</p:ReturnValue>" + JOB));
        MethodResult second = MethodResult.read(output(JOB + "<p:ReturnValue>4096</p:ReturnValue>"));
        assertEquals(second, first);
    }

    @Test
    void completedWithANilJob() {
        MethodResult r = MethodResult.read(output(NIL_JOB + "<p:ReturnValue>0</p:ReturnValue>"));
        assertEquals(0, r.returnValue());
        assertNull(r.job());
        assertEquals("Completed with No Error", r.meaning());
    }

    @Test
    void refusedWithoutAnyJobElement() {
        MethodResult r = MethodResult.read(output("<p:ReturnValue>32775</p:ReturnValue>"));
        assertEquals(32775, r.returnValue());
        assertNull(r.job());
        assertEquals("Invalid state for this operation", r.meaning());
    }

    @Test
    void jobStartedWithoutAJobIsAnError() {
        WsmanProtocolException e = assertThrows(WsmanProtocolException.class,
                () -> MethodResult.read(output("<p:ReturnValue>4096</p:ReturnValue>")));
        assertTrue(e.getMessage().contains("4096") && e.getMessage().contains("no Job reference"), e.getMessage());
        assertThrows(WsmanProtocolException.class,
                () -> MethodResult.read(output(NIL_JOB + "<p:ReturnValue>4096</p:ReturnValue>")));
    }

    @Test
    void missingReturnValueIsAnError() {
        WsmanProtocolException e = assertThrows(WsmanProtocolException.class, () -> MethodResult.read(output(JOB)));
        assertEquals("the host's RevertFailover_OUTPUT has no ReturnValue", e.getMessage());
        assertThrows(WsmanProtocolException.class,
                () -> MethodResult.read(output(JOB + "<p:ReturnValue xsi:nil=\"true\"/>")), "nil");
    }

    @Test
    void returnValueInAnotherNamespaceDoesNotCount() {
        assertThrows(WsmanProtocolException.class,
                () -> MethodResult.read(output(JOB + "<ReturnValue xmlns=\"urn:other\">0</ReturnValue>")));
    }

    @Test
    void nonNumericReturnValueIsAnError() {
        WsmanProtocolException e = assertThrows(WsmanProtocolException.class,
                () -> MethodResult.read(output("<p:ReturnValue>four</p:ReturnValue>")));
        assertTrue(e.getMessage().contains("'four' is not a number"), e.getMessage());
    }

    @Test
    void uint32ReturnValueBeyondIntRangeIsKept() {
        MethodResult r = MethodResult.read(output(NIL_JOB + "<p:ReturnValue>4294967295</p:ReturnValue>"));
        assertEquals(4_294_967_295L, r.returnValue());
        assertEquals("Unknown return value 4294967295", r.meaning());
    }
}
