package io.hvreplica.cli;

import io.hvreplica.hyperv.HyperVHost;
import io.hvreplica.hyperv.JobWatcher;
import io.hvreplica.simulator.SimulatedHost;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start a simulated Hyper-V host on 127.0.0.1 and revert a failover against it.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--vm", paramLabel = "NAME", defaultValue = "app-vm-01",
            description = "Simulated VM to revert (default ${DEFAULT-VALUE}; try app-vm-02 or db-vm-03)")
    String vm;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "text", description = "text | json")
    String output;

    @Option(names = {"-v", "--verbose"}, description = "Log the wire traffic to stderr")
    boolean verbose;

    private final RevertFailoverCommand.Environment env;

    DemoCommand(RevertFailoverCommand.Environment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        // The default Windows path: Negotiate (NTLM) on plain HTTP, every message sealed.
        try (SimulatedHost host = SimulatedHost.startNegotiate(0)) {
            env.err().println("Simulated Hyper-V host " + SimulatedHost.HOST_NAME + " listening at " + host.endpoint()
                    + " (Negotiate/NTLM, WinRM message encryption)");
            List<String> args = new ArrayList<>(List.of("revert-failover", "--endpoint", host.endpoint(),
                    "--user", SimulatedHost.NTLM_USER, "--vm", vm, "--output", output));
            if (verbose) {
                args.add("-v");
            }
            return Main.run(args.toArray(String[]::new), new DemoEnvironment(env));
        }
    }

    /** The caller's streams and clock, with the simulator's password. */
    private record DemoEnvironment(RevertFailoverCommand.Environment outer) implements RevertFailoverCommand.Environment {
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
    }
}
