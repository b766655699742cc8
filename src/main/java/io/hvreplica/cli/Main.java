package io.hvreplica.cli;

import io.hvreplica.hyperv.HyperVHost;
import io.hvreplica.hyperv.JobWatcher;
import io.hvreplica.wsman.WsmanClient;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The hvreplica command line: {@code revert-failover}, {@code demo} and {@code simulate}. */
public final class Main {
    static final String VERSION = "hvreplica 0.1.0";
    private static final String USAGE = """
            Usage: hvreplica COMMAND [OPTIONS]
            Drive Hyper-V Replica failover on remote Windows hosts over WS-Management.

            Commands:
              revert-failover  Revert the (uncommitted) failover of a replica VM
              demo             Start a simulated Hyper-V host on 127.0.0.1 and revert a failover against it
              simulate         Keep a simulated Hyper-V host running until interrupted

            Run 'hvreplica COMMAND --help' for a command's options; --version prints the version.
            """;

    // CXF logs through JUL, at WARNING for every SOAP fault and unreadable response, with stack
    // traces. The command reports each failure itself in one sentence, so CXF is silenced for the
    // command line; the library leaves logging to its host application. Held in a field: JUL
    // keeps loggers weakly, and a collected logger would lose its level.
    private static final Logger CXF_LOG = Logger.getLogger("org.apache.cxf");

    private Main() {
    }

    public static void main(String[] args) {
        CXF_LOG.setLevel(Level.OFF); // before the SOAP stack is built in the background
        if (args.length > 0 && args[0].equals(RevertFailoverCommand.NAME)) {
            WsmanClient.warmUp();
            HyperVHost.warmUp();
        }
        System.exit(run(args, SystemEnvironment.INSTANCE));
    }

    /** Runs one command line and returns its exit code; never calls System.exit. */
    static int run(String[] args, RevertFailoverCommand.Environment env) {
        CXF_LOG.setLevel(Level.OFF); // again for callers that start here rather than in main
        if (args.length == 0) {
            env.err().print(USAGE);
            return ExitCodes.USAGE;
        }
        List<String> rest = List.of(args).subList(1, args.length);
        try {
            switch (args[0]) {
                case RevertFailoverCommand.NAME:
                    return new RevertFailoverCommand(env).run(rest);
                case DemoCommand.NAME:
                    return new DemoCommand(env).run(rest);
                case SimulateCommand.NAME:
                    return new SimulateCommand(env).run(rest);
                case "-h", "--help":
                    env.out().print(USAGE);
                    return ExitCodes.COMPLETED;
                case "help":
                    return help(rest, env);
                case "-V", "--version":
                    env.out().println(VERSION);
                    return ExitCodes.COMPLETED;
                default:
                    throw new UsageException("unknown command '" + args[0] + "'");
            }
        } catch (UsageException e) {
            env.err().println("hvreplica: " + e.getMessage());
            env.err().println("Try 'hvreplica " + (isCommand(args[0]) ? args[0] + " " : "") + "--help'.");
            return ExitCodes.USAGE;
        } catch (RuntimeException e) {
            // revert-failover reports its own failures; this is for demo and simulate.
            env.err().println("hvreplica: " + ExitCodes.message(e));
            return ExitCodes.of(e).code();
        }
    }

    private static boolean isCommand(String name) {
        return name.equals(RevertFailoverCommand.NAME) || name.equals(DemoCommand.NAME) || name.equals(SimulateCommand.NAME);
    }

    private static int help(List<String> rest, RevertFailoverCommand.Environment env) {
        String topic = rest.isEmpty() ? "" : rest.get(0);
        env.out().print(switch (topic) {
            case RevertFailoverCommand.NAME -> RevertFailoverCommand.help();
            case DemoCommand.NAME -> DemoCommand.help();
            case SimulateCommand.NAME -> SimulateCommand.help();
            case "" -> USAGE;
            default -> throw new UsageException("unknown command '" + topic + "'");
        });
        return ExitCodes.COMPLETED;
    }

    /** The real process: System streams, the terminal, the environment, real time. */
    enum SystemEnvironment implements RevertFailoverCommand.Environment {
        INSTANCE;

        @Override
        public PrintStream out() {
            return System.out;
        }

        @Override
        public PrintStream err() {
            return System.err;
        }

        @Override
        public boolean terminal() {
            return System.console() != null;
        }

        @Override
        public boolean configured(Path file) {
            String fromEnv = System.getenv(Passwords.ENV);
            return file != null || (fromEnv != null && !fromEnv.isEmpty());
        }

        @Override
        public char[] read(Path file, String user) {
            String fromEnv = System.getenv(Passwords.ENV);
            if (file != null && fromEnv != null && !fromEnv.isEmpty()) {
                System.err.println("hvreplica: note: " + Passwords.ENV + " is set, so --password-file is not read");
            }
            return Passwords.read(System.getenv(), file, System.console(), user);
        }

        @Override
        public JobWatcher watcher(HyperVHost host) {
            return JobWatcher.forHost(host);
        }
    }
}
