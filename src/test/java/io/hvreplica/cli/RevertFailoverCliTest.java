package io.hvreplica.cli;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.hvreplica.simulator.SimulatedHost;
import io.hvreplica.testing.MiniJson;
import io.hvreplica.testing.XmlAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code hvreplica revert-failover} end to end through {@link Main#run} against the simulated host:
 * Basic over HTTP with --allow-unencrypted, the password from the Environment, and a job watcher
 * whose sleeps only advance a fake clock. Asserts on exit codes, stdout/stderr, the JSON result and
 * the requests in WireMock's journal.
 */
class RevertFailoverCliTest {
    private static final String USER = SimulatedHost.USER;
    private static final String PASSWORD = SimulatedHost.PASSWORD;

    private static final String APP_VM_01 = "4F1C2A77-9B3E-4E15-A6D2-1C8E5B7F3A01";
    private static final String APP_VM_01_JOB = "2B7E5D19-8C34-4A6F-9E12-7D0C3B5A8F61";
    private static final String APP_VM_02 = "7D2E8B13-5C4A-4F6B-9E21-3A7C9D0E4B02";
    private static final String DB_VM_03 = "5E1D9A64-2B7F-4C83-8D15-6F0A2C4E9B03";
    private static final String DB_VM_03_JOB = "8F3A1C6E-5D27-4B90-A4E8-1C6F9B2D7E53";
    private static final String WEB_1 = "A3B4C5D6-1E2F-4A5B-8C7D-9E0F1A2B3C41";
    private static final String WEB_2 = "B8C9D0E1-2F3A-4B5C-9D8E-0F1A2B3C4D42";
    private static final String SLOW_VM_05_JOB = "3D9C7B1A-6E45-4F82-B0D3-9A5E1C7F2B85";
    private static final String GONE_VM_09_JOB = "C41F8E27-9B6D-4A53-8E0C-5D7A2F1B9E09";

    private static final String V2 = "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/";
    private static final String GET_ACTION = "http://schemas.xmlsoap.org/ws/2004/09/transfer/Get";
    private static final String REVERT_ACTION = V2 + "Msvm_ReplicationService/RevertFailover";
    private static final String W = "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd";
    private static final String A = "http://schemas.xmlsoap.org/ws/2004/08/addressing";

    private static final String XXE_MARKER = "XXE-MARKER-51c0ffee-read-from-disk";
    private static final int FIVE_MIB = 5 * 1024 * 1024;

    private static final String RELATES_TO = "{{xPath request.body '/*[local-name()=\"Envelope\"]"
            + "/*[local-name()=\"Header\"]/*[local-name()=\"MessageID\"]/text()'}}";

    @TempDir
    static Path dir;
    private static SimulatedHost host;
    private static Path secret;

    @BeforeAll
    static void start() throws Exception {
        host = SimulatedHost.start(0);
        secret = dir.resolve("secret.txt");
        Files.writeString(secret, XXE_MARKER);
        // Hostile or broken answers to the VM look-up of one VM name each; priority 3 outranks the
        // catalog (5) but not the authentication stubs (1, 2).
        lookupAnswers("broken-empty-500", aResponse().withStatus(500));
        lookupAnswers("broken-malformed", aResponse().withStatus(200)
                .withHeader("Content-Type", "application/soap+xml;charset=UTF-8")
                .withBody("<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body><n:Enumerate"));
        lookupAnswers("broken-html", aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html")
                .withBody("<html><body><h1>502 Bad Gateway</h1></body></html>"));
        lookupAnswers("broken-xxe", aResponse().withStatus(500)
                .withHeader("Content-Type", "application/soap+xml;charset=UTF-8")
                .withBody(xxeFault("")));
        // The DTD hides behind a comment that itself contains '<' characters.
        lookupAnswers("broken-xxe-comment", aResponse().withStatus(500)
                .withHeader("Content-Type", "application/soap+xml;charset=UTF-8")
                .withBody(xxeFault("<!-- a <tag> in a comment -->")));
        lookupAnswers("broken-xxe-ok", aResponse().withStatus(200)
                .withHeader("Content-Type", "application/soap+xml;charset=UTF-8")
                .withBody(xxeVm()));
        // Two elements in s:Body: CXF's own payload reading failed on it with an internal error.
        lookupAnswers("broken-two-bodies", aResponse().withStatus(200)
                .withHeader("Content-Type", "application/soap+xml;charset=UTF-8")
                .withBody(envelope("<n:EnumerateResponse xmlns:n=\"http://schemas.xmlsoap.org/ws/2004/09/enumeration\"/>"
                        + "<n:EnumerateResponse xmlns:n=\"http://schemas.xmlsoap.org/ws/2004/09/enumeration\"/>")));
        // Legal XML that Windows does send: whitespace around the QNames of the fault codes.
        lookupAnswers("padded-fault", aResponse().withStatus(500)
                .withHeader("Content-Type", "application/soap+xml;charset=UTF-8")
                .withBody(envelope("<s:Fault><s:Code><s:Value>\n  s:Receiver\n</s:Value><s:Subcode><s:Value> w:TimedOut "
                        + "</s:Value></s:Subcode></s:Code><s:Reason><s:Text xml:lang=\"en-US\">The WMI provider on"
                        + " HV-REPLICA01 did not answer within the operation timeout.</s:Text></s:Reason></s:Fault>")));
        // A German host answering in UTF-16, as the Content-Type says.
        lookupAnswers("utf16-fault", aResponse().withStatus(500)
                .withHeader("Content-Type", "application/soap+xml;charset=UTF-16")
                .withBody(envelope("<s:Fault><s:Code><s:Value>s:Sender</s:Value></s:Code><s:Reason>"
                        + "<s:Text xml:lang=\"de-DE\">Zugriff verweigert für Gäste auf HV-REPLICA01.</s:Text>"
                        + "</s:Reason></s:Fault>").getBytes(StandardCharsets.UTF_16)));
        lookupAnswers("broken-xxe-utf16", aResponse().withStatus(500)
                .withHeader("Content-Type", "application/soap+xml;charset=UTF-16")
                .withBody(xxeFault("").replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"")
                        .getBytes(StandardCharsets.UTF_16)));
        lookupAnswers("broken-huge", aResponse().withStatus(200)
                .withHeader("Content-Type", "application/soap+xml;charset=UTF-8")
                .withBody(hugeBody()));
        // The Invoke for sync-vm-04 reaches the host, which drops the connection without an answer.
        host.server().stubFor(post(urlPathEqualTo("/wsman")).atPriority(3)
                .withRequestBody(containing(REVERT_ACTION))
                .withRequestBody(containing("0C6B3F28-8E1D-4A97-B5C4-2D9E7F1A6C04"))
                .willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    @BeforeEach
    void reset() {
        host.server().resetRequests();
        host.resetJobs();
    }

    private static void lookupAnswers(String vmName, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder r) {
        host.server().stubFor(post(urlPathEqualTo("/wsman")).atPriority(3)
                .withRequestBody(containing("Msvm_ComputerSystem WHERE ElementName = '" + vmName + "'"))
                .willReturn(r));
    }

    private static String envelope(String body) {
        return "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:a=\"" + A + "\" xmlns:w=\""
                + W + "\"><s:Header><a:RelatesTo>" + RELATES_TO + "</a:RelatesTo></s:Header><s:Body>" + body
                + "</s:Body></s:Envelope>";
    }

    private static String xxeFault(String before) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + before
                + "<!DOCTYPE s:Envelope [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"
                + "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:a=\"" + A + "\">"
                + "<s:Header><a:RelatesTo>" + RELATES_TO + "</a:RelatesTo></s:Header>"
                + "<s:Body><s:Fault><s:Code><s:Value>s:Receiver</s:Value></s:Code>"
                + "<s:Reason><s:Text xml:lang=\"en-US\">leak: &xxe;</s:Text></s:Reason></s:Fault></s:Body></s:Envelope>";
    }

    /** A look-up answer whose VM name is the entity: printed if the entity were ever expanded. */
    private static String xxeVm() {
        return "<!DOCTYPE s:Envelope [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"
                + "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:a=\"" + A + "\""
                + " xmlns:n=\"http://schemas.xmlsoap.org/ws/2004/09/enumeration\" xmlns:w=\"" + W + "\">"
                + "<s:Header><a:RelatesTo>" + RELATES_TO + "</a:RelatesTo></s:Header><s:Body><n:EnumerateResponse>"
                + "<w:Items><w:Item><p:Msvm_ComputerSystem xmlns:p=\"" + V2 + "Msvm_ComputerSystem\">"
                + "<p:ElementName>&xxe;</p:ElementName><p:Name>" + APP_VM_01 + "</p:Name><p:ReplicationMode>2"
                + "</p:ReplicationMode><p:ReplicationState>5</p:ReplicationState></p:Msvm_ComputerSystem></w:Item>"
                + "</w:Items><w:EndOfSequence/></n:EnumerateResponse></s:Body></s:Envelope>";
    }

    private static String hugeBody() {
        StringBuilder b = new StringBuilder(FIVE_MIB + 512);
        b.append("<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body><!--");
        while (b.length() < FIVE_MIB) {
            b.append("padding padding padding padding padding padding padding padding padding padding\n");
        }
        return b.append("--></s:Body></s:Envelope>").toString();
    }

    // ---- running the CLI ----

    record Run(int exitCode, String out, String err, List<Duration> sleeps) {
        Map<String, Object> json() {
            String[] lines = out.strip().split("\\R");
            assertEquals(1, lines.length, "stdout must be exactly one JSON line: " + out);
            return MiniJson.object(lines[0]);
        }

        Object field(String dotted) {
            return MiniJson.path(json(), dotted);
        }

        String all() {
            return out + err;
        }
    }

    private static Run run(String... args) {
        return runWith((file, user) -> PASSWORD.toCharArray(), args);
    }

    private static Run runWith(BiFunction<Path, String, char[]> password, String... args) {
        return runWith(true, password, args);
    }

    /** @param configured whether a password counts as configured (environment variable or file) */
    private static Run runWith(boolean configured, BiFunction<Path, String, char[]> password, String... args) {
        Cli.Run cli = Cli.run(configured, password, args);
        Run run = new Run(cli.exitCode(), cli.out(), cli.err(), List.copyOf(cli.env().sleeps()));
        assertNoStackTrace(run);
        return run;
    }

    /** Basic over HTTP to the simulator, plus {@code extra}. */
    private static String[] revert(String... extra) {
        List<String> args = new ArrayList<>(List.of("revert-failover", "--endpoint", host.endpoint(),
                "--auth", "basic", "--allow-unencrypted", "--user", USER));
        args.addAll(Arrays.asList(extra));
        return args.toArray(String[]::new);
    }

    // "Exception" may appear only as the name of JobState 10; never a Java exception or a stack frame.
    private static final Pattern JAVA_EXCEPTION = Pattern.compile("\\w(Exception|Error)\\b|Exception:|\tat |Caused by:");

    private static final Pattern JOB_STATE_10 = Pattern.compile("(state |: |\"state\":\")Exception\\b");

    private static void assertNoStackTrace(Run run) {
        String text = JOB_STATE_10.matcher(run.all()).replaceAll("$1<job state 10>");
        assertFalse(text.contains("Exception"), "output mentions an exception:\n" + run.all());
        assertFalse(JAVA_EXCEPTION.matcher(run.all()).find(), "output has a stack trace:\n" + run.all());
        assertFalse(run.all().contains("\tat "), run.all());
    }

    private static List<LoggedRequest> requests(String bodyPart) {
        return host.server().findAll(postRequestedFor(urlPathEqualTo("/wsman")).withRequestBody(containing(bodyPart)));
    }

    private static long num(Object o) {
        assertNotNull(o);
        return ((Number) o).longValue();
    }

    private static void assertBase(Run run, String vmName, String vmId) {
        assertEquals("revert-failover", run.field("operation"));
        assertEquals("127.0.0.1", run.field("host"));
        assertEquals(vmName, run.field("vm.name"));
        assertEquals(vmId, run.field("vm.id"));
    }

    private static List<String> lines(String s) {
        return s.isEmpty() ? List.of() : List.of(s.split("\\R"));
    }

    /** Exactly one error line on stderr; a parse error may add a "Try ... --help" hint. */
    private static String oneErrorLine(Run run) {
        List<String> err = new ArrayList<>(lines(run.err().strip()));
        err.removeIf(l -> l.matches("Try 'hvreplica( revert-failover)? --help'\\."));
        assertEquals(1, err.size(), "expected one error line, got:\n" + run.err());
        assertTrue(err.get(0).startsWith("hvreplica: "), err.get(0));
        return err.get(0);
    }

    // ---- success ----

    @Test
    void revertWithAJobThatNeedsSeveralPollsCompletesInJson() {
        Run run = run(revert("--vm", "app-vm-01", "--output", "json"));

        assertEquals(0, run.exitCode(), run.all());
        assertBase(run, "app-vm-01", APP_VM_01);
        assertEquals(4096L, num(run.field("returnValue")));
        assertEquals("Method Parameters Checked - Job Started", run.field("returnMeaning"));
        assertEquals(APP_VM_01_JOB, run.field("job.instanceId"));
        assertEquals(7L, num(run.field("job.jobState")));
        assertEquals("Completed", run.field("job.state"));
        assertEquals(100L, num(run.field("job.percentComplete")));
        assertEquals(0L, num(run.field("job.errorCode")));
        assertNull(run.field("job.errorDescription"));
        assertNull(run.field("job.errorSummaryDescription"));
        assertEquals("completed", run.field("outcome"));
        assertNull(run.json().get("error"));
        assertTrue(run.json().containsKey("error"), "error is present as null");
        // The job id goes to stderr as soon as it is known.
        assertTrue(run.err().contains(APP_VM_01_JOB), run.err());

        List<LoggedRequest> gets = requests(GET_ACTION);
        assertTrue(gets.size() >= 4, "job polls: " + gets.size());
        assertEquals(5, gets.size(), "one Get per recorded job step");
        gets.forEach(g -> assertTrue(g.getBodyAsString().contains(APP_VM_01_JOB)));
        assertEquals(1, requests(REVERT_ACTION).size(), "RevertFailover is invoked exactly once");

        List<Duration> sleeps = run.sleeps();
        assertFalse(sleeps.isEmpty());
        assertEquals(Duration.ofMillis(100), sleeps.get(0));
        for (int i = 1; i < sleeps.size(); i++) {
            assertTrue(sleeps.get(i).compareTo(sleeps.get(i - 1)) > 0, "delays grow: " + sleeps);
        }
        sleeps.forEach(d -> assertTrue(d.compareTo(Duration.ofMillis(1500)) <= 0, "at most 1.5 s: " + sleeps));
        assertEquals(gets.size() - 1, sleeps.size(), "one sleep between two polls: " + sleeps);
    }

    @Test
    void textModePrintsTheJobIdBeforeAnyProgressLine() {
        Run run = run(revert("--vm", "app-vm-01"));

        assertEquals(0, run.exitCode(), run.all());
        List<String> out = lines(run.out());
        int started = -1;
        int firstProgress = -1;
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).equals("RevertFailover started job " + APP_VM_01_JOB) && started < 0) {
                started = i;
            }
            if (out.get(i).startsWith("job " + APP_VM_01_JOB + ": ") && firstProgress < 0) {
                firstProgress = i;
            }
        }
        assertTrue(started >= 0, "job id line:\n" + run.out());
        assertTrue(firstProgress > started, "the job id comes before any progress:\n" + run.out());
        assertTrue(out.get(0).startsWith("VM 'app-vm-01' (" + APP_VM_01 + ") on 127.0.0.1: Replica, replication state"
                + " Recovered"), run.out());
        assertTrue(run.out().contains("job " + APP_VM_01_JOB + ": Completed 100%"), run.out());
        assertTrue(out.get(out.size() - 2).startsWith("Completed: the failover of 'app-vm-01' was reverted"), run.out());
        assertEquals("VM 'app-vm-01' is now in replication state Replicating, off.", out.get(out.size() - 1), run.out());
        assertEquals("", run.err());
    }

    @Test
    void synchronousReturnValueZeroByIdCompletesWithoutAJob() {
        // By id, in lower case and braces as Get-VM prints it: the ambiguous name does not matter.
        Run run = run(revert("--vm-id", "{" + WEB_1.toLowerCase() + "}", "--output", "json"));

        assertEquals(0, run.exitCode(), run.all());
        assertBase(run, "web-frontend", WEB_1);
        assertEquals(0L, num(run.field("returnValue")));
        assertEquals("Completed with No Error", run.field("returnMeaning"));
        assertNull(run.field("job"));
        assertEquals("completed", run.field("outcome"));
        assertEquals(0, requests(GET_ACTION).size(), "no job to poll");
        assertEquals(2, requests("Msvm_ComputerSystem WHERE Name = '" + WEB_1 + "'").size(),
                "looked up by GUID, and read again after the revert");
    }

    // ---- refusals and failures ----

    @Test
    void invalidStateIsExplainedWithTheReplicationState() {
        Run run = run(revert("--vm", "app-vm-02", "--output", "json"));

        assertEquals(1, run.exitCode(), run.all());
        assertBase(run, "app-vm-02", APP_VM_02);
        assertEquals(32775L, num(run.field("returnValue")));
        assertEquals("Invalid state for this operation", run.field("returnMeaning"));
        assertNull(run.field("job"));
        assertEquals("failed", run.field("outcome"));
        assertEquals("refused", run.field("error.kind"));
        String message = (String) run.field("error.message");
        assertTrue(message.contains("32775"), message);
        assertTrue(message.contains("Replicating"), message);
        assertTrue(message.contains("needs") && message.contains("Recovered"), message);
        assertEquals(0, requests(GET_ACTION).size());

        Run text = run(revert("--vm", "app-vm-02"));
        assertEquals(1, text.exitCode());
        String line = oneErrorLine(text);
        assertTrue(line.contains("Replicating") && line.contains("Recovered"), line);
    }

    @Test
    void jobEndingInExceptionReportsTheHostsErrorFields() {
        Run run = run(revert("--vm", "db-vm-03", "--output", "json"));

        assertEquals(1, run.exitCode(), run.all());
        assertBase(run, "db-vm-03", DB_VM_03);
        assertEquals(4096L, num(run.field("returnValue")));
        assertEquals(DB_VM_03_JOB, run.field("job.instanceId"));
        assertEquals(10L, num(run.field("job.jobState")));
        assertEquals("Exception", run.field("job.state"));
        assertEquals(35L, num(run.field("job.percentComplete")));
        assertEquals(32768L, num(run.field("job.errorCode")));
        String description = (String) run.field("job.errorDescription");
        assertTrue(description.startsWith("'db-vm-03' failed to revert failover. The virtual machine is running"),
                description);
        assertTrue(description.contains(DB_VM_03), description);
        assertEquals("Failed to revert failover for virtual machine 'db-vm-03'.", run.field("job.errorSummaryDescription"));
        assertEquals("failed", run.field("outcome"));
        assertEquals("job-failed", run.field("error.kind"));
        String message = (String) run.field("error.message");
        assertTrue(message.contains("32768") && message.contains("turn it off before reverting"), message);

        Run text = run(revert("--vm", "db-vm-03"));
        assertEquals(1, text.exitCode());
        String line = oneErrorLine(text);
        assertTrue(line.contains("Exception"), line);
        assertTrue(line.contains("error 32768"), line);
        assertTrue(line.contains("Failed to revert failover for virtual machine 'db-vm-03'."), line);
        assertTrue(line.contains("turn it off before reverting the failover"), line);
    }

    @Test
    void unknownVmNameExitsSix() {
        Run run = run(revert("--vm", "no-such-vm", "--output", "json"));

        assertEquals(6, run.exitCode(), run.all());
        assertEquals("vm-not-found", run.field("error.kind"));
        assertTrue(((String) run.field("error.message")).contains("no-such-vm"));
        assertEquals("failed", run.field("outcome"));
        assertNull(run.field("vm.name"));
        assertEquals(0, requests(REVERT_ACTION).size());
    }

    @Test
    void ambiguousNameExitsTwoAndListsBothIds() {
        Run run = run(revert("--vm", "web-frontend", "--output", "json"));

        assertEquals(2, run.exitCode(), run.all());
        assertEquals("ambiguous-vm", run.field("error.kind"));
        String message = (String) run.field("error.message");
        assertTrue(message.contains(WEB_1) && message.contains(WEB_2), message);
        assertTrue(message.contains("--vm-id"), message);
        assertEquals(0, requests(REVERT_ACTION).size());

        Run text = run(revert("--vm", "web-frontend"));
        assertEquals(2, text.exitCode());
        String line = oneErrorLine(text);
        assertTrue(line.contains(WEB_1) && line.contains(WEB_2), line);
    }

    @Test
    void accessDeniedForAReadOnlyUserExitsThree() {
        Run run = runWith((f, u) -> SimulatedHost.READONLY_PASSWORD.toCharArray(), "revert-failover",
                "--endpoint", host.endpoint(), "--auth", "basic", "--allow-unencrypted",
                "--user", SimulatedHost.READONLY_USER, "--vm", "app-vm-01", "--output", "json");

        assertEquals(3, run.exitCode(), run.all());
        assertEquals("access-denied", run.field("error.kind"));
        String message = (String) run.field("error.message");
        assertTrue(message.contains("AccessDenied") && message.contains("Access is denied"), message);
        assertEquals(0, requests(REVERT_ACTION).size());
    }

    @Test
    void accessDeniedOnTheInvokeExitsThree() {
        Run run = run(revert("--vm", "locked-vm-06", "--output", "json"));

        assertEquals(3, run.exitCode(), run.all());
        assertEquals("access-denied", run.field("error.kind"));
        assertEquals("locked-vm-06", run.field("vm.name"), "the VM was found before the refusal");
        assertEquals(1, requests(REVERT_ACTION).size());
    }

    @Test
    void aJobThatVanishesKeepsItsLastStateAndRereadsTheVm() {
        Run run = run(revert("--vm", "gone-vm-09", "--output", "json"));

        assertEquals(4, run.exitCode(), run.all());
        assertEquals("job-gone", run.field("outcome"));
        assertEquals("job-gone", run.field("error.kind"));
        assertEquals(GONE_VM_09_JOB, run.field("job.instanceId"));
        assertEquals(4L, num(run.field("job.jobState")), "the last state seen, Running");
        assertEquals(55L, num(run.field("job.percentComplete")));
        assertEquals(5L, num(run.field("vm.replicationStateAfter")));
        String message = (String) run.field("error.message");
        assertTrue(message.contains("no longer has job " + GONE_VM_09_JOB + " (last seen Running 55%)"), message);
        assertTrue(message.contains("replication state Recovered (5)"), message);
        assertFalse(message.contains("--resume"), message);
        // The look-up by name, then the re-read by id after the job vanished.
        assertEquals(1, requests(REVERT_ACTION).size());

        Run text = run(revert("--vm", "gone-vm-09"));
        assertEquals(4, text.exitCode());
        String line = oneErrorLine(text);
        assertTrue(line.contains("job-gone") && line.contains(GONE_VM_09_JOB), line);
    }

    @Test
    void aFailedPollAfterTheJobStartedNamesTheJobAndItsLastState() {
        StubMapping broken = host.server().stubFor(post(urlPathEqualTo("/wsman")).atPriority(3)
                .withRequestBody(containing(GET_ACTION)).withRequestBody(containing(APP_VM_01_JOB))
                .willReturn(aResponse().withStatus(502).withHeader("Content-Type", "text/html")
                        .withBody("<html><body>502 Bad Gateway</body></html>")));
        try {
            Run run = run(revert("--vm", "app-vm-01", "--output", "json"));
            assertEquals(4, run.exitCode(), run.all());
            assertEquals("protocol", run.field("error.kind"));
            assertEquals(APP_VM_01_JOB, run.field("job.instanceId"));
            assertEquals(4096L, num(run.field("returnValue")));
            String message = (String) run.field("error.message");
            assertTrue(message.contains("--resume " + APP_VM_01_JOB), message);
        } finally {
            host.server().removeStub(broken);
        }
    }

    // ---- an Invoke whose answer cannot be used: it ran, so the outcome is unknown, never "failed" ----

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> unusableInvokeAnswers() {
        String ok = "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:a=\"" + A + "\">"
                + "<s:Header><a:RelatesTo>%s</a:RelatesTo></s:Header><s:Body><p:RevertFailover_OUTPUT"
                + " xmlns:p=\"" + V2 + "Msvm_ReplicationService\"><p:ReturnValue>0</p:ReturnValue>"
                + "</p:RevertFailover_OUTPUT></s:Body></s:Envelope>";
        return java.util.stream.Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("malformed", 200, "application/soap+xml;charset=UTF-8",
                        cut(String.format(ok, RELATES_TO), "<p:ReturnValue>"), "not well-formed XML"),
                org.junit.jupiter.params.provider.Arguments.of("dtd", 200, "application/soap+xml;charset=UTF-8",
                        "<!DOCTYPE s:Envelope [<!ENTITY x \"y\">]>" + String.format(ok, RELATES_TO), "DTD"),
                org.junit.jupiter.params.provider.Arguments.of("relates-to", 200, "application/soap+xml;charset=UTF-8",
                        String.format(ok, "uuid:00000000-1111-2222-3333-444444444444"), "relates to"),
                org.junit.jupiter.params.provider.Arguments.of("no-return-value", 200, "application/soap+xml;charset=UTF-8",
                        String.format(ok, RELATES_TO).replace("<p:ReturnValue>0</p:ReturnValue>", ""), "no ReturnValue"),
                org.junit.jupiter.params.provider.Arguments.of("proxy-page", 502, "text/html",
                        "<html><body>502 Bad Gateway</body></html>", "HTTP 502"),
                org.junit.jupiter.params.provider.Arguments.of("oversized", 200, "application/soap+xml;charset=UTF-8",
                        hugeBody(), "byte limit"));
    }

    private static String cut(String body, String before) {
        return body.substring(0, body.indexOf(before));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("unusableInvokeAnswers")
    void anUnusableAnswerToTheInvokeIsOutcomeUnknownWithTheStateReadAgain(String name, int status, String type,
                                                                          String body, String reason) {
        StubMapping answer = host.server().stubFor(post(urlPathEqualTo("/wsman")).atPriority(3)
                .withRequestBody(containing(REVERT_ACTION)).withRequestBody(containing(APP_VM_01))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", type).withBody(body)));
        try {
            Run run = run(revert("--vm", "app-vm-01", "--output", "json"));
            assertEquals(4, run.exitCode(), run.all());
            assertEquals("outcome-unknown", run.field("outcome"));
            assertEquals("outcome-unknown", run.field("error.kind"));
            assertEquals(5L, num(run.field("vm.replicationStateAfter")));
            String message = (String) run.field("error.message");
            assertTrue(message.contains("app-vm-01") && message.contains("may or may not have run"), message);
            assertTrue(message.contains(reason), message);
            assertTrue(message.contains("Do not run it again blindly"), message);
            assertEquals(1, requests(REVERT_ACTION).size(), "the Invoke is never re-sent");

            Run text = run(revert("--vm", "app-vm-01"));
            assertEquals(4, text.exitCode());
            assertTrue(oneErrorLine(text).contains("outcome-unknown"), text.err());
        } finally {
            host.server().removeStub(answer);
        }
    }

    @Test
    void wrongPasswordExitsThree() {
        Run run = runWith((f, u) -> "not-the-password".toCharArray(), revert("--vm", "app-vm-01", "--output", "json"));

        assertEquals(3, run.exitCode(), run.all());
        assertEquals("authentication", run.field("error.kind"));
        assertTrue(((String) run.field("error.message")).contains("401"));
        assertFalse(run.all().contains("not-the-password"));

        Run text = runWith((f, u) -> "not-the-password".toCharArray(), revert("--vm", "app-vm-01"));
        assertEquals(3, text.exitCode());
        oneErrorLine(text);
    }

    // ---- broken or hostile hosts ----

    @Test
    void http500WithAnEmptyBodyExitsFourWithOneSentence() {
        Run run = run(revert("--vm", "broken-empty-500"));

        assertEquals(4, run.exitCode(), run.all());
        String line = oneErrorLine(run);
        assertTrue(line.contains("HTTP 500 with an empty body"), line);
        assertEquals(1, line.split("\\. ").length, "one sentence: " + line);
        assertEquals("protocol", run(revert("--vm", "broken-empty-500", "--output", "json")).field("error.kind"));
    }

    @Test
    void malformedXmlExitsFour() {
        Run run = run(revert("--vm", "broken-malformed", "--output", "json"));

        assertEquals(4, run.exitCode(), run.all());
        assertEquals("protocol", run.field("error.kind"));
        String message = (String) run.field("error.message");
        assertTrue(message.contains("not well-formed XML"), message);
        assertFalse(message.contains("\n"), "one line: " + message);
    }

    @Test
    void aBodyOfTwoElementsExitsFourWithOneSentenceOfOurOwn() {
        Run run = run(revert("--vm", "broken-two-bodies", "--output", "json"));

        assertEquals(4, run.exitCode(), run.all());
        assertEquals("protocol", run.field("error.kind"));
        assertEquals("the host's SOAP body holds 2 elements where WS-Management sends one", run.field("error.message"));
        String line = oneErrorLine(run(revert("--vm", "broken-two-bodies")));
        assertFalse(line.contains("Cannot invoke") || line.contains("null") || line.contains("org."), line);
    }

    @Test
    void aFaultWithWhitespaceAroundItsCodesIsReadAsTheFaultItIs() {
        Run run = run(revert("--vm", "padded-fault", "--output", "json"));

        assertEquals(1, run.exitCode(), run.all());
        assertEquals("fault", run.field("error.kind"));
        assertEquals("the host returned fault TimedOut: The WMI provider on HV-REPLICA01 did not answer within the"
                + " operation timeout.", run.field("error.message"));
    }

    @Test
    void aUtf16FaultIsDecodedByItsContentType() {
        Run run = run(revert("--vm", "utf16-fault", "--output", "json"));

        assertEquals(1, run.exitCode(), run.all());
        assertEquals("the host returned fault Sender: Zugriff verweigert für Gäste auf HV-REPLICA01.",
                run.field("error.message"));
    }

    @Test
    void htmlErrorPageInsteadOfSoapExitsFour() {
        Run run = run(revert("--vm", "broken-html", "--output", "json"));

        assertEquals(4, run.exitCode(), run.all());
        assertEquals("protocol", run.field("error.kind"));
    }

    /** The file behind the entity never shows, in JSON or in the -v wire log; then the exit code. */
    private static void assertEntityRefused(String vm) {
        Run json = run(revert("--vm", vm, "--output", "json"));
        Run verbose = run(revert("--vm", vm, "-v"));
        assertFalse(json.all().contains(XXE_MARKER), vm + " leaked the file: " + json.all());
        assertFalse(verbose.all().contains(XXE_MARKER), vm + " leaked the file: " + verbose.all());
        assertEquals(4, json.exitCode(), vm + ": " + json.all());
        assertEquals("protocol", json.field("error.kind"), vm);
        assertEquals(4, verbose.exitCode(), vm + ": " + verbose.all());
    }

    @Test
    void faultWithAnExternalEntityIsRefusedAndTheFileNeverRead() {
        assertEntityRefused("broken-xxe");
    }

    @Test
    void answerWithAnExternalEntityInTheVmNameIsRefusedAndTheFileNeverRead() {
        assertEntityRefused("broken-xxe-ok");
    }

    @Test
    void externalEntityInAUtf16FaultIsRefusedAndTheFileNeverRead() {
        assertEntityRefused("broken-xxe-utf16");
    }

    @Test
    void externalEntityBehindACommentIsRefusedAndTheFileNeverRead() {
        assertEntityRefused("broken-xxe-comment");
    }

    @Test
    void oversizedResponseIsRefusedNamingTheLimit() {
        Run run = run(revert("--vm", "broken-huge", "--output", "json"));

        assertEquals(4, run.exitCode(), run.all());
        assertEquals("protocol", run.field("error.kind"));
        String message = (String) run.field("error.message");
        assertTrue(message.contains("4194304-byte limit"), message);
        assertTrue(run.out().length() < 4096, "the body is not echoed");
    }

    @Test
    void connectionRefusedExitsFour() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Run run = run("revert-failover", "--endpoint", "http://127.0.0.1:" + port + "/wsman", "--auth", "basic",
                "--allow-unencrypted", "--user", USER, "--vm", "app-vm-01", "--output", "json");

        assertEquals(4, run.exitCode(), run.all());
        assertEquals("connection", run.field("error.kind"));
        String message = (String) run.field("error.message");
        assertTrue(message.contains("127.0.0.1:" + port), message);
    }

    @Test
    void connectionLostAfterTheInvokeWasSentIsOutcomeUnknownAndNotRepeated() {
        Run run = run(revert("--vm", "sync-vm-04", "--output", "json"));

        assertEquals(4, run.exitCode(), run.all());
        assertEquals("outcome-unknown", run.field("error.kind"));
        String message = (String) run.field("error.message");
        assertTrue(message.contains("sync-vm-04") && message.contains("may or may not have run"), message);
        assertEquals(5L, num(run.field("vm.replicationStateAfter")), "read again on a fresh connection");
        assertTrue(message.contains("Do not run it again blindly"), message);
        assertEquals(1, requests(REVERT_ACTION).size(), "the Invoke is never re-sent");
    }

    // ---- waiting ----

    @Test
    void deadlinePassingExitsFiveAndReportsTheJob() {
        Run run = run(revert("--vm", "slow-vm-05", "--timeout", "90s", "--output", "json"));

        assertEquals(5, run.exitCode(), run.all());
        assertEquals("timeout", run.field("outcome"));
        assertEquals("timeout", run.field("error.kind"));
        assertEquals(SLOW_VM_05_JOB, run.field("job.instanceId"));
        assertEquals(4L, num(run.field("job.jobState")));
        assertEquals(40L, num(run.field("job.percentComplete")));
        assertTrue(((String) run.field("error.message")).contains("90 s"), (String) run.field("error.message"));
        assertTrue(run.err().contains(SLOW_VM_05_JOB), "job id on stderr: " + run.err());
        Duration waited = run.sleeps().stream().reduce(Duration.ZERO, Duration::plus);
        assertEquals(Duration.ofSeconds(90), waited, "the fake clock reached the deadline exactly");
        run.sleeps().forEach(d -> assertTrue(d.compareTo(Duration.ofMillis(1500)) <= 0));

        Run text = run(revert("--vm", "slow-vm-05", "--timeout", "90s"));
        assertEquals(5, text.exitCode());
        assertTrue(text.out().contains("RevertFailover started job " + SLOW_VM_05_JOB), text.out());
        String line = oneErrorLine(text);
        assertTrue(line.contains(SLOW_VM_05_JOB) && line.contains("timeout"), line);
    }

    @Test
    void noWaitPrintsTheJobIdAndDoesNotPoll() {
        Run run = run(revert("--vm", "app-vm-01", "--no-wait", "--output", "json"));

        assertEquals(0, run.exitCode(), run.all());
        assertEquals("not-waited", run.field("outcome"));
        assertEquals(APP_VM_01_JOB, run.field("job.instanceId"));
        assertNull(run.field("job.jobState"));
        assertNull(run.field("error"));
        assertEquals(0, requests(GET_ACTION).size(), "no job polling");
        assertEquals(1, requests(REVERT_ACTION).size());
        assertTrue(run.sleeps().isEmpty());

        Run text = run(revert("--vm", "app-vm-01", "--no-wait"));
        assertEquals(0, text.exitCode());
        assertTrue(text.out().contains("RevertFailover started job " + APP_VM_01_JOB), text.out());
        assertTrue(text.out().contains("Not waiting for job " + APP_VM_01_JOB), text.out());
    }

    @Test
    void dryRunPrintsTheEnvelopeAndInvokesNothing() {
        Run run = run(revert("--vm", "app-vm-01", "--dry-run", "--output", "json"));

        assertEquals(0, run.exitCode(), run.all());
        assertEquals("dry-run", run.field("outcome"));
        assertBase(run, "app-vm-01", APP_VM_01);
        String envelope = (String) run.field("envelope");
        assertNotNull(envelope);
        assertTrue(envelope.contains("RevertFailover_INPUT"), envelope);

        Document doc = XmlAssert.parse(envelope);
        Element input = (Element) doc.getElementsByTagNameNS(V2 + "Msvm_ReplicationService", "RevertFailover_INPUT").item(0);
        assertNotNull(input, envelope);
        NodeList inputSelectors = input.getElementsByTagNameNS(W, "Selector");
        Map<String, String> vmRef = selectors(inputSelectors);
        assertEquals(APP_VM_01, vmRef.get("Name"), envelope);
        assertEquals("Msvm_ComputerSystem", vmRef.get("CreationClassName"), envelope);
        Element header = (Element) doc.getElementsByTagNameNS("http://www.w3.org/2003/05/soap-envelope", "Header").item(0);
        Map<String, String> service = new LinkedHashMap<>();
        for (Element set : children(header, W, "SelectorSet")) {
            service.putAll(selectors(set.getElementsByTagNameNS(W, "Selector")));
        }
        assertEquals(Map.of("CreationClassName", "Msvm_ReplicationService", "Name", "replicasvc",
                "SystemCreationClassName", "Msvm_ComputerSystem", "SystemName", SimulatedHost.HOST_NAME), service);
        assertEquals(REVERT_ACTION, children(header, A, "Action").get(0).getTextContent().trim());

        assertEquals(0, requests(REVERT_ACTION).size(), "a dry run invokes nothing");
        assertEquals(0, requests(GET_ACTION).size());
    }

    private static Map<String, String> selectors(NodeList list) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < list.getLength(); i++) {
            Element s = (Element) list.item(i);
            m.put(s.getAttribute("Name"), s.getTextContent().trim());
        }
        return m;
    }

    private static List<Element> children(Element parent, String ns, String local) {
        List<Element> out = new ArrayList<>();
        for (org.w3c.dom.Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && ns.equals(e.getNamespaceURI()) && local.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }

    // ---- usage errors ----

    private static void assertUsage(Run run, String expectedFragment) {
        assertEquals(2, run.exitCode(), run.all());
        String line = oneErrorLine(run);
        assertTrue(line.contains(expectedFragment), "expected '" + expectedFragment + "' in: " + line);
        assertEquals("", run.out(), "nothing on stdout for a usage error in text mode");
        assertEquals(0, host.server().getAllServeEvents().size(), "a usage error sends nothing");
    }

    @Test
    void usageErrorNoHostNorEndpoint() {
        assertUsage(run("revert-failover", "--auth", "basic", "--allow-unencrypted", "--user", USER, "--vm", "app-vm-01"),
                "--host");
    }

    @Test
    void theSameVmByNameAndByIdRunsOnce() {
        Run run = run(revert("--vm", "app-vm-01", "--vm-id", APP_VM_01, "--output", "json"));
        assertEquals(0, run.exitCode(), run.all());
        assertEquals("completed", run.field("outcome"));
        assertEquals(1, requests(REVERT_ACTION).size(), "one VM, one call");
    }

    @Test
    void usageErrorMalformedVmId() {
        assertUsage(run(revert("--vm-id", "not-a-guid")), "'not-a-guid' is not a VM id");
    }

    @Test
    void usageErrorBadTimeout() {
        assertUsage(run(revert("--vm", "app-vm-01", "--timeout", "soon")), "'soon' is not a duration");
        assertUsage(run(revert("--vm", "app-vm-01", "--timeout", "0s")), "positive");
    }

    @Test
    void usageErrorUnknownFlag() {
        assertUsage(run(revert("--vm", "app-vm-01", "--frobnicate")), "--frobnicate");
    }

    @Test
    void usageErrorBasicOverHttpWithoutAllowUnencrypted() {
        Run run = run("revert-failover", "--endpoint", host.endpoint(), "--auth", "basic", "--user", USER,
                "--vm", "app-vm-01");
        assertUsage(run, "--allow-unencrypted");
        assertTrue(run.err().contains("clear text"), run.err());
    }

    @Test
    void usageErrorNoPasswordAvailable() {
        Run run = runWith(false, (file, user) -> Passwords.read(Map.of(), file, null, user), revert("--vm", "app-vm-01"));
        assertUsage(run, "no password for " + USER);

        Run json = runWith(false, (file, user) -> Passwords.read(Map.of(), file, null, user),
                revert("--vm", "app-vm-01", "--output", "json"));
        assertEquals(2, json.exitCode());
        assertEquals("usage", json.field("error.kind"));
    }

    // ---- input handling and secrets ----

    @Test
    void vmNameWithQuoteAndBackslashIsEscapedInTheWqlFilter() {
        Run run = run(revert("--vm", "o'brien\\vm", "--output", "json"));

        assertEquals(6, run.exitCode(), run.all());
        List<LoggedRequest> lookups = requests("Msvm_ComputerSystem WHERE");
        assertEquals(1, lookups.size());
        String body = lookups.get(0).getBodyAsString();
        assertTrue(body.contains("ElementName = 'o\\'brien\\\\vm'"), body);
        assertEquals("o'brien\\vm", MiniJson.path(run.json(), "error.message") == null ? null
                : extractQuoted((String) run.field("error.message")));
    }

    private static String extractQuoted(String message) {
        int start = message.indexOf("named '") + "named '".length();
        return message.substring(start, message.indexOf("' on ", start));
    }

    @Test
    void wireLogShowsTheTrafficButNeverThePassword() {
        Run run = run(revert("--vm", "app-vm-01", "-v"));

        assertEquals(0, run.exitCode(), run.all());
        String err = run.err();
        assertTrue(err.contains("> POST " + host.endpoint()), err);
        assertTrue(err.contains("< HTTP 200"), err);
        assertTrue(err.contains("RevertFailover_INPUT"), "request bodies are logged");
        assertTrue(err.contains("RevertFailover_OUTPUT"), "response bodies are logged");
        assertTrue(err.contains("Authorization: Basic [redacted]"), err);
        String token = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        for (String secretText : List.of(PASSWORD, token, Base64.getEncoder().encodeToString(
                PASSWORD.getBytes(StandardCharsets.UTF_8)))) {
            assertFalse(run.all().contains(secretText), "the wire log leaks " + secretText);
        }
        // The token did go on the wire: the redaction is in the log only.
        assertTrue(host.server().getAllServeEvents().stream()
                .allMatch(e -> ("Basic " + token).equals(e.getRequest().getHeader("Authorization"))));
    }
}
