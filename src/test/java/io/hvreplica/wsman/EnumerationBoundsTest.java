package io.hvreplica.wsman;

import io.hvreplica.transport.InMemoryHttp;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A host whose Pull answers never carry EndOfSequence (found by fuzzing: the client pulled until
 * it ran out of memory). The enumeration is cut off with one sentence and released.
 */
class EnumerationBoundsTest {
    private static final String ID = "uuid:00000000-0000-4000-8000-000000000001";
    private static final String NS = "xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\""
            + " xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\""
            + " xmlns:n=\"http://schemas.xmlsoap.org/ws/2004/09/enumeration\""
            + " xmlns:w=\"http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd\"";

    private static InMemoryHttp.Answer soap(String body) {
        String envelope = "<s:Envelope " + NS + "><s:Header><a:RelatesTo>" + ID + "</a:RelatesTo></s:Header><s:Body>"
                + body + "</s:Body></s:Envelope>";
        return new InMemoryHttp.Answer(200, "application/soap+xml;charset=UTF-8", envelope.getBytes(StandardCharsets.UTF_8));
    }

    private static String items(int n) {
        return "<w:Items>" + "<w:Item><p:X xmlns:p=\"urn:x\"><p:Name>x</p:Name></p:X></w:Item>".repeat(n) + "</w:Items>";
    }

    private static WsmanProtocolException enumerateEndlessly(String pullBody, AtomicInteger requests) {
        InMemoryHttp.Answer first = soap("<n:EnumerateResponse><n:EnumerationContext>uuid:C1</n:EnumerationContext>"
                + "</n:EnumerateResponse>");
        InMemoryHttp.Answer pull = soap(pullBody);
        try (WsmanClient client = new WsmanClient(InMemoryHttp.basic(() -> requests.getAndIncrement() == 0 ? first : pull),
                WsmanOptions.DEFAULT, () -> ID)) {
            return assertThrows(WsmanProtocolException.class,
                    () -> client.enumerate(Enumeration.wql("urn:x/X", "SELECT * FROM X")));
        }
    }

    @Test
    void pullsThatNeverEndAreCutOffAndReleased() {
        AtomicInteger requests = new AtomicInteger();
        WsmanProtocolException e = enumerateEndlessly("<n:PullResponse>" + items(1) + "</n:PullResponse>", requests);
        assertTrue(e.getMessage().contains("did not end after " + (WsmanClient.MAX_PULLS + 1) + " answers"), e.getMessage());
        // Enumerate, the Pulls, then Release.
        assertEquals(1 + WsmanClient.MAX_PULLS + 1, requests.get());
    }

    @Test
    void emptyPullsThatKeepTheContextAreCutOffToo() {
        AtomicInteger requests = new AtomicInteger();
        WsmanProtocolException e = enumerateEndlessly("<n:PullResponse><n:EnumerationContext>uuid:C2</n:EnumerationContext>"
                + "</n:PullResponse>", requests);
        assertTrue(e.getMessage().contains("0 items"), e.getMessage());
    }

    @Test
    void tooManyItemsAreCutOffBeforeThePullLimit() {
        AtomicInteger requests = new AtomicInteger();
        WsmanProtocolException e = enumerateEndlessly("<n:PullResponse>" + items(2_500) + "</n:PullResponse>", requests);
        assertTrue(e.getMessage().contains(WsmanClient.MAX_ITEMS + " items"), e.getMessage());
        assertEquals(1 + WsmanClient.MAX_ITEMS / 2_500 + 1, requests.get());
    }
}
