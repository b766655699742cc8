package io.hvreplica.cli;

import io.hvreplica.simulator.SimulatedHost;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Keep a simulated Hyper-V host running on 127.0.0.1 until interrupted.")
final class SimulateCommand implements Callable<Integer> {
    @Option(names = "--port", paramLabel = "N", defaultValue = "5985", description = "Port of the Negotiate endpoint (default ${DEFAULT-VALUE}; 0 = any free port)")
    int port;

    private final RevertFailoverCommand.Environment env;

    SimulateCommand(RevertFailoverCommand.Environment env) {
        this.env = env;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw new UsageException("--port must be between 0 and 65535");
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
                + " (access denied), stale-vm-07 (stale job). Ctrl-C stops it.");
        env.out().flush();
        stopped.await();
        return 0;
    }
}
