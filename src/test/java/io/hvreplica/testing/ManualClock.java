package io.hvreplica.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** A clock that only moves when told; {@link #sleep} records the delay and advances it, without waiting. */
public final class ManualClock extends Clock {
    private Instant now;
    private final List<Duration> sleeps = new ArrayList<>();

    public ManualClock(Instant start) {
        this.now = start;
    }

    public ManualClock() {
        this(Instant.parse("2026-11-24T10:00:00Z"));
    }

    public void sleep(Duration d) {
        sleeps.add(d);
        now = now.plus(d);
    }

    public void advance(Duration d) {
        now = now.plus(d);
    }

    public List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
