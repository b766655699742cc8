package io.hvreplica.hyperv;

import io.hvreplica.DeadlineExceededException;
import io.hvreplica.wsman.EndpointReference;
import io.hvreplica.wsman.WsmanFaultException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Follows a job to its end. Polls start short, so that quick jobs finish quickly, and back off to
 * a ceiling, so that long jobs do not hammer the host; an overall deadline bounds the wait. A
 * w:TimedOut fault on a poll only means the host was slow to answer, so polling goes on. Time and
 * sleeping are injected, so tests never wait for real.
 */
public final class JobWatcher {
    /** Sleeps; the production one is {@link Thread#sleep}. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    public static final Duration FIRST_DELAY = Duration.ofMillis(100);
    public static final Duration MAX_DELAY = Duration.ofMillis(1500);

    private final Function<EndpointReference, JobStatus> poll;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Instant until;

    public JobWatcher(Function<EndpointReference, JobStatus> poll, Clock clock, Sleeper sleeper) {
        this(poll, clock, sleeper, null);
    }

    private JobWatcher(Function<EndpointReference, JobStatus> poll, Clock clock, Sleeper sleeper, Instant until) {
        this.poll = poll;
        this.clock = clock;
        this.sleeper = sleeper;
        this.until = until;
    }

    /**
     * This watcher, but never waiting past {@code deadline}, whatever timeout a watch is given:
     * for a caller whose deadline bounds more than the wait (look-ups and the invoke came first).
     */
    public JobWatcher until(Instant deadline) {
        return new JobWatcher(poll, clock, sleeper, deadline);
    }

    public static JobWatcher forHost(HyperVHost host) {
        return forHost(host, Clock.systemUTC());
    }

    /** Polls {@code host} and sleeps for real, measuring the wait with {@code clock}. */
    public static JobWatcher forHost(HyperVHost host, Clock clock) {
        return new JobWatcher(host::job, clock, d -> Thread.sleep(d.toMillis()));
    }

    /** How a wait ended. */
    public enum End {
        /** The job reached a terminal state; see {@link JobStatus#jobState()}. */
        FINISHED,
        /** The deadline passed while the job was still running. */
        DEADLINE,
        /** The host no longer has the job (it never had it, removed it, or lost it). */
        GONE,
        /** The waiting thread was interrupted; the job goes on on the host. */
        INTERRUPTED
    }

    /**
     * The last reading and how the wait ended.
     *
     * @param last the last reading, kept when a later poll failed; null when no poll succeeded
     */
    public record Result(JobStatus last, End end) {
        public boolean timedOut() {
            return end == End.DEADLINE;
        }
    }

    /** The delay before poll number {@code n} (0-based): 100 ms growing by half each time, at most 1.5 s. */
    static Duration delay(int n) {
        double ms = FIRST_DELAY.toMillis() * Math.pow(1.5, n);
        return Duration.ofMillis((long) Math.min(ms, MAX_DELAY.toMillis()));
    }

    /**
     * Polls until the job is terminal, gone, or {@code timeout} has passed.
     *
     * @param progress called with every reading, first one included
     */
    public Result watch(EndpointReference job, Duration timeout, Consumer<JobStatus> progress) {
        String id = "job";
        Result[] result = new Result[1];
        watchAll(List.of(id), ids -> {
            try {
                return Map.of(id, poll.apply(job));
            } catch (WsmanFaultException e) {
                if (e.isMissingInstance()) {
                    return Map.of();
                }
                throw e;
            }
        }, timeout, (i, s) -> progress.accept(s), ended -> result[0] = ended.get(id));
        return result[0];
    }

    /** Reads several jobs at once; a job the host no longer has is absent from the answer. */
    @FunctionalInterface
    public interface BatchPoll {
        Map<String, JobStatus> read(Set<String> ids);
    }

    /**
     * Polls all of {@code ids} together, one read per round for those still running, with the
     * backoff and the deadline of a single job, until each has ended, is gone, or the deadline
     * has passed. A w:TimedOut fault only means the host was slow to answer that round.
     *
     * @param progress told of every reading, with its job's id
     * @param ended    told of each round's endings together, so that a caller can read what the
     *                 jobs changed in one go; every id ends exactly once
     */
    public void watchAll(Collection<String> ids, BatchPoll poll, Duration timeout,
                         BiConsumer<String, JobStatus> progress, Consumer<Map<String, Result>> ended) {
        Instant deadline = clock.instant().plus(timeout);
        if (until != null && until.isBefore(deadline)) {
            deadline = until;
        }
        Set<String> running = new LinkedHashSet<>(ids);
        Map<String, JobStatus> last = new HashMap<>();
        for (int n = 0; !running.isEmpty(); n++) {
            Map<String, Result> round = new LinkedHashMap<>();
            try {
                Map<String, JobStatus> now = poll.read(Collections.unmodifiableSet(running));
                for (String id : running) {
                    JobStatus s = now.get(id);
                    if (s == null) {
                        round.put(id, new Result(last.get(id), End.GONE));
                        continue;
                    }
                    last.put(id, s);
                    progress.accept(id, s);
                    if (s.terminal()) {
                        round.put(id, new Result(s, End.FINISHED));
                    }
                }
            } catch (WsmanFaultException e) {
                if (!"TimedOut".equals(e.fault().subcode())) {
                    throw e;
                }
            } catch (DeadlineExceededException e) {
                // The deadline passed during a poll: the jobs are as much still running as at the last reading.
                endAll(running, last, End.DEADLINE, round);
            }
            Duration remaining = Duration.between(clock.instant(), deadline);
            if (round.size() < running.size() && (remaining.isNegative() || remaining.isZero())) {
                endAll(running, last, End.DEADLINE, round);
            }
            running.removeAll(round.keySet());
            if (!round.isEmpty()) {
                ended.accept(round);
            }
            if (running.isEmpty()) {
                return;
            }
            Duration wait = delay(n);
            try {
                sleeper.sleep(wait.compareTo(remaining) < 0 ? wait : remaining);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                Map<String, Result> interrupted = new LinkedHashMap<>();
                endAll(running, last, End.INTERRUPTED, interrupted);
                ended.accept(interrupted);
                return;
            }
        }
    }

    /** Ends every job of {@code running} not yet in {@code round}, with its last reading. */
    private static void endAll(Set<String> running, Map<String, JobStatus> last, End end, Map<String, Result> round) {
        for (String id : running) {
            round.putIfAbsent(id, new Result(last.get(id), end));
        }
    }
}
