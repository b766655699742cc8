package io.hvreplica.cli;

import io.hvreplica.hyperv.HyperVHost;
import io.hvreplica.hyperv.JobWatcher;

import java.io.PrintStream;
import java.nio.file.Path;

/** An {@link Environment} that passes everything to another; subclasses change one thing. */
class DelegatingEnvironment implements Environment {
    private final Environment outer;

    DelegatingEnvironment(Environment outer) {
        this.outer = outer;
    }

    @Override
    public PrintStream out() {
        return outer.out();
    }

    @Override
    public PrintStream err() {
        return outer.err();
    }

    @Override
    public boolean terminal() {
        return outer.terminal();
    }

    @Override
    public String krb5ccname() {
        return outer.krb5ccname();
    }

    @Override
    public boolean configured(Path file) {
        return outer.configured(file);
    }

    @Override
    public char[] read(Path file, String user) {
        return outer.read(file, user);
    }

    @Override
    public JobWatcher watcher(HyperVHost host) {
        return outer.watcher(host);
    }

    @Override
    public JobWatcher.Sleeper sleeper() {
        return outer.sleeper();
    }

    @Override
    public String readLine() {
        return outer.readLine();
    }

    @Override
    public java.time.Clock clock() {
        return outer.clock();
    }

    @Override
    public void onSignal(java.util.function.ToIntFunction<String> handler) {
        outer.onSignal(handler);
    }
}
