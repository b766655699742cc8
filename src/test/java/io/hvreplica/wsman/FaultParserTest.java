package io.hvreplica.wsman;

import io.hvreplica.simulator.SimulatedHost;
import io.hvreplica.testing.FixedMessageIds;
import io.hvreplica.testing.SimulatorClients;
import io.hvreplica.testing.XmlAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Faults recorded from real Windows hosts by public projects (src/test/resources/faults, each with
 * its source), read by {@link FaultParser} directly and through the whole client (HTTP 500, CXF).
 */
class FaultParserTest {
    private static final String W = Namespaces.WSMAN;

    private static SimulatedHost host;

    @BeforeAll
    static void start() {
        host = SimulatedHost.start(0);
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    static String resource(String name) {
        try (InputStream in = FaultParserTest.class.getResourceAsStream("/faults/" + name)) {
            assertNotNull(in, name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static WsmanFaultException.Fault parse(String name) {
        Document d = XmlAssert.parse(resource(name));
        Element fault = Xml.descendant(d.getDocumentElement(), Namespaces.SOAP, "Fault");
        assertNotNull(fault, name);
        return FaultParser.parse(fault);
    }

    @Test
    void invalidSelectorsWithNestedProviderFault() {
        WsmanFaultException.Fault f = parse("pypsrp-get-invalid-selectors-fault.xml");

        assertEquals("Sender", f.code());
        assertEquals("InvalidSelectors", f.subcode());
        assertEquals(W, f.subcodeNs());
        assertEquals("The WS-Management service cannot process the request because the request contained invalid"
                + " selectors for the resource.", f.reason());
        assertEquals("http://schemas.dmtf.org/wbem/wsman/1/wsman/faultDetail/UnexpectedSelectors", f.faultDetail());
        assertEquals(2150858843L, f.wsmanCode());
        assertEquals("127.0.0.1", f.machine());
        assertEquals("Shell provider", f.provider());
        assertEquals("%systemroot%\\system32\\WsmSvc.dll", f.providerPath());
        assertEquals(f.reason(), f.providerMessage());
        assertNull(f.message(), "the message is the provider's");
        assertEquals(Map.of(), f.details());

        WsmanFaultException e = new WsmanFaultException(f);
        assertFalse(e.isAccessDenied());
        assertTrue(e.getMessage().contains("InvalidSelectors"), e.getMessage());
        assertTrue(e.getMessage().contains("(code 2150858843 = 0x8033805B, on 127.0.0.1)"), e.getMessage());
    }

    @Test
    void timedOutReceiverFault() {
        WsmanFaultException.Fault f = parse("pypsrp-receive-timedout-fault.xml");

        assertEquals("Receiver", f.code());
        assertEquals("TimedOut", f.subcode());
        assertEquals(W, f.subcodeNs());
        assertEquals(2150858793L, f.wsmanCode());
        assertEquals("192.168.56.11", f.machine());
        assertEquals("The WS-Management service cannot complete the operation within the time specified in"
                + " OperationTimeout.", f.message());
        assertEquals(f.message(), f.reason());
        assertNull(f.faultDetail());
        assertNull(f.provider());
        assertNull(f.providerPath());
        assertNull(f.providerMessage());
        assertTrue(new WsmanFaultException(f).getMessage().contains("0x80338029"));
    }

    @Test
    void invalidHeaderFaultHasAnAddressingSubcode() {
        WsmanFaultException.Fault f = parse("pypsrp-invalid-header-fault.xml");

        assertEquals("Sender", f.code());
        assertEquals("InvalidMessageInformationHeader", f.subcode());
        assertEquals(Namespaces.ADDRESSING, f.subcodeNs());
        assertEquals(2150858767L, f.wsmanCode());
        assertEquals("The WS-Management service cannot process the request. The XML contains an invalid timeout"
                + " field in the SOAP header: PT-1S.", f.message());
        assertEquals("The WS-Management service cannot process the request. The request contains one or more"
                + " invalid SOAP headers.", f.reason());
    }

    @Test
    void providerFaultWithPlainTextAndWin32Code() {
        WsmanFaultException.Fault f = parse("pypsrp-internalerror-providerfault.xml");

        assertEquals("Receiver", f.code());
        assertEquals("InternalError", f.subcode());
        assertEquals(2147942402L, f.wsmanCode());
        assertEquals("server2008r2.domain.local", f.machine());
        assertEquals("Shell cmd plugin", f.provider());
        assertEquals("%systemroot%\\system32\\winrscmd.dll", f.providerPath());
        assertEquals("The system cannot find the file specified.", f.providerMessage());
        assertTrue(new WsmanFaultException(f).getMessage().contains("0x80070002"));
    }

    @Test
    void wmiProviderFaultWithExtendedStatus() {
        WsmanFaultException.Fault f = parse("winrb-soap_fault_v2.xml");

        assertEquals("Sender", f.code());
        assertEquals("CannotProcessFilter", f.subcode());
        assertEquals(Namespaces.ENUMERATION, f.subcodeNs());
        assertEquals(2150858778L, f.wsmanCode());
        assertEquals("localhost", f.machine(), "the outer WSManFault's machine");
        assertEquals("WMI Provider", f.provider());
        assertEquals("%systemroot%\\system32\\WsmWmiPl.dll", f.providerPath());
        assertEquals("The specified class does not exist in the given namespace.", f.providerMessage());
        assertEquals(Map.of("Operation", "ExecQuery",
                "ParameterInfo", "Select * from Win32_Processa where name=\"sshd.exe\"",
                "ProviderName", "WinMgmt"), f.details(), "nil properties are left out");
        assertTrue(new WsmanFaultException(f).getMessage()
                .contains("The specified class does not exist in the given namespace."));
    }

    @Test
    void msftWmiErrorInsteadOfWsmanFault() {
        WsmanFaultException.Fault f = parse("winrb-wmi_error_v2.xml");

        assertEquals("Sender", f.code());
        assertEquals("QuotaLimit", f.subcode());
        assertNull(f.wsmanCode());
        assertNull(f.machine());
        assertEquals("2150859173", f.details().get("error_Code"));
        assertEquals("27", f.details().get("CIMStatusCode"));
        assertEquals("HRESULT 0x803381a5", f.details().get("MessageID"));
        assertEquals("HRESULT", f.details().get("error_Type"));
        assertFalse(f.details().containsKey("CIMStatusCodeDescription"), "nil");
        assertEquals("The WS-Management service cannot process the request. This user is allowed a maximum number of"
                + " 30 concurrent shells, which has been exceeded. Close existing shells or raise the quota for this"
                + " user.", f.message());
        WsmanFaultException e = new WsmanFaultException(f);
        assertFalse(e.isAccessDenied());
        assertTrue(e.getMessage().startsWith("the host returned fault QuotaLimit: The WS-Management service"),
                e.getMessage());
    }

    @Test
    void accessDeniedIsRecognisedBySubcodeWsmanCodeOrWmiErrorCode() {
        String denied = resource("winrb-wmi_error_v2.xml").replace(">2150859173<", ">5<");
        Element fault = Xml.descendant(XmlAssert.parse(denied).getDocumentElement(), Namespaces.SOAP, "Fault");
        assertTrue(new WsmanFaultException(FaultParser.parse(fault)).isAccessDenied(), "MSFT_WmiError error_Code 5");

        String byCode = resource("pypsrp-receive-timedout-fault.xml").replace("Code=\"2150858793\"", "Code=\"5\"");
        fault = Xml.descendant(XmlAssert.parse(byCode).getDocumentElement(), Namespaces.SOAP, "Fault");
        assertTrue(new WsmanFaultException(FaultParser.parse(fault)).isAccessDenied(), "WSManFault Code 5");

        String bySubcode = resource("pypsrp-receive-timedout-fault.xml").replace("w:TimedOut", "w:AccessDenied");
        fault = Xml.descendant(XmlAssert.parse(bySubcode).getDocumentElement(), Namespaces.SOAP, "Fault");
        assertTrue(new WsmanFaultException(FaultParser.parse(fault)).isAccessDenied(), "w:AccessDenied");
    }

    @Test
    void faultWithoutDetailStillHasCodeAndReason() {
        String xml = "<s:Fault xmlns:s=\"" + Namespaces.SOAP + "\"><s:Code><s:Value>s:Receiver</s:Value></s:Code>"
                + "<s:Reason><s:Text xml:lang=\"en-US\"> Something broke. </s:Text></s:Reason></s:Fault>";
        WsmanFaultException.Fault f = FaultParser.parse(XmlAssert.parse(xml).getDocumentElement());
        assertEquals("Receiver", f.code());
        assertNull(f.subcode());
        assertEquals("Something broke.", f.reason());
        assertEquals("the host returned fault Receiver: Something broke.", new WsmanFaultException(f).getMessage());
    }

    /** Each recorded fault served as Windows serves it (HTTP 500) reads the same through the whole client. */
    @ParameterizedTest
    @ValueSource(strings = {"pypsrp-get-invalid-selectors-fault.xml", "pypsrp-receive-timedout-fault.xml",
            "pypsrp-invalid-header-fault.xml", "pypsrp-internalerror-providerfault.xml", "winrb-soap_fault_v2.xml",
            "winrb-wmi_error_v2.xml"})
    void recordedFaultReadsTheSameThroughTheClient(String name) {
        String resourceUri = "http://schemas.microsoft.com/wbem/wsman/1/fault-test/" + name;
        host.server().stubFor(SimulatorClients.stubContaining(resourceUri).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/soap+xml;charset=UTF-8").withBody(resource(name))));
        try (WsmanClient client = SimulatorClients.client(host, new FixedMessageIds())) {
            WsmanFaultException e = assertThrows(WsmanFaultException.class,
                    () -> client.get(resourceUri, SelectorSet.of("Id", "1")));
            assertEquals(parse(name), e.fault());
        }
    }
}
