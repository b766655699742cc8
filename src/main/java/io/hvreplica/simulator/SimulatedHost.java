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
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

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
 * <p>{@link #start} and {@link #startNegotiate} give the default host {@value #HOST_NAME} with the
 * {@link HostCatalog} VMs, whose jobs move one step per read. {@link #builder()} makes other hosts:
 * another name, generated replicas, jobs that take a given time. Every host has its own model,
 * stubs and ports, so several can run in one JVM as a fleet.
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
    /**
     * A NetBIOS computer name: up to 15 letters, digits and hyphens. It is the NTLM domain of the
     * host's local account and appears in selectors and faults, so nothing that would need escaping.
     */
    private static final Pattern COMPUTER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,14}");

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
     * Starts the default host on {@code 127.0.0.1:port} (0 picks a free port).
     *
     * @throws IllegalStateException if the port cannot be bound
     */
    public static SimulatedHost start(int port) {
        return builder().start(port);
    }

    /** A builder for a host other than the default one; unchanged, it builds the default host. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * What a host is: its name, its VMs and how its jobs advance. For example, one site of a fleet
     * with 25 replicas and jobs that take a second:
     *
     * <pre>{@code
     * SimulatedHost site = SimulatedHost.builder().name("HV-SITE-B").catalog(false)
     *         .replicas("site-vm-%02d", 25).jobDuration(Duration.ofSeconds(1)).startNegotiate(0);
     * }</pre>
     */
    public static final class Builder {
        private String name = HOST_NAME;
        private boolean catalog = true;
        private String replicaPattern;
        private int replicaCount;
        private Duration jobDuration;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /**
         * The host's computer name (default {@value #HOST_NAME}): the replication service's
         * SystemName, the host's own Msvm_ComputerSystem, the Machine of every fault, and the NTLM
         * domain of its account ({@code NAME\operator}).
         *
         * @throws IllegalArgumentException unless it is 1 to 15 letters, digits and hyphens
         */
        public Builder name(String name) {
            if (name == null || !COMPUTER_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("a host name is 1 to 15 letters, digits and hyphens: " + name);
            }
            this.name = name;
            return this;
        }

        /** Whether the host has the {@link HostCatalog} VMs (default true; their GUIDs are the same on every host). */
        public Builder catalog(boolean catalog) {
            this.catalog = catalog;
            return this;
        }

        /**
         * Adds {@code count} generated replicas named {@code String.format(pattern, i)}, i = 1..count
         * (e.g. {@code "site-vm-%02d"}): Replica, Recovered, off, two recovery points, GUIDs derived
         * from the host's name and the VM's name. They come after the catalog's VMs.
         *
         * @throws IllegalArgumentException if count is negative or over 10000
         */
        public Builder replicas(String pattern, int count) {
            if (count < 0 || count > 10_000) {
                throw new IllegalArgumentException("generated VMs must be between 0 and 10000: " + count);
            }
            this.replicaPattern = Objects.requireNonNull(pattern, "pattern");
            this.replicaCount = count;
            return this;
        }

        /**
         * Jobs end once {@code duration} has passed since they started, on {@link #clock} (the
         * system clock unless set), instead of one step per Get; PercentComplete follows the time.
         * Null (the default) keeps one step per read.
         */
        public Builder jobDuration(Duration duration) {
            if (duration != null && duration.isNegative()) {
                throw new IllegalArgumentException("a job duration cannot be negative: " + duration);
            }
            this.jobDuration = duration;
            return this;
        }

        /** The clock timed jobs run on; for tests, which must not sleep. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Starts the host with plain SOAP and Basic on {@code 127.0.0.1:port} (0 picks a free port).
         *
         * @throws IllegalArgumentException if the pattern gives two generated VMs the same name
         * @throws IllegalStateException if the port cannot be bound
         */
        public SimulatedHost start(int port) {
            return SimulatedHost.start(port, model());
        }

        /**
         * Starts the host behind the Negotiate (NTLM) and message-encryption front on
         * {@code 127.0.0.1:port}; log on as {@code NAME\operator} with {@link #NTLM_PASSWORD}.
         *
         * @throws IllegalStateException if the port cannot be bound
         */
        public SimulatedHost startNegotiate(int port) {
            return SimulatedHost.startNegotiate(port, model());
        }

        private HostModel model() {
            List<HostCatalog.Vm> vms = new ArrayList<>();
            if (catalog) {
                vms.addAll(HostCatalog.VMS);
            }
            if (replicaCount > 0) {
                vms.addAll(HostCatalog.generatedReplicas(name, replicaPattern, replicaCount));
            }
            return new HostModel(name, vms, jobDuration, jobDuration == null ? null : clock);
        }
    }

    private static SimulatedHost start(int port, HostModel model) {
        checkPort(port);
        Templates templates = new Templates();
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
        new Recordings(server, templates, model.hostName()).registerAll();
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
        return builder().startNegotiate(port);
    }

    private static SimulatedHost startNegotiate(int port, HostModel model) {
        checkPort(port);
        SimulatedHost plain = start(0, model);
        try {
            SoapBackend backend = new SoapBackend(BIND_ADDRESS, plain.server.port(), USER, PASSWORD);
            NegotiateFront front = NegotiateFront.start(BIND_ADDRESS, port, backend,
                    Credentials.of(ntlmUser(model.hostName()), NTLM_PASSWORD.toCharArray()), model.hostName());
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

    /** The host's computer name: {@value #HOST_NAME} unless built with another. */
    public String name() {
        return model.hostName();
    }

    /** The NTLM account of the Negotiate front: {@code NAME\operator}, {@link #NTLM_USER} on the default host. */
    public String ntlmUser() {
        return ntlmUser(name());
    }

    private static String ntlmUser(String hostName) {
        return hostName + "\\operator";
    }

    /** {@code http://127.0.0.1:<port>/wsman} of the plain SOAP (Basic) endpoint, behind the front if there is one. */
    public String basicEndpoint() {
        return "http://" + BIND_ADDRESS + ":" + server.port() + "/wsman";
    }

    /**
     * {@code http://127.0.0.1:<port>/simulator/reset} on the plain port: a POST does what
     * {@link #reset()} does, for scripts that reuse a running host. Not part of WinRM, so the
     * Negotiate front does not serve it.
     */
    public String resetEndpoint() {
        return "http://" + BIND_ADDRESS + ":" + server.port() + Recordings.RESET_PATH;
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
    static HttpClient noProxyClient(Options options, boolean trustAll, List<String> trustedHosts,
                                            boolean useSystemProperties) {
        return request -> {
            throw new IOException("the simulated host does not make outbound requests");
        };
    }

    /** WireMock must not write to the console. */
    static final class QuietNotifier implements Notifier {
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
