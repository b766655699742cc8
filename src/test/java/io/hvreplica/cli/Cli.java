package io.hvreplica.cli;

import io.hvreplica.hyperv.HyperVHost;
import io.hvreplica.hyperv.JobWatcher;
import io.hvreplica.testing.CapturingEnvironment;

import java.io.PrintStream;
import java.nio.file.Path;

/** Runs the CLI in-process against a {@link CapturingEnvironment}. */
final class Cli {
    private Cli() {
    }

    /** The outcome of one command line. */
    record Run(int exitCode, String out, String err, CapturingEnvironment env) {
    }

    static Run run(String password, String... args) {
        CapturingEnvironment env = new CapturingEnvironment(password);
        int code = Main.run(args, new RevertFailoverCommand.Environment() {
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
                return true;
            }

            @Override
            public char[] read(Path file, String user) {
                return env.passwordChars(file, user);
            }

            @Override
            public JobWatcher watcher(HyperVHost host) {
                return env.watcher(host);
            }
        });
        return new Run(code, env.out(), env.err(), env);
    }
}
