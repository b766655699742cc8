package io.hvreplica.simulator;

import static io.hvreplica.simulator.Recordings.PRIORITY_CATALOG;
import static io.hvreplica.simulator.Recordings.PRIORITY_MALFORMED;
import static io.hvreplica.simulator.Recordings.PRIORITY_UNKNOWN;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.hvreplica.simulator.HostCatalog.Job;
import io.hvreplica.simulator.HostCatalog.JobStep;
import io.hvreplica.simulator.HostCatalog.Vm;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * RevertFailover and job polling. Each progressing job is a WireMock scenario: every Get of the job
 * answers the current step and moves the scenario to the next one (the last step repeats), and every
 * RevertFailover of the VM puts the scenario back to {@link Scenario#STARTED}.
 */
final class JobRecordings {
    private static final DateTimeFormatter CIM_DATETIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final WireMockServer server;
    private final Recordings recordings;

    JobRecordings(WireMockServer server, Recordings recordings) {
        this.server = server;
        this.recordings = recordings;
    }

    void register() {
        String hostName = Pattern.quote(SimulatedHost.HOST_NAME);
        for (Vm vm : HostCatalog.VMS) {
            MappingBuilder invoke = Wsman.computerSystemParameter(revertFailover(), vm.guid())
                    .atPriority(PRIORITY_CATALOG);
            invoke = Wsman.headerSelector(invoke, "SystemName", hostName);
            server.stubFor(answer(invoke, vm));
        }
        // Well-formed call for a VM this host does not have.
        server.stubFor(Wsman.headerSelector(revertFailover(), "SystemName", hostName).atPriority(PRIORITY_UNKNOWN)
                .willReturn(recordings.soap(200, "revert-failover-response", Map.of("returnValue", 32773))));
        // The service instance is not identified: wrong or missing SystemName.
        server.stubFor(Wsman.headerSelector(revertFailover(), "SystemName", ".*").atPriority(PRIORITY_MALFORMED)
                .willReturn(invalidSelectors("InvalidValue")));
        server.stubFor(revertFailover().atPriority(PRIORITY_MALFORMED + 1)
                .willReturn(invalidSelectors("InsufficientSelectors")));

        for (Job job : HostCatalog.JOBS) {
            jobPolling(job);
        }
        // Unknown (or removed) job: what Windows answers a Get of an instance that does not exist.
        server.stubFor(Wsman.resourceUri(Wsman.action(Recordings.wsman(), Wsman.GET), Wsman.CONCRETE_JOB)
                .atPriority(PRIORITY_UNKNOWN).willReturn(missingInstance()));
        server.stubFor(Wsman.action(Recordings.wsman(), Wsman.GET).atPriority(PRIORITY_UNKNOWN + 1)
                .willReturn(invalidSelectors("UnexpectedSelectors")));
    }

    private MappingBuilder answer(MappingBuilder invoke, Vm vm) {
        switch (vm.revert().outcome()) {
            case ACCESS_DENIED:
                return invoke.willReturn(recordings.soap(500, "fault-access-denied", Recordings.host()));
            case RETURN_VALUE:
                return invoke.willReturn(recordings.soap(200, "revert-failover-response",
                        Map.of("returnValue", vm.revert().returnValue())));
            case JOB:
            default:
                Job job = vm.revert().job();
                ResponseDefinitionBuilder started = recordings.soap(200, "revert-failover-job-response",
                        Map.of("jobId", job.instanceId()));
                if (job.progresses()) {
                    // No required state: matches in any state and restarts the job's progression.
                    return invoke.inScenario(job.scenario()).willSetStateTo(Scenario.STARTED).willReturn(started);
                }
                return invoke.willReturn(started);
        }
    }

    private void jobPolling(Job job) {
        if (job.steps().isEmpty()) {
            server.stubFor(jobGet(job).willReturn(missingInstance()));
        } else if (!job.progresses()) {
            server.stubFor(jobGet(job).willReturn(jobInstance(job, job.steps().get(0))));
        } else {
            for (int i = 0; i < job.steps().size(); i++) {
                ScenarioMappingBuilder inState = jobGet(job).inScenario(job.scenario()).whenScenarioStateIs(state(i));
                // A vanishing job's last step hands over to its removal instead of repeating.
                if (i + 1 < job.steps().size() || job.vanishes()) {
                    inState = inState.willSetStateTo(state(i + 1));
                }
                server.stubFor(inState.willReturn(jobInstance(job, job.steps().get(i))));
            }
            if (job.vanishes()) {
                server.stubFor(jobGet(job).inScenario(job.scenario()).whenScenarioStateIs(state(job.steps().size()))
                        .willReturn(missingInstance()));
            }
        }
    }

    /** WS-Transfer Get of this job's Msvm_ConcreteJob (other selectors such as __cimnamespace are ignored). */
    private static MappingBuilder jobGet(Job job) {
        MappingBuilder get = Wsman.resourceUri(Wsman.action(Recordings.wsman(), Wsman.GET), Wsman.CONCRETE_JOB);
        return Wsman.headerSelector(get, "InstanceID", Pattern.quote(job.instanceId())).atPriority(PRIORITY_CATALOG);
    }

    private static String state(int step) {
        return step == 0 ? Scenario.STARTED : "after-get-" + step;
    }

    private ResponseDefinitionBuilder jobInstance(Job job, JobStep step) {
        Instant submitted = Instant.parse(job.timeSubmitted());
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("jobId", job.instanceId());
        p.put("jobState", step.jobState());
        p.put("percentComplete", step.percentComplete());
        p.put("elapsed", interval(step.elapsedMillis()));
        p.put("jobStatus", step.jobStatus());
        p.put("errorCode", step.errorCode());
        if (step.errorDescription() != null) {
            p.put("errorDescription", step.errorDescription());
            p.put("errorSummaryDescription", step.errorSummaryDescription());
        }
        p.put("healthState", step.failed() ? 20 : 5);
        p.put("operationalStatus", step.failed() ? 6 : 2);
        p.put("statusDescription", step.failed() ? "Error" : "OK");
        p.put("timeSubmitted", CIM_DATETIME.format(submitted));
        p.put("timeOfLastStateChange", CIM_DATETIME.format(submitted.plusMillis(step.elapsedMillis())));
        return recordings.soap(200, "concrete-job-response", p);
    }

    private ResponseDefinitionBuilder missingInstance() {
        return recordings.soap(500, "fault-missing-instance",
                Map.of("hostName", SimulatedHost.HOST_NAME, "className", "Msvm_ConcreteJob"));
    }

    private ResponseDefinitionBuilder invalidSelectors(String faultDetail) {
        return recordings.soap(500, "fault-invalid-selectors",
                Map.of("hostName", SimulatedHost.HOST_NAME, "faultDetail", faultDetail));
    }

    private static MappingBuilder revertFailover() {
        return Wsman.action(Recordings.wsman(), Wsman.REVERT_FAILOVER);
    }

    /** xs:duration as Windows writes CIM intervals, e.g. {@code P0DT0H0M3.906S}. */
    static String interval(long millis) {
        long seconds = millis / 1000;
        return String.format("P%dDT%dH%dM%d.%03dS",
                seconds / 86_400, seconds / 3_600 % 24, seconds / 60 % 60, seconds % 60, millis % 1000);
    }

    /** Scenario names of the jobs whose state progresses. */
    static List<String> scenarios() {
        return HostCatalog.JOBS.stream().filter(Job::progresses).map(Job::scenario).toList();
    }
}
