package io.hvreplica.cli;

import io.hvreplica.hyperv.HyperVHost;
import io.hvreplica.hyperv.JobWatcher;
import io.hvreplica.simulator.SimulatedHost;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code hvreplica demo}: a revert against the built-in simulated host, with the normal output. */
final class DemoCommand {
    static final String NAME = "demo";
    private static final Args.Schema SCHEMA = new Args.Schema()
            .value("--vm", "NAME", "Simulated VM to revert (default app-vm-01; try app-vm-02 or db-vm-03)")
            .value("--output", "FORMAT", "text | json (default text)")
            .flag("--verbose", "-v", "Log the wire traffic to stderr");

    private final Environment env;

    DemoCommand(Environment env) {
        this.env = env;
    }

    static String help() {
        return SCHEMA.help("hvreplica demo [OPTIONS]",
                "Start a simulated Hyper-V host on 127.0.0.1 and revert a failover against it.");
    }

    int run(List<String> argv) {
        Args.Parsed args = SCHEMA.parse(argv);
        if (args.help()) {
            env.out().print(help());
            return ExitCodes.COMPLETED;
        }
        String vm = args.value("--vm", "app-vm-01");
        String output = args.value("--output", "text");
        if (!output.equalsIgnoreCase("text") && !output.equalsIgnoreCase("json")) {
            throw new UsageException("--output must be text or json");
        }
        boolean verbose = args.flag("--verbose");
        // The default Windows path: Negotiate (NTLM) on plain HTTP, every message sealed.
        try (SimulatedHost host = SimulatedHost.startNegotiate(0)) {
            env.err().println("Simulated Hyper-V host " + SimulatedHost.HOST_NAME + " listening at " + host.endpoint()
                    + " (Negotiate/NTLM, WinRM message encryption)");
            List<String> revert = new ArrayList<>(List.of("--endpoint", host.endpoint(),
                    "--user", SimulatedHost.NTLM_USER, "--vm", vm, "--output", output));
            if (verbose) {
                revert.add("-v");
            }
            return new OperationCommand(Commands.BY_NAME.get("revert-failover"), new DemoEnvironment(env)).run(revert);
        }
    }

    /** The caller's streams and clock, with the simulator's password. */
    private record DemoEnvironment(Environment outer) implements Environment {
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
            return true;
        }

        @Override
        public char[] read(Path file, String user) {
            return SimulatedHost.NTLM_PASSWORD.toCharArray();
        }

        @Override
        public JobWatcher watcher(HyperVHost host) {
            return outer.watcher(host);
        }

        @Override
        public java.time.Clock clock() {
            return outer.clock();
        }
    }
}
