package io.hvreplica.simulator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class SimulatedHostTest {
    private static final String S = "http://www.w3.org/2003/05/soap-envelope";
    private static final String A = "http://schemas.xmlsoap.org/ws/2004/08/addressing";
    private static final String W = "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd";
    private static final String N = "http://schemas.xmlsoap.org/ws/2004/09/enumeration";
    private static final String F = "http://schemas.microsoft.com/wbem/wsman/1/wsmanfault";
    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    private static final String V2 = "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/";
    private static final String CS = V2 + "Msvm_ComputerSystem";
    private static final String RS = V2 + "Msvm_ReplicationService";
    private static final String JOB = V2 + "Msvm_ConcreteJob";
    private static final String ENUMERATE = N + "/Enumerate";
    private static final String GET = "http://schemas.xmlsoap.org/ws/2004/09/transfer/Get";

    private static final String APP_VM_01 = "4F1C2A77-9B3E-4E15-A6D2-1C8E5B7F3A01";
    private static final String APP_VM_01_JOB = "2B7E5D19-8C34-4A6F-9E12-7D0C3B5A8F61";
    private static final String DB_VM_03 = "5E1D9A64-2B7F-4C83-8D15-6F0A2C4E9B03";
    private static final String DB_VM_03_JOB = "8F3A1C6E-5D27-4B90-A4E8-1C6F9B2D7E53";

    private static SimulatedHost host;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        host = SimulatedHost.start(0);
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    @BeforeEach
    void reset() {
        host.resetJobs();
        host.server().resetRequests();
    }

    // ---------------------------------------------------------------- authentication and envelope

    @Test
    void withoutValidCredentialsTheHostChallengesWithNegotiateAndBasic() throws Exception {
        for (String authorization : new String[] {null, basic(SimulatedHost.USER, "wrong"), "Negotiate TlRMTVNTUAABAAAAB4IIog=="}) {
            HttpResponse<String> response = send(enumerate("SELECT * FROM Msvm_ReplicationService").xml, authorization);
            assertEquals(401, response.statusCode());
            assertEquals("", response.body());
            assertEquals(List.of("Negotiate", "Basic realm=\"WSMAN\""), response.headers().allValues("WWW-Authenticate"));
        }
    }

    @Test
    void readOnlyUserGetsAccessDeniedForEveryRequest() throws Exception {
        String auditor = basic(SimulatedHost.READONLY_USER, SimulatedHost.READONLY_PASSWORD);
        Request enumerate = enumerate("SELECT * FROM Msvm_ComputerSystem WHERE ElementName = 'app-vm-01'");
        for (Request request : List.of(enumerate, identify(), revert(APP_VM_01, true))) {
            HttpResponse<String> response = send(request.xml, auditor);
            assertEquals(500, response.statusCode());
            Document fault = parse(response.body());
            assertFault(fault, "Sender", "AccessDenied", "5");
            assertTrue(text(fault, S, "Text").startsWith("Access is denied."));
            if (request.messageId != null) {
                assertEquals(request.messageId, text(fault, A, "RelatesTo"));
            }
        }
    }

    @Test
    void identifyDescribesAWindowsServer2022Stack() throws Exception {
        HttpResponse<String> response = send(identify().xml);
        assertEquals(200, response.statusCode());
        String id = "http://schemas.dmtf.org/wbem/wsman/identity/1/wsmanidentity.xsd";
        Document doc = parse(response.body());
        assertEquals(W, text(doc, id, "ProtocolVersion"));
        assertEquals("Microsoft Corporation", text(doc, id, "ProductVendor"));
        assertEquals("OS: 10.0.20348 SP: 0.0 Stack: 3.0", text(doc, id, "ProductVersion"));
    }

    @Test
    void responsesRelateToTheRequestMessageIdAndAreSoap12() throws Exception {
        Request request = enumerate("SELECT * FROM Msvm_ComputerSystem WHERE ElementName = 'app-vm-01'");
        HttpResponse<String> response = send(request.xml);
        assertEquals("application/soap+xml;charset=UTF-8", response.headers().firstValue("Content-Type").orElseThrow());
        Document doc = parse(response.body());
        assertEquals(S, doc.getDocumentElement().getNamespaceURI());
        assertEquals("en-US", doc.getDocumentElement().getAttributeNS("http://www.w3.org/XML/1998/namespace", "lang"));
        assertEquals(request.messageId, text(doc, A, "RelatesTo"));
        assertNotEquals(request.messageId, text(doc, A, "MessageID"));
        assertTrue(text(doc, A, "MessageID").matches("uuid:[0-9A-F-]{36}"));
        assertEquals(A + "/role/anonymous", text(doc, A, "To"));
        assertEquals(N + "/EnumerateResponse", text(doc, A, "Action"));
    }

    // ---------------------------------------------------------------- enumeration

    @Test
    void enumerateByNameReturnsTheVmAndItsEpr() throws Exception {
        Document doc = okXml(enumerate("SELECT * FROM Msvm_ComputerSystem WHERE ElementName = 'app-vm-01'"));
        Element response = one(doc, N, "EnumerateResponse");
        one(response, N, "EnumerationContext");
        one(response, W, "EndOfSequence");
        List<Element> items = all(one(response, W, "Items"), W, "Item");
        assertEquals(1, items.size());

        Element vm = one(items.get(0), CS, "Msvm_ComputerSystem");
        assertEquals("p:Msvm_ComputerSystem_Type", vm.getAttributeNS(XSI, "type"));
        assertEquals("app-vm-01", text(vm, CS, "ElementName"));
        assertEquals(APP_VM_01, text(vm, CS, "Name"));
        assertEquals("Microsoft Virtual Machine", text(vm, CS, "Description"));
        assertEquals("Msvm_ComputerSystem", text(vm, CS, "CreationClassName"));
        assertEquals("5", text(vm, CS, "HealthState"));
        assertEquals("2", text(vm, CS, "ReplicationMode"));
        assertEquals("5", text(vm, CS, "ReplicationState"));
        assertTrue(text(one(vm, CS, "InstallDate"), "http://schemas.dmtf.org/wbem/wscim/1/common", "Datetime")
                .matches("\\d{4}-\\d\\d-\\d\\dT.*Z"));

        Element epr = one(items.get(0), A, "EndpointReference");
        assertEquals(A + "/role/anonymous", text(epr, A, "Address"));
        assertEquals(CS, text(epr, W, "ResourceURI"));
        assertEquals(Map.of("CreationClassName", "Msvm_ComputerSystem", "Name", APP_VM_01), selectors(epr));
    }

    @Test
    void webFrontendNameMatchesTwoVms() throws Exception {
        Document doc = okXml(enumerate("SELECT * FROM Msvm_ComputerSystem WHERE ElementName = 'web-frontend'"));
        List<Element> vms = all(doc.getDocumentElement(), CS, "Msvm_ComputerSystem");
        assertEquals(2, vms.size());
        assertEquals("web-frontend", text(vms.get(1), CS, "ElementName"));
        assertNotEquals(text(vms.get(0), CS, "Name"), text(vms.get(1), CS, "Name"));
    }

    @Test
    void enumerateByGuidAndUnknownVms() throws Exception {
        Document byGuid = okXml(enumerate("SELECT * FROM Msvm_ComputerSystem WHERE Name = '" + DB_VM_03 + "'"));
        assertEquals(1, all(byGuid.getDocumentElement(), CS, "Msvm_ComputerSystem").size());
        assertEquals("db-vm-03", text(byGuid, CS, "ElementName"));

        for (String wql : List.of("SELECT * FROM Msvm_ComputerSystem WHERE ElementName = 'no-such-vm'",
                "SELECT * FROM Msvm_ComputerSystem WHERE ElementName = 'it\\'s \\\\ odd'",
                "SELECT * FROM Msvm_ComputerSystem WHERE Name = '00000000-0000-0000-0000-000000000000'")) {
            Document empty = okXml(enumerate(wql));
            assertEquals(0, one(empty, W, "Items").getChildNodes().getLength(), wql);
            one(empty, W, "EndOfSequence");
        }
    }

    @Test
    void replicationServiceMustBePulledThenReleased() throws Exception {
        Document enumerated = okXml(enumerate("SELECT * FROM Msvm_ReplicationService"));
        assertEquals(0, enumerated.getElementsByTagNameNS(W, "Items").getLength());
        assertEquals(0, enumerated.getElementsByTagNameNS(W, "EndOfSequence").getLength());
        String context = text(enumerated, N, "EnumerationContext");

        Request pull = envelope(N + "/Pull", V2 + "*", "",
                "<en:Pull xmlns:en='" + N + "'><en:EnumerationContext>" + context + "</en:EnumerationContext>"
                        + "<en:MaxElements>32000</en:MaxElements></en:Pull>");
        Document pulled = okXml(pull);
        assertEquals(N + "/PullResponse", text(pulled, A, "Action"));
        Element item = one(one(pulled, N, "Items"), W, "Item");
        one(pulled, N, "EndOfSequence");
        assertEquals("HV-REPLICA01", text(one(item, RS, "Msvm_ReplicationService"), RS, "SystemName"));
        assertEquals(Map.of("CreationClassName", "Msvm_ReplicationService", "Name", "replicasvc",
                "SystemCreationClassName", "Msvm_ComputerSystem", "SystemName", "HV-REPLICA01"),
                selectors(one(item, A, "EndpointReference")));

        Request release = envelope(N + "/Release", V2 + "*", "",
                "<en:Release xmlns:en='" + N + "'><en:EnumerationContext>" + context + "</en:EnumerationContext></en:Release>");
        Document released = okXml(release);
        assertEquals(0, one(released, S, "Body").getChildNodes().getLength());
        assertEquals(release.messageId, text(released, A, "RelatesTo"));

        Request stalePull = envelope(N + "/Pull", V2 + "*", "",
                "<en:Pull xmlns:en='" + N + "'><en:EnumerationContext>uuid:" + UUID.randomUUID() + "</en:EnumerationContext></en:Pull>");
        HttpResponse<String> stale = send(stalePull.xml);
        assertEquals(500, stale.statusCode());
        assertFault(parse(stale.body()), "Receiver", "InvalidEnumerationContext", "2150858779");
    }

    @Test
    void unsupportedWqlIsACannotProcessFilterFault() throws Exception {
        String wql = "SELECT * FROM Msvm_VirtualSystemSettingData WHERE InstanceID < 'x&y'";
        Request request = enumerate(wql);
        HttpResponse<String> response = send(request.xml);
        assertEquals(500, response.statusCode());
        Document fault = parse(response.body());
        assertFault(fault, "Sender", "CannotProcessFilter", "2150858778");
        assertEquals(N + "/fault", text(fault, A, "Action"));
        assertEquals(request.messageId, text(fault, A, "RelatesTo"));
        Element status = one(fault, "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/cimv2/__ExtendedStatus", "__ExtendedStatus");
        assertEquals(wql, text(status, status.getNamespaceURI(), "ParameterInfo"));
        assertEquals("ExecQuery", text(status, status.getNamespaceURI(), "Operation"));
        one(fault, F, "ProviderFault");
    }

    // ---------------------------------------------------------------- RevertFailover and jobs

    @Test
    void appVm01JobAdvancesOneStepPerGetAndRestartsOnANewInvoke() throws Exception {
        Document invoked = okXml(revert(APP_VM_01, true));
        assertEquals(RS + "/RevertFailoverResponse", text(invoked, A, "Action"));
        Element output = one(invoked, RS, "RevertFailover_OUTPUT");
        assertEquals("4096", text(output, RS, "ReturnValue"));
        Element job = one(output, RS, "Job");
        assertEquals(A + "/role/anonymous", text(job, A, "Address"));
        assertEquals(JOB, text(job, W, "ResourceURI"));
        Map<String, String> jobSelectors = selectors(job);
        assertEquals(Map.of("InstanceID", APP_VM_01_JOB, "__cimnamespace", "root/virtualization/v2"), jobSelectors);

        List<String> progress = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Element instance = getJob(jobSelectors);
            progress.add(text(instance, JOB, "JobState") + "/" + text(instance, JOB, "PercentComplete"));
        }
        assertEquals(List.of("3/0", "4/25", "4/60", "4/90", "7/100", "7/100"), progress);

        okXml(revert(APP_VM_01, true));
        assertEquals("3", text(getJob(Map.of("InstanceID", APP_VM_01_JOB)), JOB, "JobState"));
        assertEquals("4", text(getJob(Map.of("InstanceID", APP_VM_01_JOB)), JOB, "JobState"));
        host.resetJobs();
        assertEquals("3", text(getJob(Map.of("InstanceID", APP_VM_01_JOB)), JOB, "JobState"));
    }

    @Test
    void jobInstanceLooksLikeMsvmConcreteJob() throws Exception {
        okXml(revert(APP_VM_01, true));
        Request get = envelope(GET, JOB, selectorSet(Map.of("InstanceID", APP_VM_01_JOB)), "");
        Document doc = okXml(get);
        assertEquals("http://schemas.xmlsoap.org/ws/2004/09/transfer/GetResponse", text(doc, A, "Action"));
        assertEquals(get.messageId, text(doc, A, "RelatesTo"));
        Element job = one(doc, JOB, "Msvm_ConcreteJob");
        assertEquals("p:Msvm_ConcreteJob_Type", job.getAttributeNS(XSI, "type"));
        assertEquals("Revert Failover", text(job, JOB, "Caption"));
        assertEquals("98", text(job, JOB, "JobType"));
        assertEquals(APP_VM_01_JOB, text(job, JOB, "InstanceID"));
        assertEquals("true", one(job, JOB, "ErrorDescription").getAttributeNS(XSI, "nil"));
        assertTrue(text(one(job, JOB, "ElapsedTime"), "http://schemas.dmtf.org/wbem/wscim/1/common", "Interval")
                .matches("P0DT0H0M\\d+\\.\\d{3}S"));
    }

    @Test
    void dbVm03JobEndsInExceptionWithTheVmsError() throws Exception {
        Map<String, String> job = selectors(one(okXml(revert(DB_VM_03, true)), RS, "Job"));
        assertEquals(DB_VM_03_JOB, job.get("InstanceID"));
        assertEquals("4", text(getJob(job), JOB, "JobState"));
        assertEquals("4", text(getJob(job), JOB, "JobState"));
        for (int i = 0; i < 2; i++) {
            Element failed = getJob(job);
            assertEquals("10", text(failed, JOB, "JobState"));
            assertEquals("32768", text(failed, JOB, "ErrorCode"));
            assertEquals("'db-vm-03' failed to revert failover. The virtual machine is running; turn it off before"
                    + " reverting the failover. (Virtual machine ID " + DB_VM_03 + ")", text(failed, JOB, "ErrorDescription"));
            assertEquals("Failed to revert failover for virtual machine 'db-vm-03'.",
                    text(failed, JOB, "ErrorSummaryDescription"));
        }
    }

    @Test
    void revertOutcomesWithoutProgressingJobs() throws Exception {
        Element sync = one(okXml(revert("0C6B3F28-8E1D-4A97-B5C4-2D9E7F1A6C04", true)), RS, "RevertFailover_OUTPUT");
        assertEquals("0", text(sync, RS, "ReturnValue"));
        assertEquals("true", one(sync, RS, "Job").getAttributeNS(XSI, "nil"));

        Element invalidState = one(okXml(revert("7D2E8B13-5C4A-4F6B-9E21-3A7C9D0E4B02", true)), RS, "RevertFailover_OUTPUT");
        assertEquals("32775", text(invalidState, RS, "ReturnValue"));

        Map<String, String> slow = selectors(one(okXml(revert("9A4D7E21-3C8B-4F56-A1E9-5B2C8D0F7A05", true)), RS, "Job"));
        for (int i = 0; i < 3; i++) {
            Element running = getJob(slow);
            assertEquals("4/40", text(running, JOB, "JobState") + "/" + text(running, JOB, "PercentComplete"));
        }

        Map<String, String> stale = selectors(one(okXml(revert("6C9E2B4D-7A1F-4D38-B6E0-4F2A8C1D9E07", true)), RS, "Job"));
        HttpResponse<String> gone = send(envelope(GET, JOB, selectorSet(stale), "").xml);
        assertEquals(500, gone.statusCode());
        assertFault(parse(gone.body()), "Sender", "DestinationUnreachable", "2150858752");

        HttpResponse<String> locked = send(revert("E2F4A6C8-3B5D-4F71-9C2E-8A0B1D3F5E06", true).xml);
        assertEquals(500, locked.statusCode());
        assertFault(parse(locked.body()), "Sender", "AccessDenied", "5");
    }

    @Test
    void invokeWithoutSystemNameIsAnInvalidSelectorsFault() throws Exception {
        Request request = revert(APP_VM_01, false);
        HttpResponse<String> response = send(request.xml);
        assertEquals(500, response.statusCode());
        Document fault = parse(response.body());
        assertFault(fault, "Sender", "InvalidSelectors", "2150858843");
        assertEquals(request.messageId, text(fault, A, "RelatesTo"));
        assertEquals("http://schemas.dmtf.org/wbem/wsman/1/wsman/faultDetail/InsufficientSelectors", text(fault, W, "FaultDetail"));
    }

    @Test
    void stubsAddedByTestsWinOverTheCatalogButNotOverAuthentication() throws Exception {
        StubMapping override = host.server().stubFor(post(urlPathEqualTo("/wsman"))
                .withRequestBody(containing(APP_VM_01_JOB))
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/soap+xml;charset=UTF-8")
                        .withBody("<s:Envelope xmlns:s='" + S + "' xmlns:a='" + A + "'><s:Header><a:RelatesTo>"
                                + "{{xPath request.body '//*[local-name()=\"MessageID\"]/text()'}}</a:RelatesTo></s:Header>"
                                + "<s:Body><s:Fault/></s:Body></s:Envelope>")));
        try {
            Request get = envelope(GET, JOB, selectorSet(Map.of("InstanceID", APP_VM_01_JOB)), "");
            HttpResponse<String> response = send(get.xml);
            assertEquals(500, response.statusCode());
            assertEquals(get.messageId, text(parse(response.body()), A, "RelatesTo"));
            assertEquals(401, send(get.xml, null).statusCode());
            assertEquals(2, host.server().getAllServeEvents().size());
        } finally {
            host.server().removeStub(override);
        }
        assertEquals("3", text(getJob(Map.of("InstanceID", APP_VM_01_JOB)), JOB, "JobState"));
    }

    @Test
    void listensOnLoopbackAndReportsABusyPort() throws Exception {
        assertEquals("http://127.0.0.1:" + host.port() + "/wsman", host.endpoint());
        IllegalStateException busy = assertThrows(IllegalStateException.class, () -> SimulatedHost.start(host.port()));
        assertTrue(busy.getMessage().contains("127.0.0.1:" + host.port()), busy.getMessage());
    }

    // ---------------------------------------------------------------- helpers

    private record Request(String messageId, String xml) {}

    private static Request envelope(String action, String resourceUri, String selectorSet, String body) {
        String messageId = "uuid:" + UUID.randomUUID().toString().toUpperCase();
        // Deliberately not Windows' prefixes: the host must match on local names.
        String xml = "<env:Envelope xmlns:env='" + S + "' xmlns:wsa='" + A + "' xmlns:wsman='" + W + "'><env:Header>"
                + "<wsa:To>http://127.0.0.1/wsman</wsa:To>"
                + "<wsman:ResourceURI env:mustUnderstand='true'>" + resourceUri + "</wsman:ResourceURI>"
                + "<wsa:ReplyTo><wsa:Address env:mustUnderstand='true'>" + A + "/role/anonymous</wsa:Address></wsa:ReplyTo>"
                + (action == null ? "" : "<wsa:Action env:mustUnderstand='true'>" + action + "</wsa:Action>")
                + "<wsa:MessageID>" + messageId + "</wsa:MessageID>"
                + "<wsman:MaxEnvelopeSize env:mustUnderstand='true'>512000</wsman:MaxEnvelopeSize>"
                + "<wsman:Locale xml:lang='en-US' env:mustUnderstand='false'/>"
                + "<wsman:OperationTimeout>PT60S</wsman:OperationTimeout>"
                + selectorSet + "</env:Header><env:Body>" + body + "</env:Body></env:Envelope>";
        return new Request(messageId, xml);
    }

    private static Request identify() {
        return new Request(null, "<s:Envelope xmlns:s='" + S + "' xmlns:wsmid='http://schemas.dmtf.org/wbem/wsman/identity/1/"
                + "wsmanidentity.xsd'><s:Header/><s:Body><wsmid:Identify/></s:Body></s:Envelope>");
    }

    private static Request enumerate(String wql) {
        String escaped = wql.replace("&", "&amp;").replace("<", "&lt;");
        return envelope(ENUMERATE, V2 + "*", "", "<en:Enumerate xmlns:en='" + N + "'><wsman:OptimizeEnumeration/>"
                + "<wsman:MaxElements>32000</wsman:MaxElements><wsman:EnumerationMode>EnumerateObjectAndEPR</wsman:EnumerationMode>"
                + "<wsman:Filter Dialect='http://schemas.microsoft.com/wbem/wsman/1/WQL'>" + escaped + "</wsman:Filter></en:Enumerate>");
    }

    private static Request revert(String vmGuid, boolean withSystemName) {
        Map<String, String> service = new LinkedHashMap<>();
        service.put("CreationClassName", "Msvm_ReplicationService");
        service.put("Name", "replicasvc");
        service.put("SystemCreationClassName", "Msvm_ComputerSystem");
        if (withSystemName) {
            service.put("SystemName", "HV-REPLICA01");
        }
        // Windows' own client re-binds p to the class namespace on the _INPUT element.
        return envelope(RS + "/RevertFailover", RS, selectorSet(service),
                "<p:RevertFailover_INPUT xmlns:p='" + RS + "'><p:ComputerSystem>"
                        + "<wsa:Address>" + A + "/role/anonymous</wsa:Address><wsa:ReferenceParameters>"
                        + "<wsman:ResourceURI>" + CS + "</wsman:ResourceURI>"
                        + selectorSet(Map.of("CreationClassName", "Msvm_ComputerSystem", "Name", vmGuid))
                        + "</wsa:ReferenceParameters></p:ComputerSystem></p:RevertFailover_INPUT>");
    }

    private static Element getJob(Map<String, String> selectors) throws Exception {
        return one(okXml(envelope(GET, JOB, selectorSet(selectors), "")), JOB, "Msvm_ConcreteJob");
    }

    private static String selectorSet(Map<String, String> selectors) {
        StringBuilder xml = new StringBuilder("<wsman:SelectorSet>");
        selectors.forEach((name, value) ->
                xml.append("<wsman:Selector Name='").append(name).append("'>").append(value).append("</wsman:Selector>"));
        return xml.append("</wsman:SelectorSet>").toString();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> send(String xml) throws Exception {
        return send(xml, basic(SimulatedHost.USER, SimulatedHost.PASSWORD));
    }

    private static HttpResponse<String> send(String xml, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(host.endpoint()))
                .header("Content-Type", "application/soap+xml;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(xml, StandardCharsets.UTF_8));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static Document okXml(Request request) throws Exception {
        HttpResponse<String> response = send(request.xml);
        assertEquals(200, response.statusCode(), response.body());
        Document doc = parse(response.body());
        if (request.messageId != null) {
            assertEquals(request.messageId, text(doc, A, "RelatesTo"));
        }
        return doc;
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    private static void assertFault(Document fault, String code, String subcode, String wsmanFaultCode) {
        List<Element> values = all(one(fault, S, "Code"), S, "Value");
        assertEquals(2, values.size());
        assertQName(values.get(0), S, code);
        assertQName(values.get(1), subcode.equals("CannotProcessFilter") || subcode.equals("InvalidEnumerationContext") ? N
                : subcode.equals("DestinationUnreachable") ? A : W, subcode);
        // The outer WSManFault; a provider fault nests another one inside it.
        Element wsmanFault = all(one(fault, S, "Detail"), F, "WSManFault").get(0);
        assertEquals(wsmanFaultCode, wsmanFault.getAttribute("Code"));
        assertEquals("HV-REPLICA01", wsmanFault.getAttribute("Machine"));
    }

    /** A QName in element content: resolve its prefix in the element's scope. */
    private static void assertQName(Element value, String namespace, String localName) {
        String[] qname = value.getTextContent().trim().split(":", 2);
        assertEquals(namespace, value.lookupNamespaceURI(qname[0]));
        assertEquals(localName, qname[1]);
    }

    private static List<Element> all(Element scope, String ns, String localName) {
        NodeList nodes = scope.getElementsByTagNameNS(ns, localName);
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            elements.add((Element) nodes.item(i));
        }
        return elements;
    }

    private static Element one(Document doc, String ns, String localName) {
        return one(doc.getDocumentElement(), ns, localName);
    }

    private static Element one(Element scope, String ns, String localName) {
        List<Element> found = all(scope, ns, localName);
        assertEquals(1, found.size(), "exactly one {" + ns + "}" + localName);
        return found.get(0);
    }

    private static String text(Document doc, String ns, String localName) {
        return one(doc, ns, localName).getTextContent();
    }

    private static String text(Element scope, String ns, String localName) {
        return one(scope, ns, localName).getTextContent();
    }

    private static Map<String, String> selectors(Element scope) {
        Map<String, String> selectors = new LinkedHashMap<>();
        for (Element selector : all(scope, W, "Selector")) {
            selectors.put(selector.getAttribute("Name"), selector.getTextContent());
        }
        return selectors;
    }
}
