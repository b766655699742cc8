package io.hvreplica.simulator;

import io.hvreplica.simulator.HostCatalog.Job;
import io.hvreplica.simulator.HostCatalog.JobStep;
import io.hvreplica.simulator.HostCatalog.Outcome;
import io.hvreplica.simulator.HostCatalog.RecoveryPoint;
import io.hvreplica.simulator.HostCatalog.Revert;
import io.hvreplica.simulator.HostCatalog.Vm;
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
    record JobView(String instanceId, JobKind kind, String timeSubmitted, JobStep step) {}

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

        void restart() {
            next = 0;
            ended = false;
            gone = steps.isEmpty();
            invoked = true;
        }
    }

    private static final Instant FIRST_NEW_JOB = Instant.parse("2025-03-18T10:00:00Z");

    private final Map<String, VmState> vms = new LinkedHashMap<>();
    private final Map<String, JobState> jobs = new HashMap<>();
    /** Counts what the host created since the last reset; feeds the derived ids. */
    private int created;

    HostModel() {
        reset();
    }

    /** Back to the catalog: VMs and their states, recovery points, test VMs, jobs and counters. */
    synchronized void reset() {
        vms.clear();
        jobs.clear();
        created = 0;
        for (Vm vm : HostCatalog.VMS) {
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
        List<SystemView> result = new ArrayList<>();
        SystemView host = new SystemView(SimulatedHost.HOST_NAME, SimulatedHost.HOST_NAME, true, 2, 0, null, 0, 0, 0,
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
        return name != null && (vms.containsKey(key(name)) || SimulatedHost.HOST_NAME.equalsIgnoreCase(name.trim()));
    }

    /**
     * A WS-Transfer Get of a job: the step it shows now, or null when the host has no such job
     * (never had, or removed it). Each Get moves the job one step on; the Get that shows a job's end
     * applies the job's effect (or undoes its transitional state when it failed).
     */
    synchronized JobView pollJob(String instanceId) {
        JobState job = instanceId == null ? null : jobs.get(key(instanceId));
        if (job == null || job.gone) {
            return null;
        }
        if (job.vanishes && job.next >= job.steps.size()) {
            job.gone = true;
            return null;
        }
        JobStep step = job.steps.get(Math.min(job.next, job.steps.size() - 1));
        job.next++;
        if (step.ended() && !job.ended) {
            job.ended = true;
            (step.failed() ? job.onFailure : job.onSuccess).run();
        }
        return new JobView(job.instanceId, job.kind, job.timeSubmitted, step);
    }

    // ------------------------------------------------------------------ Msvm_ReplicationService

    synchronized InvokeAnswer replicationServiceMethod(String method, Map<String, Object> parameters) {
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
            scriptedJob.restart();
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
        String submitted = HostCatalog.CIM_DATETIME.format(FIRST_NEW_JOB.plusSeconds(37L * created).plusMillis(created * 131L));
        JobState job = new JobState(id, kind, submitted, steps, false, vm.guid);
        job.invoked = true;
        jobs.put(key(id), job);
        return job;
    }

    private void scriptedJob(VmState vm, Job script) {
        JobState job = new JobState(script.instanceId(), JobKind.REVERT_FAILOVER, script.timeSubmitted(), script.steps(),
                script.vanishes(), vm.guid);
        job.onSuccess = () -> reverted(vm);
        jobs.put(key(script.instanceId()), job);
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
