package io.hvreplica.hyperv;

import io.hvreplica.DeadlineExceededException;
import io.hvreplica.testing.ManualClock;
import io.hvreplica.wsman.EndpointReference;
import io.hvreplica.wsman.Namespaces;
import io.hvreplica.wsman.SelectorSet;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command's deadline bounds the job wait too: {@link JobWatcher#until}, and a poll the deadline cuts off. */
class JobWatcherDeadlineTest {
    private static final String JOB_ID = "3D9C7B1A-6E45-4F82-B0D3-9A5E1C7F2B85";
    private static final EndpointReference JOB = new EndpointReference(Namespaces.ANONYMOUS,
            "http://schemas.microsoft.com/wbem/wsman/1/wmi/root/virtualization/v2/Msvm_ConcreteJob",
            SelectorSet.of("InstanceID", JOB_ID));
    private static final JobStatus RUNNING = new JobStatus(JOB_ID, 4, 40, 0, null, null);

    private final ManualClock clock = new ManualClock();

    private static Duration total(List<Duration> sleeps) {
        return sleeps.stream().reduce(Duration.ZERO, Duration::plus);
    }

    @Test
    void anEarlierDeadlineCutsTheWaitShort() {
        JobWatcher watcher = new JobWatcher(ref -> RUNNING, clock, clock::sleep).until(clock.instant().plusSeconds(5));

        JobWatcher.Result r = watcher.watch(JOB, Duration.ofSeconds(90), s -> { });

        assertTrue(r.timedOut());
        assertEquals(RUNNING, r.last());
        assertEquals(Duration.ofSeconds(5), total(clock.sleeps()), "waited up to the deadline, not the 90 s");
    }

    @Test
    void aLaterDeadlineLeavesTheTimeoutInCharge() {
        JobWatcher watcher = new JobWatcher(ref -> RUNNING, clock, clock::sleep).until(clock.instant().plusSeconds(60));

        assertTrue(watcher.watch(JOB, Duration.ofSeconds(2), s -> { }).timedOut());
        assertEquals(Duration.ofSeconds(2), total(clock.sleeps()));
    }

    @Test
    void aPollCutOffByTheDeadlineEndsTheWaitAsATimeoutWithTheLastReading() {
        AtomicInteger polls = new AtomicInteger();
        List<JobStatus> seen = new ArrayList<>();
        JobWatcher watcher = new JobWatcher(ref -> {
            if (polls.incrementAndGet() == 3) {
                throw new DeadlineExceededException("the deadline passed while waiting for hv01 to answer");
            }
            return RUNNING;
        }, clock, clock::sleep);

        JobWatcher.Result r = watcher.watch(JOB, Duration.ofMinutes(30), seen::add);

        assertTrue(r.timedOut(), "a timeout, not a failure: the job goes on on the host");
        assertEquals(RUNNING, r.last());
        assertEquals(3, polls.get(), "no poll after the deadline");
        assertEquals(2, seen.size());
    }
}
