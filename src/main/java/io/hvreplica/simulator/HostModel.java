package io.hvreplica.simulator;

import io.hvreplica.simulator.HostCatalog.Job;
import io.hvreplica.simulator.HostCatalog.JobStep;
import io.hvreplica.simulator.HostCatalog.Outcome;
import io.hvreplica.simulator.HostCatalog.RecoveryPoint;
import io.hvreplica.simulator.HostCatalog.Revert;
import io.hvreplica.simulator.HostCatalog.Vm;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The live state of the simulated host: its VMs, their recovery points and the jobs. The rules are
 * documented on {@link HostCatalog}. Every public operation holds the model's lock, because the
 * Negotiate front and WireMock serve several connections at once; answers are immutable snapshots.
 *
 * <p>Each model is one host: its name, the VMs it starts with and its job timing are its own, so
 * several hosts in one JVM share nothing. Jobs advance in one of two ways:
 * <ul>
 *   <li>by reads (the default, which tests depend on): every Get of a job, or query that returns
 *       it, moves it one step on;</li>
 *   <li>by time (a model made with a job duration): a job started by a call ends once that
 *       duration has passed on the model's clock since it started, whether anyone reads it or not,
 *       as on Windows; before that, its PercentComplete and ElapsedTime follow the time elapsed.
 *       Reads do not move it.</li>
 * </ul>
 */
final class HostModel {
    static final int COMPLETED = 0;
    static final int JOB_STARTED = 4096;
    static final int INVALID_PARAMETER = 32773;
    static final int INVALID_STATE = 32775;
    /** CIM codes of DestroySystem (reference §15.4). */
    static final int CIM_INVALID_PARAMETER = 4;
    static final int CIM_INVALID_STATE = 5;

    /** Where the job of each method stands in {@code Msvm_ConcreteJob.JobType} and its captions. */
    enum JobKind {
        INITIATE_FAILOVER(97, "Initiate Failover"),
        REVERT_FAILOVER(98, "Revert Failover"),
        COMMIT_FAILOVER(99, "Commit Failover"),
        TEST_REPLICA(102, "Initiate Test Replica"),
        REMOVE_TEST_REPLICA(103, "Remove Test Replica"),
        REVERSE_REPLICATION(104, "Reverse Replication"),
        // The reference names no JobType for these three; 1 is a placeholder (invented), the captions are inferred.
        START(1, "Start Virtual Machine"),
        TURN_OFF(1, "Turn Off Virtual Machine"),
        SUSPEND_REPLICATION(1, "Suspend Replication"),
        RESUME_REPLICATION(1, "Resume Replication"),
        DESTROY(1, "Destroy Virtual Machine");

        final int jobType;
        final String caption;

        JobKind(int jobType, String caption) {
            this.jobType = jobType;
            this.caption = caption;
        }
    }

    /** A snapshot of an {@code Msvm_ComputerSystem}. {@code host} marks the management OS itself. */
    record SystemView(String elementName, String name, boolean host, int enabledState, long onTimeMillis,
                      Integer processId, int replicationHealth, int replicationMode, int replicationState,
                      int failedOverReplicationType, String installDate) {

        Map<String, Object> wqlProperties() {
            Map<String, Object> p = new HashMap<>();
            p.put("elementname", elementName);
            p.put("name", name);
            p.put("creationclassname", "Msvm_ComputerSystem");
            p.put("caption", host ? "Hosting Computer System" : "Virtual Machine");
            p.put("description", host ? "Microsoft Hosting Computer System" : "Microsoft Virtual Machine");
            p.put("enabledstate", enabledState);
            p.put("replicationmode", replicationMode);
            p.put("replicationstate", replicationState);
            p.put("replicationhealth", replicationHealth);
            return p;
        }
    }

    /** A snapshot of an {@code Msvm_VirtualSystemSettingData}. */
    record SettingDataView(String instanceId, String elementName, String virtualSystemType,
                           String virtualSystemIdentifier, String creationTime) {

        Map<String, Object> wqlProperties() {
            Map<String, Object> p = new HashMap<>();
            p.put("instanceid", instanceId);
            p.put("elementname", elementName);
            p.put("virtualsystemtype", virtualSystemType);
            p.put("virtualsystemidentifier", virtualSystemIdentifier);
            p.put("configurationid", virtualSystemIdentifier);
            return p;
        }
    }

    /** One Get of a job: what the job is and the step it shows now. */
    record JobView(String instanceId, JobKind kind, String timeSubmitted, JobStep step) {

        /** What a WQL query over {@code Msvm_ConcreteJob} can test; the names of the Get answer's properties. */
        Map<String, Object> wqlProperties() {
            Map<String, Object> p = new HashMap<>();
            p.put("instanceid", instanceId);
            p.put("caption", kind.caption);
            p.put("description", kind.caption);
            p.put("elementname", kind.caption);
            p.put("name", kind.caption);
            p.put("jobtype", kind.jobType);
            p.put("jobstate", step.jobState());
            p.put("jobstatus", step.jobStatus());
            p.put("percentcomplete", step.percentComplete());
            p.put("errorcode", step.errorCode());
            p.put("errordescription", step.errorDescription());
            return p;
        }
    }

    /** How jobs advance: {@code duration} null means one step per read. */
    private record Timing(Duration duration, Clock clock) {}

    /**
     * The answer to an Invoke. {@code accessDenied}: a WS-Man fault instead of an output;
     * {@code jobId} null when no job started; {@code resultingSystem} the GUID of the test VM.
     */
    record InvokeAnswer(boolean accessDenied, int returnValue, String jobId, String resultingSystem) {
        static InvokeAnswer returns(int value) {
            return new InvokeAnswer(false, value, null, null);
        }
    }

    /** A reference parameter of an Invoke (or its absence, or xsi:nil, which both mean Null). */
    record Reference(String resourceUri, Map<String, String> selectors) {}

    private static final class VmState {
        final String guid;
        final String elementName;
        final String installDate;
        final Revert revert;
        final boolean failoverFails;
        final String testOf;
        int enabledState;
        long onTimeMillis;
        Integer processId;
        int replicationHealth;
        int replicationMode;
        int replicationState;
        int failedOverReplicationType;
        List<RecoveryPoint> points;

        VmState(Vm vm) {
            guid = vm.guid();
            elementName = vm.elementName();
            installDate = vm.installDate();
            revert = vm.revert();
            failoverFails = vm.failoverFails();
            testOf = vm.testOf();
            enabledState = vm.enabledState();
            onTimeMillis = vm.onTimeMillis();
            processId = vm.processId();
            replicationHealth = vm.replicationHealth();
            replicationMode = vm.replicationMode();
            replicationState = vm.replicationState();
            failedOverReplicationType = vm.failedOverReplicationType();
            points = new ArrayList<>(HostCatalog.recoveryPoints(vm));
        }

        SystemView view() {
            return new SystemView(elementName, guid, false, enabledState, onTimeMillis, processId, replicationHealth,
                    replicationMode, replicationState, failedOverReplicationType, installDate);
        }
    }

    private static final class JobState {
        final String instanceId;
        final JobKind kind;
        final String timeSubmitted;
        final List<JobStep> steps;
        final boolean vanishes;
        final String vmGuid;
        Runnable onSuccess = () -> {};
        Runnable onFailure = () -> {};
        /** Started by an Invoke (not merely pre-seeded by the catalog): makes its VM busy until it ends. */
        boolean invoked;
        /** When it started on the model's clock; used only when jobs are timed. */
        Instant started;
        int next;
        boolean ended;
        boolean gone;

        JobState(String instanceId, JobKind kind, String timeSubmitted, List<JobStep> steps, boolean vanishes,
                 String vmGuid) {
            this.instanceId = instanceId;
            this.kind = kind;
            this.timeSubmitted = timeSubmitted;
            this.steps = steps;
            this.vanishes = vanishes;
            this.vmGuid = vmGuid;
            this.gone = steps.isEmpty();
        }

        boolean running() {
            return invoked && !ended && !gone;
        }

        void restart(Instant now) {
            started = now;
            next = 0;
            ended = false;
            gone = steps.isEmpty();
            invoked = true;
        }
    }

    private static final Instant FIRST_NEW_JOB = Instant.parse("2025-03-18T10:00:00Z");

    private final String hostName;
    private final List<Vm> catalog;
    private final Timing timing;
    private final Map<String, VmState> vms = new LinkedHashMap<>();
    /** In creation order, so a query over the jobs lists them as they were started. */
    private final Map<String, JobState> jobs = new LinkedHashMap<>();
    /** Counts what the host created since the last reset; feeds the derived ids. */
    private int created;

    /** The default host: {@value SimulatedHost#HOST_NAME} with {@link HostCatalog#VMS}, one job step per read. */
    HostModel() {
        this(SimulatedHost.HOST_NAME, HostCatalog.VMS, null, null);
    }

    /**
     * A host named {@code hostName} (the replication service's SystemName and the Machine of its
     * faults) that starts with {@code catalog}. With a {@code jobDuration}, jobs are timed on
     * {@code clock}; without one, they move one step per read and the clock is not used.
     */
    HostModel(String hostName, List<Vm> catalog, Duration jobDuration, Clock clock) {
        if (jobDuration != null && (jobDuration.isNegative() || clock == null)) {
            throw new IllegalArgumentException("a timed job needs a duration of zero or more and a clock");
        }
        this.hostName = hostName;
        this.catalog = List.copyOf(catalog);
        this.timing = new Timing(jobDuration, clock);
        reset();
    }

    String hostName() {
        return hostName;
    }

    /** Back to the catalog: VMs and their states, recovery points, test VMs, jobs and counters. */
    synchronized void reset() {
        vms.clear();
        jobs.clear();
        created = 0;
        for (Vm vm : catalog) {
            VmState state = new VmState(vm);
            vms.put(key(vm.guid()), state);
            if (vm.revert() != null && vm.revert().outcome() == Outcome.JOB) {
                // Pre-seeded, as before the model existed: a Get finds the scripted job even before a revert.
                scriptedJob(state, vm.revert().job());
            }
        }
    }

    // ------------------------------------------------------------------ look-ups

    /** The host itself and every VM that satisfies the query, in catalog order. */
    synchronized List<SystemView> computerSystems(WqlFilter.Query query) throws WqlFilter.Invalid {
        settle();
        List<SystemView> result = new ArrayList<>();
        SystemView host = new SystemView(hostName, hostName, true, 2, 0, null, 0, 0, 0,
                0, "2024-10-28T07:45:12.0000000Z");
        query.requireKnown(host.wqlProperties().keySet());
        for (SystemView view : concat(host, vms.values().stream().map(VmState::view).toList())) {
            if (query.matches(view.wqlProperties())) {
                result.add(view);
            }
        }
        return result;
    }

    /** Each VM's realized settings and its recovery points (oldest first) that satisfy the query. */
    synchronized List<SettingDataView> settingData(WqlFilter.Query query) throws WqlFilter.Invalid {
        settle();
        List<SettingDataView> result = new ArrayList<>();
        query.requireKnown(new SettingDataView("", "", "", "", "").wqlProperties().keySet());
        for (VmState vm : vms.values()) {
            List<SettingDataView> all = new ArrayList<>();
            all.add(new SettingDataView("Microsoft:" + vm.guid, vm.elementName, "Microsoft:Hyper-V:System:Realized",
                    vm.guid, vm.installDate));
            for (RecoveryPoint point : vm.points) {
                all.add(new SettingDataView(point.instanceId(), point.elementName(), point.type(), vm.guid,
                        HostCatalog.CIM_DATETIME.format(point.creationTime())));
            }
            for (SettingDataView view : all) {
                if (query.matches(view.wqlProperties())) {
                    result.add(view);
                }
            }
        }
        return result;
    }

    /** Whether a VM (or the host) with this Name exists. */
    synchronized boolean hasSystem(String name) {
        settle();
        return name != null && (vms.containsKey(key(name)) || hostName.equalsIgnoreCase(name.trim()));
    }

    /**
     * A WS-Transfer Get of a job: the step it shows now, or null when the host has no such job
     * (never had, or removed it). Each Get moves the job one step on; the Get that shows a job's end
     * applies the job's effect (or undoes its transitional state when it failed).
     */
    synchronized JobView pollJob(String instanceId) {
        settle();
        JobState job = instanceId == null ? null : jobs.get(key(instanceId));
        if (job == null) {
            return null;
        }
        JobView view = peek(job);
        if (view != null) {
            read(job, view);
        }
        return view;
    }

    /**
     * The jobs a WQL query over {@code Msvm_ConcreteJob} selects, in the order they were started,
     * each as a Get would show it now. Returning a job counts as reading it (one step on, when jobs
     * move per read), so a client can follow many jobs with one query per round; jobs the host no
     * longer has are simply absent, as from WMI.
     */
    synchronized List<JobView> jobs(WqlFilter.Query query) throws WqlFilter.Invalid {
        settle();
        query.requireKnown(new JobView("", JobKind.REVERT_FAILOVER, "", JobStep.completed(0)).wqlProperties().keySet());
        List<JobView> result = new ArrayList<>();
        for (JobState job : List.copyOf(jobs.values())) {
            JobView view = peek(job);
            if (view != null && query.matches(view.wqlProperties())) {
                read(job, view);
                result.add(view);
            }
        }
        return result;
    }

    /** What a read of the job shows now, without moving it; null when it is gone (or goes at this read). */
    private JobView peek(JobState job) {
        if (job.gone) {
            return null;
        }
        JobStep step;
        if (timing.duration() == null) {
            if (job.vanishes && job.next >= job.steps.size()) {
                job.gone = true;
                return null;
            }
            step = job.steps.get(Math.min(job.next, job.steps.size() - 1));
        } else {
            step = timedStep(job);
            if (step == null) {
                return null;
            }
        }
        return new JobView(job.instanceId, job.kind, job.timeSubmitted, step);
    }

    /** A read of the job: one step on, when jobs move per read; the read that shows its end applies it. */
    private void read(JobState job, JobView view) {
        if (timing.duration() != null) {
            return;
        }
        job.next++;
        if (view.step().ended() && !job.ended) {
            job.ended = true;
            (view.step().failed() ? job.onFailure : job.onSuccess).run();
        }
    }

    // ------------------------------------------------------------------ timed jobs

    /**
     * Timed jobs: ends every job a call started whose duration has passed, applying its effect (or
     * undoing its transitional state), whether or not anyone reads it. Called first by every
     * operation, so look-ups and calls see what the host would have done by now. Jobs the catalog
     * merely pre-seeds are never ended here: nobody asked for their effect.
     */
    private void settle() {
        if (timing.duration() == null) {
            return;
        }
        Instant now = timing.clock().instant();
        for (JobState job : List.copyOf(jobs.values())) {
            if (!job.invoked || job.ended || job.gone || !endsInTime(job) || !due(job, now)) {
                continue;
            }
            if (job.vanishes) {
                job.gone = true;
                continue;
            }
            job.ended = true;
            JobStep last = job.steps.get(job.steps.size() - 1);
            (last.failed() ? job.onFailure : job.onSuccess).run();
        }
    }

    /** A job whose script never reaches an end (slow-vm-05's) runs forever in time too. */
    private static boolean endsInTime(JobState job) {
        return job.vanishes || job.steps.get(job.steps.size() - 1).ended();
    }

    private boolean due(JobState job, Instant now) {
        return !Duration.between(job.started, now).minus(timing.duration()).isNegative();
    }

    /**
     * The step a timed job shows now: its last scripted step once the duration has passed (with
     * that duration as ElapsedTime), before that a running step whose PercentComplete is the share
     * of the duration elapsed, scaled to the percent its last step shows (so a job that fails at 30%
     * climbs to 30%). Starting (3) only at the very instant it started. Null when the job has gone.
     */
    private JobStep timedStep(JobState job) {
        Instant now = timing.clock().instant();
        long durationMillis = timing.duration().toMillis();
        long elapsed = Math.max(0, Duration.between(job.started, now).toMillis());
        JobStep last = job.steps.get(job.steps.size() - 1);
        if (!endsInTime(job)) {
            return new JobStep(last.jobState(), last.percentComplete(), elapsed, last.jobStatus(), last.errorCode(),
                    last.errorDescription(), last.errorSummaryDescription());
        }
        if (job.ended || due(job, now)) {
            if (job.vanishes) {
                job.gone = true;
                return null;
            }
            return new JobStep(last.jobState(), last.percentComplete(), durationMillis, last.jobStatus(),
                    last.errorCode(), last.errorDescription(), last.errorSummaryDescription());
        }
        int percent = (int) (elapsed * last.percentComplete() / Math.max(1, durationMillis));
        return JobStep.running(elapsed == 0 ? 3 : 4, Math.min(percent, Math.max(0, last.percentComplete() - 1)),
                elapsed);
    }

    // ------------------------------------------------------------------ Msvm_ReplicationService

    synchronized InvokeAnswer replicationServiceMethod(String method, Map<String, Object> parameters) {
        settle();
        VmState vm = referencedVm(parameters.get("ComputerSystem"));
        if (vm == null) {
            return InvokeAnswer.returns(INVALID_PARAMETER);
        }
        switch (method) {
            case "RevertFailover":
                return revertFailover(vm);
            case "InitiateFailover":
                return initiateFailover(vm, parameters.get("SnapshotSettingData"));
            case "CommitFailover":
                return commitFailover(vm);
            case "TestReplicaSystem":
                return testReplicaSystem(vm, parameters.get("SnapshotSettingData"));
            case "ReverseReplicationRelationship":
                return reverseReplication(vm);
            default:
                return InvokeAnswer.returns(32770);
        }
    }

    private InvokeAnswer revertFailover(VmState vm) {
        Revert script = vm.revert;
        if (script != null && script.outcome() == Outcome.ACCESS_DENIED) {
            return new InvokeAnswer(true, 0, null, null);
        }
        JobState scriptedJob = script != null && script.outcome() == Outcome.JOB ? jobs.get(key(script.job().instanceId())) : null;
        boolean busyWithScript = scriptedJob != null && scriptedJob.running();
        if (!busyWithScript && busy(vm) || !replica(vm) || vm.replicationState != 5) {
            return InvokeAnswer.returns(INVALID_STATE);
        }
        if (script != null && script.outcome() == Outcome.RETURN_VALUE) {
            if (script.returnValue() == COMPLETED) {
                reverted(vm);
            }
            return InvokeAnswer.returns(script.returnValue());
        }
        if (scriptedJob != null) {
            scriptedJob.restart(now());
            return new InvokeAnswer(false, JOB_STARTED, scriptedJob.instanceId, null);
        }
        if (vm.enabledState == 2) {
            return InvokeAnswer.returns(INVALID_STATE);
        }
        JobState job = newJob(vm, JobKind.REVERT_FAILOVER, HostCatalog.GENERIC_STEPS);
        job.onSuccess = () -> reverted(vm);
        return started(job, null);
    }

    private static void reverted(VmState vm) {
        vm.replicationState = 3;
        vm.failedOverReplicationType = 0;
    }

    private InvokeAnswer initiateFailover(VmState vm, Object snapshot) {
        if (busy(vm) || !replica(vm) || vm.replicationState != 3) {
            return InvokeAnswer.returns(INVALID_STATE);
        }
        RecoveryPoint point = recoveryPoint(vm, snapshot);
        if (point == null && snapshot != null) {
            return InvokeAnswer.returns(INVALID_PARAMETER);
        }
        List<JobStep> steps = vm.failoverFails ? List.of(JobStep.running(3, 0, 96), JobStep.running(4, 30, 1_204),
                new JobStep(10, 30, 1_652, "Job failed", 32768,
                        "'" + vm.elementName + "' failed to fail over. The recovery point could not be applied to the"
                                + " virtual hard disks. (Virtual machine ID " + vm.guid + ")",
                        "Failed to fail over virtual machine '" + vm.elementName + "'."))
                : HostCatalog.GENERIC_STEPS;
        JobState job = newJob(vm, JobKind.INITIATE_FAILOVER, steps);
        vm.replicationState = 12;
        int type = point != null && point.applicationConsistent() ? 2 : 1;
        job.onSuccess = () -> {
            vm.replicationState = 5;
            vm.failedOverReplicationType = type;
        };
        job.onFailure = () -> vm.replicationState = 3;
        return started(job, null);
    }

    private InvokeAnswer commitFailover(VmState vm) {
        if (busy(vm) || !replica(vm) || vm.replicationState != 5) {
            return InvokeAnswer.returns(INVALID_STATE);
        }
        JobState job = newJob(vm, JobKind.COMMIT_FAILOVER, HostCatalog.GENERIC_STEPS);
        job.onSuccess = () -> {
            vm.replicationState = 6;
            vm.points.clear();
        };
        return started(job, null);
    }

    private InvokeAnswer testReplicaSystem(VmState vm, Object snapshot) {
        if (busy(vm) || !replica(vm) || vm.replicationState != 3 && vm.replicationState != 5 || hasTestVm(vm)) {
            return InvokeAnswer.returns(INVALID_STATE);
        }
        RecoveryPoint point = recoveryPoint(vm, snapshot);
        if (point == null && snapshot != null) {
            return InvokeAnswer.returns(INVALID_PARAMETER);
        }
        JobState job = newJob(vm, JobKind.TEST_REPLICA, HostCatalog.GENERIC_STEPS);
        String testGuid = HostCatalog.derivedGuid("test-replica", vm.guid, created);
        String installDate = job.timeSubmitted;
        job.onSuccess = () -> {
            Vm test = new Vm(vm.elementName + " - Test", testGuid, 3, 0, null, 0, 3, 0, 0, installDate, 0, null, false,
                    vm.guid);
            vms.put(key(testGuid), new VmState(test));
        };
        return started(job, testGuid);
    }

    private InvokeAnswer reverseReplication(VmState vm) {
        if (busy(vm) || !replica(vm) || vm.replicationState != 6) {
            return InvokeAnswer.returns(INVALID_STATE);
        }
        JobState job = newJob(vm, JobKind.REVERSE_REPLICATION, HostCatalog.GENERIC_STEPS);
        job.onSuccess = () -> {
            vm.replicationMode = 1;
            vm.replicationState = 1;
            vm.failedOverReplicationType = 0;
        };
        return started(job, null);
    }

    // ------------------------------------------------------------------ Msvm_ComputerSystem

    /** Null when the host has no VM of that name (the caller answers with a fault). */
    synchronized InvokeAnswer computerSystemMethod(String name, String method, Map<String, Object> parameters) {
        settle();
        VmState vm = vms.get(key(name));
        if (vm == null) {
            // The host's own Msvm_ComputerSystem: not a VM, so neither method applies to it.
            return hasSystem(name) ? InvokeAnswer.returns(32770) : null;
        }
        Integer requested = integer(parameters.get("RequestedState"));
        if (requested == null) {
            return InvokeAnswer.returns(INVALID_PARAMETER);
        }
        if (method.equals("RequestStateChange")) {
            return requestStateChange(vm, requested);
        }
        if (method.equals("RequestReplicationStateChange")) {
            return requestReplicationStateChange(vm, requested);
        }
        return InvokeAnswer.returns(32770);
    }

    private InvokeAnswer requestStateChange(VmState vm, int requested) {
        if (requested != 2 && requested != 3) {
            return InvokeAnswer.returns(INVALID_PARAMETER);
        }
        if (busy(vm)) {
            return InvokeAnswer.returns(INVALID_STATE);
        }
        if (requested == 2) {
            boolean mayRun = vm.replicationMode != 2 || vm.replicationState == 5 || vm.replicationState == 6;
            if (vm.enabledState == 2 || !mayRun) {
                return InvokeAnswer.returns(INVALID_STATE);
            }
            JobState job = newJob(vm, JobKind.START, HostCatalog.GENERIC_STEPS);
            int pid = 3000 + created;
            job.onSuccess = () -> {
                vm.enabledState = 2;
                vm.processId = pid;
                vm.onTimeMillis = 1_000;
            };
            return started(job, null);
        }
        if (vm.enabledState != 2) {
            return InvokeAnswer.returns(INVALID_STATE);
        }
        JobState job = newJob(vm, JobKind.TURN_OFF, HostCatalog.GENERIC_STEPS);
        job.onSuccess = () -> {
            vm.enabledState = 3;
            vm.processId = null;
            vm.onTimeMillis = 0;
        };
        return started(job, null);
    }

    private InvokeAnswer requestReplicationStateChange(VmState vm, int requested) {
        boolean suspend = requested == 7;
        if (!suspend && requested != 3) {
            // Documented values the simulated VMs are never ready for; anything else is not a value at all.
            return InvokeAnswer.returns(requested == 1 || requested == 2 || requested == 4 || requested == 9
                    ? INVALID_STATE : INVALID_PARAMETER);
        }
        boolean replicated = vm.replicationMode == 1 || vm.replicationMode == 2;
        if (busy(vm) || !replicated || vm.replicationState != (suspend ? 3 : 7)) {
            return InvokeAnswer.returns(INVALID_STATE);
        }
        JobState job = newJob(vm, suspend ? JobKind.SUSPEND_REPLICATION : JobKind.RESUME_REPLICATION,
                HostCatalog.GENERIC_STEPS);
        job.onSuccess = () -> vm.replicationState = suspend ? 7 : 3;
        return started(job, null);
    }

    // ------------------------------------------------------------------ Msvm_VirtualSystemManagementService

    synchronized InvokeAnswer destroySystem(Map<String, Object> parameters) {
        settle();
        VmState vm = referencedVm(parameters.get("AffectedSystem"));
        if (vm == null) {
            return InvokeAnswer.returns(CIM_INVALID_PARAMETER);
        }
        if (vm.enabledState == 2 || busy(vm)) {
            return InvokeAnswer.returns(CIM_INVALID_STATE);
        }
        JobState job = newJob(vm, vm.replicationMode == 3 ? JobKind.REMOVE_TEST_REPLICA : JobKind.DESTROY,
                HostCatalog.GENERIC_STEPS);
        job.onSuccess = () -> vms.remove(key(vm.guid));
        return started(job, null);
    }

    // ------------------------------------------------------------------ helpers

    private static boolean replica(VmState vm) {
        return vm.replicationMode == 2;
    }

    private boolean busy(VmState vm) {
        for (JobState job : jobs.values()) {
            if (job.running() && job.vmGuid.equals(vm.guid)) {
                return true;
            }
        }
        return false;
    }

    /** A test VM of this replica exists, or one is being made. */
    private boolean hasTestVm(VmState replica) {
        for (VmState vm : vms.values()) {
            if (replica.guid.equals(vm.testOf)) {
                return true;
            }
        }
        for (JobState job : jobs.values()) {
            if (job.kind == JobKind.TEST_REPLICA && job.vmGuid.equals(replica.guid) && job.invoked && !job.ended) {
                return true;
            }
        }
        return false;
    }

    /** The VM a reference parameter names by its Name selector; null if absent, Null or unknown. */
    private VmState referencedVm(Object parameter) {
        if (!(parameter instanceof Reference ref)) {
            return null;
        }
        String name = ref.selectors().get("Name");
        return name == null ? null : vms.get(key(name));
    }

    /** The recovery point a SnapshotSettingData reference names; null for Null or a point the VM does not have. */
    private static RecoveryPoint recoveryPoint(VmState vm, Object parameter) {
        if (!(parameter instanceof Reference ref)) {
            return null;
        }
        String id = ref.selectors().get("InstanceID");
        for (RecoveryPoint point : vm.points) {
            if (point.instanceId().equalsIgnoreCase(id == null ? "" : id.trim())) {
                return point;
            }
        }
        return null;
    }

    private JobState newJob(VmState vm, JobKind kind, List<JobStep> steps) {
        created++;
        String id = HostCatalog.derivedGuid("job:" + kind.name(), vm.guid, created);
        // Timed jobs run on the clock, so they show when they really started; the others a fixed,
        // made-up time so that answers are the same on every run.
        String submitted = HostCatalog.CIM_DATETIME.format(timing.duration() != null ? now()
                : FIRST_NEW_JOB.plusSeconds(37L * created).plusMillis(created * 131L));
        JobState job = new JobState(id, kind, submitted, steps, false, vm.guid);
        job.invoked = true;
        job.started = now();
        jobs.put(key(id), job);
        return job;
    }

    private void scriptedJob(VmState vm, Job script) {
        JobState job = new JobState(script.instanceId(), JobKind.REVERT_FAILOVER, script.timeSubmitted(), script.steps(),
                script.vanishes(), vm.guid);
        job.onSuccess = () -> reverted(vm);
        // Timed: a pre-seeded job has been running since the host (re)started.
        job.started = now();
        jobs.put(key(script.instanceId()), job);
    }

    /** The model's clock, or null when jobs move per read (they need no time then). */
    private Instant now() {
        return timing.clock() == null ? null : timing.clock().instant();
    }

    private static InvokeAnswer started(JobState job, String resultingSystem) {
        return new InvokeAnswer(false, JOB_STARTED, job.instanceId, resultingSystem);
    }

    private static Integer integer(Object value) {
        if (value instanceof String s) {
            try {
                return Integer.valueOf(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static List<SystemView> concat(SystemView first, List<SystemView> rest) {
        List<SystemView> all = new ArrayList<>(rest.size() + 1);
        all.add(first);
        all.addAll(rest);
        return all;
    }

    private static String key(String id) {
        return id.trim().toUpperCase(Locale.ROOT);
    }
}
