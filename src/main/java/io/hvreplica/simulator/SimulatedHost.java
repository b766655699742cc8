package io.hvreplica.simulator;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Notifier;
import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.http.client.HttpClient;
import com.github.tomakehurst.wiremock.standalone.MappingsSource;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.stubbing.StubMappings;
import io.hvreplica.auth.Credentials;
import java.io.IOException;
import java.util.List;

/**
 * A simulated Hyper-V replica host: WireMock serving recorded Windows WinRM answers over plain HTTP
 * on 127.0.0.1. The host is stateful: a {@link HostModel} keeps its VMs, recovery points and jobs,
 * so a client can rehearse and run a whole failover (the rules are on {@link HostCatalog}), and
 * {@link #reset()} puts everything back as the catalog has it.
 *
 * <p>{@link #start} serves plain SOAP with HTTP Basic, so clients need {@code --auth basic
 * --allow-unencrypted}. {@link #startNegotiate} puts a {@link NegotiateFront} in front of it that
 * speaks what a default Windows host speaks on HTTP 5985: Negotiate (NTLM) per connection and
 * WinRM message encryption; WireMock then listens on its own ephemeral port behind it.
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
    /**
     * The NTLM account of {@link #startNegotiate}: a local account of the stand-alone host
     * HV-REPLICA01. The user name is case-insensitive; clients may also send it with the domain
     * "." or none. Its requests reach WireMock as {@link #USER}.
     */
    public static final String NTLM_USER = HOST_NAME + "\\operator";
    public static final String NTLM_PASSWORD = "hvreplica-demo";

    private static final String BIND_ADDRESS = "127.0.0.1";

    private final WireMockServer server;
    private final HostModel model;
    /** Null unless started with {@link #startNegotiate}. */
    private final NegotiateFront front;

    private SimulatedHost(WireMockServer server, HostModel model, NegotiateFront front) {
        this.server = server;
        this.model = model;
        this.front = front;
    }

    /**
     * Starts the host on {@code 127.0.0.1:port} (0 picks a free port).
     *
     * @throws IllegalStateException if the port cannot be bound
     */
    public static SimulatedHost start(int port) {
        checkPort(port);
        Templates templates = new Templates();
        HostModel model = new HostModel();
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
                // Model answers vary (job steps, VM lists), and each distinct one is a cached template.
                .withMaxTemplateCacheEntries(256L)
                // Before WireMock's own templating transformer, which it appends after the extensions given here.
                .extensions(new ModelTransformer(model, templates))
                .gzipDisabled(true)
                .useChunkedTransferEncoding(Options.ChunkedEncodingPolicy.NEVER));
        new Recordings(server, templates).registerAll();
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
        return new SimulatedHost(server, model, null);
    }

    /**
     * Starts the host behind a Negotiate (NTLM) and message-encryption front on
     * {@code 127.0.0.1:port} (0 picks a free port); WireMock gets its own free port. Log on as
     * {@link #NTLM_USER} with {@link #NTLM_PASSWORD}.
     *
     * @throws IllegalStateException if the port cannot be bound
     */
    public static SimulatedHost startNegotiate(int port) {
        checkPort(port);
        SimulatedHost plain = start(0);
        try {
            SoapBackend backend = new SoapBackend(BIND_ADDRESS, plain.server.port(), USER, PASSWORD);
            NegotiateFront front = NegotiateFront.start(BIND_ADDRESS, port, backend,
                    Credentials.of(NTLM_USER, NTLM_PASSWORD.toCharArray()), HOST_NAME);
            return new SimulatedHost(plain.server, plain.model, front);
        } catch (RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    private static void checkPort(int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** Releases Jetty's threads after a failed start; Jetty may itself fail to stop a half-started server. */
    private static void stopQuietly(WireMockServer server, Exception failure) {
        try {
            server.stop();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }

    /** The port clients connect to: the front's when started with {@link #startNegotiate}. */
    public int port() {
        return front != null ? front.port() : server.port();
    }

    /** {@code http://127.0.0.1:<port>/wsman}, the front's URL when started with {@link #startNegotiate}. */
    public String endpoint() {
        return "http://" + BIND_ADDRESS + ":" + port() + "/wsman";
    }

    /** The Negotiate front, or null when started with {@link #start}; for tests. */
    NegotiateFront front() {
        return front;
    }

    /** The WireMock server, for adding stubs and reading the request journal. */
    public WireMockServer server() {
        return server;
    }

    /**
     * Puts the whole host back as the catalog has it: VM states, recovery points, test VMs (made ones
     * gone, the catalog's back), jobs and id counters. Stubs and the request journal stay.
     */
    public void reset() {
        model.reset();
    }

    /** The name tests have always called: the same as {@link #reset()}. */
    public void resetJobs() {
        reset();
    }

    @Override
    public void close() {
        try {
            if (front != null) {
                front.close();
            }
        } finally {
            server.stop();
        }
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
