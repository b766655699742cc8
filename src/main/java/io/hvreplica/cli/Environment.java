package io.hvreplica.cli;

import io.hvreplica.hyperv.HyperVHost;
import io.hvreplica.hyperv.JobWatcher;

import java.io.PrintStream;

/** Whatever a command needs from outside: streams, the terminal, the password, time, signals. */
interface Environment extends AuthOptions.PasswordSource {
    PrintStream out();

    PrintStream err();

    boolean terminal();

    /** KRB5CCNAME as the process was given it, or null. */
    String krb5ccname();

    JobWatcher watcher(HyperVHost host);

    /** How waits between job polls pass; the job watcher's, in tests. */
    default io.hvreplica.hyperv.JobWatcher.Sleeper sleeper() {
        return d -> Thread.sleep(d.toMillis());
    }

    /** A line typed on the terminal, for a confirmation; null when there is none. */
    default String readLine() {
        return null;
    }

    /** The clock the --timeout deadline is measured with; the job watcher's, in tests. */
    default java.time.Clock clock() {
        return java.time.Clock.systemUTC();
    }

    /**
     * Arranges for {@code handler} to be called with "SIGINT" or "SIGTERM" when the process gets
     * one; the process then ends with the exit code the handler returns.
     */
    default void onSignal(java.util.function.ToIntFunction<String> handler) {
    }
}
