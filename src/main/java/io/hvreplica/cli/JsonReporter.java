package io.hvreplica.cli;

import io.hvreplica.hyperv.JobStatus;
import io.hvreplica.hyperv.OperationResult;
import io.hvreplica.hyperv.OperationRunner;
import io.hvreplica.hyperv.ReturnValues;
import io.hvreplica.hyperv.VirtualMachine;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One compact JSON object on one line of stdout at the end, failures and interruptions included.
 * The job id goes to stderr as soon as it is known, so an interrupted wait can be resumed.
 */
final class JsonReporter extends Reporter {
    private final PrintStream out;
    private final PrintStream err;
    private final String host;

    JsonReporter(String operation, PrintStream out, PrintStream err, String host) {
        super(operation);
        this.out = out;
        this.err = err;
        this.host = host;
    }

    @Override
    protected void showVm(VirtualMachine found) {
    }

    @Override
    protected void showJobStarted(OperationRunner.Context context, String jobId) {
        err.println("job " + jobId + " started" + (context.operation().equals(operation) ? ""
                : " (" + context.operation() + ")"));
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
    protected void showDryRun(VirtualMachine target, String envelope, String refusal) {
        Map<String, Object> o = base(target, null);
        o.put("returnValue", null);
        o.put("returnMeaning", null);
        o.put("job", null);
        o.put("outcome", "dry-run");
        o.put("changed", false);
        o.put("likelyRefusal", refusal);
        o.put("envelope", envelope);
        o.put("error", null);
        print(o);
    }

    @Override
    protected void showFinished(OperationResult r, ExitCodes.Failure failure, String explanation) {
        Map<String, Object> o = result(r);
        o.put("error", failure.kind() == null ? null : error(failure.kind(), explanation));
        print(o);
    }

    private Map<String, Object> result(OperationResult r) {
        return resultObject(operation, host, r.vm() != null ? r : withVm(r, vm));
    }

    private static OperationResult withVm(OperationResult r, VirtualMachine vm) {
        return new OperationResult(r.operation(), vm, r.returnValue(), r.returnMeaning(), r.jobId(), r.job(),
                r.outcome(), r.explanation(), r.vmAfter(), r.changed(), r.warning(), r.createdVm(), r.steps());
    }

    /** The JSON object of a result, without its error (the caller classifies). */
    static Map<String, Object> resultObject(String operation, String host, OperationResult r) {
        Map<String, Object> o = base(operation, host, r.vm(), r.vmAfter());
        o.put("returnValue", r.returnValue());
        o.put("returnMeaning", r.returnMeaning());
        o.put("job", job(r.jobId(), r.job()));
        o.put("outcome", r.outcome().label());
        o.put("changed", r.changed());
        if (r.warning() != null) {
            o.put("warning", r.warning());
        }
        if (r.createdVm() != null) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("name", r.createdVm().name());
            t.put("id", r.createdVm().id());
            t.put("replicationMode", r.createdVm().replicationMode());
            t.put("enabledState", r.createdVm().enabledState());
            o.put("testVm", t);
        }
        if (!r.steps().isEmpty()) {
            List<Map<String, Object>> steps = new ArrayList<>();
            for (OperationResult step : r.steps()) {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("operation", step.operation());
                s.put("vm", step.vm() == null ? null : step.vm().name());
                s.put("returnValue", step.returnValue());
                s.put("job", job(step.jobId(), step.job()));
                s.put("outcome", step.outcome().label());
                s.put("explanation", step.explanation());
                steps.add(s);
            }
            o.put("steps", steps);
        }
        return o;
    }

    @Override
    protected void showFailed(ExitCodes.Failure failure, String message) {
        showSoFar(failure.code() == ExitCodes.TIMEOUT ? "timeout" : "failed", failure, message);
    }

    @Override
    protected void showInterrupted(ExitCodes.Failure failure, String message) {
        showSoFar("interrupted", failure, message);
    }

    /** A run that ended without a result: what it had seen (the VM, the call's answer, the job). */
    private void showSoFar(String outcome, ExitCodes.Failure failure, String message) {
        Map<String, Object> o = base(vm, null);
        putReturnValue(o);
        o.put("job", job(job, last));
        o.put("outcome", outcome);
        o.put("changed", inFlight || job != null ? null : (Object) false);
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

    /** The JSON object for a VM whose run failed before it had a result (the caller adds the error). */
    static Map<String, Object> failureObject(String operation, String host, VirtualMachine vm, String jobId) {
        Map<String, Object> o = base(operation, host, vm, null);
        o.put("returnValue", null);
        o.put("returnMeaning", null);
        o.put("job", job(jobId, null));
        o.put("outcome", "failed");
        o.put("changed", jobId == null ? (Object) false : null);
        return o;
    }

    private Map<String, Object> base(VirtualMachine before, VirtualMachine after) {
        return base(operation, host, before, after);
    }

    private static Map<String, Object> base(String operation, String host, VirtualMachine before, VirtualMachine after) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("operation", operation);
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

    static Map<String, Object> job(String jobId, JobStatus s) {
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

    static Map<String, Object> error(String kind, String message) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("kind", kind);
        e.put("message", message);
        return e;
    }
}
