package io.hvreplica.cli;

import io.hvreplica.simulator.SimulatedHost;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code hvreplica demo}: a whole rehearsal and failover against the built-in simulated host, with
 * the normal output of each command, or one revert of a chosen VM.
 */
final class DemoCommand {
    static final String NAME = "demo";
    private static final Args.Schema SCHEMA = new Args.Schema()
            .value("--vm", "NAME", "Only revert this simulated VM (try app-vm-01, app-vm-02 or db-vm-03)")
            .value("--output", "FORMAT", "text | json (default text)")
            .flag("--verbose", "-v", "Log the wire traffic to stderr");

    private final Environment env;

    DemoCommand(Environment env) {
        this.env = env;
    }

    static String help() {
        return SCHEMA.help("hvreplica demo [OPTIONS]",
                "Start a simulated Hyper-V host on 127.0.0.1 and run the lifecycle against it: a test failover,"
                        + " start the test VM, stop the test, then fail over, start, stop, and revert. With --vm,"
                        + " only revert that VM.");
    }

    int run(List<String> argv) {
        Args.Parsed args = SCHEMA.parse(argv);
        if (args.help()) {
            env.out().print(help());
            return ExitCodes.COMPLETED;
        }
        String vm = args.value("--vm");
        String output = args.value("--output", "text");
        if (!output.equalsIgnoreCase("text") && !output.equalsIgnoreCase("json")) {
            throw new UsageException("--output must be text or json");
        }
        boolean verbose = args.flag("--verbose");
        // The default Windows path: Negotiate (NTLM) on plain HTTP, every message sealed.
        try (SimulatedHost host = SimulatedHost.startNegotiate(0)) {
            env.err().println("Simulated Hyper-V host " + SimulatedHost.HOST_NAME + " listening at " + host.endpoint()
                    + " (Negotiate/NTLM, WinRM message encryption)");
            List<String> common = new ArrayList<>(List.of("--endpoint", host.endpoint(),
                    "--user", SimulatedHost.NTLM_USER, "--output", output));
            if (verbose) {
                common.add("-v");
            }
            if (vm != null) {
                return step("revert-failover", common, "--vm", vm);
            }
            // Rehearse on a replica that is replicating, then fail it over for real and go back.
            String[][] steps = {
                    {"test-failover", "--vm", REHEARSAL_VM, "--start"},
                    {"stop-test-failover", "--vm", REHEARSAL_VM},
                    {"initiate-failover", "--vm", REHEARSAL_VM, "--start"},
                    // The simulated host, like Hyper-V Manager, reverts a failover only with the VM off.
                    {"stop-vm", "--vm", REHEARSAL_VM},
                    {"revert-failover", "--vm", REHEARSAL_VM}};
            for (String[] s : steps) {
                if ("text".equalsIgnoreCase(output)) {
                    env.out().println();
                    env.out().println("$ hvreplica " + String.join(" ", s));
                }
                int code = step(s[0], common, java.util.Arrays.copyOfRange(s, 1, s.length));
                if (code != ExitCodes.COMPLETED) {
                    return code;
                }
            }
            return ExitCodes.COMPLETED;
        }
    }

    static final String REHEARSAL_VM = "ready-vm-10";

    private int step(String command, List<String> common, String... args) {
        List<String> argv = new ArrayList<>(common);
        argv.addAll(List.of(args));
        return new OperationCommand(Commands.BY_NAME.get(command), new DemoEnvironment(env)).run(argv);
    }

    /** The caller's streams and clock, with the simulator's password. */
    private static final class DemoEnvironment extends DelegatingEnvironment {
        DemoEnvironment(Environment outer) {
            super(outer);
        }

        @Override
        public boolean configured(Path file) {
            return true;
        }

        @Override
        public char[] read(Path file, String user) {
            return SimulatedHost.NTLM_PASSWORD.toCharArray();
        }
    }
}
