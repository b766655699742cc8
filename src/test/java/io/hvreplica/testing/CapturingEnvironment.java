package io.hvreplica.testing;

import io.hvreplica.hyperv.HyperVHost;
import io.hvreplica.hyperv.JobWatcher;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * What a CLI run sees from outside, for tests: captured stdout and stderr, and a job watcher whose sleeps advance a fake clock instead of waiting.
 */
public final class CapturingEnvironment {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
    private final PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    private final List<Duration> sleeps = new ArrayList<>();
    private volatile Instant now = Instant.parse("2026-11-24T10:00:00Z");
    private java.util.function.ToIntFunction<String> signalHandler;
    private String signalAtFirstSleep;
    private Integer signalExit;
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    public CapturingEnvironment() {
    }

    public String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    public String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** The delays the job watcher asked for, in order. */
    public List<Duration> sleeps() {
        return sleeps;
    }

    public PrintStream outStream() {
        return outStream;
    }

    public PrintStream errStream() {
        return errStream;
    }

    /** Keeps the handler the command installs for SIGINT and SIGTERM. */
    public void onSignal(java.util.function.ToIntFunction<String> handler) {
        signalHandler = handler;
    }

    /**
     * Delivers {@code signal} to the command's handler when the job watcher first sleeps, the way a
     * Ctrl-C or a task timeout arrives during a wait; the sleep is then interrupted.
     */
    public void signalAtFirstSleep(String signal) {
        signalAtFirstSleep = signal;
    }

    /** The exit code the signal handler chose (the process would end with it); null if none ran. */
    public Integer signalExit() {
        return signalExit;
    }

    /** The fake clock: it moves only when the job watcher sleeps. */
    public Clock clock() {
        return clock;
    }

    public JobWatcher watcher(HyperVHost host) {
        return new JobWatcher(host::job, clock, sleeper());
    }

    /** Sleeps that only advance the fake clock (and deliver a signal when one is due). */
    public JobWatcher.Sleeper sleeper() {
        return d -> {
            if (signalAtFirstSleep != null && signalHandler != null) {
                String signal = signalAtFirstSleep;
                signalAtFirstSleep = null;
                signalExit = signalHandler.applyAsInt(signal);
                throw new InterruptedException(signal);
            }
            synchronized (sleeps) {
                sleeps.add(d);
                now = now.plus(d);
            }
        };
    }

}
