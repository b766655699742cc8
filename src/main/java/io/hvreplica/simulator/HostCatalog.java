package io.hvreplica.simulator;

import java.util.List;

/**
 * The virtual machines and jobs of the simulated replica host {@value SimulatedHost#HOST_NAME}.
 * GUIDs and job ids are invented but fixed, so scripts and tests can rely on them.
 */
final class HostCatalog {

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

        boolean failed() {
            return jobState >= 8 && jobState <= 11;
        }
    }

    /** A job started by RevertFailover; no steps means the job is already gone (stale id). */
    record Job(String instanceId, String timeSubmitted, List<JobStep> steps) {
        String scenario() {
            return "revert-failover-job-" + instanceId;
        }

        boolean progresses() {
            return steps.size() > 1;
        }
    }

    enum Outcome { JOB, RETURN_VALUE, ACCESS_DENIED }

    /** What {@code RevertFailover} does for a VM. */
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

    /** An {@code Msvm_ComputerSystem} of the catalog (a replica VM on this host). */
    record Vm(String elementName, String guid, int enabledState, long onTimeMillis, Integer processId,
              int replicationHealth, int replicationMode, int replicationState, String installDate,
              Revert revert) {

        static Vm off(String name, String guid, int replicationState, String installDate, Revert revert) {
            return new Vm(name, guid, 3, 0, null, 1, 2, replicationState, installDate, revert);
        }
    }

    static final String SERVICE_ENUMERATION_CONTEXT = "uuid:8E3B6F20-4C1A-4D9E-B7F5-21A0C3D4E5F6";

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

    static final List<Job> JOBS = List.of(APP_VM_01_JOB, DB_VM_03_JOB, SLOW_VM_05_JOB, STALE_VM_07_JOB);

    static final List<Vm> VMS = List.of(
            Vm.off("app-vm-01", "4F1C2A77-9B3E-4E15-A6D2-1C8E5B7F3A01", 5, "2024-11-05T14:02:19.8813425Z",
                    Revert.job(APP_VM_01_JOB)),
            Vm.off("app-vm-02", "7D2E8B13-5C4A-4F6B-9E21-3A7C9D0E4B02", 3, "2024-11-05T14:09:44.1207318Z",
                    Revert.returns(32775)),
            // Running, which is why its revert job fails.
            new Vm("db-vm-03", DB_VM_03_GUID, 2, 5_431_209, 4812, 1, 2, 5, "2024-11-06T08:31:05.4470926Z",
                    Revert.job(DB_VM_03_JOB)),
            // Same display name twice: a lookup by name is ambiguous; by GUID each reverts synchronously.
            Vm.off("web-frontend", "A3B4C5D6-1E2F-4A5B-8C7D-9E0F1A2B3C41", 5, "2024-12-02T10:15:37.2251904Z",
                    Revert.returns(0)),
            Vm.off("web-frontend", "B8C9D0E1-2F3A-4B5C-9D8E-0F1A2B3C4D42", 5, "2025-01-20T16:48:12.9034517Z",
                    Revert.returns(0)),
            Vm.off("sync-vm-04", "0C6B3F28-8E1D-4A97-B5C4-2D9E7F1A6C04", 5, "2024-11-07T11:22:50.6618093Z",
                    Revert.returns(0)),
            Vm.off("slow-vm-05", "9A4D7E21-3C8B-4F56-A1E9-5B2C8D0F7A05", 5, "2024-11-08T09:05:13.3389260Z",
                    Revert.job(SLOW_VM_05_JOB)),
            Vm.off("locked-vm-06", "E2F4A6C8-3B5D-4F71-9C2E-8A0B1D3F5E06", 5, "2024-11-08T09:40:26.0051777Z",
                    Revert.accessDenied()),
            Vm.off("stale-vm-07", "6C9E2B4D-7A1F-4D38-B6E0-4F2A8C1D9E07", 5, "2024-11-09T13:57:41.7716352Z",
                    Revert.job(STALE_VM_07_JOB)),
            // A name outside ASCII, for the command line's argument and output encodings.
            Vm.off("caf\u00e9-vm-08", "8B1F4C2A-6D3E-4A59-9C70-E4D2B6F8A108", 5, "2025-02-11T15:30:08.1186402Z",
                    Revert.returns(0)));

    private HostCatalog() {}
}
