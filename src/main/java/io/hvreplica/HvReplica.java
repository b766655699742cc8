package io.hvreplica;

import io.hvreplica.hyperv.FleetRunner;
import io.hvreplica.hyperv.HyperVHost;
import io.hvreplica.hyperv.JobWatcher;
import io.hvreplica.hyperv.OperationRunner;
import io.hvreplica.transport.HttpTransport;
import io.hvreplica.wsman.SoapRuntime;
import io.hvreplica.wsman.WsmanClient;

import java.time.Clock;

/**
 * The hvreplica client: built once, shared by every host session it opens, and closed once. It
 * owns one SOAP runtime (the CXF bus; the JAXB binding is shared by the whole process) that all
 * of its sessions use, so opening a session costs a connection and a handshake, not a SOAP stack.
 *
 * <pre>{@code
 * try (HvReplica client = HvReplica.builder().listener(myListener).build();
 *      HostSession host = client.connect(HttpTransport.builder(endpoint, authenticator).build())) {
 *     VirtualMachine vm = host.findVm(VmSelector.byName("app-vm-01"));
 *     OperationResult r = host.run(Operations.REVERT_FAILOVER, vm, Duration.ofMinutes(30));
 * }
 * }</pre>
 */
public final class HvReplica implements AutoCloseable {
    private final SoapRuntime runtime;
    private final OperationRunner.Listener listener;
    private final Clock clock;
    private final JobWatcher.Sleeper sleeper;

    private HvReplica(Builder b) {
        this.runtime = SoapRuntime.create();
        this.listener = b.listener;
        this.clock = b.clock;
        this.sleeper = b.sleeper;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A client with no listener and the system clock. */
    public static HvReplica create() {
        return builder().build();
    }

    /**
     * Opens a session over {@code transport} (which the session then owns and closes) and
     * authenticates now, so that bad credentials show here rather than on the first call.
     */
    public HostSession connect(HttpTransport transport) {
        HyperVHost host = open(transport);
        return new HostSession(host, new JobWatcher(host::job, clock, sleeper), listener);
    }

    /** Authenticates now, on this client's runtime; the transport is closed if that fails. */
    private HyperVHost open(HttpTransport transport) {
        try {
            transport.authenticate();
            return new HyperVHost(new WsmanClient(transport, runtime));
        } catch (RuntimeException e) {
            transport.close();
            throw e;
        }
    }

    /**
     * A host for a run over many VMs ({@link #fleet}): each of its connections comes from
     * {@code transports} and is authenticated as it opens, on this client's SOAP runtime.
     */
    public FleetRunner.Host host(String name, java.util.function.Supplier<HttpTransport> transports) {
        return new FleetRunner.Host(name, () -> open(transports.get()));
    }

    /**
     * A run of one operation over many VMs on these hosts: {@code select} the VMs, then
     * {@code run}, which returns a {@link java.util.concurrent.CompletableFuture}. Close it to
     * close its connections.
     */
    public FleetRunner fleet(java.util.List<FleetRunner.Host> hosts) {
        return new FleetRunner(hosts, clock, sleeper);
    }

    /** Shuts the shared SOAP runtime down; close the sessions first. */
    @Override
    public void close() {
        runtime.close();
    }

    /** Immutable once built. */
    public static final class Builder {
        private OperationRunner.Listener listener = new OperationRunner.Listener() {
        };
        private Clock clock = Clock.systemUTC();
        private JobWatcher.Sleeper sleeper = d -> Thread.sleep(d.toMillis());

        private Builder() {
        }

        /** Told of every step of every operation, with its host, operation and VM. */
        public Builder listener(OperationRunner.Listener listener) {
            this.listener = listener;
            return this;
        }

        /** The clock job waits are measured with. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * How the client waits between job polls (Thread.sleep by default). With {@link #clock},
         * a test can make job waits instant and still see every poll.
         */
        public Builder sleeper(JobWatcher.Sleeper sleeper) {
            this.sleeper = sleeper;
            return this;
        }

        public HvReplica build() {
            return new HvReplica(this);
        }
    }
}
