package io.hvreplica.wsman;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.hvreplica.hyperv.HyperVHost;
import io.hvreplica.hyperv.JobWatcher;
import io.hvreplica.hyperv.Operation;
import io.hvreplica.hyperv.OperationRunner;
import io.hvreplica.hyperv.ops.RevertFailover;
import io.hvreplica.hyperv.MethodResult;
import io.hvreplica.hyperv.VirtualMachine;
import io.hvreplica.hyperv.VmSelector;
import io.hvreplica.simulator.SimulatedHost;
import io.hvreplica.testing.FixedMessageIds;
import io.hvreplica.testing.SimulatorClients;
import io.hvreplica.testing.XmlAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The envelopes hvreplica really puts on the wire (read back from the simulator's request journal),
 * compared namespace-aware with the WS-Management form written out here, header by header.
 */
class EnvelopeTest {
    private static final String V2 = "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/";
    private static final String JOB_URI = V2 + "Msvm_ConcreteJob";
    private static final String SERVICE_URI = V2 + "Msvm_ReplicationService";
    private static final String REVERT = SERVICE_URI + "/RevertFailover";
    private static final String APP_VM_01_JOB = "2B7E5D19-8C34-4A6F-9E12-7D0C3B5A8F61";
    private static final String SYNC_VM_04 = "0C6B3F28-8E1D-4A97-B5C4-2D9E7F1A6C04";
    private static final String SERVICE_CONTEXT = "uuid:8E3B6F20-4C1A-4D9E-B7F5-21A0C3D4E5F6";

    private static SimulatedHost host;
    private FixedMessageIds ids;
    private WsmanClient client;

    @BeforeAll
    static void start() {
        host = SimulatedHost.start(0);
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    @BeforeEach
    void open() {
        // The host is stateful: a revert that succeeded in one test must not refuse the next one's.
        host.resetJobs();
        host.server().resetRequests();
        ids = new FixedMessageIds();
        client = SimulatorClients.client(host, ids);
    }

    @AfterEach
    void close() {
        client.close();
    }

    /** The envelope with the headers every request carries; {@code extraHeaders} and {@code body} vary. */
    private static String expected(String resourceUri, String action, String messageId, String extraHeaders,
                                   String body) {
        return """
                <s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"
                            xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing"
                            xmlns:w="http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd"
                            xmlns:p="http://schemas.microsoft.com/wbem/wsman/1/wsman.xsd"
                            xmlns:n="http://schemas.xmlsoap.org/ws/2004/09/enumeration">
                  <s:Header>
                    <a:To>%s</a:To>
                    <w:ResourceURI s:mustUnderstand="true">%s</w:ResourceURI>
                    <a:ReplyTo>
                      <a:Address s:mustUnderstand="true">http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:Address>
                    </a:ReplyTo>
                    <a:Action s:mustUnderstand="true">%s</a:Action>
                    <w:MaxEnvelopeSize s:mustUnderstand="true">512000</w:MaxEnvelopeSize>
                    <a:MessageID>%s</a:MessageID>
                    <w:Locale xml:lang="en-US" s:mustUnderstand="false"/>
                    <p:DataLocale xml:lang="en-US" s:mustUnderstand="false"/>
                    <w:OperationTimeout>PT60.000S</w:OperationTimeout>
                    %s
                  </s:Header>
                  <s:Body>%s</s:Body>
                </s:Envelope>
                """.formatted(host.endpoint(), resourceUri, action, messageId, extraHeaders, body);
    }

    /** The bodies of the journal's requests whose a:Action is {@code action} (any prefix), oldest first. */
    private static List<String> sent(String action) {
        List<String> out = new ArrayList<>();
        for (LoggedRequest r : SimulatorClients.requests(host, action)) {
            Document d = XmlAssert.parse(r.getBodyAsString());
            if (action.equals(d.getElementsByTagNameNS(Namespaces.ADDRESSING, "Action").item(0).getTextContent().trim())) {
                out.add(r.getBodyAsString());
            }
        }
        return out;
    }

    private static String sentOnce(String action) {
        List<String> found = sent(action);
        assertEquals(1, found.size(), "requests with action " + action);
        return found.get(0);
    }

    @Test
    void getCarriesTheJobSelectorsUnchangedAndAnEmptyBody() {
        Map<String, String> selectors = new LinkedHashMap<>();
        selectors.put("InstanceID", APP_VM_01_JOB);
        selectors.put("__cimnamespace", "root/virtualization/v2");
        client.get(JOB_URI, SelectorSet.of(selectors));

        String expected = expected(JOB_URI, "http://schemas.xmlsoap.org/ws/2004/09/transfer/Get", FixedMessageIds.id(1),
                """
                <w:SelectorSet>
                  <w:Selector Name="InstanceID">2B7E5D19-8C34-4A6F-9E12-7D0C3B5A8F61</w:Selector>
                  <w:Selector Name="__cimnamespace">root/virtualization/v2</w:Selector>
                </w:SelectorSet>""", "");
        XmlAssert.assertSameXml(expected, sentOnce(WsmanClient.GET));
    }

    @Test
    void enumerateAsksForAnOptimizedWqlEnumerationThenPullsWithTheContext() {
        List<Item> items = client.enumerate(Enumeration.wql(V2 + "*", "SELECT * FROM Msvm_ReplicationService"));
        assertEquals(1, items.size());

        String enumerate = expected(V2 + "*", WsmanClient.ENUMERATE, FixedMessageIds.id(1), "", """
                <n:Enumerate>
                  <w:OptimizeEnumeration/>
                  <w:MaxElements>32000</w:MaxElements>
                  <w:EnumerationMode>EnumerateObjectAndEPR</w:EnumerationMode>
                  <w:Filter Dialect="http://schemas.microsoft.com/wbem/wsman/1/WQL">SELECT * FROM Msvm_ReplicationService</w:Filter>
                </n:Enumerate>""");
        XmlAssert.assertSameXml(enumerate, sentOnce(WsmanClient.ENUMERATE));

        String pull = expected(V2 + "*", WsmanClient.PULL, FixedMessageIds.id(2), "", """
                <n:Pull>
                  <n:EnumerationContext>%s</n:EnumerationContext>
                  <n:MaxElements>32000</n:MaxElements>
                </n:Pull>""".formatted(SERVICE_CONTEXT));
        XmlAssert.assertSameXml(pull, sentOnce(WsmanClient.PULL));
        assertEquals(List.of(FixedMessageIds.id(1), FixedMessageIds.id(2)), ids.issued());
        assertEquals(List.of(), sent(WsmanClient.RELEASE), "an enumeration that reached its end is not released");
    }

    @Test
    void releaseNamesTheEnumerationContext() {
        client.release(V2 + "*", "uuid:7A0B1C2D-3E4F-4A5B-8C6D-7E8F9A0B1C2D");

        String expected = expected(V2 + "*", WsmanClient.RELEASE, FixedMessageIds.id(1), "", """
                <n:Release>
                  <n:EnumerationContext>uuid:7A0B1C2D-3E4F-4A5B-8C6D-7E8F9A0B1C2D</n:EnumerationContext>
                </n:Release>""");
        XmlAssert.assertSameXml(expected, sentOnce(WsmanClient.RELEASE));
    }

    private static final String SERVICE_SELECTORS = """
            <w:SelectorSet>
              <w:Selector Name="CreationClassName">Msvm_ReplicationService</w:Selector>
              <w:Selector Name="Name">replicasvc</w:Selector>
              <w:Selector Name="SystemCreationClassName">Msvm_ComputerSystem</w:Selector>
              <w:Selector Name="SystemName">HV-REPLICA01</w:Selector>
            </w:SelectorSet>""";

    private static final String REVERT_BODY = """
            <p:RevertFailover_INPUT xmlns:p="http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/Msvm_ReplicationService">
              <p:ComputerSystem>
                <a:Address>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:Address>
                <a:ReferenceParameters>
                  <w:ResourceURI>http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/Msvm_ComputerSystem</w:ResourceURI>
                  <w:SelectorSet>
                    <w:Selector Name="CreationClassName">Msvm_ComputerSystem</w:Selector>
                    <w:Selector Name="Name">0C6B3F28-8E1D-4A97-B5C4-2D9E7F1A6C04</w:Selector>
                  </w:SelectorSet>
                </a:ReferenceParameters>
              </p:ComputerSystem>
            </p:RevertFailover_INPUT>""";

    @Test
    void revertFailoverInvokeHasTheServiceSelectorsAndTheVmReference() {
        HyperVHost hyperV = new HyperVHost(client);
        VirtualMachine vm = hyperV.findVm(VmSelector.byId(SYNC_VM_04));
        Operation revert = new RevertFailover();
        MethodResult result = hyperV.invoke(hyperV.replicationService(), revert.method(), revert.input(Operation.Request.of(vm)));
        assertEquals(0, result.returnValue());

        // Look-up (1), service Enumerate (2) and Pull (3), then the Invoke (4).
        String expected = expected(SERVICE_URI, REVERT, FixedMessageIds.id(4), SERVICE_SELECTORS, REVERT_BODY);
        XmlAssert.assertSameXml(expected, sentOnce(REVERT));
    }

    @Test
    void renderedInvokeIsTheEnvelopeThatInvokeSends() {
        HyperVHost hyperV = new HyperVHost(client);
        VirtualMachine vm = hyperV.findVm(VmSelector.byId(SYNC_VM_04));
        Operation revert = new RevertFailover();
        OperationRunner runner = new OperationRunner(hyperV, JobWatcher.forHost(hyperV));
        String rendered = runner.dryRun(revert, Operation.Request.of(vm));
        assertEquals(List.of(), sent(REVERT), "rendering sends nothing");

        XmlAssert.assertSameXml(expected(SERVICE_URI, REVERT, FixedMessageIds.id(4), SERVICE_SELECTORS, REVERT_BODY),
                rendered);
        hyperV.invoke(hyperV.replicationService(), revert.method(), revert.input(Operation.Request.of(vm)));
        // The same bytes but for the message id.
        assertEquals(rendered.replace(FixedMessageIds.id(4), "ID"), sentOnce(REVERT).replace(FixedMessageIds.id(5), "ID"));
    }
}
