package io.hvreplica.cli;

import io.hvreplica.hyperv.JobStatus;
import io.hvreplica.hyperv.ReturnValues;
import io.hvreplica.hyperv.RevertFailover;
import io.hvreplica.hyperv.VirtualMachine;
import io.hvreplica.wsman.EndpointReference;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One JSON object on stdout at the end, failures included. The job id goes to stderr as soon as it
 * is known, so an interrupted wait can be resumed.
 */
final class JsonReporter implements Reporter {
    private final PrintStream out;
    private final PrintStream err;
    private final String host;
    private String job;
    private boolean started;

    JsonReporter(PrintStream out, PrintStream err, String host) {
        this.out = out;
        this.err = err;
        this.host = host;
    }

    @Override
    public void jobStarted(String jobId, EndpointReference ref) {
        job = jobId;
        started = true;
        err.println("job " + jobId + " started");
        err.flush();
    }

    @Override
    public void resuming(String jobId) {
        job = jobId;
        err.println("following job " + jobId);
        err.flush();
    }

    @Override
    public void dryRun(VirtualMachine vm, String envelope) {
        Map<String, Object> o = base(vm);
        o.put("returnValue", null);
        o.put("returnMeaning", null);
        o.put("job", null);
        o.put("outcome", "dry-run");
        o.put("envelope", envelope);
        o.put("error", null);
        out.println(Json.write(o));
    }

    @Override
    public void finished(RevertFailover.Result r) {
        Map<String, Object> o = base(r.vm());
        o.put("returnValue", r.returnValue());
        o.put("returnMeaning", r.returnMeaning());
        o.put("job", job(r.jobId(), r.job()));
        o.put("outcome", r.outcome().label());
        o.put("error", r.explanation() == null ? null
                : error(r.outcome() == RevertFailover.Outcome.TIMEOUT ? "timeout"
                : r.job() != null ? "job-failed" : "refused", r.explanation()));
        out.println(Json.write(o));
    }

    @Override
    public void failed(Throwable e, ExitCodes.Failure failure, VirtualMachine vm) {
        // A failure while following a job still says which job, so the wait can be resumed.
        Map<String, Object> o = base(vm);
        o.put("returnValue", started ? (Object) ReturnValues.JOB_STARTED : null);
        o.put("returnMeaning", started ? ReturnValues.meaning(ReturnValues.JOB_STARTED) : null);
        o.put("job", job(job, null));
        o.put("outcome", failure.code() == ExitCodes.TIMEOUT ? "timeout" : "failed");
        o.put("error", error(failure.kind(), ExitCodes.message(e)
                + (job == null ? "" : "; " + Reporter.resumeHint(job))));
        out.println(Json.write(o));
    }

    private Map<String, Object> base(VirtualMachine vm) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("operation", "revert-failover");
        o.put("host", host);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", vm == null ? null : vm.name());
        v.put("id", vm == null ? null : vm.id());
        v.put("replicationMode", vm == null ? null : vm.replicationMode());
        v.put("replicationState", vm == null ? null : vm.replicationState());
        o.put("vm", v);
        return o;
    }

    private static Map<String, Object> job(String jobId, JobStatus s) {
        if (jobId == null) {
            return null;
        }
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("instanceId", jobId);
        j.put("jobState", s == null ? null : s.jobState());
        j.put("state", s == null ? null : s.stateName());
        j.put("percentComplete", s == null ? null : s.percentComplete());
        j.put("errorCode", s == null ? null : s.errorCode());
        j.put("errorDescription", s == null ? null : s.errorDescription());
        j.put("errorSummaryDescription", s == null ? null : s.errorSummaryDescription());
        return j;
    }

    private static Map<String, Object> error(String kind, String message) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("kind", kind);
        e.put("message", message);
        return e;
    }
}
