package io.hvreplica.cli;

import io.hvreplica.auth.Credentials;
import io.hvreplica.hyperv.HyperVHost;
import io.hvreplica.hyperv.JobWatcher;
import io.hvreplica.hyperv.RevertFailover;
import io.hvreplica.hyperv.VirtualMachine;
import io.hvreplica.hyperv.VmSelector;
import io.hvreplica.transport.HttpTransport;
import io.hvreplica.wsman.WsmanClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.concurrent.Callable;

@Command(name = "revert-failover", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Revert the (uncommitted) failover of a replica VM: Msvm_ReplicationService.RevertFailover.")
final class RevertFailoverCommand implements Callable<Integer> {
    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    @Mixin
    AuthOptions auth = new AuthOptions();

    @Option(names = "--vm", paramLabel = "NAME", description = "The VM's display name")
    String vmName;

    @Option(names = "--vm-id", paramLabel = "GUID", description = "The VM's id (Get-VM NAME | Select Id)")
    String vmId;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30m", converter = Durations.class,
            description = "Overall wait for the job, e.g. 90s, 30m (default ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--no-wait", description = "Start the revert, print the job id, and do not wait")
    boolean noWait;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "text", description = "text | json")
    String output;

    @Option(names = "--dry-run", description = "Run the read-only look-ups, print the Invoke envelope, invoke nothing")
    boolean dryRun;

    private final Environment env;

    RevertFailoverCommand(Environment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        if (!"json".equalsIgnoreCase(output) && !"text".equalsIgnoreCase(output)) {
            env.err().println("hvreplica: --output must be text or json");
            return ExitCodes.USAGE;
        }
        Reporter reporter = reporter();
        VirtualMachine vm = null;
        Credentials credentials = null;
        try {
            VmSelector selector = selector();
            AuthOptions.Choice choice = auth.choose(connection.endpointUri().getHost(), connection.sealing(), env);
            credentials = choice.credentials();
            HttpTransport transport = connection.transport(choice.authenticator(), env.err());
            try (HyperVHost host = new HyperVHost(new WsmanClient(transport))) {
                RevertFailover revert = new RevertFailover(host, env.watcher(host));
                vm = revert.find(selector);
                reporter.vmFound(vm);
                if (dryRun) {
                    reporter.dryRun(vm, revert.dryRun(vm));
                    return ExitCodes.COMPLETED;
                }
                RevertFailover.Result result = revert.run(vm, !noWait, timeout, reporter);
                reporter.finished(result);
                return switch (result.outcome()) {
                    case COMPLETED, NOT_WAITED -> ExitCodes.COMPLETED;
                    case TIMEOUT -> ExitCodes.TIMEOUT;
                    case FAILED -> ExitCodes.REFUSED_OR_FAILED;
                };
            }
        } catch (IllegalArgumentException e) {
            UsageException usage = new UsageException(e.getMessage());
            reporter.failed(usage, ExitCodes.of(usage), vm);
            return ExitCodes.USAGE;
        } catch (RuntimeException e) {
            ExitCodes.Failure failure = ExitCodes.of(e);
            reporter.failed(e, failure, vm);
            if (connection.verbose && failure.kind().equals("error")) {
                e.printStackTrace(env.err());
            }
            return failure.code();
        } finally {
            if (credentials != null) {
                credentials.wipe();
            }
        }
    }

    private VmSelector selector() {
        if ((vmName == null) == (vmId == null)) {
            throw new UsageException("give either --vm NAME or --vm-id GUID");
        }
        return vmName != null ? VmSelector.byName(vmName) : VmSelector.byId(vmId);
    }

    private Reporter reporter() {
        String host = connection.host != null ? connection.host : hostOf(connection.endpoint);
        if ("json".equalsIgnoreCase(output)) {
            return new JsonReporter(env.out(), env.err(), host);
        }
        return new TextReporter(env.out(), env.err(), env.terminal(), host);
    }

    private static String hostOf(String endpoint) {
        try {
            return endpoint == null ? null : java.net.URI.create(endpoint).getHost();
        } catch (IllegalArgumentException e) {
            return endpoint;
        }
    }

    /** Whatever the command needs from outside: streams, the terminal, the password, time. */
    interface Environment extends AuthOptions.PasswordSource {
        java.io.PrintStream out();

        java.io.PrintStream err();

        boolean terminal();


        JobWatcher watcher(HyperVHost host);
    }
}
