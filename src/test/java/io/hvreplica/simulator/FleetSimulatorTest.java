package io.hvreplica.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hvreplica.auth.Credentials;
import io.hvreplica.auth.ntlm.NtlmAuthenticator;
import io.hvreplica.testing.ManualClock;
import io.hvreplica.transport.HttpTransport;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import static io.hvreplica.testing.WireMessages.*;

/**
 * Hosts other than the default one: their own names and generated replicas, several in one JVM,
 * jobs that end after a duration on an injected clock, and the WQL query over Msvm_ConcreteJob a
 * client uses to follow many jobs at once. Everything is asserted on the SOAP the hosts send.
 */
class FleetSimulatorTest {
    private static final String GET = "http://schemas.xmlsoap.org/ws/2004/09/transfer/Get";
    private static final String CIM = "http://schemas.dmtf.org/wbem/wscim/1/common";

    private static final HttpClient http = HttpClient.newHttpClient();
    private final List<SimulatedHost> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(SimulatedHost::close);
    }

    private SimulatedHost site(String name, int vms) {
        SimulatedHost host = SimulatedHost.builder().name(name).catalog(false).replicas("site-vm-%02d", vms).start(0);
        started.add(host);
        return host;
    }

    // ---------------------------------------------------------------- several hosts

    @Test
    void hostsAnswerWithTheirOwnNamesAndVms() throws Exception {
        SimulatedHost a = site("HV-SITE-A", 3);
        SimulatedHost b = site("HV-SITE-B", 2);
        assertEquals("HV-SITE-A", a.name());
        assertEquals("HV-SITE-B\\operator", b.ntlmUser());

        assertEquals(List.of("HV-SITE-A", "site-vm-01", "site-vm-02", "site-vm-03"),
                elementNames(systems(a, "SELECT * FROM Msvm_ComputerSystem")));
        assertEquals(List.of("HV-SITE-B", "site-vm-01", "site-vm-02"),
                elementNames(systems(b, "SELECT * FROM Msvm_ComputerSystem")));
        // The host's own Msvm_ComputerSystem carries its name as Name too.
        assertEquals("HV-SITE-B", text(systems(b, "SELECT * FROM Msvm_ComputerSystem WHERE Name = 'HV-SITE-B'").get(0),
                CS, "Name"));

        Element vmA = vm(a, "site-vm-01");
        Element vmB = vm(b, "site-vm-01");
        assertNotEquals(text(vmA, CS, "Name"), text(vmB, CS, "Name"), "a VM's GUID is its host's own");
        for (Element vm : List.of(vmA, vmB)) {
            assertTrue(text(vm, CS, "Name").matches("[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}"));
            assertEquals("2", text(vm, CS, "ReplicationMode"));
            assertEquals("5", text(vm, CS, "ReplicationState"));
            assertEquals("3", text(vm, CS, "EnabledState"));
        }

        // The replication service, its EPR and the faults all name the host that answers.
        for (SimulatedHost host : List.of(a, b)) {
            Element service = replicationService(host);
            assertEquals(host.name(), text(service, RS, "SystemName"));
            Element epr = one((Element) service.getParentNode(), A, "EndpointReference");
            assertEquals(host.name(), selectors(epr).get("SystemName"));
            Document fault = parse(send(host, envelope(GET, JOB, selectorSet(Map.of("InstanceID",
                    "00000000-0000-0000-0000-000000000000")), "")).body());
            assertEquals(host.name(), ((Element) fault.getElementsByTagNameNS(F, "WSManFault").item(0))
                    .getAttribute("Machine"));
        }
    }

    @Test
    void aHostRefusesAServiceOfAnotherHostAndKeepsItsStateToItself() throws Exception {
        SimulatedHost a = site("HV-SITE-A", 2);
        SimulatedHost b = site("HV-SITE-B", 2);
        String guidA = text(vm(a, "site-vm-01"), CS, "Name");

        HttpResponse<String> wrongHost = send(a, revert(guidA, "HV-SITE-B"));
        assertEquals(500, wrongHost.statusCode());
        Document fault = parse(wrongHost.body());
        assertEquals("InvalidValue", fault.getElementsByTagNameNS(W, "FaultDetail").item(0).getTextContent()
                .replaceAll(".*/", ""));
        assertEquals("HV-SITE-A", ((Element) fault.getElementsByTagNameNS(F, "WSManFault").item(0)).getAttribute("Machine"));

        Map<String, String> job = startedJob(ok(a, revert(guidA, "HV-SITE-A")), "RevertFailover");
        assertEquals(List.of("3/0", "4/50", "7/100"), run(a, job));
        assertEquals("3", text(vm(a, "site-vm-01"), CS, "ReplicationState"));
        assertEquals("5", text(vm(b, "site-vm-01"), CS, "ReplicationState"), "B has its own site-vm-01");
        // B never heard of A's job.
        assertEquals(500, send(b, envelope(GET, JOB, selectorSet(job), "")).statusCode());
    }

    @Test
    void generatedReplicasRevertAndFailOverAgain() throws Exception {
        SimulatedHost a = site("HV-SITE-A", 1);
        String guid = text(vm(a, "site-vm-01"), CS, "Name");
        assertEquals(2, recoveryPoints(a, guid));

        assertEquals(List.of("3/0", "4/50", "7/100"), run(a, startedJob(ok(a, revert(guid, a.name())), "RevertFailover")));
        assertEquals("3", text(vm(a, "site-vm-01"), CS, "ReplicationState"));

        Request failover = invoke(RS, "InitiateFailover", service(a.name()), vmRef("ComputerSystem", guid));
        run(a, startedJob(ok(a, failover), "InitiateFailover"));
        assertEquals("5", text(vm(a, "site-vm-01"), CS, "ReplicationState"));

        // And back again, so a benchmark can repeat its run without a reset.
        run(a, startedJob(ok(a, revert(guid, a.name())), "RevertFailover"));
        assertEquals("3", text(vm(a, "site-vm-01"), CS, "ReplicationState"));
    }

    @Test
    void generatedGuidsAreTheSameOnEveryStartAndNamesMustDiffer() throws Exception {
        String first = text(vm(site("HV-SITE-A", 2), "site-vm-02"), CS, "Name");
        String again = text(vm(site("HV-SITE-A", 2), "site-vm-02"), CS, "Name");
        assertEquals(first, again);

        SimulatedHost.Builder sameNames = SimulatedHost.builder().replicas("site-vm", 2);
        assertThrows(IllegalArgumentException.class, () -> started.add(sameNames.start(0)));
        assertThrows(IllegalArgumentException.class, () -> SimulatedHost.builder().name("HV SITE"));
        assertThrows(IllegalArgumentException.class, () -> SimulatedHost.builder().name("HV-SITE-SIXTEEN1"));
    }

    @Test
    void theDefaultBuilderIsTheCatalogHostAndGeneratedVmsComeAfterItsVms() throws Exception {
        SimulatedHost host = SimulatedHost.builder().replicas("extra-%d", 2).start(0);
        started.add(host);
        assertEquals(SimulatedHost.HOST_NAME, host.name());
        List<String> names = elementNames(systems(host, "SELECT * FROM Msvm_ComputerSystem"));
        assertEquals(1 + 19 + 2, names.size(), names.toString());
        assertEquals(List.of("HV-REPLICA01", "app-vm-01"), names.subList(0, 2));
        assertEquals(List.of("extra-1", "extra-2"), names.subList(20, 22));
    }

    @Test
    void aNamedHostBehindTheNegotiateFrontTakesItsOwnAccount() throws Exception {
        SimulatedHost host = SimulatedHost.builder().name("HV-SITE-N").catalog(false).replicas("site-vm-%02d", 1)
                .startNegotiate(0);
        started.add(host);
        try (HttpTransport t = HttpTransport.builder(URI.create(host.endpoint()), new NtlmAuthenticator(
                Credentials.of("HV-SITE-N\\operator", SimulatedHost.NTLM_PASSWORD.toCharArray()), null)).build()) {
            HttpTransport.Response r = t.send(enumerate("SELECT * FROM Msvm_ComputerSystem WHERE ElementName LIKE 'site-%'")
                    .xml().getBytes(StandardCharsets.UTF_8), true);
            assertEquals(200, r.status());
            assertEquals(List.of("site-vm-01"), elementNames(all(parse(new String(r.body(), StandardCharsets.UTF_8))
                    .getDocumentElement(), CS, "Msvm_ComputerSystem")));
        }
    }

    // ---------------------------------------------------------------- timed jobs

    @Test
    void aTimedJobEndsWhenItsDurationHasPassedOnTheClock() throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2026-12-06T09:00:00Z"));
        SimulatedHost host = SimulatedHost.builder().name("HV-SITE-T").catalog(false).replicas("site-vm-%02d", 1)
                .jobDuration(Duration.ofSeconds(1)).clock(clock).start(0);
        started.add(host);
        String guid = text(vm(host, "site-vm-01"), CS, "Name");
        Map<String, String> job = startedJob(ok(host, revert(guid, host.name())), "RevertFailover");

        Element first = getJob(host, job);
        assertEquals("3/0", state(first));
        assertEquals("2026-12-06T09:00:00.0000000Z", text(one(first, JOB, "TimeSubmitted"), CIM, "Datetime"));
        // Reads do not move a timed job.
        assertEquals("3/0", state(getJob(host, job)));

        clock.advance(Duration.ofMillis(250));
        Element quarter = getJob(host, job);
        assertEquals("4/25", state(quarter));
        assertEquals("P0DT0H0M0.250S", text(one(quarter, JOB, "ElapsedTime"), CIM, "Interval"));
        assertEquals("4/25", state(getJob(host, job)));
        // Still running: the VM is busy and unchanged.
        assertEquals("5", text(vm(host, "site-vm-01"), CS, "ReplicationState"));
        assertEquals("32775", returnValue(ok(host, revert(guid, host.name())), "RevertFailover"));

        clock.advance(Duration.ofMillis(740));
        assertEquals("4/99", state(getJob(host, job)));

        clock.advance(Duration.ofMillis(10));
        // The job has ended on the host whether or not anyone asked: the VM already shows it.
        assertEquals("3", text(vm(host, "site-vm-01"), CS, "ReplicationState"));
        Element done = getJob(host, job);
        assertEquals("7/100", state(done));
        assertEquals("P0DT0H0M1.000S", text(one(done, JOB, "ElapsedTime"), CIM, "Interval"));
        assertEquals("2026-12-06T09:00:01.0000000Z", text(one(done, JOB, "TimeOfLastStateChange"), CIM, "Datetime"));
    }

    @Test
    void aTimedJobThatFailsClimbsToItsFailingPercentAndUndoesItsTransition() throws Exception {
        ManualClock clock = new ManualClock();
        SimulatedHost host = SimulatedHost.builder().jobDuration(Duration.ofSeconds(2)).clock(clock).start(0);
        started.add(host);
        String failing = "7A8B9CAD-BECF-4A7B-AC8D-9E0F1A2B3C15"; // failing-vm-15: its failover job fails at 30%
        Map<String, String> job = startedJob(ok(host, invoke(RS, "InitiateFailover", service(host.name()),
                vmRef("ComputerSystem", failing))), "InitiateFailover");
        assertEquals("12", text(vmByGuid(host, failing), CS, "ReplicationState"));
        clock.advance(Duration.ofSeconds(1));
        assertEquals("4/15", state(getJob(host, job)));
        clock.advance(Duration.ofSeconds(1));
        Element failed = getJob(host, job);
        assertEquals("10/30", state(failed));
        assertEquals("32768", text(failed, JOB, "ErrorCode"));
        assertEquals("3", text(vmByGuid(host, failing), CS, "ReplicationState"));
    }

    // ---------------------------------------------------------------- WQL over the jobs

    @Test
    void oneQueryReadsSeveralJobsInTheShapeOfTheirGetAndLeavesMissingOnesOut() throws Exception {
        SimulatedHost host = site("HV-SITE-Q", 3);
        List<String> ids = new ArrayList<>();
        for (String vm : List.of("site-vm-01", "site-vm-02", "site-vm-03")) {
            String guid = text(vm(host, vm), CS, "Name");
            ids.add(startedJob(ok(host, revert(guid, host.name())), "RevertFailover").get("InstanceID"));
        }
        String missing = "00000000-0000-0000-0000-0000000000AB";
        String wql = "SELECT * FROM Msvm_ConcreteJob WHERE InstanceID = '" + ids.get(0) + "' OR InstanceID = '"
                + missing + "' OR InstanceID = '" + ids.get(2).toLowerCase() + "'";

        Document first = ok(host, enumerate(wql));
        Element response = one(first.getDocumentElement(), N, "EnumerateResponse");
        one(response, W, "EndOfSequence");
        List<Element> items = all(one(response, W, "Items"), W, "Item");
        assertEquals(2, items.size());
        for (int i = 0; i < 2; i++) {
            String id = ids.get(i * 2);
            Element instance = one(items.get(i), JOB, "Msvm_ConcreteJob");
            assertEquals(id, text(instance, JOB, "InstanceID"));
            assertEquals("Revert Failover", text(instance, JOB, "Caption"));
            assertEquals("98", text(instance, JOB, "JobType"));
            assertEquals("3/0", state(instance));
            Element epr = one(items.get(i), A, "EndpointReference");
            assertEquals(A + "/role/anonymous", text(epr, A, "Address"));
            assertEquals(JOB, text(epr, W, "ResourceURI"));
            assertEquals(Map.of("InstanceID", id), selectors(epr));
        }
        // The same properties, in the same order, as the Get of a job (the middle one, not read yet).
        Element got = getJob(host, Map.of("InstanceID", ids.get(1)));
        assertEquals(childNames(got), childNames(one(items.get(0), JOB, "Msvm_ConcreteJob")));
        assertEquals("3/0", state(got));

        // Each query is a read: the jobs it returns move on, and the one it left out does not.
        assertEquals(List.of("4/50", "4/50"), states(ok(host, enumerate(wql))));
        assertEquals(List.of("7/100", "7/100"), states(ok(host, enumerate(wql))));
        assertEquals("3", text(vm(host, "site-vm-01"), CS, "ReplicationState"));
        assertEquals("5", text(vm(host, "site-vm-02"), CS, "ReplicationState"));
        assertEquals("4/50", state(getJob(host, Map.of("InstanceID", ids.get(1)))));

        Document none = ok(host, enumerate("SELECT * FROM Msvm_ConcreteJob WHERE InstanceID = '" + missing + "'"));
        assertEquals(0, all(one(none.getDocumentElement(), W, "Items"), W, "Item").size());
        assertEquals(3, states(ok(host, enumerate("SELECT * FROM Msvm_ConcreteJob WHERE JobType = 98"))).size());

        HttpResponse<String> unknown = send(host, enumerate("SELECT * FROM Msvm_ConcreteJob WHERE Owner = 'x'").xml());
        assertEquals(500, unknown.statusCode());
        assertTrue(unknown.body().contains("CannotProcessFilter"), unknown.body());
    }

    @Test
    void aVmQueryMixesLikeNameAndGuid() throws Exception {
        SimulatedHost host = site("HV-SITE-W", 12);
        String guid = text(vm(host, "site-vm-12"), CS, "Name");
        SimulatedHost other = site("HV-SITE-X", 1);
        String otherGuid = text(vm(other, "site-vm-01"), CS, "Name");
        assertEquals(List.of("site-vm-01", "site-vm-12"), elementNames(systems(host,
                "SELECT * FROM Msvm_ComputerSystem WHERE ElementName LIKE 'site-vm-0_' AND ElementName <> 'site-vm-02'"
                        + " AND ElementName <> 'site-vm-03' AND NOT ElementName LIKE 'site-vm-0[4-9]'"
                        + " OR ElementName = 'x' OR Name = '" + guid + "' OR Name = '" + otherGuid + "'")));
        assertEquals(12, systems(host, "SELECT * FROM Msvm_ComputerSystem WHERE ElementName LIKE 'site-vm-%'"
                + " OR ElementName = 'x' OR Name = '" + guid + "'").size());
    }

    // ---------------------------------------------------------------- reset over HTTP

    @Test
    void aPostToTheResetEndpointPutsTheHostBack() throws Exception {
        SimulatedHost host = site("HV-SITE-R", 1);
        String guid = text(vm(host, "site-vm-01"), CS, "Name");
        run(host, startedJob(ok(host, revert(guid, host.name())), "RevertFailover"));
        assertEquals("3", text(vm(host, "site-vm-01"), CS, "ReplicationState"));

        HttpResponse<String> reset = http.send(HttpRequest.newBuilder(URI.create(host.resetEndpoint()))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, reset.statusCode());
        assertEquals("reset HV-SITE-R\n", reset.body());
        assertEquals("5", text(vm(host, "site-vm-01"), CS, "ReplicationState"));
        assertEquals(host.basicEndpoint().replace("/wsman", "/simulator/reset"), host.resetEndpoint());
    }

    // ---------------------------------------------------------------- helpers




    private static Map<String, String> service(String systemName) {
        Map<String, String> service = new LinkedHashMap<>();
        service.put("CreationClassName", "Msvm_ReplicationService");
        service.put("Name", "replicasvc");
        service.put("SystemCreationClassName", "Msvm_ComputerSystem");
        service.put("SystemName", systemName);
        return service;
    }


    private static Request revert(String vmGuid, String systemName) {
        return invoke(RS, "RevertFailover", service(systemName), vmRef("ComputerSystem", vmGuid));
    }



    private static String returnValue(Document doc, String method) {
        return text(one(doc.getDocumentElement(), RS, method + "_OUTPUT"), RS, "ReturnValue");
    }

    private static Map<String, String> startedJob(Document doc, String method) {
        Element output = one(doc.getDocumentElement(), RS, method + "_OUTPUT");
        assertEquals("4096", text(output, RS, "ReturnValue"));
        Element job = one(output, RS, "Job");
        assertEquals(JOB, text(job, W, "ResourceURI"));
        Map<String, String> selectors = selectors(job);
        selectors.remove("__cimnamespace");
        return selectors;
    }

    private static String state(Element job) {
        return text(job, JOB, "JobState") + "/" + text(job, JOB, "PercentComplete");
    }

    private static List<String> states(Document enumerated) {
        List<String> states = new ArrayList<>();
        for (Element job : all(enumerated.getDocumentElement(), JOB, "Msvm_ConcreteJob")) {
            states.add(state(job));
        }
        return states;
    }

    /** Gets the job until it ends (at most ten times); the steps seen. */
    private static List<String> run(SimulatedHost host, Map<String, String> job) throws Exception {
        List<String> steps = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Element instance = getJob(host, job);
            steps.add(state(instance));
            if (Integer.parseInt(text(instance, JOB, "JobState")) >= 7) {
                return steps;
            }
        }
        throw new AssertionError("the job does not end: " + steps);
    }

    private static Element getJob(SimulatedHost host, Map<String, String> selectors) throws Exception {
        return one(ok(host, envelope(GET, JOB, selectorSet(selectors), "")).getDocumentElement(), JOB, "Msvm_ConcreteJob");
    }

    private static List<Element> systems(SimulatedHost host, String wql) throws Exception {
        return all(ok(host, enumerate(wql)).getDocumentElement(), CS, "Msvm_ComputerSystem");
    }

    private static Element vm(SimulatedHost host, String name) throws Exception {
        List<Element> found = systems(host, "SELECT * FROM Msvm_ComputerSystem WHERE ElementName = '" + name + "'");
        assertEquals(1, found.size(), name);
        return found.get(0);
    }

    private static Element vmByGuid(SimulatedHost host, String guid) throws Exception {
        List<Element> found = systems(host, "SELECT * FROM Msvm_ComputerSystem WHERE Name = '" + guid + "'");
        assertEquals(1, found.size(), guid);
        return found.get(0);
    }

    private static int recoveryPoints(SimulatedHost host, String guid) throws Exception {
        Document doc = ok(host, enumerate("SELECT * FROM Msvm_VirtualSystemSettingData WHERE VirtualSystemIdentifier = '"
                + guid + "' AND VirtualSystemType LIKE 'Microsoft:Hyper-V:Snapshot:Replica:%'"));
        return all(one(doc.getDocumentElement(), W, "Items"), W, "Item").size();
    }

    /** The service instance, Pulled the way a client must (the host does not optimize it). */
    private static Element replicationService(SimulatedHost host) throws Exception {
        Document enumerated = ok(host, enumerate("SELECT * FROM Msvm_ReplicationService"));
        String context = text(one(enumerated.getDocumentElement(), N, "EnumerateResponse"), N, "EnumerationContext");
        Document pulled = ok(host, envelope(N + "/Pull", RS, "", "<en:Pull xmlns:en='" + N + "'><en:EnumerationContext>"
                + context + "</en:EnumerationContext></en:Pull>"));
        return one(pulled.getDocumentElement(), RS, "Msvm_ReplicationService");
    }

    private static List<String> elementNames(List<Element> systems) {
        List<String> names = new ArrayList<>();
        for (Element system : systems) {
            names.add(text(system, CS, "ElementName"));
        }
        return names;
    }

    private static List<String> childNames(Element instance) {
        List<String> names = new ArrayList<>();
        for (Node n = instance.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                names.add(e.getLocalName());
            }
        }
        return names;
    }

    private static HttpResponse<String> send(SimulatedHost host, Request request) throws Exception {
        return send(host, request.xml());
    }

    private static HttpResponse<String> send(SimulatedHost host, String xml) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(host.endpoint()))
                .header("Content-Type", "application/soap+xml;charset=UTF-8")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (SimulatedHost.USER + ":" + SimulatedHost.PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(xml, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static Document ok(SimulatedHost host, Request request) throws Exception {
        HttpResponse<String> response = send(host, request);
        assertEquals(200, response.statusCode(), response.body());
        Document doc = parse(response.body());
        assertEquals(request.messageId(), text(doc.getDocumentElement(), A, "RelatesTo"));
        return doc;
    }





    private static Map<String, String> selectors(Element scope) {
        Map<String, String> selectors = new LinkedHashMap<>();
        for (Element selector : all(scope, W, "Selector")) {
            selectors.put(selector.getAttribute("Name"), selector.getTextContent());
        }
        return selectors;
    }
}
