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
        CapturingEnvironment env = new CapturingEnvironment();
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
            code = run(args, env, password, configured);
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

    private static int run(String[] args, CapturingEnvironment env, BiFunction<Path, String, char[]> password,
                           boolean configured) {
        return Main.run(args, new RevertFailoverCommand.Environment() {
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
        });
    }
}
