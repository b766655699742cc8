package io.hvreplica.cli;

import io.hvreplica.simulator.SimulatedHost;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code hvreplica simulate}: the simulated host, kept running for scripts and benchmarks; with
 * {@code --hosts N}, a fleet of them.
 */
final class SimulateCommand {
    static final String NAME = "simulate";
    /** The generated replicas' names: site-vm-01, site-vm-02, ... (three digits from 100 on). */
    static final String VM_PATTERN = "site-vm-%02d";
    /** Hosts of a fleet are named HV-SITE-1 .. HV-SITE-N. */
    static final String FLEET_PREFIX = "HV-SITE-";
    static final int MAX_HOSTS = 64;
    static final int FLEET_VMS = 25;
    private static final int MAX_VMS = 10_000;
    private static final BigDecimal MAX_JOB_SECONDS = BigDecimal.valueOf(3_600);

    private static final Args.Schema SCHEMA = new Args.Schema()
            .value("--port", "N", "Port of the Negotiate endpoint (default 5985; 0 = any free port); with --hosts,"
                    + " the first host's, the next ones count up from it")
            .value("--hosts", "N", "A fleet of N hosts (1 to " + MAX_HOSTS + ") named " + FLEET_PREFIX + "1.."
                    + FLEET_PREFIX + "N, each with only generated replicas; prints one 'NAME URL' line per host")
            .value("--vms", "M", "Generated replicas per host, " + String.format(VM_PATTERN, 1) + " .. (Replica,"
                    + " Recovered, off): added to the catalog's VMs of the single host (default 0), the only VMs of a"
                    + " --hosts fleet (default " + FLEET_VMS + ")")
            .value("--job-seconds", "S", "Jobs end S seconds after they start (e.g. 1 or 0.5), on the system clock,"
                    + " instead of one step per Get")
            .value("--mappings", "DIR", "Replay a recording made with --record instead of the built-in host");

    /**
     * What to start. {@code hosts} 0 is the single default host {@value SimulatedHost#HOST_NAME};
     * {@code jobDuration} null keeps jobs moving one step per Get.
     */
    record Plan(int port, int hosts, int vms, Duration jobDuration) {
    }

    private final Environment env;

    SimulateCommand(Environment env) {
        this.env = env;
    }

    static String help() {
        return SCHEMA.help("hvreplica simulate [--port N] [--hosts N] [--vms M] [--job-seconds S] [--mappings DIR]",
                "Keep a simulated Hyper-V host (or, with --hosts, a fleet of them) running on 127.0.0.1 until"
                        + " interrupted. With --hosts, standard output has exactly one line per host, 'NAME URL' (its"
                        + " Negotiate endpoint); standard error says, per host, 'NAME basic URL reset URL' (the plain"
                        + " SOAP endpoint for --auth basic, and where a POST puts the host back as it started), and"
                        + " the account.");
    }

    int run(List<String> argv) {
        Args.Parsed args = SCHEMA.parse(argv);
        if (args.help()) {
            env.out().print(help());
            return ExitCodes.COMPLETED;
        }
        Plan plan = plan(args);
        if (args.value("--mappings") != null) {
            return replay(java.nio.file.Path.of(args.value("--mappings")), plan.port());
        }
        List<SimulatedHost> hosts = startAndDescribe(plan, env.out(), env.err());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            closeAll(hosts);
            stopped.countDown();
        }, "simulator-stop"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ExitCodes.COMPLETED;
    }

    /** The plan of a command line (without --help). @throws UsageException for a bad option or value */
    static Plan plan(List<String> argv) {
        return plan(SCHEMA.parse(argv));
    }

    /** @throws UsageException for values out of range */
    static Plan plan(Args.Parsed args) {
        int hosts = number(args, "--hosts", 0, 1, MAX_HOSTS);
        int port = number(args, "--port", 5985, 0, 65_535);
        int vms = number(args, "--vms", hosts > 0 ? FLEET_VMS : 0, hosts > 0 ? 1 : 0, MAX_VMS);
        if (port > 0 && hosts > 1 && port + hosts - 1 > 65_535) {
            throw new UsageException("--port " + port + " leaves no room for " + hosts + " hosts (ports " + port
                    + " to " + (port + hosts - 1) + ")");
        }
        Duration jobDuration = null;
        String seconds = args.value("--job-seconds", null);
        if (seconds != null) {
            BigDecimal s;
            try {
                s = new BigDecimal(seconds.trim());
            } catch (NumberFormatException e) {
                throw new UsageException("--job-seconds must be a number of seconds, such as 1 or 0.5");
            }
            if (s.signum() < 0 || s.compareTo(MAX_JOB_SECONDS) > 0) {
                throw new UsageException("--job-seconds must be between 0 and " + MAX_JOB_SECONDS);
            }
            jobDuration = Duration.ofMillis(s.movePointRight(3).longValue());
        }
        return new Plan(port, hosts, vms, jobDuration);
    }

    private static int number(Args.Parsed args, String option, int fallback, int min, int max) {
        String text = args.value(option, null);
        if (text == null) {
            return fallback;
        }
        int value;
        try {
            value = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(option + " must be a number");
        }
        if (value < min || value > max) {
            throw new UsageException(option + " must be between " + min + " and " + max);
        }
        return value;
    }

    /**
     * Starts what the plan asks for and says where it listens. On a failure, the hosts already
     * started are closed before the exception goes on.
     */
    static List<SimulatedHost> startAndDescribe(Plan plan, PrintStream out, PrintStream err) {
        List<SimulatedHost> hosts = new ArrayList<>();
        try {
            if (plan.hosts() == 0) {
                hosts.add(builder(plan, SimulatedHost.HOST_NAME, true).startNegotiate(plan.port()));
            } else {
                for (int i = 1; i <= plan.hosts(); i++) {
                    int port = plan.port() == 0 ? 0 : plan.port() + i - 1;
                    hosts.add(builder(plan, FLEET_PREFIX + i, false).startNegotiate(port));
                }
            }
        } catch (RuntimeException e) {
            closeAll(hosts);
            throw e;
        }
        if (plan.hosts() == 0) {
            describeSingle(hosts.get(0), plan, out);
        } else {
            describeFleet(hosts, plan, out, err);
        }
        return hosts;
    }

    private static SimulatedHost.Builder builder(Plan plan, String name, boolean catalog) {
        return SimulatedHost.builder().name(name).catalog(catalog).replicas(VM_PATTERN, plan.vms())
                .jobDuration(plan.jobDuration());
    }

    private static void describeSingle(SimulatedHost host, Plan plan, PrintStream out) {
        out.println("Simulated Hyper-V host " + host.name() + ":");
        out.println("  Negotiate/NTLM with message encryption (the Windows default): " + host.endpoint()
                + "  user " + host.ntlmUser() + ", password " + SimulatedHost.NTLM_PASSWORD);
        out.println("  Basic, plain SOAP (--auth basic --allow-unencrypted): " + host.basicEndpoint()
                + "  user " + SimulatedHost.USER + ", password " + SimulatedHost.PASSWORD);
        out.println("  Reset to the start (not WinRM): POST " + host.resetEndpoint());
        out.println("VMs: app-vm-01 (job succeeds), app-vm-02 (refused, 32775), db-vm-03 (job fails),"
                + " web-frontend (two VMs), sync-vm-04 (returns 0), slow-vm-05 (never ends), locked-vm-06"
                + " (access denied), stale-vm-07 (stale job), caf\u00e9-vm-08 (returns 0), gone-vm-09 (job vanishes);"
                + " for the lifecycle: ready-vm-10 (replicating), failedover-vm-11, committed-vm-12, testing-vm-13"
                + " (has a test VM), suspended-vm-14, failing-vm-15 (failover job fails), primary-vm-16."
                + generated(plan) + " 'hvreplica status --endpoint URL ...' lists them. Ctrl-C stops it.");
        out.flush();
    }

    /** Standard output carries only the 'NAME URL' lines, so that scripts can read it as it is. */
    private static void describeFleet(List<SimulatedHost> hosts, Plan plan, PrintStream out, PrintStream err) {
        for (SimulatedHost host : hosts) {
            out.println(host.name() + " " + host.endpoint());
        }
        out.flush();
        for (SimulatedHost host : hosts) {
            err.println(host.name() + " basic " + host.basicEndpoint() + " reset " + host.resetEndpoint());
        }
        err.println("Simulated Hyper-V fleet of " + hosts.size() + " host(s). Negotiate/NTLM with message encryption:"
                + " user NAME\\operator (e.g. " + hosts.get(0).ntlmUser() + "), password " + SimulatedHost.NTLM_PASSWORD
                + "; Basic, plain SOAP (--auth basic --allow-unencrypted): user " + SimulatedHost.USER + ", password "
                + SimulatedHost.PASSWORD + "." + generated(plan) + " Ctrl-C stops it.");
        err.flush();
    }

    private static String generated(Plan plan) {
        if (plan.vms() == 0 && plan.jobDuration() == null) {
            return "";
        }
        String vms = plan.vms() == 0 ? "" : " Generated replicas (Replica, Recovered, off): "
                + String.format(VM_PATTERN, 1) + " to " + String.format(VM_PATTERN, plan.vms()) + ".";
        String jobs = plan.jobDuration() == null ? "" : " Jobs end " + seconds(plan.jobDuration())
                + " s after they start.";
        return vms + jobs;
    }

    private static String seconds(Duration d) {
        return BigDecimal.valueOf(d.toMillis()).movePointLeft(3).stripTrailingZeros().toPlainString();
    }

    private static void closeAll(List<SimulatedHost> hosts) {
        for (SimulatedHost host : hosts) {
            try {
                host.close();
            } catch (RuntimeException e) {
                // Stopping the others matters more than this one's failure to stop.
            }
        }
    }

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
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ExitCodes.COMPLETED;
    }
}
