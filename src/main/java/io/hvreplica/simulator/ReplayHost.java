package io.hvreplica.simulator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Notifier;
import com.github.tomakehurst.wiremock.core.Options;
import io.hvreplica.auth.Credentials;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Replays a recording (see {@code io.hvreplica.record.Recorder}) behind the same Negotiate/NTLM
 * and message-encryption front as the simulated host, so a client with default options runs
 * against it as against the real host. Each host of the recording (a directory with
 * {@code mappings/} and {@code __files/}) gets its own WireMock server and front; the first gets
 * the port asked for, the others free ports.
 *
 * <pre>{@code
 * try (ReplayHost replay = ReplayHost.start(Path.of("src/test/resources/recordings/revert-app-vm-01"))) {
 *     // connect to replay.endpoint() as ReplayHost.USER with ReplayHost.PASSWORD
 * }
 * }</pre>
 *
 * <p>A request the recording has no answer for gets a SOAP fault that says so, instead of
 * WireMock's plain-text 404.
 */
public final class ReplayHost implements AutoCloseable {
    /** The NTLM account the replay accepts, whoever made the recording: the simulated host's. */
    public static final String USER = SimulatedHost.NTLM_USER;
    public static final String PASSWORD = SimulatedHost.NTLM_PASSWORD;

    private static final String BIND_ADDRESS = "127.0.0.1";

    private record Served(String name, WireMockServer server, NegotiateFront front) {
    }

    private final List<Served> hosts;

    private ReplayHost(List<Served> hosts) {
        this.hosts = hosts;
    }

    /** Replays the recording in {@code dir} on free ports. */
    public static ReplayHost start(Path dir) {
        return start(dir, 0);
    }

    /**
     * @param port the first host's port (0 = any free port)
     * @throws IllegalArgumentException if {@code dir} holds no recording
     * @throws IllegalStateException    if a server cannot start
     */
    public static ReplayHost start(Path dir, int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        Map<String, Path> roots = roots(dir);
        List<Served> started = new ArrayList<>();
        try {
            int next = port;
            for (Map.Entry<String, Path> root : roots.entrySet()) {
                WireMockServer server = wiremock(root.getValue());
                server.stubFor(any(anyUrl()).atPriority(Integer.MAX_VALUE).willReturn(aResponse().withStatus(500)
                        .withHeader("Content-Type", SoapBackend.SOAP_CONTENT_TYPE).withBody(NO_ANSWER).withTransformers("response-template")));
                SoapBackend backend = new SoapBackend(BIND_ADDRESS, server.port(), SimulatedHost.USER,
                        SimulatedHost.PASSWORD);
                NegotiateFront front;
                try {
                    front = NegotiateFront.start(BIND_ADDRESS, next, backend,
                            Credentials.of(USER, PASSWORD.toCharArray()), SimulatedHost.HOST_NAME);
                } catch (RuntimeException e) {
                    server.stop();
                    throw e;
                }
                started.add(new Served(root.getKey(), server, front));
                next = 0;
            }
            return new ReplayHost(List.copyOf(started));
        } catch (RuntimeException e) {
            new ReplayHost(started).close();
            throw e;
        }
    }

    /** The host directories of a recording: {@code dir} itself, or each directory in it that has mappings. */
    private static Map<String, Path> roots(Path dir) {
        Map<String, Path> roots = new LinkedHashMap<>();
        if (Files.isDirectory(dir.resolve("mappings"))) {
            roots.put(dir.getFileName() == null ? "host" : dir.getFileName().toString(), dir);
            return roots;
        }
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> Files.isDirectory(p.resolve("mappings"))).sorted()
                        .forEach(p -> roots.put(p.getFileName().toString(), p));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the recording " + dir + ": " + e.getMessage(), e);
            }
        }
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("no recording in " + dir + ": it has no mappings directory, nor"
                    + " directories that have one");
        }
        return roots;
    }

    private static WireMockServer wiremock(Path root) {
        WireMockServer server = new WireMockServer(options()
                .port(0)
                .bindAddress(BIND_ADDRESS)
                .usingFilesUnderDirectory(root.toAbsolutePath().toString())
                .http2PlainDisabled(true)
                .http2TlsDisabled(true)
                .extensionScanningEnabled(false)
                .httpClientFactory(SimulatedHost::noProxyClient)
                .notifier(new SimulatedHost.QuietNotifier())
                .maxRequestJournalEntries(1000)
                .templatingEnabled(true)
                .globalTemplating(false)
                .gzipDisabled(true)
                .useChunkedTransferEncoding(Options.ChunkedEncodingPolicy.NEVER));
        try {
            server.start();
        } catch (Exception e) { // WireMock rethrows Jetty's and its mapping parser's exceptions undeclared
            try {
                server.stop();
            } catch (Exception stop) {
                e.addSuppressed(stop);
            }
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw new IllegalStateException("cannot replay the recording in " + root + ": " + cause.getMessage(), e);
        }
        return server;
    }

    /** The first host's endpoint, {@code http://127.0.0.1:<port>/wsman}. */
    public String endpoint() {
        return endpoint(hosts.get(0));
    }

    /** Every host's endpoint, by the name of its directory in the recording. */
    public Map<String, String> endpoints() {
        Map<String, String> m = new LinkedHashMap<>();
        hosts.forEach(h -> m.put(h.name(), endpoint(h)));
        return m;
    }

    /** The first host's port. */
    public int port() {
        return hosts.get(0).front().port();
    }

    public String user() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    private static String endpoint(Served h) {
        return "http://" + BIND_ADDRESS + ":" + h.front().port() + NegotiateFront.PATH;
    }

    /** Every host's WireMock server, for reading its request journal in tests. */
    public List<WireMockServer> servers() {
        return hosts.stream().map(Served::server).toList();
    }

    /**
     * Puts every scenario back at its start, so the next run sees the recorded answers from the
     * first again; a replay otherwise serves one run (a job already Completed stays Completed).
     */
    public void reset() {
        hosts.forEach(h -> h.server().resetScenarios());
    }

    @Override
    public void close() {
        for (Served h : hosts) {
            try {
                h.front().close();
            } finally {
                h.server().stop();
            }
        }
    }

    private static final String NO_ANSWER = """
            <s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing">
              <s:Header>
                <a:Action>http://schemas.dmtf.org/wbem/wsman/1/wsman/fault</a:Action>
                <a:MessageID>uuid:00000000-0000-0000-0000-000000000000</a:MessageID>
                <a:To>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:To>
                <a:RelatesTo>{{xPath request.body '/*[local-name()="Envelope"]/*[local-name()="Header"]/*[local-name()="MessageID"]/text()'}}</a:RelatesTo>
              </s:Header>
              <s:Body>
                <s:Fault>
                  <s:Code><s:Value>s:Receiver</s:Value></s:Code>
                  <s:Reason><s:Text xml:lang="en-US">The recording has no answer for this request.</s:Text></s:Reason>
                </s:Fault>
              </s:Body>
            </s:Envelope>
            """;
}
