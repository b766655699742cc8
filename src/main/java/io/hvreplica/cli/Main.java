package io.hvreplica.cli;

import io.hvreplica.hyperv.HyperVHost;
import io.hvreplica.hyperv.JobWatcher;
import io.hvreplica.wsman.WsmanClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;

@Command(name = "hvreplica", mixinStandardHelpOptions = true, version = "hvreplica 0.1.0",
        description = "Drive Hyper-V Replica failover on remote Windows hosts over WS-Management.",
        subcommands = {CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("revert-failover")) {
            WsmanClient.warmUp();
        }
        System.exit(run(args, SystemEnvironment.INSTANCE));
    }

    /** Runs one command line and returns its exit code; never calls System.exit. */
    static int run(String[] args, RevertFailoverCommand.Environment env) {
        CommandLine cli = new CommandLine(new Main());
        cli.addSubcommand(new RevertFailoverCommand(env));
        cli.addSubcommand(new DemoCommand(env));
        cli.addSubcommand(new SimulateCommand(env));
        cli.setOut(new PrintWriter(env.out(), true));
        cli.setErr(new PrintWriter(env.err(), true));
        cli.setParameterExceptionHandler((e, a) -> {
            env.err().println("hvreplica: " + e.getMessage());
            env.err().println("Try 'hvreplica " + (e.getCommandLine().getCommandName().equals("hvreplica") ? ""
                    : e.getCommandLine().getCommandName() + " ") + "--help'.");
            return ExitCodes.USAGE;
        });
        cli.setExecutionExceptionHandler((e, c, p) -> {
            ExitCodes.Failure f = ExitCodes.of(e);
            env.err().println("hvreplica: " + e.getMessage());
            return f.code();
        });
        if (args.length == 0) {
            cli.usage(env.err());
            return ExitCodes.USAGE;
        }
        return cli.execute(args);
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
            return Passwords.read(System.getenv(), file, System.console(), user);
        }

        @Override
        public JobWatcher watcher(HyperVHost host) {
            return JobWatcher.forHost(host);
        }
    }
}
