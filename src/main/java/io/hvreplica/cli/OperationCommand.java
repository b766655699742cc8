package io.hvreplica.cli;

import io.hvreplica.hyperv.HyperVHost;
import io.hvreplica.hyperv.Lifecycle;
import io.hvreplica.hyperv.Operation;
import io.hvreplica.hyperv.OperationResult;
import io.hvreplica.hyperv.OperationRunner;
import io.hvreplica.hyperv.RecoveryPoint;
import io.hvreplica.hyperv.VirtualMachine;
import io.hvreplica.hyperv.VmSelector;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A state-changing command: look the VM up, run one {@link Operation} (or a short flow of them)
 * through {@link OperationRunner}, and report. Every command gets the same options, output, exit
 * codes and guarantees; a command only says which operation, and how its flow differs.
 */
final class OperationCommand {
    /** How a command runs its operation; most run it once on the VM they looked up. */
    interface Flow {
        OperationResult run(OperationRunner runner, Operation op, Operation.Request request, boolean start,
                            OperationRunner.Options options, OperationRunner.Listener listener);

        /** The VM the operation acts on, given the one the user named. */
        default VirtualMachine subject(HyperVHost host, VirtualMachine named) {
            return named;
        }

        Flow ONCE = (runner, op, request, start, options, reporter) -> runner.run(op, request, options, reporter);
    }

    /** A command: its name, what it says about itself, its operation, and its flow. */
    record Spec(String name, String description, Operation operation, Flow flow, boolean startOption) {
        static Spec of(Operation op, String description) {
            return new Spec(op.name(), description, op, Flow.ONCE, false);
        }

        Spec withFlow(Flow flow, boolean startOption) {
            return new Spec(name, description, operation, flow, startOption);
        }
    }

    private final Spec spec;
    private final Args.Schema schema;
    private final Environment env;
    private ConnectionOptions connection;
    private AuthOptions auth;
    private String vmName;
    private String vmId;
    private Duration timeout;
    private boolean noWait;
    private String output;
    private boolean dryRun;
    private boolean ifNeeded;
    private boolean start;
    private String recoveryPoint;
    private String resumeJob;
    private List<String> vmNames = List.of();
    private List<String> vmIds = List.of();
    private List<String> hosts = List.of();
    private int parallel = FleetCommand.DEFAULT_PARALLEL;
    private boolean failFast;
    private boolean yes;

    OperationCommand(Spec spec, Environment env) {
        this.spec = spec;
        this.schema = schema(spec);
        this.env = env;
    }

    private static Args.Schema schema(Spec spec) {
        Args.Schema s = new Args.Schema();
        ConnectionOptions.declare(s);
        AuthOptions.declare(s);
        s.values("--vm", "NAME", "The VM's display name; may be repeated, and may hold wildcards (* and ?)")
                .values("--vm-id", "GUID", "The VM's id (Get-VM NAME | Select Id); may be repeated")
                .value("--hosts-file", "FILE", "More hosts, one per line (HOST or HOST:PORT; # starts a comment)")
                .value("--parallel", "N", "Calls in flight at once over all hosts, for many VMs (default "
                        + FleetCommand.DEFAULT_PARALLEL + "; at most " + FleetCommand.PER_HOST + " per host)")
                .flag("--fail-fast", "With many VMs, start no further call once one has failed")
                .flag("--yes", "Go ahead with a command that changes more than one VM")
                .value("--timeout", "DURATION", "Bound on the whole command: connecting, authenticating, look-ups,"
                        + " the invoke and the job wait, e.g. 90s, 30m (default 30m)")
                .flag("--no-wait", "Start the operation, print the job id, and do not wait")
                .value("--output", "FORMAT", "text | json (default text)")
                .flag("--dry-run", "Run the read-only look-ups, print the Invoke envelope, invoke nothing")
                .flag("--if-needed", "Invoke nothing when the VM is already where the command would leave it")
                .value("--resume", "JOB-ID", "Follow a job an earlier run started (its id was printed), instead of"
                        + " starting one");
        if (spec.operation().takesRecoveryPoint()) {
            s.value("--recovery-point", "ID|NAME", "The recovery point (see 'hvreplica recovery-points'; default: the latest)");
        }
        if (spec.startOption()) {
            s.flag("--start", "Start the VM once the job has succeeded");
        }
        return s;
    }

    String help() {
        return schema.help("hvreplica " + spec.name() + " (--host HOST | --endpoint URL) (--vm NAME | --vm-id GUID"
                + " | --resume JOB-ID) [OPTIONS]", spec.description());
    }

    /** Runs the command and returns its exit code. */
    int run(List<String> argv) {
        Args.Parsed args;
        try {
            args = schema.parse(argv);
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
            vmNames = args.values("--vm");
            vmIds = args.values("--vm-id");
            vmName = vmNames.isEmpty() ? null : vmNames.get(0);
            vmId = vmIds.isEmpty() ? null : vmIds.get(0);
            hosts = FleetCommand.hosts(connection.hosts, args.value("--hosts-file"));
            if (hosts.size() > 1 && connection.endpoint != null) {
                throw new UsageException("--endpoint names one host; for several, give each with --host or --hosts-file");
            }
            if (hosts.size() == 1 && connection.hosts.isEmpty()) {
                connection = connection.forHost(hosts.get(0));
            }
            if (args.value("--parallel") != null) {
                try {
                    parallel = Integer.parseInt(args.value("--parallel"));
                } catch (NumberFormatException e) {
                    parallel = 0;
                }
                if (parallel < 1 || parallel > 1000) {
                    throw new UsageException("--parallel must be a number from 1 to 1000");
                }
            }
            failFast = args.flag("--fail-fast");
            yes = args.flag("--yes");
            timeout = Durations.parse(args.value("--timeout", "30m"));
            noWait = args.flag("--no-wait");
            dryRun = args.flag("--dry-run");
            ifNeeded = args.flag("--if-needed");
            start = spec.startOption() && args.flag("--start");
            recoveryPoint = spec.operation().takesRecoveryPoint() ? args.value("--recovery-point") : null;
            resumeJob = args.value("--resume");
            if (resumeJob != null && (vmName != null || vmId != null || dryRun || noWait)) {
                throw new UsageException("--resume follows an existing job; it goes without --vm, --vm-id, --dry-run"
                        + " and --no-wait");
            }
            if (start && noWait) {
                throw new UsageException("--start waits for the job to succeed; it goes without --no-wait");
            }
            if (fleet() && resumeJob != null) {
                throw new UsageException("--resume follows one job; give one host and no --vm");
            }
            if (resumeJob != null) {
                try {
                    resumeJob = OperationRunner.checkJobId(resumeJob);
                } catch (IllegalArgumentException e) {
                    throw new UsageException("--resume: " + e.getMessage());
                }
            }
        } catch (UsageException e) {
            return usage(e, output == null ? wantsJson(argv) : "json".equalsIgnoreCase(output), true);
        }
        return Recording.finish(connection.recorder, spec.name(), argv, call(), env);
    }

    /** A usage error in the format asked for; {@code hint} adds where to read the options. */
    private int usage(UsageException e, boolean json, boolean hint) {
        if (json) {
            new JsonReporter(spec.name(), env.out(), env.err(), null).failed(e, ExitCodes.of(e));
        } else {
            env.err().println("hvreplica: " + e.getMessage());
            if (hint) {
                env.err().println("Try 'hvreplica " + spec.name() + " --help'.");
            }
        }
        return ExitCodes.USAGE;
    }

    // Usage errors are reported in the format asked for, even when parsing stopped before --output.
    static boolean wantsJson(List<String> argv) {
        int i = argv.indexOf("--output");
        return argv.stream().anyMatch(a -> a.equalsIgnoreCase("--output=json"))
                || (i >= 0 && i + 1 < argv.size() && "json".equalsIgnoreCase(argv.get(i + 1)));
    }

    /** Many VMs or many hosts: names, wildcards or hosts beyond one. */
    private boolean fleet() {
        return hosts.size() > 1 || vmNames.size() + vmIds.size() > 1
                || vmNames.stream().anyMatch(n -> n.indexOf('*') >= 0 || n.indexOf('?') >= 0);
    }

    private int callFleet() {
        if (vmNames.isEmpty() && vmIds.isEmpty()) {
            throw new UsageException("give the VMs: --vm NAME (wildcards allowed) or --vm-id GUID, as often as needed");
        }
        List<io.hvreplica.hyperv.VmPattern> patterns = new java.util.ArrayList<>();
        try {
            vmNames.forEach(n -> patterns.add(io.hvreplica.hyperv.VmPattern.name(n)));
            vmIds.forEach(i -> patterns.add(io.hvreplica.hyperv.VmPattern.id(i)));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (hosts.isEmpty() && connection.endpoint == null) {
            throw new UsageException("give --host HOST (as often as needed), --hosts-file FILE or --endpoint URL");
        }
        return new FleetCommand(spec, env, "json".equalsIgnoreCase(output)).run(connection, auth, hosts, patterns, timeout,
                new OperationRunner.Options(!noWait, timeout, ifNeeded), parallel, failFast, yes, dryRun, start);
    }

    private int call() {
        if (fleet()) {
            try {
                return callFleet();
            } catch (UsageException e) {
                return usage(e, "json".equalsIgnoreCase(output), false);
            }
        }
        Reporter reporter = reporter();
        // Jenkins and Ansible end a task with SIGTERM, a user with Ctrl-C: either way the run still
        // gives its one final report, with the job id, before the process ends.
        env.onSignal(signal -> {
            int code = ExitCodes.ofSignal(signal);
            reporter.interrupted(signal, code);
            return code;
        });
        try {
            VmSelector selector = resumeJob == null ? selector() : null;
            try (Session session = Session.open(connection, auth, env, timeout)) {
                HyperVHost host = session.host();
                OperationRunner runner = new OperationRunner(host, session.watcher(env));
                if (resumeJob != null) {
                    reporter.resuming(resumeJob);
                    return finish(reporter, runner.follow(spec.name(), resumeJob, timeout, reporter));
                }
                VirtualMachine named = host.findVm(selector);
                reporter.vmFound(named);
                VirtualMachine vm = spec.flow().subject(host, named);
                Operation.Request request = new Operation.Request(vm, point(host, vm));
                if (dryRun) {
                    reporter.dryRun(vm, runner.dryRun(spec.operation(), request), spec.operation().likelyRefusal(vm));
                    return ExitCodes.COMPLETED;
                }
                OperationRunner.Options options = new OperationRunner.Options(!noWait, timeout, ifNeeded);
                return finish(reporter, spec.flow().run(runner, spec.operation(), request, start, options, reporter));
            }
        } catch (RuntimeException e) {
            ExitCodes.Failure failure = ExitCodes.of(e);
            reporter.failed(e, failure);
            if (connection.verbose && failure.kind().equals("error")) {
                e.printStackTrace(env.err());
            }
            return failure.code();
        }
    }

    /** The recovery point the user named, by id or by name; null for the latest. */
    private RecoveryPoint point(HyperVHost host, VirtualMachine vm) {
        if (recoveryPoint == null) {
            return null;
        }
        List<RecoveryPoint> points = host.recoveryPoints(vm);
        List<RecoveryPoint> matches = points.stream()
                .filter(p -> p.id().equalsIgnoreCase(recoveryPoint) || recoveryPoint.equals(p.name())).toList();
        if (matches.size() == 1) {
            return matches.get(0);
        }
        String available = points.isEmpty() ? "the VM has none"
                : "available: " + points.stream().map(p -> p.id() + " (" + p.name() + ")").collect(Collectors.joining(", "));
        throw new UsageException("--recovery-point: " + (matches.isEmpty() ? "no recovery point of '" + vm.name()
                + "' is '" + recoveryPoint + "'" : "'" + recoveryPoint + "' names several recovery points") + "; " + available);
    }

    private static int finish(Reporter reporter, OperationResult result) {
        ExitCodes.Failure failure = ExitCodes.of(result);
        reporter.finished(result, failure);
        return failure.code();
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
        String host = connection.hostName();
        if ("json".equalsIgnoreCase(output)) {
            return new JsonReporter(spec.name(), env.out(), env.err(), host);
        }
        return new TextReporter(spec.name(), spec.operation().doneSentence(), env.out(), env.err(), env.terminal(), host);
    }
}
