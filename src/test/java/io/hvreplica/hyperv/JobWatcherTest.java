package io.hvreplica.hyperv;

import io.hvreplica.HvReplicaException;
import io.hvreplica.testing.ManualClock;
import io.hvreplica.wsman.EndpointReference;
import io.hvreplica.wsman.Namespaces;
import io.hvreplica.wsman.SelectorSet;
import io.hvreplica.wsman.WsmanFaultException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Polling with back-off and a deadline, on a clock that only moves when the watcher sleeps. */
class JobWatcherTest {
    private static final String JOB_ID = "2B7E5D19-8C34-4A6F-9E12-7D0C3B5A8F61";
    private static final EndpointReference JOB = new EndpointReference(Namespaces.ANONYMOUS,
            "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/Msvm_ConcreteJob",
            SelectorSet.of("InstanceID", JOB_ID));

    private final ManualClock clock = new ManualClock();
    private final List<JobStatus> seen = new ArrayList<>();

    private static JobStatus running(int pct) {
        return new JobStatus(JOB_ID, 4, pct, 0, null, null);
    }

    private static JobStatus completed() {
        return new JobStatus(JOB_ID, 7, 100, 0, null, null);
    }

    /** Answers polls from a script: a JobStatus, or a RuntimeException to throw; the last entry repeats. */
    private static Function<EndpointReference, JobStatus> script(Object... answers) {
        Deque<Object> queue = new ArrayDeque<>(List.of(answers));
        return ref -> {
            assertSame(JOB, ref, "the job reference is passed through unchanged");
            Object next = queue.size() > 1 ? queue.poll() : queue.peek();
            if (next instanceof RuntimeException e) {
                throw e;
            }
            return (JobStatus) next;
        };
    }

    private JobWatcher watcher(Function<EndpointReference, JobStatus> poll) {
        return new JobWatcher(poll, clock, clock::sleep);
    }

    private static WsmanFaultException fault(String subcode) {
        return new WsmanFaultException(new WsmanFaultException.Fault("Receiver", subcode, Namespaces.WSMAN,
                "The WS-Management service cannot complete the operation within the time specified in OperationTimeout.",
                null, 2150858793L, "HV-REPLICA01", null, null, null, null, Map.of()));
    }

    private static List<Duration> millis(long... ms) {
        List<Duration> out = new ArrayList<>();
        for (long m : ms) {
            out.add(Duration.ofMillis(m));
        }
        return out;
    }

    @Test
    void backoffStartsAt100msGrowsByHalfAndStopsAt1500ms() {
        List<Duration> delays = new ArrayList<>();
        for (int n = 0; n < 10; n++) {
            delays.add(JobWatcher.delay(n));
        }
        assertEquals(millis(100, 150, 225, 337, 506, 759, 1139, 1500, 1500, 1500), delays);
        assertEquals(Duration.ofMillis(1500), JobWatcher.delay(1000), "no overflow far out");
    }

    @Test
    void pollsUntilCompletedSleepingTheBackoffBetweenPolls() {
        JobWatcher.Result r = watcher(script(running(0), running(25), running(60), running(90), completed()))
                .watch(JOB, Duration.ofMinutes(30), seen::add);

        assertFalse(r.timedOut());
        assertEquals(completed(), r.last());
        assertEquals(List.of(running(0), running(25), running(60), running(90), completed()), seen,
                "progress sees every reading, the first included");
        assertEquals(millis(100, 150, 225, 337), clock.sleeps());
    }

    @Test
    void alreadyFinishedJobNeedsNoSleep() {
        JobWatcher.Result r = watcher(script(completed())).watch(JOB, Duration.ofSeconds(1), seen::add);
        assertFalse(r.timedOut());
        assertEquals(List.of(), clock.sleeps());
        assertEquals(1, seen.size());
    }

    @Test
    void failedJobIsTerminalToo() {
        JobStatus exception = new JobStatus(JOB_ID, 10, 35, 32768, "detail", "summary");
        JobWatcher.Result r = watcher(script(running(10), exception)).watch(JOB, Duration.ofMinutes(1), seen::add);
        assertFalse(r.timedOut());
        assertEquals(exception, r.last());
    }

    @Test
    void deadlineEndsTheWaitExactlyAndReportsTheLastReading() {
        int[] polls = {0};
        JobWatcher.Result r = watcher(ref -> {
            polls[0]++;
            return running(40);
        }).watch(JOB, Duration.ofSeconds(5), seen::add);

        assertTrue(r.timedOut());
        assertEquals(running(40), r.last());
        // 100+150+225+337+506+759+1139+1500 = 4716 ms, then the 284 ms that remain: never past the deadline.
        assertEquals(millis(100, 150, 225, 337, 506, 759, 1139, 1500, 284), clock.sleeps());
        assertEquals(10, polls[0], "one last poll when the deadline is reached");
        assertEquals(Duration.ofSeconds(5), clock.sleeps().stream().reduce(Duration.ZERO, Duration::plus));
    }

    @Test
    void longDeadlineKeepsPollingAtTheCeiling() {
        JobWatcher.Result r = watcher(script(running(40))).watch(JOB, Duration.ofSeconds(90), s -> { });
        assertTrue(r.timedOut());
        List<Duration> sleeps = clock.sleeps();
        assertTrue(sleeps.stream().allMatch(d -> d.compareTo(Duration.ofMillis(1500)) <= 0), sleeps.toString());
        assertEquals(Duration.ofSeconds(90), sleeps.stream().reduce(Duration.ZERO, Duration::plus));
        assertTrue(sleeps.subList(7, sleeps.size() - 1).stream().allMatch(d -> d.equals(Duration.ofMillis(1500))));
    }

    @Test
    void timedOutFaultOnAPollKeepsPolling() {
        JobWatcher.Result r = watcher(script(running(10), fault("TimedOut"), fault("TimedOut"), completed()))
                .watch(JOB, Duration.ofMinutes(1), seen::add);

        assertFalse(r.timedOut());
        assertEquals(completed(), r.last());
        assertEquals(List.of(running(10), completed()), seen, "a fault is not a reading");
        assertEquals(millis(100, 150, 225), clock.sleeps(), "the back-off goes on through the faults");
    }

    @Test
    void timedOutOnEveryPollEndsAtTheDeadlineWithoutAReading() {
        JobWatcher.Result r = watcher(script(fault("TimedOut"))).watch(JOB, Duration.ofSeconds(3), seen::add);
        assertTrue(r.timedOut());
        assertNull(r.last());
        assertEquals(List.of(), seen);
    }

    @Test
    void otherFaultsEndTheWatch() {
        WsmanFaultException invalid = fault("InvalidSelectors");
        WsmanFaultException thrown = assertThrows(WsmanFaultException.class,
                () -> watcher(script(running(10), invalid)).watch(JOB, Duration.ofMinutes(1), seen::add));
        assertSame(invalid, thrown);
        assertEquals(millis(100), clock.sleeps());
    }

    @Test
    void interruptedSleepStopsWithTheJobIdAndKeepsTheInterrupt() {
        JobWatcher w = new JobWatcher(script(running(10)), clock, d -> {
            throw new InterruptedException();
        });
        try {
            JobWatcher.Result r = w.watch(JOB, Duration.ofMinutes(1), s -> { });
            assertEquals(JobWatcher.End.INTERRUPTED, r.end());
            assertEquals(4, r.last().jobState(), "the last reading is kept");
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }
}
