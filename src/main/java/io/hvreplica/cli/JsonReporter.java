package io.hvreplica.cli;

import io.hvreplica.hyperv.JobStatus;
import io.hvreplica.hyperv.ReturnValues;
import io.hvreplica.hyperv.RevertFailover;
import io.hvreplica.hyperv.VirtualMachine;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One JSON object on stdout at the end, failures and interruptions included. The job id goes to
 * stderr as soon as it is known, so an interrupted wait can be resumed.
 */
final class JsonReporter extends Reporter {
    private final PrintStream out;
    private final PrintStream err;
    private final String host;

    JsonReporter(PrintStream out, PrintStream err, String host) {
        this.out = out;
        this.err = err;
        this.host = host;
    }

    @Override
    protected void showVm(VirtualMachine found) {
    }

    @Override
    protected void showJobStarted(String jobId) {
        err.println("job " + jobId + " started");
        err.flush();
    }

    @Override
    protected void showProgress(JobStatus status) {
    }

    @Override
    protected void showResuming(String jobId) {
        err.println("following job " + jobId);
        err.flush();
    }

    @Override
    protected void showDryRun(VirtualMachine target, String envelope) {
        Map<String, Object> o = base(target, null);
        o.put("returnValue", null);
        o.put("returnMeaning", null);
        o.put("job", null);
        o.put("outcome", "dry-run");
        o.put("envelope", envelope);
        o.put("error", null);
        print(o);
    }

    @Override
    protected void showFinished(RevertFailover.Result r, ExitCodes.Failure failure, String explanation) {
        Map<String, Object> o = base(r.vm() != null ? r.vm() : vm, r.vmAfter());
        o.put("returnValue", r.returnValue());
        o.put("returnMeaning", r.returnMeaning());
        o.put("job", job(r.jobId(), r.job()));
        o.put("outcome", r.outcome().label());
        o.put("error", failure.kind() == null ? null : error(failure.kind(), explanation));
        print(o);
    }

    @Override
    protected void showFailed(ExitCodes.Failure failure, String message) {
        Map<String, Object> o = base(vm, null);
        putReturnValue(o);
        o.put("job", job(job, last));
        o.put("outcome", "failed");
        o.put("error", error(failure.kind(), message));
        print(o);
    }

    @Override
    protected void showInterrupted(ExitCodes.Failure failure, String message) {
        Map<String, Object> o = base(vm, null);
        putReturnValue(o);
        o.put("job", job(job, last));
        o.put("outcome", "interrupted");
        o.put("error", error(failure.kind(), message));
        print(o);
    }

    private void putReturnValue(Map<String, Object> o) {
        Long rv = returnValue != null ? returnValue : job != null && vm != null ? Long.valueOf(ReturnValues.JOB_STARTED) : null;
        o.put("returnValue", rv);
        o.put("returnMeaning", rv == null ? null : ReturnValues.meaning(rv));
    }

    private void print(Map<String, Object> o) {
        out.println(Json.write(o));
        out.flush();
    }

    private Map<String, Object> base(VirtualMachine before, VirtualMachine after) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("operation", "revert-failover");
        o.put("host", host);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", before == null ? null : before.name());
        v.put("id", before == null ? null : before.id());
        v.put("replicationMode", before == null ? null : before.replicationMode());
        v.put("replicationState", before == null ? null : before.replicationState());
        v.put("replicationStateAfter", after == null ? null : after.replicationState());
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
