package io.hvreplica.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * The virtual machines, recovery points and scripted jobs the simulated replica host
 * {@value SimulatedHost#HOST_NAME} starts with (and returns to on {@link SimulatedHost#reset()}).
 * GUIDs and job ids are invented but fixed, so scripts and tests can rely on them; everything the
 * host creates later (jobs, test VMs) gets an id derived deterministically from what it was made
 * for and a counter that the reset sets back to zero.
 *
 * <h2>State machine ({@link HostModel})</h2>
 *
 * Values: ReplicationMode 0 none, 1 Primary, 2 Replica, 3 Test Replica; ReplicationState 1 Ready for
 * replication, 3 Replicating, 5 Recovered, 6 Committed, 7 Suspended, 12 Failover in progress;
 * EnabledState 2 running, 3 off. The reference only says which states RevertFailover needs
 * (wsman-hyperv.md §8.4, itself an inference) and lists the others' usual order (§15.4); the rules
 * below are our reading of that, marked (inference) in the reference too.
 * <ul>
 *   <li>Every accepted call starts a job (ReturnValue 4096) and its effect applies on the Get that
 *       returns the job as Completed; a job that fails leaves the VM as it was (InitiateFailover
 *       puts it back from 12 to 3). Three Gets take a job from Starting 0% through Running 50% to
 *       Completed 100%; the catalog's scripted RevertFailover jobs keep their own steps. A host built
 *       with a job duration ({@link SimulatedHost.Builder#jobDuration}) ends a job when that time has
 *       passed instead, and a job query ({@code Msvm_ConcreteJob} WQL) reads a job like a Get.</li>
 *   <li>While a job started by a call has not ended, every other call on that VM is refused
 *       (32775; DestroySystem: 5), the way a real host refuses a VM that is busy (§12.1 notes
 *       32775 can be transient). The one exception keeps the old scripted behaviour: calling
 *       RevertFailover again on a VM with a scripted revert job restarts that job.</li>
 *   <li>Msvm_ReplicationService, on a Replica VM (mode 2); any other mode or state gives 32775, an
 *       unknown VM 32773:
 *     <ul>
 *       <li>InitiateFailover: 3 → 12 at once, → 5 Recovered when the job completes.
 *           SnapshotSettingData names one of the VM's recovery points (else 32773) or is Null for the
 *           latest; FailedOverReplicationType becomes 2 for an application-consistent point, else 1.</li>
 *       <li>CommitFailover: 5 → 6 Committed; the recovery points are merged away (inference).</li>
 *       <li>RevertFailover: 5 → 3 Replicating; refused (32775) while the VM runs, except for the
 *           catalog's scripted reverts (db-vm-03's job fails for that reason).</li>
 *       <li>TestReplicaSystem: in 3 or 5, when the VM has no test VM (or one being made): creates
 *           {@code <name> - Test} (mode 3, state 0, off) when the job completes; ResultingSystem names
 *           it at once.</li>
 *       <li>ReverseReplicationRelationship: 6 → mode 1 Primary, state 1 Ready for replication
 *           (inference: the reverse relationship still needs its initial replication).</li>
 *     </ul></li>
 *   <li>Msvm_ComputerSystem.RequestStateChange: 2 starts a VM that is off and may run: a Replica
 *       only when failed over (5 or 6), any test, primary or unreplicated VM; 3 turns off a running
 *       VM; other states are 32773, a call that does not change anything 32775.</li>
 *   <li>Msvm_ComputerSystem.RequestReplicationStateChange on a Primary or Replica: 7 suspends from
 *       3, 3 resumes from 7; other documented values 32775, undocumented ones 32773.</li>
 *   <li>Msvm_VirtualSystemManagementService.DestroySystem (CIM codes): a running or busy VM 5, an
 *       unknown one 4; else the VM (any VM: the host does not protect anything, that is the
 *       client's job) is gone from every look-up when the job completes.</li>
 * </ul>
 */
final class HostCatalog {
    static final DateTimeFormatter CIM_DATETIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS'Z'").withZone(ZoneOffset.UTC);

    /** One answer of {@code Msvm_ConcreteJob} to a Get; the last step of a job repeats forever. */
    record JobStep(int jobState, int percentComplete, long elapsedMillis, String jobStatus,
                   int errorCode, String errorDescription, String errorSummaryDescription) {

        static JobStep running(int jobState, int percent, long elapsedMillis) {
            return new JobStep(jobState, percent, elapsedMillis,
                    jobState == 3 ? "Job is starting" : "Job is running", 0, null, null);
        }

        static JobStep completed(long elapsedMillis) {
            return new JobStep(7, 100, elapsedMillis, "Job completed successfully", 0, null, null);
        }

        boolean ended() {
            return jobState >= 7;
        }

        boolean failed() {
            return jobState >= 8 && jobState <= 11;
        }
    }

    /**
     * A scripted RevertFailover job of the catalog. No steps means the job is already gone (a stale
     * id); a job that {@code vanishes} is removed by the host after its last step, the way Windows
     * removes a finished job once its TimeBeforeRemoval has passed, or when the VMMS service restarts.
     */
    record Job(String instanceId, String timeSubmitted, List<JobStep> steps, boolean vanishes) {
        Job(String instanceId, String timeSubmitted, List<JobStep> steps) {
            this(instanceId, timeSubmitted, steps, false);
        }
    }

    enum Outcome { JOB, RETURN_VALUE, ACCESS_DENIED }

    /** What {@code RevertFailover} does for a VM whose revert is scripted, once its state allows it. */
    record Revert(Outcome outcome, int returnValue, Job job) {
        static Revert job(Job job) {
            return new Revert(Outcome.JOB, 4096, job);
        }

        static Revert returns(int returnValue) {
            return new Revert(Outcome.RETURN_VALUE, returnValue, null);
        }

        static Revert accessDenied() {
            return new Revert(Outcome.ACCESS_DENIED, 0, null);
        }
    }

    /**
     * An {@code Msvm_ComputerSystem} of the catalog. {@code revert} (may be null) scripts
     * RevertFailover; {@code failoverFails} makes the InitiateFailover job end in Exception;
     * {@code testOf} is the GUID of the replica a test VM was made from.
     */
    record Vm(String elementName, String guid, int enabledState, long onTimeMillis, Integer processId,
              int replicationHealth, int replicationMode, int replicationState, int failedOverReplicationType,
              String installDate, int recoveryPoints, Revert revert, boolean failoverFails, String testOf) {

        /** A replica VM that is off; failed-over states show a regular (1) failover type. */
        static Vm replica(String name, String guid, int replicationState, String installDate, int recoveryPoints) {
            return new Vm(name, guid, 3, 0, null, 1, 2, replicationState,
                    replicationState == 5 || replicationState == 6 ? 1 : 0, installDate, recoveryPoints, null, false, null);
        }

        Vm reverting(Revert script) {
            return new Vm(elementName, guid, enabledState, onTimeMillis, processId, replicationHealth, replicationMode,
                    replicationState, failedOverReplicationType, installDate, recoveryPoints, script, failoverFails, testOf);
        }

        Vm running(long onTime, int pid) {
            return new Vm(elementName, guid, 2, onTime, pid, replicationHealth, replicationMode,
                    replicationState, failedOverReplicationType, installDate, recoveryPoints, revert, failoverFails, testOf);
        }

        Vm mode(int mode, int state) {
            return new Vm(elementName, guid, enabledState, onTimeMillis, processId, mode == 3 ? 0 : replicationHealth, mode,
                    state, failedOverReplicationType, installDate, recoveryPoints, revert, failoverFails, testOf);
        }

        Vm withFailingFailover() {
            return new Vm(elementName, guid, enabledState, onTimeMillis, processId, replicationHealth, replicationMode,
                    replicationState, failedOverReplicationType, installDate, recoveryPoints, revert, true, testOf);
        }

        Vm testReplicaOf(String replicaGuid) {
            return new Vm(elementName, guid, enabledState, onTimeMillis, processId, replicationHealth, replicationMode,
                    replicationState, failedOverReplicationType, installDate, recoveryPoints, revert, failoverFails, replicaGuid);
        }
    }

    /** A recovery point: an {@code Msvm_VirtualSystemSettingData} of type Snapshot:Replica:*. */
    record RecoveryPoint(String instanceId, String elementName, Instant creationTime, boolean applicationConsistent) {
        static final String STANDARD = "Microsoft:Hyper-V:Snapshot:Replica:Standard";
        static final String APPLICATION_CONSISTENT = "Microsoft:Hyper-V:Snapshot:Replica:ApplicationConsistent";

        String type() {
            return applicationConsistent ? APPLICATION_CONSISTENT : STANDARD;
        }
    }

    static final String SERVICE_ENUMERATION_CONTEXT = "uuid:8E3B6F20-4C1A-4D9E-B7F5-21A0C3D4E5F6";

    /** When the newest recovery point of every replica was taken. */
    static final Instant LATEST_POINT = Instant.parse("2025-03-18T09:00:00Z");

    static final Job APP_VM_01_JOB = new Job("2B7E5D19-8C34-4A6F-9E12-7D0C3B5A8F61", "2025-03-18T09:41:27.3518204Z",
            List.of(JobStep.running(3, 0, 118),
                    JobStep.running(4, 25, 1_042),
                    JobStep.running(4, 60, 2_187),
                    JobStep.running(4, 90, 3_251),
                    JobStep.completed(3_906)));

    static final String DB_VM_03_GUID = "5E1D9A64-2B7F-4C83-8D15-6F0A2C4E9B03";

    static final Job DB_VM_03_JOB = new Job("8F3A1C6E-5D27-4B90-A4E8-1C6F9B2D7E53", "2025-03-18T09:44:02.0917731Z",
            List.of(JobStep.running(4, 10, 406),
                    JobStep.running(4, 35, 1_318),
                    new JobStep(10, 35, 1_874, "Job failed", 32768,
                            "'db-vm-03' failed to revert failover. The virtual machine is running; turn it off before"
                                    + " reverting the failover. (Virtual machine ID " + DB_VM_03_GUID + ")",
                            "Failed to revert failover for virtual machine 'db-vm-03'.")));

    static final Job SLOW_VM_05_JOB = new Job("3D9C7B1A-6E45-4F82-B0D3-9A5E1C7F2B85", "2025-03-18T09:46:51.5520418Z",
            List.of(JobStep.running(4, 40, 12_530)));

    static final Job STALE_VM_07_JOB = new Job("71E5A3C9-2F8B-4D16-8C4A-E0B7D2F9A167", "2025-03-18T09:48:13.7402955Z",
            List.of());

    static final Job GONE_VM_09_JOB = new Job("C41F8E27-9B6D-4A53-8E0C-5D7A2F1B9E09", "2025-03-18T09:51:36.1184027Z",
            List.of(JobStep.running(4, 20, 512), JobStep.running(4, 55, 1_730)), true);

    /** The steps of every job the host starts that has no script of its own. */
    static final List<JobStep> GENERIC_STEPS = List.of(
            JobStep.running(3, 0, 118), JobStep.running(4, 50, 1_530), JobStep.completed(3_204));

    static final String TESTING_VM_13_GUID = "4D5E6F7A-8B9C-4D4E-BF5A-6B7C8D9E0F13";

    static final List<Vm> VMS = List.of(
            Vm.replica("app-vm-01", "4F1C2A77-9B3E-4E15-A6D2-1C8E5B7F3A01", 5, "2024-11-05T14:02:19.8813425Z", 3)
                    .reverting(Revert.job(APP_VM_01_JOB)),
            // Replicating, so a revert is refused with 32775.
            Vm.replica("app-vm-02", "7D2E8B13-5C4A-4F6B-9E21-3A7C9D0E4B02", 3, "2024-11-05T14:09:44.1207318Z", 3),
            // Running, which is why its revert job fails.
            Vm.replica("db-vm-03", DB_VM_03_GUID, 5, "2024-11-06T08:31:05.4470926Z", 4)
                    .running(5_431_209, 4812).reverting(Revert.job(DB_VM_03_JOB)),
            // Same display name twice: a lookup by name is ambiguous; by GUID each reverts synchronously.
            Vm.replica("web-frontend", "A3B4C5D6-1E2F-4A5B-8C7D-9E0F1A2B3C41", 5, "2024-12-02T10:15:37.2251904Z", 2)
                    .reverting(Revert.returns(0)),
            Vm.replica("web-frontend", "B8C9D0E1-2F3A-4B5C-9D8E-0F1A2B3C4D42", 5, "2025-01-20T16:48:12.9034517Z", 2)
                    .reverting(Revert.returns(0)),
            Vm.replica("sync-vm-04", "0C6B3F28-8E1D-4A97-B5C4-2D9E7F1A6C04", 5, "2024-11-07T11:22:50.6618093Z", 2)
                    .reverting(Revert.returns(0)),
            Vm.replica("slow-vm-05", "9A4D7E21-3C8B-4F56-A1E9-5B2C8D0F7A05", 5, "2024-11-08T09:05:13.3389260Z", 3)
                    .reverting(Revert.job(SLOW_VM_05_JOB)),
            Vm.replica("locked-vm-06", "E2F4A6C8-3B5D-4F71-9C2E-8A0B1D3F5E06", 5, "2024-11-08T09:40:26.0051777Z", 2)
                    .reverting(Revert.accessDenied()),
            Vm.replica("stale-vm-07", "6C9E2B4D-7A1F-4D38-B6E0-4F2A8C1D9E07", 5, "2024-11-09T13:57:41.7716352Z", 2)
                    .reverting(Revert.job(STALE_VM_07_JOB)),
            // A name outside ASCII, for the command line's argument and output encodings.
            Vm.replica("caf\u00e9-vm-08", "8B1F4C2A-6D3E-4A59-9C70-E4D2B6F8A108", 5, "2025-02-11T15:30:08.1186402Z", 2)
                    .reverting(Revert.returns(0)),
            // Its job is removed from the host while it still runs (a VMMS restart, say).
            Vm.replica("gone-vm-09", "D5A7C3E1-8F2B-4C69-A0D4-7E1B3F5C9A09", 5, "2024-11-10T07:31:08.2203816Z", 2)
                    .reverting(Revert.job(GONE_VM_09_JOB)),
            // The lifecycle VMs: one per state a failover step meets.
            Vm.replica("ready-vm-10", "1A2B3C4D-5E6F-4A1B-8C2D-3E4F5A6B7C10", 3, "2024-12-09T08:12:40.1180735Z", 4),
            Vm.replica("failedover-vm-11", "2B3C4D5E-6F7A-4B2C-9D3E-4F5A6B7C8D11", 5, "2024-12-09T08:20:11.5402286Z", 3),
            Vm.replica("committed-vm-12", "3C4D5E6F-7A8B-4C3D-AE4F-5A6B7C8D9E12", 6, "2024-12-09T08:27:53.9935410Z", 0),
            Vm.replica("testing-vm-13", TESTING_VM_13_GUID, 3, "2024-12-10T09:02:18.3371962Z", 3),
            Vm.replica("testing-vm-13 - Test", "E1F2A3B4-C5D6-4E7F-8A9B-0C1D2E3F4A13", 3, "2025-03-18T08:55:02.6104581Z", 0)
                    .mode(3, 0).running(1_204_377, 6120).testReplicaOf(TESTING_VM_13_GUID),
            Vm.replica("suspended-vm-14", "6F7A8B9C-ADBE-4F6A-9B7C-8D9E0F1A2B14", 7, "2024-12-10T09:14:45.0827713Z", 2),
            Vm.replica("failing-vm-15", "7A8B9CAD-BECF-4A7B-AC8D-9E0F1A2B3C15", 3, "2024-12-11T13:40:09.7316048Z", 2)
                    .withFailingFailover(),
            Vm.replica("primary-vm-16", "8B9CADBE-CFD0-4B8C-BD9E-0F1A2B3C4D16", 3, "2024-12-11T13:52:27.2261390Z", 0)
                    .mode(1, 3).running(86_400_000, 2204));

    /**
     * The recovery points of a catalog VM, oldest first, one an hour up to {@link #LATEST_POINT};
     * the oldest is application-consistent. The id shape {@code Microsoft:<GUID>} and the display
     * name are inferences (wsman-hyperv.md §15.2).
     */
    static List<RecoveryPoint> recoveryPoints(Vm vm) {
        DateTimeFormatter shown = DateTimeFormatter.ofPattern("dd/MM/yyyy - HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
        List<RecoveryPoint> points = new ArrayList<>();
        for (int i = 0; i < vm.recoveryPoints(); i++) {
            Instant at = LATEST_POINT.minusSeconds(3_600L * (vm.recoveryPoints() - 1 - i));
            boolean consistent = i == 0;
            points.add(new RecoveryPoint("Microsoft:" + derivedGuid("recovery-point", vm.guid(), i),
                    vm.elementName() + (consistent ? " - Application-consistent Replica - (" : " - Standard Replica - (")
                            + shown.format(at) + ")",
                    at, consistent));
        }
        return points;
    }

    /** When the first generated replica was created; each next one a minute later. */
    private static final Instant FIRST_GENERATED_INSTALL = Instant.parse("2025-01-06T08:00:00Z");

    /**
     * {@code count} generated replicas named {@code String.format(pattern, i)} for i = 1..count:
     * Replica (2), Recovered (5), off, two recovery points, no script, so every lifecycle call works
     * on them (revert, then initiate; start, commit, reverse). Their GUIDs are name-based UUIDs of
     * the host name and the VM name: the same on every run, different on every host, as VM ids are
     * unique across a real fleet.
     *
     * @throws IllegalArgumentException if the pattern gives two VMs the same name, or count is out of range
     */
    static List<Vm> generatedReplicas(String hostName, String pattern, int count) {
        if (count < 0 || count > 10_000) {
            throw new IllegalArgumentException("generated VMs must be between 0 and 10000: " + count);
        }
        List<Vm> vms = new ArrayList<>(count);
        Set<String> names = new HashSet<>();
        for (int i = 1; i <= count; i++) {
            String name = String.format(Locale.ROOT, pattern, i);
            if (name.isBlank() || !names.add(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("the pattern '" + pattern + "' does not give each VM its own name: "
                        + "'" + name + "' for " + i);
            }
            String guid = derivedGuid("generated-vm:" + hostName.toUpperCase(Locale.ROOT), name, 0);
            vms.add(Vm.replica(name, guid, 5, CIM_DATETIME.format(FIRST_GENERATED_INSTALL.plusSeconds(60L * i)), 2));
        }
        return vms;
    }

    /** An upper-case GUID that depends only on its inputs (a name-based UUID). */
    static String derivedGuid(String kind, String of, int counter) {
        return UUID.nameUUIDFromBytes((kind + ":" + of.toUpperCase(Locale.ROOT) + ":" + counter)
                .getBytes(StandardCharsets.UTF_8)).toString().toUpperCase(Locale.ROOT);
    }

    private HostCatalog() {}
}
