package io.hvreplica.cli;

import io.hvreplica.simulator.SimulatedHost;

import java.util.List;
import java.util.concurrent.CountDownLatch;

/** {@code hvreplica simulate}: the simulated host, kept running for scripts and benchmarks. */
final class SimulateCommand {
    static final String NAME = "simulate";
    private static final Args.Schema SCHEMA = new Args.Schema()
            .value("--port", "N", "Port of the Negotiate endpoint (default 5985; 0 = any free port)")
            .value("--mappings", "DIR", "Replay a recording made with --record instead of the built-in host");

    private final Environment env;

    SimulateCommand(Environment env) {
        this.env = env;
    }

    static String help() {
        return SCHEMA.help("hvreplica simulate [--port N] [--mappings DIR]",
                "Keep a simulated Hyper-V host running on 127.0.0.1 until interrupted.");
    }

    int run(List<String> argv) {
        Args.Parsed args = SCHEMA.parse(argv);
        if (args.help()) {
            env.out().print(help());
            return ExitCodes.COMPLETED;
        }
        int port;
        try {
            port = Integer.parseInt(args.value("--port", "5985"));
        } catch (NumberFormatException e) {
            throw new UsageException("--port must be a number");
        }
        if (port < 0 || port > 65535) {
            throw new UsageException("--port must be between 0 and 65535");
        }
        if (args.value("--mappings") != null) {
            return replay(java.nio.file.Path.of(args.value("--mappings")), port);
        }
        SimulatedHost host = SimulatedHost.startNegotiate(port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            host.close();
            stopped.countDown();
        }, "simulator-stop"));
        env.out().println("Simulated Hyper-V host " + SimulatedHost.HOST_NAME + ":");
        env.out().println("  Negotiate/NTLM with message encryption (the Windows default): " + host.endpoint()
                + "  user " + SimulatedHost.NTLM_USER + ", password " + SimulatedHost.NTLM_PASSWORD);
        env.out().println("  Basic, plain SOAP (--auth basic --allow-unencrypted): http://127.0.0.1:"
                + host.server().port() + "/wsman  user " + SimulatedHost.USER + ", password " + SimulatedHost.PASSWORD);
        env.out().println("VMs: app-vm-01 (job succeeds), app-vm-02 (refused, 32775), db-vm-03 (job fails),"
                + " web-frontend (two VMs), sync-vm-04 (returns 0), slow-vm-05 (never ends), locked-vm-06"
                + " (access denied), stale-vm-07 (stale job), caf\u00e9-vm-08 (returns 0), gone-vm-09 (job vanishes);"
                + " for the lifecycle: ready-vm-10 (replicating), failedover-vm-11, committed-vm-12, testing-vm-13"
                + " (has a test VM), suspended-vm-14, failing-vm-15 (failover job fails), primary-vm-16."
                + " 'hvreplica status --endpoint URL ...' lists them. Ctrl-C stops it.");
        env.out().flush();
        return await(stopped);
    }

    private static int await(CountDownLatch stopped) {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ExitCodes.COMPLETED;
    }

    /** --mappings: a recording behind the same Negotiate front, one endpoint per recorded host. */
    private int replay(java.nio.file.Path dir, int port) {
        io.hvreplica.simulator.ReplayHost replay;
        try {
            replay = io.hvreplica.simulator.ReplayHost.start(dir, port);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--mappings: " + e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            replay.close();
            stopped.countDown();
        }, "replay-stop"));
        env.out().println("Replaying the recording in " + dir + " (Negotiate/NTLM with message encryption), user "
                + replay.user() + ", password " + replay.password() + ":");
        replay.endpoints().forEach((host, endpoint) -> env.out().println("  " + host + ": " + endpoint));
        env.out().println("Ctrl-C stops it.");
        env.out().flush();
        return await(stopped);
    }
}
