package io.hvreplica.record;

import io.hvreplica.testing.Recordings;
import io.hvreplica.transport.TransportListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecorderTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;

    private static String get(String messageId, String to, String... selectors) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < selectors.length; i += 2) {
            s.append("<w:Selector Name=\"").append(selectors[i]).append("\">").append(selectors[i + 1]).append("</w:Selector>");
        }
        return "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\""
                + " xmlns:w=\"http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd\"><s:Header><a:To>" + to + "</a:To>"
                + "<w:ResourceURI>http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/Msvm_ReplicationService</w:ResourceURI>"
                + "<a:Action>http://schemas.xmlsoap.org/ws/2004/09/transfer/Get</a:Action><a:MessageID>" + messageId
                + "</a:MessageID><w:OperationTimeout>PT60S</w:OperationTimeout><w:SelectorSet>" + s
                + "</w:SelectorSet></s:Header><s:Body/></s:Envelope>";
    }

    private static String answer(String systemName, String text) {
        return "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\">"
                + "<s:Header><a:MessageID>uuid:1</a:MessageID><a:RelatesTo>uuid:2</a:RelatesTo></s:Header><s:Body>"
                + "<p:Msvm_ReplicationService xmlns:p=\"http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/Msvm_ReplicationService\">"
                + "<p:SystemName>" + systemName + "</p:SystemName><p:Status>" + text + "</p:Status><p:Name>operator</p:Name>"
                + "</p:Msvm_ReplicationService></s:Body></s:Envelope>";
    }

    private static void exchange(TransportListener l, String request, int status, String response) {
        l.requestSent("POST", "http://hv01.corp.example:5985/wsman", List.of(Map.entry("Authorization", "Negotiate <redacted>")),
                request.getBytes(StandardCharsets.UTF_8), true);
        l.responseReceived(status, List.of(), response.getBytes(StandardCharsets.UTF_8), true);
    }

    @Test
    void placeholdersAreConsistentAndIgnoreCase() {
        Redactor r = new Redactor(true);
        r.registerHost("hv01.corp.example");
        r.registerUser("CORP\\hvadmin");
        assertEquals("HOST-1", r.placeholder("HV01.CORP.EXAMPLE"));
        assertEquals("HOST-2", r.placeholder("hv01"), "the short name is a host too");
        assertEquals("DOMAIN-1", r.placeholder("corp.example"));
        assertEquals("DOMAIN-2", r.placeholder("corp"));
        assertEquals("USER-1", r.placeholder("HVADMIN"));
        assertEquals("http://HOST-1:5985/wsman and HOST-2, DOMAIN-2\\USER-1",
                r.apply("http://hv01.corp.example:5985/wsman and HV01, corp\\hvadmin"));
    }

    @Test
    void addressesBecomeDocumentationAddressesButVersionsStay() {
        Redactor r = new Redactor(true);
        r.registerAddresses("from 10.1.2.3 and 10.1.2.4; OS: 10.0.17763.1 SP: 0.0 Stack: 3.0; again 10.1.2.3");
        assertEquals("from 192.0.2.1 and 192.0.2.2; OS: 10.0.17763.1 SP: 0.0 Stack: 3.0; again 192.0.2.1",
                r.apply("from 10.1.2.3 and 10.1.2.4; OS: 10.0.17763.1 SP: 0.0 Stack: 3.0; again 10.1.2.3"));
    }

    @Test
    void xmlNamesAndNamespacesAreNeverRewritten() {
        Redactor r = new Redactor(true);
        r.registerUser("Name");
        String xml = "<p:Name xmlns:p=\"urn:Name\" a=\"Name\">my Name</p:Name>";
        assertEquals("<p:Name xmlns:p=\"urn:Name\" a=\"USER-1\">my USER-1</p:Name>", r.applyToXml(xml));
    }

    @Test
    void xpathLiteralsSurviveBothQuotes() {
        assertEquals("'a\"b'", RequestMatch.literal("a\"b"));
        assertEquals("\"it's\"", RequestMatch.literal("it's"));
        assertEquals("concat('it',\"'\",'s \"x\"')", RequestMatch.literal("it's \"x\""));
    }

    @Test
    void requestsAreMatchedOnWhatIdentifiesThemNotOnIdsOrAddresses() {
        RequestMatch one = RequestMatch.of(get("uuid:A", "http://hv01:5985/wsman", "Name", "replicasvc"));
        RequestMatch two = RequestMatch.of(get("uuid:B", "http://127.0.0.1:1234/wsman", "Name", "replicasvc"));
        assertEquals(one.key(), two.key(), "another MessageID, To or OperationTimeout is the same request");
        assertFalse(one.key().contains("uuid:A") || one.key().contains("hv01") || one.key().contains("PT60S"), one.key());
        RequestMatch more = RequestMatch.of(get("uuid:A", "x", "Name", "replicasvc", "SystemName", "HV01"));
        assertNotEquals(one.key(), more.key(), "one selector more is another request");
        assertTrue(one.key().contains("count(") && one.key().contains(")=1]"), "the selector count is pinned: " + one.key());
        assertEquals("Get-Msvm_ReplicationService", one.label);
    }

    @Test
    void utf16AnswersAreKeptAsUtf8() {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><a>caf\u00e9</a>";
        byte[] le = xml.getBytes(StandardCharsets.UTF_16LE);
        byte[] bom = new byte[le.length + 2];
        bom[0] = (byte) 0xFF;
        bom[1] = (byte) 0xFE;
        System.arraycopy(le, 0, bom, 2, le.length);
        String expected = "<?xml version=\"1.0\" encoding=\"utf-8\"?><a>caf\u00e9</a>";
        assertEquals(expected, Recorder.text(bom));
        assertEquals(expected, Recorder.text(le));
        assertEquals(expected, Recorder.text(xml.getBytes(StandardCharsets.UTF_16BE)));
        assertEquals("<a>caf\u00e9</a>", Recorder.text("<a>caf\u00e9</a>".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aDirectoryWithFilesIsRefused() throws Exception {
        Files.writeString(tmp.resolve("x"), "x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Recorder(tmp, false));
        assertTrue(e.getMessage().contains("already holds files"), e.getMessage());
    }

    @Test
    void nothingExchangedWritesNothing() {
        Recorder r = new Recorder(tmp.resolve("rec"), false, CLOCK);
        TransportListener l = r.listener("hv01.corp.example:5985", TransportListener.NONE);
        // Handshake legs: no body, only tokens in headers.
        l.requestSent("POST", "http://hv01.corp.example:5985/wsman", List.of(Map.entry("Authorization", "Negotiate TlRMTVNTUAAB")),
                new byte[0], false);
        l.responseReceived(401, List.of(), new byte[0], false);
        assertNull(r.finish());
        assertFalse(Files.exists(tmp.resolve("rec")));
    }

    @Test
    void successiveAnswersBecomeScenarioStatesAndNamesArePlaceholders() {
        Path dir = tmp.resolve("rec");
        Recorder r = new Recorder(dir, false, CLOCK);
        TransportListener l = r.listener("hv01.corp.example:5985", TransportListener.NONE);
        r.credentials("CORP\\operator", "s3cret!".toCharArray());
        r.identified("hv01.corp.example:5985", "urn:p", "Microsoft Corporation", "OS: 10.0.20348 SP: 0.0 Stack: 3.0");
        String request = get("uuid:A", "http://hv01.corp.example:5985/wsman", "SystemName", "HV01");
        exchange(l, request, 200, answer("HV01", "Running on HV01.corp.example"));
        // The session was dropped: a 401 is no answer and is not kept.
        exchange(l, get("uuid:B", "http://hv01.corp.example:5985/wsman", "SystemName", "HV01"), 401, "x");
        exchange(l, get("uuid:C", "http://hv01.corp.example:5985/wsman", "SystemName", "HV01"), 200, answer("HV01", "Done"));
        r.command(List.of("status", "--host", "hv01.corp.example", "--user", "CORP\\operator", "--record", "/home/x/rec", "--record=/home/x/rec"));
        assertEquals(dir, r.finish());
        Path host = dir.resolve("HOST-1");
        List<Path> mappings = Recordings.files(host.resolve("mappings"));
        assertEquals(2, mappings.size(), mappings.toString());
        String first = Recordings.read(mappings.get(0));
        String second = Recordings.read(mappings.get(1));
        assertTrue(first.contains("\"requiredScenarioState\": \"Started\"") && first.contains("\"newScenarioState\": \"answer-2\""), first);
        assertTrue(second.contains("\"requiredScenarioState\": \"answer-2\"") && !second.contains("newScenarioState"), second);
        assertTrue(first.contains("[@Name='SystemName'][.='HOST-2']"), "the selector holds the placeholder: " + first);
        String body = Recordings.read(host.resolve("__files").resolve(mappings.get(0).getFileName().toString().replace(".json", ".xml")));
        assertTrue(body.contains("<p:SystemName>HOST-2</p:SystemName><p:Status>Running on HOST-1</p:Status><p:Name>USER-1</p:Name>"), body);
        assertTrue(body.contains("<a:RelatesTo>{{xPath request.body"), body);
        String manifest = Recordings.read(host.resolve("host.json"));
        assertTrue(manifest.contains("\"recordedAt\": \"2026-01-02T03:04:05Z\""), manifest);
        assertTrue(manifest.contains("[\"status\", \"--host\", \"HOST-1\", \"--user\", \"DOMAIN-2\\\\USER-1\", \"--record\", \"rec\", \"--record=rec\"]"), manifest);
        Recordings.assertAbsent(dir, "s3cret!", "hv01", "corp", "operator", "Authorization", "Negotiate", "TlRMTVNT");
    }

    @Test
    void aFileThatStillHoldsANameIsDeletedWithOneSentence() {
        Path dir = tmp.resolve("rec");
        Recorder r = new Recorder(dir, false, CLOCK);
        TransportListener l = r.listener("hv01:5985", TransportListener.NONE);
        // A user called like an element: its text is replaced, the element name cannot be.
        r.credentials("Status", null);
        exchange(l, get("uuid:A", "http://hv01:5985/wsman"), 200, answer("HV01", "ok"));
        RecordingException e = assertThrows(RecordingException.class, r::finish);
        assertTrue(e.getMessage().startsWith("the recording in " + dir + " was deleted, because "), e.getMessage());
        assertTrue(e.getMessage().endsWith("still held the user name"), e.getMessage());
        assertFalse(Files.exists(dir));
    }

    @Test
    void keepingNamesStillRefusesThePassword() {
        Path dir = tmp.resolve("rec");
        Recorder r = new Recorder(dir, true, CLOCK);
        TransportListener l = r.listener("hv01:5985", TransportListener.NONE);
        r.credentials("CORP\\operator", "RUNNING ON".toCharArray());
        exchange(l, get("uuid:A", "http://hv01:5985/wsman"), 200, answer("HV01", "Running on HV01"));
        RecordingException e = assertThrows(RecordingException.class, r::finish);
        assertTrue(e.getMessage().endsWith("still held the password"), e.getMessage());
        assertFalse(Files.exists(dir));
    }
}
