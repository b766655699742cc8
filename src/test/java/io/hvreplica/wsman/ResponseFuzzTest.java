package io.hvreplica.wsman;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hvreplica.HvReplicaException;
import io.hvreplica.hyperv.HyperVHost;
import io.hvreplica.hyperv.Operation;
import io.hvreplica.hyperv.VirtualMachine;
import io.hvreplica.hyperv.VmSelector;
import io.hvreplica.transport.InMemoryHttp;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Fuzzes what a host's HTTP answer goes through in production: {@code HttpTransport}'s response
 * handling, {@code TransportConduit}'s checks, CXF's SOAP 1.2 reader, {@code SoapDispatcher}'s
 * fault translation, {@link WsmanClient}'s reply checks and the Hyper-V layer's JAXB reads, over
 * an in-memory HTTP client. Whatever the bytes, only an {@link HvReplicaException} may escape.
 *
 * <p>Input: byte 0 picks the operation; then one or more answers separated by {@link #SEPARATOR}
 * (NUL cannot appear in XML, so it never cuts a real envelope), each starting with one byte that
 * picks the HTTP status (bits 0-2) and Content-Type (bits 3-5). Answers are served in order; the last repeats.
 */
class ResponseFuzzTest {
    static final String MESSAGE_ID = "uuid:00000000-0000-4000-8000-000000000001";
    private static final byte[] SEPARATOR = {0, 0};
    private static final int[] STATUSES = {200, 500, 400, 200, 401, 404, 200, 500};
    private static final String[] TYPES = {"application/soap+xml;charset=UTF-8", "", "text/html; charset=utf-8",
            "application/soap+xml;charset=UTF-16", "multipart/encrypted;protocol=\"application/HTTP-SPNEGO-session-encrypted\"",
            "text/xml", "application/soap+xml;charset=ISO-8859-1", "application/soap+xml"};

    // The test's own process: CXF logs every unreadable response at WARNING, which would flood the output.
    private static final Logger CXF_LOG = Logger.getLogger("org.apache.cxf");

    private static final List<InMemoryHttp.Answer> answers = new ArrayList<>();
    private static int next;
    private static final WsmanClient CLIENT;

    static {
        CXF_LOG.setLevel(Level.OFF);
        CLIENT = new WsmanClient(InMemoryHttp.basic(ResponseFuzzTest::answer), WsmanOptions.DEFAULT, () -> MESSAGE_ID);
    }

    private static InMemoryHttp.Answer answer() {
        InMemoryHttp.Answer a = answers.get(Math.min(next, answers.size() - 1));
        next++;
        return a;
    }

    @DictionaryEntries({"<s:Envelope", "</s:Envelope>", "<s:Body>", "</s:Body>", "<s:Header>", "<s:Fault>",
            "xmlns:", "xsi:nil='true'", "<!DOCTYPE", "<?xml version='1.0' encoding='UTF-16'?>", "<!--", "-->",
            "<![CDATA[", "]]>", "&#x0;", "&amp;", "&lt;", "<w:Item>", "<w:Items>", "<w:EndOfSequence/>",
            "<n:EnumerationContext>", "<p:JobState>", "<p:ReturnValue>", "<a:RelatesTo>", MESSAGE_ID})
    @FuzzTest(maxDuration = "30s")
    void reply(byte[] input) {
        HvReplicaException failure = run(input);
        if (failure != null && (failure.getMessage() == null || failure.getMessage().isBlank())) {
            throw new AssertionError("an exception without a message", failure);
        }
    }

    /** The seeds reach the end of every operation: the fuzzer starts from answers that work. */
    @Test
    void seedsOfWorkingAnswersSucceed() throws Exception {
        for (String seed : List.of("identify", "get-job", "enumerate-pull", "invoke", "find-vm", "job", "revert",
                "revert-and-job")) {
            HvReplicaException failure = run(seed(seed));
            if (failure != null) {
                throw new AssertionError("seed " + seed + " failed", failure);
            }
        }
    }

    static byte[] seed(String name) throws java.io.IOException {
        try (java.io.InputStream in = ResponseFuzzTest.class.getResourceAsStream("ResponseFuzzTestInputs/reply/" + name)) {
            if (in == null) {
                throw new AssertionError("no seed " + name);
            }
            return in.readAllBytes();
        }
    }

    /** Runs one input; returns the library's exception, or null when the operation succeeded. */
    static HvReplicaException run(byte[] input) {
        if (input.length < 2) {
            return null;
        }
        answers.clear();
        next = 0;
        for (byte[] part : split(input, 1)) {
            int pick = part.length == 0 ? 0 : part[0] & 0xff;
            byte[] body = part.length == 0 ? part : java.util.Arrays.copyOfRange(part, 1, part.length);
            answers.add(new InMemoryHttp.Answer(STATUSES[pick & 7], TYPES[(pick >> 3) & 7], body));
        }
        try {
            operation(input[0] & 0xff);
            return null;
        } catch (HvReplicaException expected) {
            return expected;
        }
    }

    private static final Operation REVERT = new io.hvreplica.hyperv.ops.RevertFailover();

    private static void operation(int pick) {
        String jobUri = "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/Msvm_ConcreteJob";
        HyperVHost host = new HyperVHost(CLIENT);
        switch (pick % 8) {
            case 0 -> CLIENT.identify();
            case 1 -> CLIENT.get(jobUri, SelectorSet.of(Map.of("InstanceID", "J")));
            case 2 -> CLIENT.enumerate(Enumeration.wql(jobUri, "SELECT * FROM Msvm_ConcreteJob").limit(pick >> 3));
            case 3 -> CLIENT.invoke(jobUri, SelectorSet.EMPTY, "RequestStateChange",
                    MethodInput.of(jobUri, "RequestStateChange").scalar("RequestedState", "2").build());
            case 4 -> host.findVm((pick & 8) == 0 ? VmSelector.byName("app-vm-01")
                    : VmSelector.byId("4F1C2A77-9B3E-4E15-A6D2-1C8E5B7F3A01"));
            case 5 -> host.job(new EndpointReference(Namespaces.ANONYMOUS, jobUri,
                    SelectorSet.of(Map.of("InstanceID", "J"))));
            case 6 -> {
                VirtualMachine vm = host.findVm(VmSelector.byName("app-vm-01"));
                host.invoke(host.replicationService(), REVERT.method(), REVERT.input(Operation.Request.of(vm)));
            }
            default -> {
                VirtualMachine vm = host.findVm(VmSelector.byName("app-vm-01"));
                io.hvreplica.hyperv.MethodResult result = host.invoke(host.replicationService(), REVERT.method(),
                        REVERT.input(Operation.Request.of(vm)));
                if (result.job() != null) {
                    host.job(result.job());
                }
            }
        }
    }

    static List<byte[]> split(byte[] b, int from) {
        List<byte[]> parts = new ArrayList<>();
        int start = from;
        for (int i = from; i + SEPARATOR.length <= b.length; i++) {
            if (b[i] == SEPARATOR[0] && b[i + 1] == SEPARATOR[1]) {
                parts.add(java.util.Arrays.copyOfRange(b, start, i));
                i += SEPARATOR.length - 1;
                start = i + 1;
            }
        }
        parts.add(java.util.Arrays.copyOfRange(b, start, b.length));
        return parts;
    }
}
