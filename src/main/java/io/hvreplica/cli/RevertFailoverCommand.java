package io.hvreplica.cli;

import io.hvreplica.auth.Credentials;
import io.hvreplica.hyperv.HyperVHost;
import io.hvreplica.hyperv.JobWatcher;
import io.hvreplica.hyperv.RevertFailover;
import io.hvreplica.hyperv.VirtualMachine;
import io.hvreplica.hyperv.VmSelector;
import io.hvreplica.transport.HttpTransport;
import io.hvreplica.wsman.WsmanClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** {@code hvreplica revert-failover}: look the VM up, call RevertFailover once, follow the job. */
final class RevertFailoverCommand {
    static final String NAME = "revert-failover";
    private static final String DESCRIPTION = "Revert the (uncommitted) failover of a replica VM:"
            + " Msvm_ReplicationService.RevertFailover, on the Replica server.";
    private static final Args.Schema SCHEMA = schema();

    private final Environment env;
    private ConnectionOptions connection;
    private AuthOptions auth;
    private String vmName;
    private String vmId;
    private Duration timeout;
    private boolean noWait;
    private String output;
    private boolean dryRun;
    private String resumeJob;

    RevertFailoverCommand(Environment env) {
        this.env = env;
    }

    private static Args.Schema schema() {
        Args.Schema s = new Args.Schema();
        ConnectionOptions.declare(s);
        AuthOptions.declare(s);
        return s.value("--vm", "NAME", "The VM's display name")
                .value("--vm-id", "GUID", "The VM's id (Get-VM NAME | Select Id)")
                .value("--timeout", "DURATION", "Bound on the whole command: connecting, authenticating, look-ups,"
                        + " the invoke and the job wait, e.g. 90s, 30m (default 30m)")
                .flag("--no-wait", "Start the revert, print the job id, and do not wait")
                .value("--output", "FORMAT", "text | json (default text)")
                .flag("--dry-run", "Run the read-only look-ups, print the Invoke envelope, invoke nothing")
                .value("--resume", "JOB-ID", "Follow a revert job an earlier run started (its id was printed), instead of"
                        + " starting one");
    }

    static String help() {
        return SCHEMA.help("hvreplica revert-failover (--host HOST | --endpoint URL) (--vm NAME | --vm-id GUID"
                        + " | --resume JOB-ID) [OPTIONS]",
                DESCRIPTION);
    }

    /** Runs the command and returns its exit code. */
    int run(java.util.List<String> argv) {
        Args.Parsed args;
        try {
            args = SCHEMA.parse(argv);
            if (args.help()) {
                env.out().print(help());
                return ExitCodes.COMPLETED;
            }
            output = args.value("--output", "text");
            if (!"json".equalsIgnoreCase(output) && !"text".equalsIgnoreCase(output)) {
                output = "text";
                throw new UsageException("--output must be text or json");
            }
            connection = ConnectionOptions.from(args);
            auth = AuthOptions.from(args);
            vmName = args.value("--vm");
            vmId = args.value("--vm-id");
            timeout = Durations.parse(args.value("--timeout", "30m"));
            noWait = args.flag("--no-wait");
            dryRun = args.flag("--dry-run");
            resumeJob = args.value("--resume");
            if (resumeJob != null && (vmName != null || vmId != null || dryRun || noWait)) {
                throw new UsageException("--resume follows an existing job; it goes without --vm, --vm-id, --dry-run"
                        + " and --no-wait");
            }
        } catch (UsageException e) {
            boolean json = output == null ? wantsJson(argv) : "json".equalsIgnoreCase(output);
            if (json) {
                new JsonReporter(env.out(), env.err(), null).failed(e, ExitCodes.of(e), null);
            } else {
                env.err().println("hvreplica: " + e.getMessage());
                env.err().println("Try 'hvreplica " + NAME + " --help'.");
            }
            return ExitCodes.USAGE;
        }
        return call();
    }

    // Usage errors are reported in the format asked for, even when parsing stopped before --output.
    private static boolean wantsJson(java.util.List<String> argv) {
        int i = argv.indexOf("--output");
        return argv.stream().anyMatch(a -> a.equalsIgnoreCase("--output=json"))
                || (i >= 0 && i + 1 < argv.size() && "json".equalsIgnoreCase(argv.get(i + 1)));
    }

    private int call() {
        Reporter reporter = reporter();
        VirtualMachine vm = null;
        Credentials credentials = null;
        try {
            VmSelector selector = resumeJob == null ? selector() : null;
            connection.validate(auth.auth);
            AuthOptions.Choice choice = auth.choose(connection.endpointUri().getHost(), connection.sealing(), env);
            credentials = choice.credentials();
            // Counted from here, after any password prompt: --timeout bounds the work, not the typing.
            Instant deadline = env.clock().instant().plus(timeout);
            HttpTransport transport;
            try {
                transport = connection.transport(choice.authenticator(), env.err(), deadline, env.clock());
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            try {
                // While the SOAP stack is still being built in the background (Main's warm-up).
                transport.authenticate();
            } catch (RuntimeException e) {
                transport.close();
                throw e;
            }
            try (HyperVHost host = new HyperVHost(new WsmanClient(transport))) {
                RevertFailover revert = new RevertFailover(host, env.watcher(host).until(deadline));
                if (resumeJob != null) {
                    reporter.resuming(resumeJob);
                    return exitCode(reporter, revert.resume(resumeJob, timeout, reporter));
                }
                vm = revert.find(selector);
                reporter.vmFound(vm);
                if (dryRun) {
                    reporter.dryRun(vm, revert.dryRun(vm));
                    return ExitCodes.COMPLETED;
                }
                return exitCode(reporter, revert.run(vm, !noWait, timeout, reporter));
            }
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

    private static int exitCode(Reporter reporter, RevertFailover.Result result) {
        reporter.finished(result);
        return switch (result.outcome()) {
            case COMPLETED, NOT_WAITED -> ExitCodes.COMPLETED;
            case TIMEOUT -> ExitCodes.TIMEOUT;
            case FAILED -> ExitCodes.REFUSED_OR_FAILED;
        };
    }

    private VmSelector selector() {
        if ((vmName == null) == (vmId == null)) {
            throw new UsageException("give either --vm NAME or --vm-id GUID");
        }
        try {
            return vmName != null ? VmSelector.byName(vmName) : VmSelector.byId(vmId);
        } catch (IllegalArgumentException e) {
            throw new UsageException((vmName != null ? "--vm: " : "--vm-id: ") + e.getMessage());
        }
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

        /** The clock the --timeout deadline is measured with; the job watcher's, in tests. */
        default Clock clock() {
            return Clock.systemUTC();
        }
    }
}
