package io.hvreplica.hyperv;

/**
 * One reading of a Msvm_ConcreteJob.
 *
 * @param instanceId              the job's InstanceID
 * @param jobState                see {@link JobStates}
 * @param percentComplete         0 to 100, or null when the host does not say
 * @param errorCode               vendor error code, 0 or null without error
 * @param errorDescription        the host's error text, or null
 * @param errorSummaryDescription the host's short error text, or null
 */
public record JobStatus(String instanceId, int jobState, Integer percentComplete, Integer errorCode,
                        String errorDescription, String errorSummaryDescription) {

    public String stateName() {
        return JobStates.name(jobState);
    }

    public boolean terminal() {
        return JobStates.terminal(jobState);
    }
}
