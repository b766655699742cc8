package io.hvreplica.hyperv;

import io.hvreplica.HvReplicaException;
import io.hvreplica.hyperv.OperationResult.Outcome;
import io.hvreplica.wsman.WsmanFaultException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * One operation on many VMs on many hosts, near the protocol's floor: per host, every name is
 * looked up in one query, the services once, and each VM's method is invoked once on a small pool
 * of authenticated connections; then all of the host's jobs are polled together, one query per
 * round with the same backoff and deadline as a single job, and the VMs whose jobs ended are read
 * again together. One VM's failure never stops the others unless asked ({@link Options#failFast}).
 * A lost answer is outcome-unknown for that VM and is never re-sent, on any of them.
 */
public final class FleetRunner implements AutoCloseable {
    /** A host to work on: its name and a way to open another authenticated session with it. */
    public record Host(String name, Supplier<HyperVHost> sessions) {
    }

    /**
     * @param run      what every VM's run follows: wait, timeout (the deadline of the whole run), if-needed
     * @param parallel how many method calls are in flight at once, over all hosts
     * @param perHost  how many connections each host gets, and so calls at once on it
     * @param failFast start no further call once one VM has failed
     */
    public record Options(OperationRunner.Options run, int parallel, int perHost, boolean failFast) {
        public Options {
            if (parallel < 1 || perHost < 1) {
                throw new IllegalArgumentException("the parallelism must be at least 1");
            }
        }
    }

    /** Told of each VM's steps (with their host) and of each VM's end, as it happens. */
    public interface Listener extends OperationRunner.Listener {
        default void finished(VmResult result) {
        }
    }

    /**
     * How one VM's run ended: a result, or a failure before anything was sent to it.
     *
     * @param elapsed from the start of the whole run to this VM's end
     */
    public record VmResult(String host, VirtualMachine vm, OperationResult result, HvReplicaException error,
                           Duration elapsed) {
        public boolean success() {
            return error == null && result.outcome().success();
        }
    }

    /** What the look-ups found: the VMs per host, hosts that could not be reached, and names that found none. */
    public record Selection(Map<String, List<VirtualMachine>> vms, Map<String, HvReplicaException> failedHosts,
                            List<VmPattern> notFound, Map<VmPattern, List<Found>> ambiguous) {
        public int size() {
            return vms.values().stream().mapToInt(List::size).sum();
        }
    }

    /** A VM and the host it is on. */
    public record Found(String host, VirtualMachine vm) {
    }

    /** How many calls one connection takes before another is worth its handshake. */
    static final int VMS_PER_CONNECTION = 6;

    private final List<Host> hosts;
    private final Clock clock;
    private final JobWatcher.Sleeper sleeper;
    private final Map<String, HyperVHost> first = new LinkedHashMap<>();
    private final List<HyperVHost> opened = java.util.Collections.synchronizedList(new ArrayList<>());

    public FleetRunner(List<Host> hosts, Clock clock, JobWatcher.Sleeper sleeper) {
        this.hosts = List.copyOf(hosts);
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * Looks every pattern up on every host, in one query per host. A name without wildcards that
     * matches several VMs, on one host or across hosts, is ambiguous and runs on none of them.
     */
    public Selection select(List<VmPattern> patterns) {
        String where = String.join(" OR ", patterns.stream().map(VmPattern::wql).distinct().toList());
        Map<String, List<VirtualMachine>> byHost = new LinkedHashMap<>();
        Map<String, HvReplicaException> failed = new LinkedHashMap<>();
        List<CompletableFuture<Void>> lookups = new ArrayList<>();
        ExecutorService io = Executors.newFixedThreadPool(Math.max(1, Math.min(hosts.size(), 16)), daemon("lookup"));
        try {
            for (Host h : hosts) {
                lookups.add(CompletableFuture.runAsync(() -> {
                    try {
                        HyperVHost session = open(h);
                        synchronized (first) {
                            first.put(h.name(), session);
                        }
                        List<VirtualMachine> vms = session.findVms(where);
                        synchronized (byHost) {
                            byHost.put(h.name(), vms);
                        }
                    } catch (HvReplicaException e) {
                        synchronized (failed) {
                            failed.put(h.name(), e);
                        }
                    }
                }, io));
            }
            CompletableFuture.allOf(lookups.toArray(CompletableFuture[]::new)).join();
        } finally {
            io.shutdown();
        }
        Map<String, List<VirtualMachine>> chosen = new LinkedHashMap<>();
        List<VmPattern> notFound = new ArrayList<>();
        Map<VmPattern, List<Found>> ambiguous = new LinkedHashMap<>();
        Set<String> excluded = new LinkedHashSet<>();
        for (VmPattern p : patterns) {
            List<Found> matches = new ArrayList<>();
            for (Host h : hosts) {
                for (VirtualMachine vm : byHost.getOrDefault(h.name(), List.of())) {
                    if (p.matches(vm)) {
                        matches.add(new Found(h.name(), vm));
                    }
                }
            }
            if (matches.isEmpty()) {
                notFound.add(p);
            } else if (matches.size() > 1 && !p.wildcard()) {
                ambiguous.put(p, matches);
                matches.forEach(f -> excluded.add(f.host() + "/" + f.vm().id()));
            }
        }
        for (Host h : hosts) {
            List<VirtualMachine> vms = new ArrayList<>();
            for (VirtualMachine vm : byHost.getOrDefault(h.name(), List.of())) {
                boolean asked = patterns.stream().anyMatch(p -> p.matches(vm));
                if (asked && !excluded.contains(h.name() + "/" + vm.id())) {
                    vms.add(vm);
                }
            }
            if (byHost.containsKey(h.name())) {
                chosen.put(h.name(), vms);
            }
        }
        return new Selection(chosen, failed, notFound, ambiguous);
    }

    /** The session the look-up used, kept for the run; dry runs and previews use it too. */
    public HyperVHost session(String host) {
        synchronized (first) {
            return first.get(host);
        }
    }

    /**
     * Runs {@code op} on every selected VM.
     *
     * @param flow how one VM runs when its operation takes several steps (a start after a
     *             failover); null for the batched single call
     * @return every VM's result, in the order they ended
     */
    public CompletableFuture<List<VmResult>> run(Selection selection, Operation op, Options options, Listener listener,
                                                 Flow flow) {
        Instant start = clock.instant();
        Instant deadline = start.plus(options.run().timeout());
        List<VmResult> results = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService calls = Executors.newFixedThreadPool(options.parallel(), daemon("call"));
        ExecutorService pollers = Executors.newCachedThreadPool(daemon("poll"));
        List<CompletableFuture<Void>> perHost = new ArrayList<>();
        for (Map.Entry<String, List<VirtualMachine>> e : selection.vms().entrySet()) {
            Listener emitting = named(e.getKey(), listener, r -> {
                results.add(r);
                if (!r.success() && options.failFast()) {
                    stop.set(true);
                }
            });
            // A connection per few VMs: each costs a handshake, and an Invoke takes a round trip or two.
            int connections = Math.max(1, Math.min(options.perHost(), (e.getValue().size() + VMS_PER_CONNECTION - 1)
                    / VMS_PER_CONNECTION));
            HostRun run = new HostRun(hostNamed(e.getKey()), session(e.getKey()), connections, this::open);
            List<CompletableFuture<OperationRunner.Started>> invoked = new ArrayList<>();
            HvReplicaException noService = null;
            if (op.target() != Operation.Target.VM && !e.getValue().isEmpty()) {
                // Once per host, before the other connections open and take it over.
                try {
                    run.firstSession.target(op.target(), null);
                } catch (HvReplicaException ex) {
                    noService = ex;
                }
            }
            HvReplicaException hostFailure = noService;
            for (VirtualMachine vm : e.getValue()) {
                if (hostFailure != null) {
                    emitting.finished(new VmResult(run.host.name(), vm, null, hostFailure, since(start)));
                    continue;
                }
                invoked.add(CompletableFuture.supplyAsync(() -> {
                    if (stop.get()) {
                        emitting.finished(new VmResult(run.host.name(), vm, notStarted(op, vm), null, since(start)));
                        return null;
                    }
                    HyperVHost session = run.acquire();
                    try {
                        OperationRunner runner = new OperationRunner(session, watcher(session).until(deadline));
                        if (flow != null) {
                            OperationResult r = flow.run(runner, op, Operation.Request.of(vm), options.run(), emitting);
                            emitting.finished(new VmResult(run.host.name(), vm, r, null, since(start)));
                            return null;
                        }
                        OperationRunner.Started s = runner.start(op, Operation.Request.of(vm), options.run(), emitting);
                        if (s.result() != null) {
                            emitting.finished(new VmResult(run.host.name(), vm, s.result(), null, since(start)));
                            return null;
                        }
                        return s;
                    } catch (HvReplicaException ex) {
                        emitting.finished(new VmResult(run.host.name(), vm, null, ex, since(start)));
                        return null;
                    } finally {
                        run.release(session);
                    }
                }, calls));
            }
            perHost.add(CompletableFuture.allOf(invoked.toArray(CompletableFuture[]::new)).thenRunAsync(() -> {
                List<OperationRunner.Started> started = invoked.stream().map(CompletableFuture::join)
                        .filter(java.util.Objects::nonNull).toList();
                follow(run, started, deadline, options.run().timeout(), start, emitting);
            }, pollers));
        }
        return CompletableFuture.allOf(perHost.toArray(CompletableFuture[]::new)).handle((v, t) -> {
            calls.shutdown();
            pollers.shutdown();
            synchronized (results) {
                return List.copyOf(results);
            }
        });
    }

    /** Passes the events on with the host named as the caller named it (with its port, say). */
    private static Listener named(String host, Listener listener, java.util.function.Consumer<VmResult> first) {
        return new Listener() {
            private OperationRunner.Context as(OperationRunner.Context c) {
                return new OperationRunner.Context(host, c.operation(), c.vm());
            }

            @Override
            public void invoking(OperationRunner.Context c, String method) {
                listener.invoking(as(c), method);
            }

            @Override
            public void answered(OperationRunner.Context c, long rv) {
                listener.answered(as(c), rv);
            }

            @Override
            public void jobStarted(OperationRunner.Context c, String jobId, io.hvreplica.wsman.EndpointReference job) {
                listener.jobStarted(as(c), jobId, job);
            }

            @Override
            public void progress(OperationRunner.Context c, JobStatus s) {
                listener.progress(as(c), s);
            }

            @Override
            public void finished(VmResult r) {
                first.accept(r);
                listener.finished(r);
            }
        };
    }

    /** How one VM runs when the operation is a flow of several calls. */
    @FunctionalInterface
    public interface Flow {
        OperationResult run(OperationRunner runner, Operation op, Operation.Request request,
                            OperationRunner.Options options, OperationRunner.Listener listener);
    }

    /**
     * Follows all of one host's jobs together ({@link JobWatcher#watchAll}): one query per round,
     * and the VMs whose jobs finished in a round read again in one query.
     */
    private void follow(HostRun run, List<OperationRunner.Started> started, Instant deadline, Duration timeout,
                        Instant start, Listener listener) {
        Map<String, OperationRunner.Started> running = new LinkedHashMap<>();
        started.forEach(s -> running.put(s.jobId().toUpperCase(java.util.Locale.ROOT), s));
        HyperVHost session = run.acquire();
        try {
            OperationRunner runner = new OperationRunner(session, watcher(session).until(deadline));
            boolean[] batched = {true};
            JobWatcher.BatchPoll poll = ids -> {
                if (batched[0]) {
                    try {
                        return session.jobs(ids);
                    } catch (WsmanFaultException e) {
                        if ("TimedOut".equals(e.fault().subcode())) {
                            throw e;
                        }
                        // A host that will not run WQL over its jobs is still asked, one Get per job.
                        batched[0] = false;
                    }
                }
                return oneByOne(session, ids, running);
            };
            watcher(session).until(deadline).watchAll(running.keySet(), poll, timeout,
                    (id, s) -> listener.progress(running.get(id).context(), s), round -> {
                        Map<String, VirtualMachine> after = rereadFinished(session, round, running);
                        for (Map.Entry<String, JobWatcher.Result> e : round.entrySet()) {
                            OperationRunner.Started s = running.remove(e.getKey());
                            VirtualMachine vm = s.request().vm();
                            listener.finished(new VmResult(run.host.name(), vm, runner.finish(s, e.getValue(), timeout,
                                    Optional.ofNullable(after.get(vm.id().toUpperCase(java.util.Locale.ROOT)))), null,
                                    since(start)));
                        }
                    });
        } catch (HvReplicaException e) {
            // Polling itself failed (the host went away): each job still running is reported with the error.
            for (OperationRunner.Started s : running.values()) {
                listener.finished(new VmResult(run.host.name(), s.request().vm(), null, e, since(start)));
            }
        } finally {
            run.release(session);
        }
    }

    /** Each job with its own Get; a job the host no longer has is left out, as the query would. */
    private static Map<String, JobStatus> oneByOne(HyperVHost session, Set<String> ids,
                                                   Map<String, OperationRunner.Started> running) {
        Map<String, JobStatus> now = new LinkedHashMap<>();
        for (String id : ids) {
            try {
                now.put(id, session.job(running.get(id).job()));
            } catch (WsmanFaultException f) {
                if (!f.isMissingInstance()) {
                    throw f;
                }
            }
        }
        return now;
    }

    /**
     * The VMs whose jobs finished this round, read again in one query; an empty map when that
     * fails (each is then unread). Other endings need no read: a vanished job reads its VM itself,
     * and a deadline or an interruption leaves no time for one.
     */
    private static Map<String, VirtualMachine> rereadFinished(HyperVHost session, Map<String, JobWatcher.Result> round,
                                                              Map<String, OperationRunner.Started> running) {
        List<String> ids = round.entrySet().stream().filter(e -> e.getValue().end() == JobWatcher.End.FINISHED)
                .map(e -> running.get(e.getKey()).request().vm().id()).distinct().toList();
        if (ids.isEmpty()) {
            return Map.of();
        }
        try {
            return session.vmsById(ids);
        } catch (HvReplicaException e) {
            return Map.of();
        }
    }

    private HyperVHost open(Host host) {
        HyperVHost session = host.sessions().get();
        opened.add(session);
        return session;
    }

    /** Closes every session the run opened. */
    @Override
    public void close() {
        synchronized (opened) {
            opened.forEach(HyperVHost::close);
            opened.clear();
        }
    }

    private JobWatcher watcher(HyperVHost session) {
        return new JobWatcher(session::job, clock, sleeper);
    }

    private static OperationResult notStarted(Operation op, VirtualMachine vm) {
        return new OperationResult(op.name(), vm, null, null, null, null, Outcome.NOT_STARTED,
                "not started: another VM failed first and the run stops at the first failure", null, false, null,
                null, List.of());
    }

    private Duration since(Instant start) {
        return Duration.between(start, clock.instant());
    }

    private Host hostNamed(String name) {
        return hosts.stream().filter(h -> h.name().equals(name)).findFirst().orElseThrow();
    }

    private static java.util.concurrent.ThreadFactory daemon(String what) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "hvreplica-fleet-" + what + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** One host's pool of sessions: opened as needed up to the bound, each authenticated once. */
    private static final class HostRun {
        private final Host host;
        private final HyperVHost firstSession;
        private final LinkedBlockingQueue<HyperVHost> idle = new LinkedBlockingQueue<>();
        private final int bound;
        private int opened = 1;

        private final java.util.function.Function<Host, HyperVHost> open;

        HostRun(Host host, HyperVHost firstSession, int bound, java.util.function.Function<Host, HyperVHost> open) {
            this.open = open;
            this.host = host;
            this.firstSession = firstSession;
            this.bound = bound;
            idle.add(firstSession);
        }

        HyperVHost acquire() {
            HyperVHost s = idle.poll();
            if (s != null) {
                return s;
            }
            synchronized (this) {
                if (opened < bound) {
                    opened++;
                    HyperVHost fresh;
                    try {
                        fresh = open.apply(host);
                    } catch (RuntimeException e) {
                        opened--;
                        throw e;
                    }
                    fresh.shareServices(firstSession);
                    return fresh;
                }
            }
            try {
                return idle.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HvReplicaException("interrupted while waiting for a connection to " + host.name(), e);
            }
        }

        void release(HyperVHost session) {
            idle.add(session);
        }
    }
}
