package io.hvreplica.simulator;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Notifier;
import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.http.client.HttpClient;
import com.github.tomakehurst.wiremock.standalone.MappingsSource;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.stubbing.StubMappings;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A simulated Hyper-V replica host: WireMock serving recorded Windows WinRM answers over plain HTTP
 * on 127.0.0.1, with RevertFailover job progress kept as WireMock scenario state.
 *
 * <p>Response templating is global (with escaping), so stubs that tests add on top can use
 * {@code {{xPath request.body '...'}}} to echo the request's MessageID into {@code a:RelatesTo}.
 */
public final class SimulatedHost implements AutoCloseable {
    public static final String USER = "hvadmin";
    public static final String PASSWORD = "hvreplica-demo";
    /** Authenticates, but every request gets an AccessDenied fault. */
    public static final String READONLY_USER = "auditor";
    public static final String READONLY_PASSWORD = "auditor-pass";
    /** SystemName of the replication service. */
    public static final String HOST_NAME = "HV-REPLICA01";

    private static final String BIND_ADDRESS = "127.0.0.1";

    private final WireMockServer server;

    private SimulatedHost(WireMockServer server) {
        this.server = server;
    }

    /**
     * Starts the host on {@code 127.0.0.1:port} (0 picks a free port).
     *
     * @throws IllegalStateException if the port cannot be bound
     */
    public static SimulatedHost start(int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        WireMockServer server = new WireMockServer(options()
                .port(port)
                .bindAddress(BIND_ADDRESS)
                .http2PlainDisabled(true)
                .http2TlsDisabled(true)
                .extensionScanningEnabled(false)
                .httpClientFactory(SimulatedHost::noProxyClient)
                .mappingSource(new NoMappings())
                .notifier(new QuietNotifier())
                .maxRequestJournalEntries(1000)
                .globalTemplating(true)
                .withTemplateEscapingDisabled(false)
                .gzipDisabled(true)
                .useChunkedTransferEncoding(Options.ChunkedEncodingPolicy.NEVER));
        new Recordings(server, new Templates()).registerAll();
        try {
            server.start();
        } catch (Exception e) { // WireMock rethrows Jetty's checked exceptions undeclared
            stopQuietly(server, e);
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw new IllegalStateException("cannot start the simulated host on " + BIND_ADDRESS + ":" + port
                    + ": " + cause.getMessage(), e);
        }
        return new SimulatedHost(server);
    }

    /** Releases Jetty's threads after a failed start; Jetty may itself fail to stop a half-started server. */
    private static void stopQuietly(WireMockServer server, Exception failure) {
        try {
            server.stop();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }

    public int port() {
        return server.port();
    }

    /** {@code http://127.0.0.1:<port>/wsman}. */
    public String endpoint() {
        return "http://" + BIND_ADDRESS + ":" + port() + "/wsman";
    }

    /** The WireMock server, for adding stubs and reading the request journal. */
    public WireMockServer server() {
        return server;
    }

    /** Puts every job scenario back to its first state. */
    public void resetJobs() {
        Set<String> present = server.getAllScenarios().getScenarios().stream()
                .map(s -> s.getName())
                .collect(Collectors.toSet());
        for (String scenario : JobRecordings.scenarios()) {
            if (present.contains(scenario)) {
                server.resetScenario(scenario);
            }
        }
    }

    @Override
    public void close() {
        server.stop();
    }

    /**
     * The host never proxies, so WireMock gets no real outbound HTTP client; building the default
     * one (Apache HttpClient with TLS trust stores) costs about 0.1 s of start-up.
     */
    private static HttpClient noProxyClient(Options options, boolean trustAll, List<String> trustedHosts,
                                            boolean useSystemProperties) {
        return request -> {
            throw new IOException("the simulated host does not make outbound requests");
        };
    }

    /** WireMock must not write to the console. */
    private static final class QuietNotifier implements Notifier {
        @Override
        public void info(String message) {}

        @Override
        public void error(String message) {}

        @Override
        public void error(String message, Throwable t) {}
    }

    /** No mappings from {@code src/test/resources/mappings} of whatever directory we run in. */
    private static final class NoMappings implements MappingsSource {
        @Override
        public void loadMappingsInto(StubMappings stubMappings) {}

        @Override
        public void save(List<StubMapping> stubMappings) {}

        @Override
        public void save(StubMapping stubMapping) {}

        @Override
        @SuppressWarnings("removal")
        public void remove(StubMapping stubMapping) {}

        @Override
        public void removeAll() {}
    }
}
