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
import static io.hvreplica.testing.WireMessages.*;

class SimulatedHostTest {
    private static final String VSMS = V2 + "Msvm_VirtualSystemManagementService";
    private static final String VSSD = V2 + "Msvm_VirtualSystemSettingData";
    private static final String CIM = "http://schemas.dmtf.org/wbem/wscim/1/common";
    private static final String ENUMERATE = N + "/Enumerate";
    private static final String GET = "http://schemas.xmlsoap.org/ws/2004/09/transfer/Get";

    private static final String APP_VM_01 = "4F1C2A77-9B3E-4E15-A6D2-1C8E5B7F3A01";
    private static final String APP_VM_01_JOB = "2B7E5D19-8C34-4A6F-9E12-7D0C3B5A8F61";
    private static final String DB_VM_03 = "5E1D9A64-2B7F-4C83-8D15-6F0A2C4E9B03";
    private static final String DB_VM_03_JOB = "8F3A1C6E-5D27-4B90-A4E8-1C6F9B2D7E53";
    private static final String SYNC_VM_04 = "0C6B3F28-8E1D-4A97-B5C4-2D9E7F1A6C04";
    private static final String READY_VM_10 = "1A2B3C4D-5E6F-4A1B-8C2D-3E4F5A6B7C10";
    private static final String FAILEDOVER_VM_11 = "2B3C4D5E-6F7A-4B2C-9D3E-4F5A6B7C8D11";
    private static final String COMMITTED_VM_12 = "3C4D5E6F-7A8B-4C3D-AE4F-5A6B7C8D9E12";
    private static final String TESTING_VM_13 = "4D5E6F7A-8B9C-4D4E-BF5A-6B7C8D9E0F13";
    private static final String TESTING_VM_13_TEST = "E1F2A3B4-C5D6-4E7F-8A9B-0C1D2E3F4A13";
    private static final String SUSPENDED_VM_14 = "6F7A8B9C-ADBE-4F6A-9B7C-8D9E0F1A2B14";
    private static final String FAILING_VM_15 = "7A8B9CAD-BECF-4A7B-AC8D-9E0F1A2B3C15";
    private static final String PRIMARY_VM_16 = "8B9CADBE-CFD0-4B8C-BD9E-0F1A2B3C4D16";
    /** Every VM of the catalog, test VM included; the host itself is not a VM. */
    private static final int CATALOG_VMS = 19;

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
            HttpResponse<String> response = send(enumerate("SELECT * FROM Msvm_ReplicationService").xml(), authorization);
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
            HttpResponse<String> response = send(request.xml(), auditor);
            assertEquals(500, response.statusCode());
            Document fault = parse(response.body());
            assertFault(fault, "Sender", "AccessDenied", "5");
            assertTrue(text(fault, S, "Text").startsWith("Access is denied."));
            if (request.messageId() != null) {
                assertEquals(request.messageId(), text(fault, A, "RelatesTo"));
            }
        }
    }

    @Test
    void identifyDescribesAWindowsServer2022Stack() throws Exception {
        HttpResponse<String> response = send(identify().xml());
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
        HttpResponse<String> response = send(request.xml());
        assertEquals("application/soap+xml;charset=UTF-8", response.headers().firstValue("Content-Type").orElseThrow());
        Document doc = parse(response.body());
        assertEquals(S, doc.getDocumentElement().getNamespaceURI());
        assertEquals("en-US", doc.getDocumentElement().getAttributeNS("http://www.w3.org/XML/1998/namespace", "lang"));
        assertEquals(request.messageId(), text(doc, A, "RelatesTo"));
        assertNotEquals(request.messageId(), text(doc, A, "MessageID"));
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
        assertEquals(release.messageId(), text(released, A, "RelatesTo"));

        Request stalePull = envelope(N + "/Pull", V2 + "*", "",
                "<en:Pull xmlns:en='" + N + "'><en:EnumerationContext>uuid:" + UUID.randomUUID() + "</en:EnumerationContext></en:Pull>");
        HttpResponse<String> stale = send(stalePull.xml());
        assertEquals(500, stale.statusCode());
        assertFault(parse(stale.body()), "Receiver", "InvalidEnumerationContext", "2150858779");
    }

    @Test
    void unsupportedWqlIsACannotProcessFilterFault() throws Exception {
        String wql = "SELECT * FROM Msvm_VirtualSystemSettingData WHERE InstanceID < 'x&y'";
        Request request = enumerate(wql);
        HttpResponse<String> response = send(request.xml());
        assertEquals(500, response.statusCode());
        Document fault = parse(response.body());
        assertFault(fault, "Sender", "CannotProcessFilter", "2150858778");
        assertEquals(N + "/fault", text(fault, A, "Action"));
        assertEquals(request.messageId(), text(fault, A, "RelatesTo"));
        Element status = one(fault, "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/cimv2/__ExtendedStatus", "__ExtendedStatus");
        assertEquals(wql, text(status, status.getNamespaceURI(), "ParameterInfo"));
        assertEquals("ExecQuery", text(status, status.getNamespaceURI(), "Operation"));
        one(fault, F, "ProviderFault");
    }

    // ---------------------------------------------------------------- RevertFailover and jobs

    @Test
    void appVm01JobAdvancesOneStepPerGetAndRevertsTheVmWhenItCompletes() throws Exception {
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

        // The completed job reverted the VM: it replicates again, so another revert is refused.
        assertEquals("3", text(vm(APP_VM_01), CS, "ReplicationState"));
        assertEquals("0", text(vm(APP_VM_01), CS, "FailedOverReplicationType"));
        assertEquals("32775", returnValue(okXml(revert(APP_VM_01, true)), RS, "RevertFailover"));

        host.resetJobs();
        assertEquals("5", text(vm(APP_VM_01), CS, "ReplicationState"));
        assertEquals("3", text(getJob(Map.of("InstanceID", APP_VM_01_JOB)), JOB, "JobState"));
        assertEquals("4", text(getJob(Map.of("InstanceID", APP_VM_01_JOB)), JOB, "JobState"));
        // A revert while the scripted job runs restarts it, as the scenario-based host did.
        okXml(revert(APP_VM_01, true));
        assertEquals("3", text(getJob(Map.of("InstanceID", APP_VM_01_JOB)), JOB, "JobState"));
        assertEquals("5", text(vm(APP_VM_01), CS, "ReplicationState"), "no change before the job completes");
    }

    @Test
    void jobInstanceLooksLikeMsvmConcreteJob() throws Exception {
        okXml(revert(APP_VM_01, true));
        Request get = envelope(GET, JOB, selectorSet(Map.of("InstanceID", APP_VM_01_JOB)), "");
        Document doc = okXml(get);
        assertEquals("http://schemas.xmlsoap.org/ws/2004/09/transfer/GetResponse", text(doc, A, "Action"));
        assertEquals(get.messageId(), text(doc, A, "RelatesTo"));
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
        Element sync = one(okXml(revert(SYNC_VM_04, true)), RS, "RevertFailover_OUTPUT");
        assertEquals("0", text(sync, RS, "ReturnValue"));
        assertEquals("true", one(sync, RS, "Job").getAttributeNS(XSI, "nil"));
        assertEquals("3", text(vm(SYNC_VM_04), CS, "ReplicationState"), "a synchronous revert applies at once");
        assertEquals("32775", returnValue(okXml(revert(SYNC_VM_04, true)), RS, "RevertFailover"));

        Element invalidState = one(okXml(revert("7D2E8B13-5C4A-4F6B-9E21-3A7C9D0E4B02", true)), RS, "RevertFailover_OUTPUT");
        assertEquals("32775", text(invalidState, RS, "ReturnValue"));

        Map<String, String> slow = selectors(one(okXml(revert("9A4D7E21-3C8B-4F56-A1E9-5B2C8D0F7A05", true)), RS, "Job"));
        for (int i = 0; i < 3; i++) {
            Element running = getJob(slow);
            assertEquals("4/40", text(running, JOB, "JobState") + "/" + text(running, JOB, "PercentComplete"));
        }

        Map<String, String> stale = selectors(one(okXml(revert("6C9E2B4D-7A1F-4D38-B6E0-4F2A8C1D9E07", true)), RS, "Job"));
        HttpResponse<String> gone = send(envelope(GET, JOB, selectorSet(stale), "").xml());
        assertEquals(500, gone.statusCode());
        assertFault(parse(gone.body()), "Sender", "DestinationUnreachable", "2150858752");

        HttpResponse<String> locked = send(revert("E2F4A6C8-3B5D-4F71-9C2E-8A0B1D3F5E06", true).xml());
        assertEquals(500, locked.statusCode());
        assertFault(parse(locked.body()), "Sender", "AccessDenied", "5");
    }

    @Test
    void invokeWithoutSystemNameIsAnInvalidSelectorsFault() throws Exception {
        Request request = revert(APP_VM_01, false);
        HttpResponse<String> response = send(request.xml());
        assertEquals(500, response.statusCode());
        Document fault = parse(response.body());
        assertFault(fault, "Sender", "InvalidSelectors", "2150858843");
        assertEquals(request.messageId(), text(fault, A, "RelatesTo"));
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
            HttpResponse<String> response = send(get.xml());
            assertEquals(500, response.statusCode());
            assertEquals(get.messageId(), text(parse(response.body()), A, "RelatesTo"));
            assertEquals(401, send(get.xml(), null).statusCode());
            assertEquals(2, host.server().getAllServeEvents().size());
        } finally {
            host.server().removeStub(override);
        }
        assertEquals("3", text(getJob(Map.of("InstanceID", APP_VM_01_JOB)), JOB, "JobState"));
    }

    // ---------------------------------------------------------------- WQL evaluation

    @Test
    void wqlWhereClausesAreEvaluatedAgainstTheModel() throws Exception {
        assertEquals(List.of("app-vm-01", "web-frontend", "web-frontend"),
                names("SELECT * FROM Msvm_ComputerSystem WHERE ElementName = 'app-vm-01' OR ElementName LIKE 'web%'"));
        assertEquals(List.of("app-vm-01", "app-vm-02"), names("SELECT * FROM Msvm_ComputerSystem WHERE ElementName LIKE 'APP-VM-0_'"));
        assertEquals(List.of("app-vm-02"), names("SELECT * FROM Msvm_ComputerSystem WHERE ElementName LIKE 'app-vm-0[^1]'"));
        assertEquals(List.of("db-vm-03"), names("SELECT * FROM Msvm_ComputerSystem WHERE ElementName LIKE \"[a-d]b-%\""));
        assertEquals(List.of("app-vm-01"), names("select * from msvm_computersystem where elementname = 'APP-VM-01'"));
        assertEquals(List.of("db-vm-03"), names("SELECT * FROM Msvm_ComputerSystem WHERE (ReplicationState = 5 OR"
                + " ReplicationState = 6) AND EnabledState = 2 AND ReplicationMode = 2"));
        assertEquals(List.of("primary-vm-16"), names("SELECT * FROM Msvm_ComputerSystem WHERE ReplicationMode = '1'"));
        assertEquals(List.of("testing-vm-13 - Test"), names("SELECT * FROM Msvm_ComputerSystem WHERE ElementName LIKE '%[-] Test'"));
        assertEquals(List.of(), names("SELECT * FROM Msvm_ComputerSystem WHERE ElementName LIKE 'app[%]%'"));
        assertEquals(List.of(), names("SELECT * FROM Msvm_ComputerSystem WHERE ElementName = 'app-vm-01\\' OR \\'1\\'=\\'1'"));

        // Every replicated VM: the host (ReplicationMode 0) is left out, the test VM (3) is in.
        List<Element> replicated = systems("SELECT * FROM Msvm_ComputerSystem WHERE ReplicationMode <> 0");
        assertEquals(CATALOG_VMS, replicated.size());
        assertTrue(replicated.stream().noneMatch(e -> text(e, CS, "Name").equals("HV-REPLICA01")));
        assertEquals(CATALOG_VMS - 1, systems("SELECT * FROM Msvm_ComputerSystem WHERE NOT ReplicationMode = 3 AND ReplicationMode != 0").size());

        // The host's own instance answers the queries that match it, as on Windows.
        List<Element> hostSystem = systems("SELECT * FROM Msvm_ComputerSystem WHERE Name = 'HV-REPLICA01'");
        assertEquals(1, hostSystem.size());
        assertEquals("Microsoft Hosting Computer System", text(hostSystem.get(0), CS, "Description"));
        assertEquals("0", text(hostSystem.get(0), CS, "ReplicationMode"));
        assertEquals(CATALOG_VMS + 1, systems("SELECT * FROM Msvm_ComputerSystem").size());
    }

    @Test
    void wqlTheHostCannotProcessIsACannotProcessFilterFault() throws Exception {
        for (String wql : List.of(
                "SELECT * FROM Msvm_ComputerSystem WHERE ElementName = 'app-vm-01' AND",
                "SELECT * FROM Msvm_ComputerSystem WHERE ElementName = 'a\\b'",
                "SELECT * FROM Msvm_ComputerSystem WHERE ElementName = 'unterminated",
                "SELECT * FROM Msvm_ComputerSystem WHERE NoSuchProperty = 1",
                "SELECT * FROM Msvm_ComputerSystem WHERE ReplicationMode <> 7 OR NoSuchProperty = 1",
                "SELECT * FROM Msvm_VirtualSystemSettingData WHERE InstanceID LIKE '%' OR Owner = 'x'",
                "SELECT * FROM Msvm_ComputerSystem WHERE ReplicationMode = 'two'",
                "SELECT * FROM Msvm_ComputerSystem WHERE (ElementName = 'app-vm-01'",
                "SELECT * FROM Msvm_ComputerSystem WHERE ElementName < 'b'",
                "SELECT Name FROM Msvm_ComputerSystem",
                "SELECT * FROM Msvm_NoSuchClass")) {
            Request request = enumerate(wql);
            HttpResponse<String> response = send(request.xml());
            assertEquals(500, response.statusCode(), wql);
            Document fault = parse(response.body());
            assertFault(fault, "Sender", "CannotProcessFilter", "2150858778");
            assertEquals(request.messageId(), text(fault, A, "RelatesTo"));
        }
    }

    // ---------------------------------------------------------------- services and recovery points

    @Test
    void managementServiceIsEnumeratedWithItsFourKeys() throws Exception {
        Document doc = okXml(enumerate("SELECT * FROM Msvm_VirtualSystemManagementService"));
        Element item = one(one(doc, W, "Items"), W, "Item");
        one(doc, W, "EndOfSequence");
        Element service = one(item, VSMS, "Msvm_VirtualSystemManagementService");
        assertEquals("p:Msvm_VirtualSystemManagementService_Type", service.getAttributeNS(XSI, "type"));
        assertEquals("vmms", text(service, VSMS, "Name"));
        assertEquals("HV-REPLICA01", text(service, VSMS, "SystemName"));
        Element epr = one(item, A, "EndpointReference");
        assertEquals(VSMS, text(epr, W, "ResourceURI"));
        assertEquals(Map.of("CreationClassName", "Msvm_VirtualSystemManagementService", "Name", "vmms",
                "SystemCreationClassName", "Msvm_ComputerSystem", "SystemName", "HV-REPLICA01"), selectors(epr));
    }

    @Test
    void recoveryPointsAreTheReplicaSnapshotsOldestFirst() throws Exception {
        List<Element> items = recoveryPoints(READY_VM_10);
        assertEquals(4, items.size());
        List<String> times = new ArrayList<>();
        for (Element item : items) {
            Element point = one(item, VSSD, "Msvm_VirtualSystemSettingData");
            assertEquals("p:Msvm_VirtualSystemSettingData_Type", point.getAttributeNS(XSI, "type"));
            assertEquals(READY_VM_10, text(point, VSSD, "VirtualSystemIdentifier"));
            String id = text(point, VSSD, "InstanceID");
            assertTrue(id.matches("Microsoft:[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}"), id);
            assertTrue(text(point, VSSD, "ElementName").matches("ready-vm-10 - (Standard|Application-consistent) Replica"
                    + " - \\(18/03/2025 - 0\\d:00:00\\)"), text(point, VSSD, "ElementName"));
            times.add(text(one(point, VSSD, "CreationTime"), CIM, "Datetime"));
            Element epr = one(item, A, "EndpointReference");
            assertEquals(VSSD, text(epr, W, "ResourceURI"));
            assertEquals(Map.of("InstanceID", id), selectors(epr));
        }
        assertEquals(List.of("2025-03-18T06:00:00.0000000Z", "2025-03-18T07:00:00.0000000Z",
                "2025-03-18T08:00:00.0000000Z", "2025-03-18T09:00:00.0000000Z"), times);
        assertEquals("Microsoft:Hyper-V:Snapshot:Replica:ApplicationConsistent",
                text(items.get(0), VSSD, "VirtualSystemType"));
        assertEquals("Microsoft:Hyper-V:Snapshot:Replica:Standard", text(items.get(3), VSSD, "VirtualSystemType"));

        // The VM's own settings exist but are no recovery point.
        Document realized = okXml(enumerate("SELECT * FROM Msvm_VirtualSystemSettingData WHERE VirtualSystemIdentifier = '"
                + READY_VM_10 + "' AND VirtualSystemType = 'Microsoft:Hyper-V:System:Realized'"));
        assertEquals("Microsoft:" + READY_VM_10, text(realized, VSSD, "InstanceID"));
        assertEquals(0, recoveryPoints(PRIMARY_VM_16).size());
        assertEquals(0, recoveryPoints(COMMITTED_VM_12).size());
    }

    // ---------------------------------------------------------------- the failover lifecycle

    @Test
    void plannedFailoverStartCommitAndReverse() throws Exception {
        Document initiated = okXml(replication("InitiateFailover", vmRef("ComputerSystem", READY_VM_10) + nil("SnapshotSettingData")));
        assertEquals(RS + "/InitiateFailoverResponse", text(initiated, A, "Action"));
        Map<String, String> job = startedJob(initiated, RS, "InitiateFailover");
        assertEquals("root/virtualization/v2", job.get("__cimnamespace"));
        assertTrue(job.get("InstanceID").matches("[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}"));
        assertEquals("12", text(vm(READY_VM_10), CS, "ReplicationState"), "failover in progress");
        // Busy while the job runs.
        assertEquals("32775", returnValue(okXml(replication("InitiateFailover", vmRef("ComputerSystem", READY_VM_10))),
                RS, "InitiateFailover"));

        Element first = getJob(job);
        assertEquals("Initiate Failover", text(first, JOB, "Caption"));
        assertEquals("97", text(first, JOB, "JobType"));
        assertEquals("3/0", state(first));
        assertEquals("4/50", state(getJob(job)));
        assertEquals("12", text(vm(READY_VM_10), CS, "ReplicationState"), "nothing changes before the job completes");
        assertEquals("7/100", state(getJob(job)));
        Element recovered = vm(READY_VM_10);
        assertEquals("5", text(recovered, CS, "ReplicationState"));
        assertEquals("1", text(recovered, CS, "FailedOverReplicationType"));
        assertEquals("7/100", state(getJob(job)), "a completed job stays readable");

        // Start the failed-over VM; TimeoutPeriod may be nil.
        Document started = okXml(vmMethod(READY_VM_10, "RequestStateChange", "<p:RequestedState>2</p:RequestedState>"
                + nil("TimeoutPeriod")));
        assertEquals(CS + "/RequestStateChangeResponse", text(started, A, "Action"));
        assertEquals(List.of("3/0", "4/50", "7/100"), run(startedJob(started, CS, "RequestStateChange")));
        assertEquals("2", text(vm(READY_VM_10), CS, "EnabledState"));

        Document committed = okXml(replication("CommitFailover", vmRef("ComputerSystem", READY_VM_10)));
        assertEquals(RS + "/CommitFailoverResponse", text(committed, A, "Action"));
        Map<String, String> commit = startedJob(committed, RS, "CommitFailover");
        assertEquals("99", text(getJob(commit), JOB, "JobType"));
        run(commit);
        assertEquals("6", text(vm(READY_VM_10), CS, "ReplicationState"));
        assertEquals(0, recoveryPoints(READY_VM_10).size(), "committing merges the recovery points away");

        String settings = "<p:ReplicationSettingData>" + "&lt;INSTANCE CLASSNAME=\"Msvm_ReplicationSettingData\"&gt;"
                + "&lt;/INSTANCE&gt;</p:ReplicationSettingData>";
        Document reversing = okXml(replication("ReverseReplicationRelationship", vmRef("ComputerSystem", READY_VM_10) + settings));
        assertEquals(RS + "/ReverseReplicationRelationshipResponse", text(reversing, A, "Action"));
        Map<String, String> reverse = startedJob(reversing, RS, "ReverseReplicationRelationship");
        assertEquals("Reverse Replication", text(getJob(reverse), JOB, "Caption"));
        run(reverse);
        Element reversed = vm(READY_VM_10);
        assertEquals("1", text(reversed, CS, "ReplicationMode"));
        assertEquals("1", text(reversed, CS, "ReplicationState"));
    }

    @Test
    void reverseReplicationAcceptsANullReplicationSettingData() throws Exception {
        Map<String, String> job = startedJob(okXml(replication("ReverseReplicationRelationship",
                vmRef("ComputerSystem", COMMITTED_VM_12) + nil("ReplicationSettingData"))), RS, "ReverseReplicationRelationship");
        assertEquals("104", text(getJob(job), JOB, "JobType"));
        assertEquals("6", text(vm(COMMITTED_VM_12), CS, "ReplicationState"));
        run(job);
        assertEquals("1/1", text(vm(COMMITTED_VM_12), CS, "ReplicationMode") + "/" + text(vm(COMMITTED_VM_12), CS, "ReplicationState"));
    }

    @Test
    void failoverToAChosenRecoveryPointAndRevertingIt() throws Exception {
        String oldest = text(recoveryPoints(READY_VM_10).get(0), VSSD, "InstanceID");
        Document unknownPoint = okXml(replication("InitiateFailover", vmRef("ComputerSystem", READY_VM_10)
                + epr("SnapshotSettingData", VSSD, Map.of("InstanceID", "Microsoft:00000000-0000-0000-0000-000000000000"))));
        assertEquals("32773", returnValue(unknownPoint, RS, "InitiateFailover"));
        assertEquals("3", text(vm(READY_VM_10), CS, "ReplicationState"));

        run(startedJob(okXml(replication("InitiateFailover", vmRef("ComputerSystem", READY_VM_10)
                + epr("SnapshotSettingData", VSSD, Map.of("InstanceID", oldest)))), RS, "InitiateFailover"));
        assertEquals("2", text(vm(READY_VM_10), CS, "FailedOverReplicationType"), "the oldest point is application-consistent");

        Map<String, String> revert = startedJob(okXml(revert(READY_VM_10, true)), RS, "RevertFailover");
        assertEquals("98", text(getJob(revert), JOB, "JobType"));
        run(revert);
        assertEquals("3", text(vm(READY_VM_10), CS, "ReplicationState"));
        assertEquals("0", text(vm(READY_VM_10), CS, "FailedOverReplicationType"));
    }

    @Test
    void aFailoverJobThatFailsLeavesTheVmReplicating() throws Exception {
        Map<String, String> job = startedJob(okXml(replication("InitiateFailover", vmRef("ComputerSystem", FAILING_VM_15))),
                RS, "InitiateFailover");
        assertEquals("12", text(vm(FAILING_VM_15), CS, "ReplicationState"));
        assertEquals(List.of("3/0", "4/30", "10/30"), run(job));
        Element failed = getJob(job);
        assertEquals("32768", text(failed, JOB, "ErrorCode"));
        assertTrue(text(failed, JOB, "ErrorDescription").startsWith("'failing-vm-15' failed to fail over."));
        assertEquals("Failed to fail over virtual machine 'failing-vm-15'.", text(failed, JOB, "ErrorSummaryDescription"));
        assertEquals("3", text(vm(FAILING_VM_15), CS, "ReplicationState"));
    }

    @Test
    void callsInTheWrongStateAreRefusedWith32775() throws Exception {
        Map<String, String> refusals = new LinkedHashMap<>();
        refusals.put("InitiateFailover", FAILEDOVER_VM_11);          // already failed over
        refusals.put("CommitFailover", READY_VM_10);                 // not failed over
        refusals.put("RevertFailover", COMMITTED_VM_12);             // committed
        refusals.put("ReverseReplicationRelationship", FAILEDOVER_VM_11); // not committed
        refusals.put("TestReplicaSystem", TESTING_VM_13);            // has a test VM already
        refusals.forEach((method, vm) -> assertRefused(replication(method, vmRef("ComputerSystem", vm)), RS, method));
        for (String method : List.of("InitiateFailover", "CommitFailover", "RevertFailover", "TestReplicaSystem",
                "ReverseReplicationRelationship")) {
            assertRefused(replication(method, vmRef("ComputerSystem", PRIMARY_VM_16)), RS, method);
            assertRefused(replication(method, vmRef("ComputerSystem", TESTING_VM_13_TEST)), RS, method);
        }
        assertRefused(replication("InitiateFailover", vmRef("ComputerSystem", SUSPENDED_VM_14)), RS, "InitiateFailover");
        assertRefused(replication("TestReplicaSystem", vmRef("ComputerSystem", COMMITTED_VM_12)), RS, "TestReplicaSystem");
        // A replica that is not failed over cannot start; a VM that is off cannot be turned off.
        assertRefused(vmMethod(READY_VM_10, "RequestStateChange", "<p:RequestedState>2</p:RequestedState>"), CS, "RequestStateChange");
        assertRefused(vmMethod(READY_VM_10, "RequestStateChange", "<p:RequestedState>3</p:RequestedState>"), CS, "RequestStateChange");
        assertRefused(vmMethod(READY_VM_10, "RequestReplicationStateChange", "<p:RequestedState>3</p:RequestedState>"),
                CS, "RequestReplicationStateChange");
        assertRefused(vmMethod(SUSPENDED_VM_14, "RequestReplicationStateChange", "<p:RequestedState>7</p:RequestedState>"),
                CS, "RequestReplicationStateChange");

        // Nothing changed.
        assertEquals("3", text(vm(READY_VM_10), CS, "ReplicationState"));
        assertEquals("5", text(vm(FAILEDOVER_VM_11), CS, "ReplicationState"));
        assertEquals("6", text(vm(COMMITTED_VM_12), CS, "ReplicationState"));
        assertEquals("1", text(vm(PRIMARY_VM_16), CS, "ReplicationMode"));
        assertEquals("32773", returnValue(okXml(vmMethod(READY_VM_10, "RequestStateChange",
                "<p:RequestedState>99</p:RequestedState>")), CS, "RequestStateChange"), "an invalid parameter is no state");
        assertEquals("32773", returnValue(okXml(replication("InitiateFailover",
                vmRef("ComputerSystem", "00000000-0000-0000-0000-000000000000"))), RS, "InitiateFailover"));
    }

    @Test
    void suspendAndResumeReplication() throws Exception {
        Document resume = okXml(vmMethod(SUSPENDED_VM_14, "RequestReplicationStateChange",
                "<p:RequestedState>3</p:RequestedState>"));
        assertEquals(CS + "/RequestReplicationStateChangeResponse", text(resume, A, "Action"));
        run(startedJob(resume, CS, "RequestReplicationStateChange"));
        assertEquals("3", text(vm(SUSPENDED_VM_14), CS, "ReplicationState"));
        run(startedJob(okXml(vmMethod(SUSPENDED_VM_14, "RequestReplicationStateChange",
                "<p:RequestedState>7</p:RequestedState>" + nil("TimeoutPeriod"))), CS, "RequestReplicationStateChange"));
        assertEquals("7", text(vm(SUSPENDED_VM_14), CS, "ReplicationState"));
        // A primary can be suspended too.
        run(startedJob(okXml(vmMethod(PRIMARY_VM_16, "RequestReplicationStateChange",
                "<p:RequestedState>7</p:RequestedState>")), CS, "RequestReplicationStateChange"));
        assertEquals("7", text(vm(PRIMARY_VM_16), CS, "ReplicationState"));
    }

    @Test
    void testFailoverMakesATestVmThatDestroySystemRemoves() throws Exception {
        Document tested = okXml(replication("TestReplicaSystem", vmRef("ComputerSystem", READY_VM_10) + nil("SnapshotSettingData")));
        assertEquals(RS + "/TestReplicaSystemResponse", text(tested, A, "Action"));
        Element output = one(tested, RS, "TestReplicaSystem_OUTPUT");
        Element resulting = one(output, RS, "ResultingSystem");
        assertEquals(CS, text(resulting, W, "ResourceURI"));
        String testVm = selectors(resulting).get("Name");
        assertEquals("Msvm_ComputerSystem", selectors(resulting).get("CreationClassName"));
        assertTrue(testVm.matches("[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}"), testVm);
        Map<String, String> job = startedJob(tested, RS, "TestReplicaSystem");
        assertEquals("102", text(getJob(job), JOB, "JobType"));
        assertEquals(List.of(), names("SELECT * FROM Msvm_ComputerSystem WHERE ElementName = 'ready-vm-10 - Test'"),
                "the test VM appears when the job completes");
        run(job);

        Element test = vm(testVm);
        assertEquals("ready-vm-10 - Test", text(test, CS, "ElementName"));
        assertEquals("3", text(test, CS, "ReplicationMode"));
        assertEquals("0", text(test, CS, "ReplicationState"));
        assertEquals("3", text(test, CS, "EnabledState"));
        assertEquals("3", text(vm(READY_VM_10), CS, "ReplicationState"), "the replica keeps replicating");
        assertRefused(replication("TestReplicaSystem", vmRef("ComputerSystem", READY_VM_10)), RS, "TestReplicaSystem");

        Document destroyed = okXml(destroy(testVm));
        assertEquals(VSMS + "/DestroySystemResponse", text(destroyed, A, "Action"));
        Map<String, String> removal = startedJob(destroyed, VSMS, "DestroySystem");
        assertEquals("Remove Test Replica", text(getJob(removal), JOB, "Caption"));
        assertEquals(testVm, text(vm(testVm), CS, "Name"), "still there while the job runs");
        run(removal);
        assertEquals(List.of(), names("SELECT * FROM Msvm_ComputerSystem WHERE Name = '" + testVm + "'"));
        assertEquals(List.of(), names("SELECT * FROM Msvm_VirtualSystemSettingData WHERE VirtualSystemIdentifier = '"
                + testVm + "'"));

        // The next test failover gets a new test VM with a new id.
        Document again = okXml(replication("TestReplicaSystem", vmRef("ComputerSystem", READY_VM_10)));
        String second = selectors(one(again, RS, "ResultingSystem")).get("Name");
        assertNotEquals(testVm, second);

        // The journal shows what the host was asked to destroy.
        List<String> destroyedNames = host.server().getAllServeEvents().stream()
                .map(e -> e.getRequest().getBodyAsString())
                .filter(body -> body.contains("/DestroySystem<"))
                .map(body -> body.replaceAll("(?s).*<wsman:Selector Name='Name'>([^<]*)</wsman:Selector>.*", "$1"))
                .toList();
        assertEquals(List.of(testVm), destroyedNames);
    }

    @Test
    void destroySystemRefusesARunningVmAndDestroysAnyOtherItIsGiven() throws Exception {
        Element running = vm(TESTING_VM_13_TEST);
        assertEquals("testing-vm-13 - Test", text(running, CS, "ElementName"));
        assertEquals("2", text(running, CS, "EnabledState"));
        Document refused = okXml(destroy(TESTING_VM_13_TEST));
        assertEquals("5", returnValue(refused, VSMS, "DestroySystem"));
        assertEquals("true", one(refused, VSMS, "Job").getAttributeNS(XSI, "nil"));

        run(startedJob(okXml(vmMethod(TESTING_VM_13_TEST, "RequestStateChange", "<p:RequestedState>3</p:RequestedState>")),
                CS, "RequestStateChange"));
        assertEquals("3", text(vm(TESTING_VM_13_TEST), CS, "EnabledState"));
        run(startedJob(okXml(destroy(TESTING_VM_13_TEST)), VSMS, "DestroySystem"));
        assertEquals(List.of("testing-vm-13"), names("SELECT * FROM Msvm_ComputerSystem WHERE ElementName LIKE 'testing-vm-13%'"));
        // Its replica may be tested again.
        startedJob(okXml(replication("TestReplicaSystem", vmRef("ComputerSystem", TESTING_VM_13))), RS, "TestReplicaSystem");

        // The host protects nothing: a replica that is off is destroyed like a test VM (the client must guard).
        Map<String, String> job = startedJob(okXml(destroy(COMMITTED_VM_12)), VSMS, "DestroySystem");
        assertEquals("Destroy Virtual Machine", text(getJob(job), JOB, "Caption"));
        run(job);
        assertEquals(List.of(), names("SELECT * FROM Msvm_ComputerSystem WHERE Name = '" + COMMITTED_VM_12 + "'"));
        assertEquals("4", returnValue(okXml(destroy(COMMITTED_VM_12)), VSMS, "DestroySystem"), "gone: invalid parameter");
    }

    @Test
    void vmMethodsNeedAnExistingVmAndServiceMethodsTheHostsSystemName() throws Exception {
        Request unknown = vmMethod("00000000-0000-0000-0000-000000000000", "RequestStateChange", "<p:RequestedState>2</p:RequestedState>");
        HttpResponse<String> response = send(unknown.xml());
        assertEquals(500, response.statusCode());
        Document fault = parse(response.body());
        assertFault(fault, "Sender", "DestinationUnreachable", "2150858752");
        assertEquals(unknown.messageId(), text(fault, A, "RelatesTo"));
        Element status = one(fault, "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/__ExtendedStatus", "__ExtendedStatus");
        assertEquals("Msvm_ComputerSystem.CreationClassName=\"Msvm_ComputerSystem\",Name=\"00000000-0000-0000-0000-000000000000\"",
                text(status, status.getNamespaceURI(), "ParameterInfo"));

        Map<String, String> wrongHost = new LinkedHashMap<>(service("Msvm_VirtualSystemManagementService", "vmms"));
        wrongHost.put("SystemName", "OTHER-HOST");
        HttpResponse<String> invalid = send(invoke(VSMS, "DestroySystem", wrongHost, vmRef("AffectedSystem", READY_VM_10)).xml());
        assertEquals(500, invalid.statusCode());
        assertFault(parse(invalid.body()), "Sender", "InvalidSelectors", "2150858843");
        assertEquals("3", text(vm(READY_VM_10), CS, "ReplicationState"));
    }

    @Test
    void resetPutsTheWholeHostBackAsTheCatalogHasIt() throws Exception {
        Map<String, String> failover = startedJob(okXml(replication("InitiateFailover", vmRef("ComputerSystem", READY_VM_10))),
                RS, "InitiateFailover");
        run(failover);
        Document tested = okXml(replication("TestReplicaSystem", vmRef("ComputerSystem", FAILEDOVER_VM_11)));
        String testVm = selectors(one(tested, RS, "ResultingSystem")).get("Name");
        run(startedJob(tested, RS, "TestReplicaSystem"));
        run(startedJob(okXml(vmMethod(TESTING_VM_13_TEST, "RequestStateChange", "<p:RequestedState>3</p:RequestedState>")),
                CS, "RequestStateChange"));
        run(startedJob(okXml(destroy(TESTING_VM_13_TEST)), VSMS, "DestroySystem"));
        assertEquals("5", text(vm(READY_VM_10), CS, "ReplicationState"));

        host.reset();
        assertEquals("3", text(vm(READY_VM_10), CS, "ReplicationState"));
        assertEquals(List.of(), names("SELECT * FROM Msvm_ComputerSystem WHERE Name = '" + testVm + "'"));
        assertEquals("2", text(vm(TESTING_VM_13_TEST), CS, "EnabledState"));
        assertEquals(4, recoveryPoints(READY_VM_10).size());
        assertEquals(CATALOG_VMS, systems("SELECT * FROM Msvm_ComputerSystem WHERE ReplicationMode <> 0").size());
        HttpResponse<String> oldJob = send(envelope(GET, JOB, selectorSet(Map.of("InstanceID", failover.get("InstanceID"))), "").xml());
        assertEquals(500, oldJob.statusCode(), "jobs are gone too");
        // Ids are derived from what was asked and a counter the reset restarts: the same call gets the same job id.
        Map<String, String> again = startedJob(okXml(replication("InitiateFailover", vmRef("ComputerSystem", READY_VM_10))),
                RS, "InitiateFailover");
        assertEquals(failover.get("InstanceID"), again.get("InstanceID"));
    }

    @Test
    void listensOnLoopbackAndReportsABusyPort() throws Exception {
        assertEquals("http://127.0.0.1:" + host.port() + "/wsman", host.endpoint());
        IllegalStateException busy = assertThrows(IllegalStateException.class, () -> SimulatedHost.start(host.port()));
        assertTrue(busy.getMessage().contains("127.0.0.1:" + host.port()), busy.getMessage());
    }

    // ---------------------------------------------------------------- helpers



    private static Request identify() {
        return new Request(null, "<s:Envelope xmlns:s='" + S + "' xmlns:wsmid='http://schemas.dmtf.org/wbem/wsman/identity/1/"
                + "wsmanidentity.xsd'><s:Header/><s:Body><wsmid:Identify/></s:Body></s:Envelope>");
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

    private static Map<String, String> service(String creationClassName, String name) {
        Map<String, String> service = new LinkedHashMap<>();
        service.put("CreationClassName", creationClassName);
        service.put("Name", name);
        service.put("SystemCreationClassName", "Msvm_ComputerSystem");
        service.put("SystemName", "HV-REPLICA01");
        return service;
    }


    private static Request replication(String method, String parameters) {
        return invoke(RS, method, service("Msvm_ReplicationService", "replicasvc"), parameters);
    }

    private static Request vmMethod(String guid, String method, String parameters) {
        Map<String, String> vm = new LinkedHashMap<>();
        vm.put("CreationClassName", "Msvm_ComputerSystem");
        vm.put("Name", guid);
        return invoke(CS, method, vm, parameters);
    }

    private static Request destroy(String guid) {
        return invoke(VSMS, "DestroySystem", service("Msvm_VirtualSystemManagementService", "vmms"),
                vmRef("AffectedSystem", guid));
    }



    private static String nil(String parameter) {
        return "<p:" + parameter + " xsi:nil='true'/>";
    }

    private static String returnValue(Document doc, String ns, String method) {
        return text(one(doc, ns, method + "_OUTPUT"), ns, "ReturnValue");
    }

    /** The call started a job: ReturnValue 4096 and the job's selectors. */
    private static Map<String, String> startedJob(Document doc, String ns, String method) {
        Element output = one(doc, ns, method + "_OUTPUT");
        assertEquals("4096", text(output, ns, "ReturnValue"));
        Element job = one(output, ns, "Job");
        assertEquals(JOB, text(job, W, "ResourceURI"));
        return selectors(job);
    }

    private static void assertRefused(Request request, String ns, String method) {
        try {
            Element output = one(okXml(request), ns, method + "_OUTPUT");
            assertEquals("32775", text(output, ns, "ReturnValue"), method);
            assertEquals("true", one(output, ns, "Job").getAttributeNS(XSI, "nil"), method);
        } catch (Exception e) {
            throw new AssertionError(method, e);
        }
    }

    private static String state(Element job) {
        return text(job, JOB, "JobState") + "/" + text(job, JOB, "PercentComplete");
    }

    /** Gets the job until it ends (at most ten times); the steps seen. */
    private static List<String> run(Map<String, String> job) throws Exception {
        List<String> steps = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Element instance = getJob(job);
            steps.add(state(instance));
            if (Integer.parseInt(text(instance, JOB, "JobState")) >= 7) {
                return steps;
            }
        }
        throw new AssertionError("the job does not end: " + steps);
    }

    private static List<Element> systems(String wql) throws Exception {
        return all(okXml(enumerate(wql)).getDocumentElement(), CS, "Msvm_ComputerSystem");
    }

    /** The ElementNames (or, for setting data, nothing but their count matters) a query returns. */
    private static List<String> names(String wql) throws Exception {
        Document doc = okXml(enumerate(wql));
        List<String> names = new ArrayList<>();
        for (Element item : all(one(doc, W, "Items"), W, "Item")) {
            Element instance = (Element) item.getElementsByTagNameNS("*", "ElementName").item(0);
            names.add(instance.getTextContent());
        }
        return names;
    }

    /** The VM's current Msvm_ComputerSystem, looked up by Name. */
    private static Element vm(String guid) throws Exception {
        List<Element> found = systems("SELECT * FROM Msvm_ComputerSystem WHERE Name = '" + guid + "'");
        assertEquals(1, found.size(), guid);
        return found.get(0);
    }

    /** The w:Items of the recovery-point query the client sends. */
    private static List<Element> recoveryPoints(String guid) throws Exception {
        Document doc = okXml(enumerate("SELECT * FROM Msvm_VirtualSystemSettingData WHERE VirtualSystemIdentifier = '"
                + guid + "' AND VirtualSystemType LIKE 'Microsoft:Hyper-V:Snapshot:Replica:%'"));
        return all(one(doc, W, "Items"), W, "Item");
    }

    private static Element getJob(Map<String, String> selectors) throws Exception {
        return one(okXml(envelope(GET, JOB, selectorSet(selectors), "")), JOB, "Msvm_ConcreteJob");
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
        HttpResponse<String> response = send(request.xml());
        assertEquals(200, response.statusCode(), response.body());
        Document doc = parse(response.body());
        if (request.messageId() != null) {
            assertEquals(request.messageId(), text(doc, A, "RelatesTo"));
        }
        return doc;
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






}
