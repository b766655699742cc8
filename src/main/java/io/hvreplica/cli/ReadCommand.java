package io.hvreplica.cli;

import io.hvreplica.hyperv.HyperVHost;
import io.hvreplica.hyperv.OperationResult;
import io.hvreplica.hyperv.OperationRunner;
import io.hvreplica.hyperv.RecoveryPoint;
import io.hvreplica.hyperv.ReplicationStates;
import io.hvreplica.hyperv.VirtualMachine;
import io.hvreplica.hyperv.VmSelector;
import io.hvreplica.hyperv.ops.RevertFailover;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The read-only commands: {@code status} (Get-VMReplication), {@code recovery-points}
 * (Get-VMSnapshot -SnapshotType Replica) and {@code wait} (Wait-Job). JSON output is JSON Lines:
 * one compact object per VM or per recovery point, and one object for a failure.
 */
final class ReadCommand {
    static final String STATUS = "status";
    static final String RECOVERY_POINTS = "recovery-points";
    static final String WAIT = "wait";

    private final String name;
    private final Environment env;
    private final Args.Schema schema;
    /** --record, once the options are read. */
    private io.hvreplica.record.Recorder recorder;

    ReadCommand(String name, Environment env) {
        this.name = name;
        this.env = env;
        this.schema = schema(name);
    }

    private static Args.Schema schema(String name) {
        Args.Schema s = new Args.Schema();
        ConnectionOptions.declare(s);
        AuthOptions.declare(s);
        if (name.equals(STATUS)) {
            s.values("--vm", "NAME", "The VM's display name, may hold wildcards (* and ?) and be repeated"
                    + " (default: every VM with replication)");
            s.values("--vm-id", "GUID", "The VM's id; may be repeated");
            s.value("--hosts-file", "FILE", "More hosts, one per line (HOST or HOST:PORT; # starts a comment)");
        } else if (!name.equals(WAIT)) {
            s.value("--vm", "NAME", "The VM's display name");
            s.value("--vm-id", "GUID", "The VM's id");
        } else {
            s.positional("JOB-ID");
        }
        s.value("--timeout", "DURATION", "Bound on the whole command, the wait included, e.g. 90s, 30m (default 30m)");
        return s.value("--output", "FORMAT", "text | json (default text; json is one object per line)");
    }

    String help() {
        return switch (name) {
            case STATUS -> schema.help("hvreplica status (--host HOST | --endpoint URL) [--vm NAME | --vm-id GUID] [OPTIONS]",
                    "Per VM: replication mode, state and health, EnabledState, last replication time and failed-over"
                            + " type, each with its number and its name. Read-only.");
            case RECOVERY_POINTS -> schema.help("hvreplica recovery-points (--host HOST | --endpoint URL)"
                    + " (--vm NAME | --vm-id GUID) [OPTIONS]", "A replica VM's recovery points: id, name, creation time.");
            default -> schema.help("hvreplica wait (--host HOST | --endpoint URL) JOB-ID [OPTIONS]",
                    "Follow any job to its end, with progress, the deadline and the exit codes.");
        };
    }

    int run(List<String> argv) {
        int code = runCommand(argv);
        return Recording.finish(recorder, name, argv, code, env);
    }

    private int runCommand(List<String> argv) {
        boolean json = OperationCommand.wantsJson(argv);
        ConnectionOptions connection = null;
        try {
            Args.Parsed args = schema.parse(argv);
            if (args.help()) {
                env.out().print(help());
                return ExitCodes.COMPLETED;
            }
            String output = args.value("--output", "text");
            if (!"json".equalsIgnoreCase(output) && !"text".equalsIgnoreCase(output)) {
                throw new UsageException("--output must be text or json");
            }
            json = "json".equalsIgnoreCase(output);
            connection = ConnectionOptions.from(args);
            recorder = connection.recorder;
            AuthOptions auth = AuthOptions.from(args);
            if (name.equals(WAIT)) {
                return waitFor(args, connection, auth, json);
            }
            Duration timeout = Durations.parse(args.value("--timeout", "30m"));
            if (name.equals(STATUS)) {
                return status(args, connection, auth, timeout, json);
            }
            VmSelector selector = selector(args.value("--vm"), args.value("--vm-id"), false);
            try (Session session = Session.open(connection, auth, env, timeout)) {
                HyperVHost host = session.host();
                if (name.equals(STATUS)) {
                    List<VirtualMachine> vms = selector == null
                            ? host.findVms("ReplicationMode <> " + ReplicationStates.MODE_NONE)
                            : List.of(host.findVm(selector));
                    for (VirtualMachine vm : vms) {
                        status(vm, connection.hostName(), json);
                    }
                    if (vms.isEmpty() && !json) {
                        env.out().println("No VM on " + connection.hostName() + " has replication.");
                    }
                } else {
                    VirtualMachine vm = host.findVm(selector);
                    List<RecoveryPoint> points = host.recoveryPoints(vm);
                    for (RecoveryPoint p : points) {
                        point(vm, p, connection.hostName(), json);
                    }
                    if (points.isEmpty() && !json) {
                        env.out().println("VM '" + vm.name() + "' has no recovery points.");
                    }
                }
                return ExitCodes.COMPLETED;
            }
        } catch (RuntimeException e) {
            int code = failed(connection == null ? null : connection.hostName(), e, json, "");
            if (!json && e instanceof UsageException) {
                env.err().println("Try 'hvreplica " + name + " --help'.");
            }
            return code;
        }
    }

    /** One failure: a JSON object on stdout, or a sentence on stderr (after {@code prefix}). */
    private int failed(String host, RuntimeException e, boolean json, String prefix) {
        ExitCodes.Failure failure = ExitCodes.of(e);
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("operation", name);
            o.put("host", host);
            o.put("outcome", "failed");
            o.put("error", JsonReporter.error(failure.kind(), ExitCodes.message(e)));
            env.out().println(Json.write(o));
        } else {
            env.err().println("hvreplica: " + prefix + ExitCodes.message(e));
        }
        return failure.code();
    }

    /**
     * Status of the VMs asked for (every replicated VM by default) on every host, one query per
     * host; a host that fails is one line of its own, and the others go on.
     */
    private int status(Args.Parsed args, ConnectionOptions connection, AuthOptions auth, Duration timeout, boolean json) {
        List<String> names = args.values("--vm");
        List<String> ids = args.values("--vm-id");
        List<String> hosts = FleetCommand.hosts(connection.hosts, args.value("--hosts-file"));
        String where;
        try {
            List<String> conditions = new java.util.ArrayList<>();
            names.forEach(n -> conditions.add(io.hvreplica.hyperv.VmPattern.name(n).wql()));
            ids.forEach(i -> conditions.add(io.hvreplica.hyperv.VmPattern.id(i).wql()));
            where = conditions.isEmpty() ? "ReplicationMode <> " + ReplicationStates.MODE_NONE
                    : String.join(" OR ", conditions);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        boolean one = names.size() + ids.size() == 1 && ids.size() + names.stream()
                .filter(n -> n.indexOf('*') < 0 && n.indexOf('?') < 0).count() == 1;
        List<ConnectionOptions> targets = hosts.size() > 1 ? hosts.stream().map(connection::forHost).toList()
                : List.of(connection);
        Environment cached = new FleetCommand.CachedPasswords(env);
        int worst = ExitCodes.COMPLETED;
        for (ConnectionOptions c : targets) {
            String hostName = hosts.size() > 1 ? c.hosts.get(0) : c.hostName();
            try (Session session = Session.open(c, auth, cached, timeout)) {
                HyperVHost host = session.host();
                List<VirtualMachine> vms = one && targets.size() == 1
                        ? List.of(host.findVm(names.isEmpty() ? VmSelector.byId(ids.get(0)) : VmSelector.byName(names.get(0))))
                        : host.findVms(where);
                for (VirtualMachine vm : vms) {
                    status(vm, hostName, json);
                }
                if (vms.isEmpty() && !json) {
                    env.out().println("No VM " + (names.isEmpty() && ids.isEmpty() ? "with replication" : "asked for")
                            + " on " + hostName + ".");
                }
            } catch (UsageException e) {
                throw e;
            } catch (RuntimeException e) {
                if (targets.size() == 1) {
                    throw e;
                }
                worst = FleetCommand.moreSerious(worst, failed(hostName, e, json, hostName + ": "));
            }
        }
        return worst;
    }

    private int waitFor(Args.Parsed args, ConnectionOptions connection, AuthOptions auth, boolean json) {
        List<String> positional = args.positional();
        if (positional.size() != 1) {
            throw new UsageException("give the job id: hvreplica wait JOB-ID");
        }
        String jobId;
        try {
            jobId = OperationRunner.checkJobId(positional.get(0));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Duration timeout = Durations.parse(args.value("--timeout", "30m"));
        Reporter reporter = json ? new JsonReporter(WAIT, env.out(), env.err(), connection.hostName())
                : new TextReporter(WAIT, new RevertFailover().doneSentence(), env.out(), env.err(), env.terminal(),
                connection.hostName());
        env.onSignal(signal -> {
            int code = ExitCodes.ofSignal(signal);
            reporter.interrupted(signal, code);
            return code;
        });
        try (Session session = Session.open(connection, auth, env, timeout)) {
            reporter.resuming(jobId);
            OperationResult r = new OperationRunner(session.host(), session.watcher(env))
                    .follow(WAIT, jobId, timeout, reporter);
            ExitCodes.Failure failure = ExitCodes.of(r);
            reporter.finished(r, failure);
            return failure.code();
        } catch (RuntimeException e) {
            ExitCodes.Failure failure = ExitCodes.of(e);
            reporter.failed(e, failure);
            return failure.code();
        }
    }

    private static VmSelector selector(String vmName, String vmId, boolean optional) {
        if (vmName == null && vmId == null) {
            if (optional) {
                return null;
            }
            throw new UsageException("give either --vm NAME or --vm-id GUID");
        }
        if (vmName != null && vmId != null) {
            throw new UsageException("give either --vm NAME or --vm-id GUID, not both");
        }
        try {
            return vmName != null ? VmSelector.byName(vmName) : VmSelector.byId(vmId);
        } catch (IllegalArgumentException e) {
            throw new UsageException((vmName != null ? "--vm: " : "--vm-id: ") + e.getMessage());
        }
    }

    private void status(VirtualMachine vm, String host, boolean json) {
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("operation", STATUS);
            o.put("host", host);
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("name", vm.name());
            v.put("id", vm.id());
            v.put("replicationMode", vm.replicationMode());
            v.put("replicationModeName", ReplicationStates.mode(vm.replicationMode()));
            v.put("replicationState", vm.replicationState());
            v.put("replicationStateName", ReplicationStates.state(vm.replicationState()));
            v.put("replicationHealth", vm.replicationHealth());
            v.put("replicationHealthName", ReplicationStates.health(vm.replicationHealth()));
            v.put("enabledState", vm.enabledState());
            v.put("enabledStateName", ReplicationStates.enabledState(vm.enabledState()));
            v.put("lastReplicationTime", vm.lastReplicationTime());
            v.put("failedOverReplicationType", vm.failedOverReplicationType());
            v.put("failedOverReplicationTypeName", ReplicationStates.replicationType(vm.failedOverReplicationType()));
            o.put("vm", v);
            o.put("outcome", "completed");
            o.put("error", null);
            env.out().println(Json.write(o));
            return;
        }
        env.out().printf("%s (%s): %s (%d), %s (%d), health %s (%d), %s (%d), last replication %s,"
                        + " failed over %s (%d)%n", vm.name(), vm.id(),
                ReplicationStates.mode(vm.replicationMode()), nz(vm.replicationMode()),
                ReplicationStates.state(vm.replicationState()), nz(vm.replicationState()),
                ReplicationStates.health(vm.replicationHealth()), nz(vm.replicationHealth()),
                ReplicationStates.enabledState(vm.enabledState()), nz(vm.enabledState()),
                vm.lastReplicationTime() == null ? "never" : vm.lastReplicationTime(),
                ReplicationStates.replicationType(vm.failedOverReplicationType()), nz(vm.failedOverReplicationType()));
    }

    private static int nz(Integer v) {
        return v == null ? -1 : v;
    }

    private void point(VirtualMachine vm, RecoveryPoint p, String host, boolean json) {
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("operation", RECOVERY_POINTS);
            o.put("host", host);
            o.put("vm", Map.of("name", vm.name(), "id", vm.id()));
            Map<String, Object> rp = new LinkedHashMap<>();
            rp.put("id", p.id());
            rp.put("name", p.name());
            rp.put("creationTime", p.creationTime());
            rp.put("type", p.type());
            o.put("recoveryPoint", rp);
            env.out().println(Json.write(o));
            return;
        }
        env.out().printf("%s  %s  %s%s%n", p.creationTime(), p.id(), p.name(),
                p.applicationConsistent() ? "  (application-consistent)" : "");
    }

}
