package io.hvreplica.cli;

import io.hvreplica.HvReplicaException;
import io.hvreplica.hyperv.FleetRunner;
import io.hvreplica.hyperv.JobStatus;
import io.hvreplica.hyperv.Operation;
import io.hvreplica.hyperv.OperationResult;
import io.hvreplica.hyperv.OperationRunner;
import io.hvreplica.hyperv.ReplicationStates;
import io.hvreplica.hyperv.VirtualMachine;
import io.hvreplica.hyperv.VmPattern;
import io.hvreplica.wsman.EndpointReference;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A state-changing command over many VMs and hosts: every name looked up in one query per host,
 * a confirmation before touching more than one VM, the run through {@link FleetRunner}, JSON Lines
 * (one object per VM, as each ends) or progress lines and a summary table, and one exit code: the
 * most serious of the VMs'.
 */
final class FleetCommand {
    /** Calls in flight at once over all hosts: enough to keep tens of hosts busy, few enough for one JVM. */
    static final int DEFAULT_PARALLEL = 32;
    /** Connections per host: well inside WinRM's per-user quotas and WMI's provider limit (reference §13). */
    static final int PER_HOST = 8;
    // Exit codes from most to least serious (README, "Exit codes"); 0 only when every VM succeeded.
    private static final List<Integer> SEVERITY = List.of(ExitCodes.CONNECTION, ExitCodes.AUTH, ExitCodes.TIMEOUT,
            ExitCodes.NOT_FOUND, ExitCodes.USAGE, ExitCodes.REFUSED_OR_FAILED);

    private final OperationCommand.Spec spec;
    private final Environment env;
    private final boolean json;

    FleetCommand(OperationCommand.Spec spec, Environment env, boolean json) {
        this.spec = spec;
        this.env = env;
        this.json = json;
    }

    /** The more serious of two exit codes, in the order the README gives; 0 is the least. */
    static int moreSerious(int a, int b) {
        if (a == ExitCodes.COMPLETED) {
            return b;
        }
        if (b == ExitCodes.COMPLETED) {
            return a;
        }
        return Report.rank(a) <= Report.rank(b) ? a : b;
    }

    /** The hosts of --host and --hosts-file: one per line, optionally HOST:PORT, '#' starts a comment. */
    static List<String> hosts(List<String> given, String hostsFile) {
        List<String> hosts = new ArrayList<>(given);
        if (hostsFile != null) {
            try {
                for (String line : Files.readAllLines(Path.of(hostsFile), StandardCharsets.UTF_8)) {
                    String h = line.replaceFirst("#.*", "").trim();
                    if (!h.isEmpty()) {
                        hosts.add(h);
                    }
                }
            } catch (IOException e) {
                throw new UsageException("--hosts-file: cannot read " + hostsFile + " (" + e.getMessage() + ")");
            }
            if (hosts.size() == given.size()) {
                throw new UsageException("--hosts-file: " + hostsFile + " names no host");
            }
        }
        return hosts.stream().distinct().toList();
    }

    int run(ConnectionOptions connection, AuthOptions auth, List<String> hostSpecs, List<VmPattern> patterns,
            Duration timeout, OperationRunner.Options options, int parallel, boolean failFast, boolean yes,
            boolean dryRun, boolean start) {
        Environment cached = new CachedPasswords(env);
        // --endpoint names the one host itself; otherwise each --host (or hosts-file line) is one.
        List<ConnectionOptions> perHost = hostSpecs.isEmpty() ? List.of(connection)
                : hostSpecs.stream().map(connection::forHost).toList();
        List<Session> opened = java.util.Collections.synchronizedList(new ArrayList<>());
        List<FleetRunner.Host> hosts = new ArrayList<>();
        for (ConnectionOptions c : perHost) {
            hosts.add(new FleetRunner.Host(hostSpecs.isEmpty() ? c.hostName() : c.hosts.get(0), () -> {
                Session s = Session.open(c, auth, cached, timeout);
                opened.add(s);
                return s.host();
            }));
        }
        FleetRunner fleet = new FleetRunner(hosts, env.clock(), env.sleeper());
        Report report = new Report(spec.name(), json, env);
        env.onSignal(signal -> {
            int code = ExitCodes.ofSignal(signal);
            report.interrupted(signal, code);
            return code;
        });
        try {
            FleetRunner.Selection selection = fleet.select(patterns);
            selection.failedHosts().forEach(report::hostFailed);
            for (VmPattern p : selection.notFound()) {
                report.failed(null, null, new ExitCodes.Failure(ExitCodes.NOT_FOUND, "vm-not-found"),
                        "no virtual machine " + p.describe() + " on " + String.join(", ", selection.vms().keySet())
                                + (selection.failedHosts().isEmpty() ? "" : " (not looked up on the unreachable "
                                + String.join(", ", selection.failedHosts().keySet()) + ")"));
            }
            selection.ambiguous().forEach((p, found) -> report.failed(null, null,
                    new ExitCodes.Failure(ExitCodes.USAGE, "ambiguous-vm"), found.size() + " VMs are named '" + p
                            + "': " + found.stream().map(f -> f.vm().id() + " on " + f.host())
                            .collect(Collectors.joining(", ")) + "; name one with --vm-id, or use a wildcard to"
                            + " mean all of them"));
            if (dryRun) {
                selection.vms().forEach((host, vms) -> {
                    OperationRunner runner = new OperationRunner(fleet.session(host), null);
                    for (VirtualMachine vm : vms) {
                        try {
                            VirtualMachine subject = spec.flow().subject(fleet.session(host), vm);
                            report.dryRun(host, subject, runner.dryRun(spec.operation(), Operation.Request.of(subject)),
                                    spec.operation().likelyRefusal(subject));
                        } catch (HvReplicaException e) {
                            report.failed(host, vm, ExitCodes.of(e), ExitCodes.message(e));
                        }
                    }
                });
                return report.exitCode();
            }
            if (selection.size() > 1 && !yes && !confirmed(selection)) {
                report.failed(null, null, new ExitCodes.Failure(ExitCodes.USAGE, "usage"), spec.name() + " would "
                        + "touch " + selection.size() + " VMs: " + list(selection) + "; nothing was changed. Run"
                        + " it again with --yes to go ahead");
                return ExitCodes.USAGE;
            }
            report.selected(selection);
            // A command whose operation takes several calls (a start after a failover, the test VM's
            // removal) runs its own flow per VM; the rest are invoked together and polled in batches.
            boolean batched = spec.flow() == OperationCommand.Flow.ONCE || spec.startOption() && !start;
            FleetRunner.Flow flow = batched ? null
                    : (runner, op, request, o, l) -> spec.flow().run(runner, op, Operation.Request.of(
                    spec.flow().subject(runner.host(), request.vm())), start, o, l);
            fleet.run(selection, spec.operation(), new FleetRunner.Options(options, parallel, PER_HOST, failFast),
                    report, flow).join();
            return report.exitCode();
        } finally {
            fleet.close();
            for (Session s : List.copyOf(opened)) {
                try {
                    s.close();
                } catch (RuntimeException ignored) {
                    // Closing sockets we no longer need; nothing to report.
                }
            }
            report.summary();
        }
    }

    private boolean confirmed(FleetRunner.Selection selection) {
        if (!env.terminal() || json) {
            return false;
        }
        env.err().println(spec.name() + " will " + spec.operation().action() + " " + selection.size() + " VMs:");
        selection.vms().forEach((host, vms) -> vms.forEach(vm -> env.err().println("  " + vm.name() + " (" + vm.id()
                + ") on " + host + ", " + ReplicationStates.state(vm.replicationState()))));
        env.err().print("Go ahead? [y/N] ");
        env.err().flush();
        String answer = env.readLine();
        return answer != null && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"));
    }

    private static String list(FleetRunner.Selection selection) {
        List<String> all = new ArrayList<>();
        selection.vms().forEach((host, vms) -> vms.forEach(vm -> all.add(vm.name() + " on " + host)));
        return String.join(", ", all);
    }

    /** One password prompt (or file read) for all the connections of the run. */
    static final class CachedPasswords extends DelegatingEnvironment {
        private final Map<String, char[]> read = new ConcurrentHashMap<>();

        CachedPasswords(Environment outer) {
            super(outer);
        }

        @Override
        public synchronized char[] read(Path file, String user) {
            return read.computeIfAbsent(file + "|" + user, k -> super.read(file, user)).clone();
        }
    }

    /**
     * JSON Lines (one object per VM, as each ends; progress on stderr) or text (progress lines on
     * stderr, then a summary table on stdout). Exactly one line per VM, whatever ends the run.
     */
    private static final class Report implements FleetRunner.Listener {
        private final String operation;
        private final boolean json;
        private final PrintStream out;
        private final PrintStream err;
        private final Map<String, String> jobs = new ConcurrentHashMap<>();
        private final Map<String, String[]> running = new ConcurrentHashMap<>();
        private final Set<String> done = ConcurrentHashMap.newKeySet();
        private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
        private final List<String[]> rows = new ArrayList<>();
        private final List<Integer> codes = new ArrayList<>();
        private final List<String> failures = new ArrayList<>();
        private boolean closed;

        private final boolean terminal;
        private final Map<String, String> live = new LinkedHashMap<>();
        private int drawn;

        Report(String operation, boolean json, Environment env) {
            this.operation = operation;
            this.json = json;
            this.out = env.out();
            this.err = env.err();
            this.terminal = env.terminal();
        }

        /** Every VM the run will touch, so that an interruption can still account for each. */
        synchronized void selected(FleetRunner.Selection selection) {
            selection.vms().forEach((host, vms) -> vms.forEach(vm -> running.put(key(host, vm),
                    new String[]{host, vm.name(), vm.id()})));
        }

        /** On a terminal, one line per running VM, redrawn in place; elsewhere, a line per change. */
        private void show(String vm, String host, String line) {
            if (json) {
                return;
            }
            if (!terminal) {
                err.println(vm + " on " + host + ": " + line);
                return;
            }
            live.put(vm + " on " + host, line);
            StringBuilder s = new StringBuilder();
            if (drawn > 0) {
                s.append("\033[").append(drawn).append('A');
            }
            for (Map.Entry<String, String> e : live.entrySet()) {
                s.append("\r\033[2K").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
            }
            drawn = live.size();
            err.print(s);
            err.flush();
        }

        private static String key(String host, VirtualMachine vm) {
            return host + "/" + vm.id();
        }

        @Override
        public void invoking(OperationRunner.Context c, String method) {
            running.putIfAbsent(key(c.host(), c.vm()), new String[]{c.host(), c.vm().name(), c.vm().id()});
            inFlight.add(key(c.host(), c.vm()));
        }

        @Override
        public void answered(OperationRunner.Context c, long returnValue) {
            inFlight.remove(key(c.host(), c.vm()));
        }

        @Override
        public synchronized void jobStarted(OperationRunner.Context c, String jobId, EndpointReference job) {
            jobs.put(key(c.host(), c.vm()), jobId);
            if (!closed) {
                if (json) {
                    err.println(c.vm().name() + " on " + c.host() + ": " + c.operation() + " started job " + jobId);
                    err.flush();
                } else {
                    show(c.vm().name(), c.host(), c.operation() + " started job " + jobId);
                }
            }
        }

        @Override
        public synchronized void progress(OperationRunner.Context c, JobStatus s) {
            if (!closed) {
                show(c.vm().name(), c.host(), "job " + s.instanceId() + " " + s.stateName() + " "
                        + (s.percentComplete() == null ? 0 : s.percentComplete()) + "%");
            }
        }

        @Override
        public synchronized void finished(FleetRunner.VmResult r) {
            String k = key(r.host(), r.vm());
            running.remove(k);
            if (closed || !done.add(k)) {
                return;
            }
            ExitCodes.Failure failure = r.error() != null ? ExitCodes.of(r.error()) : ExitCodes.of(r.result());
            String message = r.error() != null ? ExitCodes.message(r.error()) : r.result().explanation();
            if (json) {
                Map<String, Object> o = r.result() != null ? JsonReporter.resultObject(operation, r.host(), r.result())
                        : JsonReporter.failureObject(operation, r.host(), r.vm(), jobs.get(k));
                o.put("error", failure.kind() == null ? null : JsonReporter.error(failure.kind(), message));
                o.put("seconds", r.elapsed().toMillis() / 1000.0);
                out.println(Json.write(o));
                out.flush();
            } else {
                show(r.vm().name(), r.host(), r.result() != null ? r.result().outcome().label() : "failed");
                if (failure.kind() != null && !terminal) {
                    err.println("hvreplica: " + r.vm().name() + " on " + r.host() + ": " + failure.kind() + ": " + message);
                }
                if (failure.kind() != null) {
                    failures.add(r.vm().name() + " on " + r.host() + ": " + failure.kind() + ": " + message);
                }
            }
            codes.add(failure.code());
            rows.add(new String[]{r.vm().name(), r.host(), r.result() != null ? r.result().outcome().label() : "failed",
                    r.result() != null && r.result().jobId() != null ? r.result().jobId() : jobs.getOrDefault(k, "-"),
                    String.format(java.util.Locale.ROOT, "%.1fs", r.elapsed().toMillis() / 1000.0)});
        }

        synchronized void hostFailed(String host, HvReplicaException e) {
            failed(host, null, ExitCodes.of(e), ExitCodes.message(e));
        }

        synchronized void failed(String host, VirtualMachine vm, ExitCodes.Failure failure, String message) {
            if (closed) {
                return;
            }
            if (json) {
                Map<String, Object> o = JsonReporter.failureObject(operation, host, vm, null);
                o.put("error", JsonReporter.error(failure.kind(), message));
                out.println(Json.write(o));
                out.flush();
            } else {
                err.println("hvreplica: " + (host == null ? "" : host + ": ") + message);
            }
            codes.add(failure.code());
            rows.add(new String[]{vm == null ? "-" : vm.name(), host == null ? "-" : host, failure.kind(), "-", "-"});
        }

        synchronized void dryRun(String host, VirtualMachine vm, String envelope, String refusal) {
            if (json) {
                Map<String, Object> o = JsonReporter.failureObject(operation, host, vm, null);
                o.put("outcome", "dry-run");
                o.put("changed", false);
                o.put("likelyRefusal", refusal);
                o.put("envelope", envelope);
                o.put("error", null);
                out.println(Json.write(o));
            } else {
                out.println(vm.name() + " on " + host + ": " + ReplicationStates.state(vm.replicationState())
                        + (refusal == null ? "; the host should accept it" : "; the host will likely refuse: " + refusal));
            }
            rows.add(new String[]{vm.name(), host, "dry-run", "-", "-"});
            codes.add(ExitCodes.COMPLETED);
        }

        /** On SIGINT or SIGTERM: one line for every VM still running, with its job, then nothing more. */
        synchronized void interrupted(String signal, int code) {
            if (closed) {
                return;
            }
            for (Map.Entry<String, String[]> e : running.entrySet()) {
                String[] hv = e.getValue();
                String job = jobs.get(e.getKey());
                String message = "interrupted by " + signal + (job != null ? " while following the job; "
                        + Reporter.resumeHint(job) : inFlight.contains(e.getKey()) ? " while the call was in flight: its"
                        + " outcome is unknown; check the VM's state on the host" : " before anything was invoked on"
                        + " it; nothing was changed");
                if (json) {
                    Map<String, Object> o = new LinkedHashMap<>();
                    o.put("operation", operation);
                    o.put("host", hv[0]);
                    o.put("vm", Map.of("name", hv[1], "id", hv[2]));
                    o.put("job", job == null ? null : JsonReporter.job(job, null));
                    o.put("outcome", "interrupted");
                    o.put("error", JsonReporter.error("interrupted", message));
                    out.println(Json.write(o));
                } else {
                    err.println("hvreplica: " + hv[1] + " on " + hv[0] + ": " + message);
                }
            }
            out.flush();
            err.flush();
            closed = true;
        }

        synchronized int exitCode() {
            return codes.stream().reduce(ExitCodes.COMPLETED, FleetCommand::moreSerious);
        }

        static int rank(int code) {
            int i = SEVERITY.indexOf(code);
            return i < 0 ? SEVERITY.size() : i;
        }

        synchronized void summary() {
            if (json || closed || rows.isEmpty()) {
                return;
            }
            if (terminal) {
                // The live lines are gone with the run; the reasons stay, once each.
                failures.forEach(f -> err.println("hvreplica: " + f));
            }
            String[] head = {"VM", "HOST", "OUTCOME", "JOB", "TIME"};
            int[] w = new int[head.length];
            for (String[] r : concat(head)) {
                for (int i = 0; i < w.length; i++) {
                    w[i] = Math.max(w[i], r[i].length());
                }
            }
            for (String[] r : concat(head)) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < w.length; i++) {
                    line.append(i == 0 ? "" : "  ").append(i == w.length - 1 ? r[i] : String.format("%-" + w[i] + "s", r[i]));
                }
                out.println(line.toString().stripTrailing());
            }
            out.flush();
        }

        private List<String[]> concat(String[] head) {
            List<String[]> all = new ArrayList<>();
            all.add(head);
            all.addAll(rows);
            return all;
        }
    }
}
