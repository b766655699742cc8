package io.hvreplica.wsman;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.hvreplica.simulator.SimulatedHost;
import io.hvreplica.testing.FixedMessageIds;
import io.hvreplica.testing.SimulatorClients;
import io.hvreplica.testing.XmlAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static io.hvreplica.testing.SimulatorClients.envelope;
import static io.hvreplica.testing.SimulatorClients.stubContaining;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Enumeration paging, Release, and matching answers to requests, against stubs on the simulator. */
class WsmanClientTest {
    private static final String NS = "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/test/*";
    private static final String THING = "urn:hvreplica:test:thing";
    private static final String ENUMERATE_RESPONSE = Namespaces.ENUMERATION + "/EnumerateResponse";
    private static final String PULL_RESPONSE = Namespaces.ENUMERATION + "/PullResponse";
    private static final String GET_RESPONSE = Namespaces.TRANSFER + "/GetResponse";

    private static SimulatedHost host;
    private WsmanClient client;

    @BeforeAll
    static void start() {
        host = SimulatedHost.start(0);
        // Paged: Enumerate gives only a context, two Pulls give two items each, a third ends the sequence.
        enumerateAnswers("SELECT * FROM Paged_Thing", "ctx-paged-1", "");
        pullAnswers("ctx-paged-1", "ctx-paged-2", things(1, 2), false);
        pullAnswers("ctx-paged-2", "ctx-paged-3", things(3, 4), false);
        pullAnswers("ctx-paged-3", null, "", true);
        // Limited: one item in the Enumerate answer, then two per Pull, for callers that want fewer.
        enumerateAnswers("SELECT * FROM Limited_Thing", "ctx-limit-1", things(1, 1));
        pullAnswers("ctx-limit-1", "ctx-limit-2", things(2, 3), false);
        pullAnswers("ctx-limit-2", "ctx-limit-3", things(4, 5), false);
        // A Pull answer that says nothing at all.
        enumerateAnswers("SELECT * FROM Empty_Thing", "ctx-empty-1", "");
        host.server().stubFor(stubContaining("ctx-empty-1", "/Pull<").willReturn(soap(envelope(PULL_RESPONSE,
                "<n:PullResponse/>"))));
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    @BeforeEach
    void open() {
        host.server().resetRequests();
        client = SimulatorClients.client(host, new FixedMessageIds());
    }

    @AfterEach
    void close() {
        client.close();
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder soap(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/soap+xml;charset=UTF-8").withBody(body);
    }

    private static String things(int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i <= to; i++) {
            b.append("<t:Thing xmlns:t=\"").append(THING).append("\"><t:Id>").append(i).append("</t:Id></t:Thing>");
        }
        return b.toString();
    }

    private static void enumerateAnswers(String wql, String context, String items) {
        host.server().stubFor(stubContaining(wql, "/Enumerate<").willReturn(soap(envelope(ENUMERATE_RESPONSE,
                "<n:EnumerateResponse><n:EnumerationContext>" + context + "</n:EnumerationContext>"
                        + (items.isEmpty() ? "" : "<w:Items>" + items + "</w:Items>") + "</n:EnumerateResponse>"))));
    }

    private static void pullAnswers(String context, String next, String items, boolean end) {
        host.server().stubFor(stubContaining(">" + context + "<", "/Pull<").willReturn(soap(envelope(PULL_RESPONSE,
                "<n:PullResponse>" + (next == null ? "" : "<n:EnumerationContext>" + next + "</n:EnumerationContext>")
                        + "<n:Items>" + items + "</n:Items>" + (end ? "<n:EndOfSequence/>" : "")
                        + "</n:PullResponse>"))));
    }

    private static List<String> ids(List<Item> items) {
        List<String> out = new ArrayList<>();
        for (Item i : items) {
            assertNull(i.reference());
            out.add(Xml.childText(i.instance(), THING, "Id"));
        }
        return out;
    }

    /** The EnumerationContext of each journal request with this action, oldest first. */
    private static List<String> contexts(String action) {
        List<String> out = new ArrayList<>();
        for (LoggedRequest r : SimulatorClients.requests(host, action + "<")) {
            Element body = XmlAssert.parse(r.getBodyAsString()).getDocumentElement();
            out.add(Xml.descendant(body, Namespaces.ENUMERATION, "EnumerationContext").getTextContent().trim());
        }
        return out;
    }

    @Test
    void pullsUntilEndOfSequenceAndReturnsEveryItem() {
        List<Item> items = client.enumerate(Enumeration.wql(NS, "SELECT * FROM Paged_Thing"));

        assertEquals(List.of("1", "2", "3", "4"), ids(items));
        assertEquals(List.of("ctx-paged-1", "ctx-paged-2", "ctx-paged-3"), contexts(WsmanClient.PULL),
                "each Pull carries the latest context");
        assertEquals(List.of(), contexts(WsmanClient.RELEASE), "a finished enumeration is not released");
    }

    @Test
    void stoppingAtTheLimitReleasesTheEnumeration() {
        List<Item> items = client.enumerate(Enumeration.wql(NS, "SELECT * FROM Limited_Thing").limit(4));

        assertEquals(List.of("1", "2", "3", "4"), ids(items), "cut at the limit");
        assertEquals(List.of("ctx-limit-1", "ctx-limit-2"), contexts(WsmanClient.PULL), "no Pull past the limit");
        assertEquals(List.of("ctx-limit-3"), contexts(WsmanClient.RELEASE), "the open context is released");
    }

    @Test
    void limitReachedInTheEnumerateResponseReleasesWithoutPulling() {
        List<Item> items = client.enumerate(Enumeration.wql(NS, "SELECT * FROM Limited_Thing").limit(1));

        assertEquals(List.of("1"), ids(items));
        assertEquals(List.of(), contexts(WsmanClient.PULL));
        assertEquals(List.of("ctx-limit-1"), contexts(WsmanClient.RELEASE));
    }

    @Test
    void pullAnswerWithoutItemsContextOrEndIsAProtocolError() {
        WsmanProtocolException e = assertThrows(WsmanProtocolException.class,
                () -> client.enumerate(Enumeration.wql(NS, "SELECT * FROM Empty_Thing")));
        assertTrue(e.getMessage().contains("no items, no context and no EndOfSequence"), e.getMessage());
    }

    @Test
    void answerRelatingToAnotherRequestIsRejected() {
        String uri = "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/test/Mismatched";
        host.server().stubFor(stubContaining(uri).willReturn(soap(envelope(GET_RESPONSE,
                "<t:Thing xmlns:t=\"" + THING + "\"><t:Id>1</t:Id></t:Thing>")
                .replace(SimulatorClients.RELATES_TO, "uuid:11111111-2222-4333-8444-555555555555"))));

        WsmanProtocolException e = assertThrows(WsmanProtocolException.class,
                () -> client.get(uri, SelectorSet.of("Id", "1")));
        assertTrue(e.getMessage().contains("uuid:11111111-2222-4333-8444-555555555555"), e.getMessage());
        assertTrue(e.getMessage().contains(FixedMessageIds.id(1)), e.getMessage());
    }

    @Test
    void answerWithoutRelatesToIsRejected() {
        String uri = "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/test/Unrelated";
        host.server().stubFor(stubContaining(uri).willReturn(soap(envelope(GET_RESPONSE,
                "<t:Thing xmlns:t=\"" + THING + "\"><t:Id>1</t:Id></t:Thing>")
                .replace("<a:RelatesTo>" + SimulatorClients.RELATES_TO + "</a:RelatesTo>", ""))));

        WsmanProtocolException e = assertThrows(WsmanProtocolException.class,
                () -> client.get(uri, SelectorSet.of("Id", "1")));
        assertTrue(e.getMessage().contains("no RelatesTo"), e.getMessage());
    }

    @Test
    void matchingAnswerReturnsTheInstance() {
        String uri = "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/test/Related";
        host.server().stubFor(stubContaining(uri).willReturn(soap(envelope(GET_RESPONSE,
                "<t:Thing xmlns:t=\"" + THING + "\"><t:Id>7</t:Id></t:Thing>"))));

        Element thing = client.get(uri, SelectorSet.of("Id", "7"));
        assertNotNull(thing);
        assertEquals("7", Xml.childText(thing, THING, "Id"));
    }
}
