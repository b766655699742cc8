package io.hvreplica.cli;

import io.hvreplica.hyperv.HyperVHost;
import io.hvreplica.hyperv.JobWatcher;
import io.hvreplica.testing.CapturingEnvironment;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.function.BiFunction;

/** Runs the CLI in-process against a {@link CapturingEnvironment}. */
final class Cli {
    private Cli() {
    }

    /** The outcome of one command line. */
    record Run(int exitCode, String out, String err, CapturingEnvironment env) {
    }

    /** revert-failover against a simulated host's Negotiate endpoint, with its NTLM user, plus {@code extra}. */
    static Run revert(io.hvreplica.simulator.SimulatedHost host, String... extra) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("revert-failover", "--endpoint",
                host.endpoint(), "--user", io.hvreplica.simulator.SimulatedHost.NTLM_USER));
        args.addAll(java.util.List.of(extra));
        return run(io.hvreplica.simulator.SimulatedHost.NTLM_PASSWORD, args.toArray(String[]::new));
    }

    static Run run(String password, String... args) {
        return run(true, (file, user) -> password.toCharArray(), args);
    }

    /**
     * @param configured whether a password counts as configured (environment variable or file)
     * @param password   what reading the password gives (it may throw, like a missing file)
     */
    static Run run(boolean configured, BiFunction<Path, String, char[]> password, String... args) {
        return run(new CapturingEnvironment(), NO_TICKET_CACHE, configured, password, args);
    }

    /**
     * A KRB5CCNAME that names no cache, so that runs do not depend on whatever kinit left in this
     * machine's /tmp/krb5cc_UID.
     */
    static final String NO_TICKET_CACHE = "FILE:/nonexistent/hvreplica-tests/krb5cc";

    /** A run with no password configured and this KRB5CCNAME (null: unset). */
    static Run withTicketCache(String krb5ccname, String... args) {
        return run(krb5ccname, false, (file, user) -> {
            throw new UsageException("no password for " + user + " in this test");
        }, args);
    }

    static Run run(String krb5ccname, boolean configured, BiFunction<Path, String, char[]> password, String... args) {
        return run(new CapturingEnvironment(), krb5ccname, configured, password, args);
    }

    static Run run(CapturingEnvironment env, boolean configured, BiFunction<Path, String, char[]> password,
                   String... args) {
        return run(env, NO_TICKET_CACHE, configured, password, args);
    }

    static Run run(CapturingEnvironment env, String krb5ccname, boolean configured,
                   BiFunction<Path, String, char[]> password, String... args) {
        // CXF logs through JUL's console handler, past the captured streams: watch its logger.
        java.util.logging.Logger cxf = java.util.logging.Logger.getLogger("org.apache.cxf");
        java.util.List<java.util.logging.LogRecord> cxfLogged = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler watch = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                cxfLogged.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        cxf.addHandler(watch);
        int code;
        try {
            code = run(args, env, krb5ccname, password, configured);
        } finally {
            cxf.removeHandler(watch);
        }
        if (!cxfLogged.isEmpty()) {
            java.util.logging.LogRecord r = cxfLogged.get(0);
            throw new AssertionError("CXF logged to the command line's user: " + r.getLevel() + " " + r.getMessage(),
                    r.getThrown());
        }
        return new Run(code, env.out(), env.err(), env);
    }

    private static int run(String[] args, CapturingEnvironment env, String krb5ccname,
                           BiFunction<Path, String, char[]> password, boolean configured) {
        return Main.run(args, new Environment() {
            @Override
            public PrintStream out() {
                return env.outStream();
            }

            @Override
            public PrintStream err() {
                return env.errStream();
            }

            @Override
            public boolean terminal() {
                return false;
            }

            @Override
            public String krb5ccname() {
                return krb5ccname;
            }

            @Override
            public boolean configured(Path file) {
                return configured;
            }

            @Override
            public char[] read(Path file, String user) {
                return password.apply(file, user);
            }

            @Override
            public JobWatcher watcher(HyperVHost host) {
                return env.watcher(host);
            }

            @Override
            public void onSignal(java.util.function.ToIntFunction<String> handler) {
                env.onSignal(handler);
            }

            @Override
            public java.time.Clock clock() {
                return env.clock();
            }

            @Override
            public io.hvreplica.hyperv.JobWatcher.Sleeper sleeper() {
                return env.sleeper();
            }
        });
    }
}
