package io.hvreplica.wsman;

import io.hvreplica.auth.Credentials;
import io.hvreplica.auth.basic.BasicAuthenticator;
import io.hvreplica.testing.FixedMessageIds;
import io.hvreplica.testing.RawHttpServer;
import io.hvreplica.transport.HttpTransport;
import io.hvreplica.transport.TransportException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Faults in the shapes Windows sends (src/test/resources/faults), and answers the client cannot
 * use, read the way the command line reads them: a {@link WsmanClient} over an {@link HttpTransport}
 * against a bare HTTP server that answers with the body, the status and the Content-Type given.
 */
class WindowsFaultTest {
    private static final String W = Namespaces.WSMAN;
    private static final String SOAP_UTF8 = "application/soap+xml;charset=UTF-8";
    private static final String RESOURCE = "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/"
            + "Msvm_ComputerSystem";

    static String resource(String name) {
        try (InputStream in = WindowsFaultTest.class.getResourceAsStream("/faults/" + name)) {
            assertNotNull(in, name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a Get gets when the host answers every request with this status, Content-Type and body. */
    private static RuntimeException get(int status, String contentType, byte[] body) {
        try (RawHttpServer server = RawHttpServer.start(i -> new RawHttpServer.Answer(status, contentType, body, true));
             WsmanClient client = new WsmanClient(HttpTransport.builder(URI.create(server.endpoint()),
                             new BasicAuthenticator(Credentials.of("hvadmin", "hvreplica-demo".toCharArray())))
                     .allowUnencrypted(true).build(), WsmanOptions.DEFAULT, new FixedMessageIds())) {
            return assertThrows(RuntimeException.class, () -> client.get(RESOURCE, SelectorSet.of("Name", "x")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Element getOk(String contentType, byte[] body) {
        try (RawHttpServer server = RawHttpServer.start(i -> new RawHttpServer.Answer(200, contentType, body, true));
             WsmanClient client = new WsmanClient(HttpTransport.builder(URI.create(server.endpoint()),
                             new BasicAuthenticator(Credentials.of("hvadmin", "hvreplica-demo".toCharArray())))
                     .allowUnencrypted(true).build(), WsmanOptions.DEFAULT, new FixedMessageIds())) {
            return client.get(RESOURCE, SelectorSet.of("Name", "x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fault of a recording served as Windows serves faults: HTTP 500, SOAP 1.2, UTF-8. */
    private static WsmanFaultException fault(String body) {
        RuntimeException e = get(500, SOAP_UTF8, body.getBytes(StandardCharsets.UTF_8));
        if (e instanceof WsmanFaultException f) {
            return f;
        }
        throw new AssertionError("not a fault: " + e, e);
    }

    private static WsmanFaultException.Fault recorded(String name) {
        return fault(resource(name)).fault();
    }

    @Test
    void invalidSelectorsWithANestedProviderFault() {
        WsmanFaultException e = fault(resource("fault-invalid-selectors.xml"));
        WsmanFaultException.Fault f = e.fault();

        assertEquals("Sender", f.code());
        assertEquals("InvalidSelectors", f.subcode());
        assertEquals(W, f.subcodeNs());
        assertEquals("HV-REPLICA01 cannot use the selectors of this request for Msvm_ComputerSystem.", f.reason());
        assertEquals("http://schemas.dmtf.org/wbem/wsman/1/wsman/faultDetail/UnexpectedSelectors", f.faultDetail());
        assertEquals(2150858843L, f.wsmanCode());
        assertEquals("HV-REPLICA01", f.machine());
        assertEquals("WMI Provider", f.provider());
        assertEquals("%systemroot%\\system32\\WsmWmiPl.dll", f.providerPath());
        assertEquals("The selector VmGuid is not a key of Msvm_ComputerSystem on HV-REPLICA01.", f.providerMessage());
        assertNull(f.message(), "the message is the provider's");
        assertEquals(Map.of(), f.details());
        assertFalse(e.isAccessDenied());
        assertEquals("the host returned fault InvalidSelectors: The selector VmGuid is not a key of Msvm_ComputerSystem"
                + " on HV-REPLICA01. (code 2150858843 = 0x8033805B, on HV-REPLICA01)", e.getMessage());
    }

    @Test
    void timedOutWithAPlainMessage() {
        WsmanFaultException e = fault(resource("fault-timed-out.xml"));
        WsmanFaultException.Fault f = e.fault();

        assertEquals("Receiver", f.code());
        assertEquals("TimedOut", f.subcode());
        assertEquals(W, f.subcodeNs());
        assertEquals(2150858793L, f.wsmanCode());
        assertEquals("10.0.40.11", f.machine());
        assertEquals("HV-REPLICA01 did not finish the request before its OperationTimeout ran out.", f.message());
        assertEquals(f.message(), f.reason());
        assertNull(f.faultDetail());
        assertNull(f.provider());
        assertNull(f.providerPath());
        assertNull(f.providerMessage());
        assertTrue(e.getMessage().endsWith("(code 2150858793 = 0x80338029, on 10.0.40.11)"), e.getMessage());
    }

    @Test
    void invalidHeaderHasAnAddressingSubcode() {
        WsmanFaultException.Fault f = recorded("fault-invalid-header.xml");

        assertEquals("Sender", f.code());
        assertEquals("InvalidMessageInformationHeader", f.subcode());
        assertEquals(Namespaces.ADDRESSING, f.subcodeNs());
        assertEquals(2150858767L, f.wsmanCode());
        assertEquals("HV-REPLICA01 refused the OperationTimeout header: PT-5S is not a positive duration.", f.message());
        assertEquals("HV-REPLICA01 refused a SOAP header of this request.", f.reason());
    }

    @Test
    void providerFaultWithPlainTextAndAWin32Code() {
        WsmanFaultException e = fault(resource("fault-provider-text.xml"));
        WsmanFaultException.Fault f = e.fault();

        assertEquals("Receiver", f.code());
        assertEquals("InternalError", f.subcode());
        assertEquals(2147942402L, f.wsmanCode());
        assertEquals("hv-replica01.corp.example", f.machine());
        assertEquals("WMI Provider", f.provider());
        assertEquals("The replica configuration file of app-vm-01 is missing.", f.providerMessage());
        assertTrue(e.getMessage().contains("0x80070002"), e.getMessage());
    }

    @Test
    void wmiProviderFaultWithExtendedStatus() {
        WsmanFaultException.Fault f = recorded("fault-cannot-process-filter.xml");

        assertEquals("Sender", f.code());
        assertEquals("CannotProcessFilter", f.subcode());
        assertEquals(Namespaces.ENUMERATION, f.subcodeNs());
        assertEquals(2150858778L, f.wsmanCode());
        assertEquals("10.0.40.11", f.machine(), "the outer WSManFault's machine");
        assertEquals("WMI Provider", f.provider());
        assertEquals("%systemroot%\\system32\\WsmWmiPl.dll", f.providerPath());
        assertEquals("Msvm_ReplicaVirtualMachine is not a class of root/virtualization/v2.", f.providerMessage());
        assertEquals(Map.of("Operation", "ExecQuery",
                "ParameterInfo", "SELECT * FROM Msvm_ReplicaVirtualMachine WHERE ElementName = \"app-vm-01\"",
                "ProviderName", "WinMgmt"), f.details(), "nil properties are left out");
    }

    @Test
    void msftWmiErrorInsteadOfAWsmanFault() {
        WsmanFaultException e = fault(resource("fault-wmi-error.xml"));
        WsmanFaultException.Fault f = e.fault();

        assertEquals("Sender", f.code());
        assertEquals("QuotaLimit", f.subcode());
        assertNull(f.wsmanCode());
        assertNull(f.machine());
        assertEquals("2150859173", f.details().get("error_Code"));
        assertEquals("27", f.details().get("CIMStatusCode"));
        assertEquals("HRESULT 0x803381a5", f.details().get("MessageID"));
        assertEquals("HRESULT", f.details().get("error_Type"));
        assertFalse(f.details().containsKey("CIMStatusCodeDescription"), "nil");
        assertEquals("HV-REPLICA01 allows HV-REPLICA01\\operator 25 open operations at a time, and all of them are in"
                + " use. Wait for some to end, or raise the quota.", f.message());
        assertFalse(e.isAccessDenied());
        assertTrue(e.getMessage().startsWith("the host returned fault QuotaLimit: HV-REPLICA01 allows"), e.getMessage());
    }

    /** What a Get of a virtual machine deleted since its look-up gets from Windows. */
    @Test
    void getOfADeletedInstanceIsDestinationUnreachable() {
        WsmanFaultException e = fault(resource("fault-destination-unreachable.xml"));
        WsmanFaultException.Fault f = e.fault();

        assertEquals("Sender", f.code());
        assertEquals("DestinationUnreachable", f.subcode());
        assertEquals(Namespaces.ADDRESSING, f.subcodeNs());
        assertEquals("http://schemas.dmtf.org/wbem/wsman/1/wsman/faultDetail/InvalidResourceURI", f.faultDetail());
        assertEquals(2150858752L, f.wsmanCode());
        assertEquals("10.0.40.11", f.machine());
        assertEquals("C:\\Windows\\system32\\WsmWmiPl.dll", f.providerPath());
        assertEquals("The virtual machine 4F1C2A77-9B3E-4E15-A6D2-1C8E5B7F3A01 no longer exists on HV-REPLICA01.",
                f.providerMessage());
        assertEquals("GetObject", f.details().get("Operation"));
        assertEquals("VmmsWmiInstanceAndMethodProvider", f.details().get("ProviderName"));
        assertEquals("Msvm_ComputerSystem.CreationClassName=\"Msvm_ComputerSystem\","
                + "Name=\"4F1C2A77-9B3E-4E15-A6D2-1C8E5B7F3A01\"", f.details().get("ParameterInfo"));
        assertFalse(f.details().containsKey("StatusCode"), "nil");
        assertEquals("the host returned fault DestinationUnreachable: The virtual machine"
                + " 4F1C2A77-9B3E-4E15-A6D2-1C8E5B7F3A01 no longer exists on HV-REPLICA01."
                + " (code 2150858752 = 0x80338000, on 10.0.40.11)", e.getMessage());
    }

    /** CXF's fault reading refused these as "not a readable SOAP envelope". */
    @Test
    void whitespaceAroundTheCodeQNamesIsLegalAndReadAsTheFaultItIs() {
        WsmanFaultException e = fault(resource("fault-padded-values.xml"));
        WsmanFaultException.Fault f = e.fault();

        assertEquals("Receiver", f.code());
        assertEquals("InternalError", f.subcode());
        assertEquals(W, f.subcodeNs());
        assertEquals(2150859174L, f.wsmanCode());
        assertEquals("hv-replica01.corp.example", f.machine());
        assertEquals("HV-REPLICA01 is already running as many operations for this user as it allows.", f.reason());
        assertEquals("HV-REPLICA01 is already running 15 operations for HV-REPLICA01\\operator, the most it allows at"
                + " once. Retry when one of them has ended.", f.message());
    }

    @Test
    void accessDeniedIsRecognisedBySubcodeWsmanCodeOrWmiErrorCode() {
        assertTrue(fault(resource("fault-wmi-error.xml").replace(">2150859173<", ">5<")).isAccessDenied(),
                "MSFT_WmiError error_Code 5");
        assertTrue(fault(resource("fault-timed-out.xml").replace("Code=\"2150858793\"", "Code=\"5\"")).isAccessDenied(),
                "WSManFault Code 5");
        assertTrue(fault(resource("fault-timed-out.xml").replace("w:TimedOut", "w:AccessDenied")).isAccessDenied(),
                "w:AccessDenied");
    }

    @Test
    void aFaultWithoutDetailStillHasCodeAndReason() {
        WsmanFaultException e = fault(envelope("<s:Fault><s:Code><s:Value>s:Receiver</s:Value></s:Code>"
                + "<s:Reason><s:Text xml:lang=\"en-US\"> Something broke. </s:Text></s:Reason></s:Fault>"));
        assertEquals("Receiver", e.fault().code());
        assertNull(e.fault().subcode());
        assertEquals("Something broke.", e.fault().reason());
        assertEquals("the host returned fault Receiver: Something broke.", e.getMessage());
    }

    // ---------------------------------------------------------------- character sets

    private static String envelope(String body) {
        return "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\""
                + " xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\""
                + " xmlns:w=\"http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd\"><s:Header>"
                + "<a:RelatesTo>uuid:00000000-0000-4000-8000-000000000001</a:RelatesTo></s:Header>"
                + "<s:Body>" + body + "</s:Body></s:Envelope>";
    }

    private static final String GERMAN_FAULT = "<s:Fault><s:Code><s:Value>s:Sender</s:Value><s:Subcode>"
            + "<s:Value>w:AccessDenied</s:Value></s:Subcode></s:Code><s:Reason><s:Text xml:lang=\"de-DE\">"
            + "Zugriff verweigert: Benutzer „Prüfer“ darf HV-REPLICA01 nicht ändern.</s:Text></s:Reason></s:Fault>";

    @ParameterizedTest
    @ValueSource(strings = {"UTF-16", "UTF-16LE", "ISO-8859-1", "utf-8"})
    void aFaultIsDecodedInTheCharsetItsContentTypeNames(String charset) {
        String body = charset.equals("ISO-8859-1")
                ? GERMAN_FAULT.replace("„Prüfer“", "'Prüfer'") // Latin-1 has no curly quotes
                : GERMAN_FAULT;
        RuntimeException e = get(500, "application/soap+xml;charset=" + charset,
                envelope(body).getBytes(Charset.forName(charset)));
        WsmanFaultException f = assertInstance(WsmanFaultException.class, e);
        assertEquals(charset.equals("ISO-8859-1") ? "Zugriff verweigert: Benutzer 'Prüfer' darf HV-REPLICA01 nicht ändern."
                : "Zugriff verweigert: Benutzer „Prüfer“ darf HV-REPLICA01 nicht ändern.", f.fault().reason());
    }

    @Test
    void aVmNameIsDecodedInTheCharsetItsContentTypeNames() {
        String instance = "<p:Msvm_ComputerSystem xmlns:p=\"" + RESOURCE + "\"><p:ElementName>café-vm-01</p:ElementName>"
                + "</p:Msvm_ComputerSystem>";
        for (String charset : new String[] {"ISO-8859-1", "UTF-16"}) {
            Element vm = getOk("application/soap+xml; charset=\"" + charset + "\"",
                    envelope(instance).getBytes(Charset.forName(charset)));
            assertEquals("café-vm-01", Xml.childText(vm, RESOURCE, "ElementName"), charset);
        }
        Element vm = getOk("application/soap+xml", envelope(instance).getBytes(StandardCharsets.UTF_8));
        assertEquals("café-vm-01", Xml.childText(vm, RESOURCE, "ElementName"), "UTF-8 without a charset parameter");
    }

    @Test
    void aCharsetThisJvmDoesNotKnowIsOneSentence() {
        RuntimeException e = get(200, "application/soap+xml;charset=x-hv-unknown",
                envelope("<a:Thing/>").getBytes(StandardCharsets.UTF_8));
        TransportException t = assertInstance(TransportException.class, e);
        assertEquals("protocol", t.kind().label());
        assertEquals("the host's response is in the character set \"x-hv-unknown\", which cannot be decoded here",
                t.getMessage());
    }

    // ---------------------------------------------------------------- answers that cannot be used

    // A Java exception's text: a qualified class name, an NPE's "Cannot invoke", "null", a stack frame.
    private static final Pattern JAVA_TEXT = Pattern.compile("\\b(java|javax|jakarta|org|com)\\.\\w|Cannot invoke"
            + "|\\bnull\\b|Exception|\tat ");

    private static void assertOneSentenceOfOurOwn(String message) {
        assertFalse(JAVA_TEXT.matcher(message).find(), message);
        assertFalse(message.contains("\n"), message);
        assertFalse(message.stripTrailing().replaceAll("\\(line \\d+, column \\d+\\)", "").contains(". "),
                "one sentence: " + message);
    }

    @Test
    void aBodyOfTwoElementsIsAProtocolErrorInOneSentence() {
        RuntimeException e = get(200, SOAP_UTF8, envelope("<a:One/><a:Two/>").getBytes(StandardCharsets.UTF_8));
        WsmanProtocolException p = assertInstance(WsmanProtocolException.class, e);
        assertEquals("the host's SOAP body holds 2 elements where WS-Management sends one", p.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<html><body><h1>Service Unavailable</h1></body></html>",
            "Service Unavailable",
            "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body><a:Unbound/></s:Body></s:Envelope>",
            "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body><s:Fault>",
            "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body/></soap:Envelope>",
            "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body><s:Fault/><s:Fault/></s:Body></s:Envelope>",
            "{\"error\": \"bad gateway\"}"})
    void anUnusableAnswerIsAProtocolErrorInOneSentenceOfOurOwn(String body) {
        for (int status : new int[] {200, 500}) {
            RuntimeException e = get(status, SOAP_UTF8, body.getBytes(StandardCharsets.UTF_8));
            TransportException t = assertInstance(TransportException.class, e);
            assertEquals("protocol", t.kind().label(), t.getMessage());
            assertOneSentenceOfOurOwn(t.getMessage());
        }
    }

    private static <T> T assertInstance(Class<T> type, RuntimeException e) {
        if (!type.isInstance(e)) {
            throw new AssertionError("expected " + type.getSimpleName() + ", got " + e, e);
        }
        return type.cast(e);
    }
}
