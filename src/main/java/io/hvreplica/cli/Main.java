package io.hvreplica.cli;

import io.hvreplica.hyperv.HyperVHost;
import io.hvreplica.hyperv.JobWatcher;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The hvreplica command line: {@code revert-failover}, {@code demo} and {@code simulate}. */
public final class Main {
    // Commands that build no SOAP stack; every other one starts building it at once, in the background.
    private static final java.util.Set<String> WITHOUT_SOAP = java.util.Set.of("-h", "--help", "help", "-V", "--version");

    // CXF logs through JUL, at WARNING for every SOAP fault and unreadable response, with stack
    // traces. The command reports each failure itself in one sentence, so CXF is silenced for the
    // command line; the library leaves logging to its host application. Held in a field: JUL
    // keeps loggers weakly, and a collected logger would lose its level.
    // Made on first use, not with this class: the first logger starts java.util.logging, which
    // main leaves to a background thread.
    private static final class CxfLog {
        static final Logger LOG = Logger.getLogger("org.apache.cxf");
    }

    // CXF's JDKBugHacks run when its first logger is made: work-arounds for class-loader leaks in
    // application servers. They load ImageIO (much of java.desktop) and every security provider,
    // about 35 ms each here, and first look for a switch file per hack in every jar of the class
    // path. A command line that lives for one command needs none of them (a cold revert is about
    // 200 ms shorter without, see README). The library leaves them on: its host's call.
    private static final String SKIP_CXF_JDK_HACKS = "org.apache.cxf.JDKBugHacks.all";

    private Main() {
    }

    private static String usage() {
        StringBuilder s = new StringBuilder("""
                Usage: hvreplica COMMAND [OPTIONS]
                Drive Hyper-V Replica failover on remote Windows hosts over WS-Management.

                Read-only:
                  status              Replication status of VMs (Get-VMReplication)
                  recovery-points     A replica VM's recovery points (Get-VMSnapshot -SnapshotType Replica)
                  wait                Follow a job to its end (Wait-Job)

                The failover lifecycle:
                """);
        for (OperationCommand.Spec spec : Commands.OPERATIONS) {
            s.append(String.format("  %-19s %s%n", spec.name(), spec.operation().cmdlet()));
        }
        s.append("""

                Simulated host:
                  demo                Start a simulated Hyper-V host on 127.0.0.1 and run a rehearsal against it
                  simulate            Keep a simulated Hyper-V host running until interrupted

                Run 'hvreplica COMMAND --help' for a command's options; --version prints the version.
                """);
        return s.toString();
    }

    public static void main(String[] args) {
        prepare(args.length > 0 ? args[0] : "");
        System.exit(execute(args, SystemEnvironment.INSTANCE));
    }

    /** What main does before running {@code command}; {@link Training} does the same. */
    static void prepare(String command) {
        setIfAbsent(SKIP_CXF_JDK_HACKS, "true");
        // The XML implementations are named rather than looked up: each look-up reads a service
        // file through the class path, and a command line makes four of them. These are the very
        // classes the look-ups find (Woodstox for StAX, the JDK's own DOM).
        setIfAbsent("javax.xml.stream.XMLInputFactory", "com.ctc.wstx.stax.WstxInputFactory");
        setIfAbsent("javax.xml.stream.XMLOutputFactory", "com.ctc.wstx.stax.WstxOutputFactory");
        setIfAbsent("javax.xml.stream.XMLEventFactory", "com.ctc.wstx.stax.WstxEventFactory");
        setIfAbsent("javax.xml.parsers.DocumentBuilderFactory",
                "com.sun.org.apache.xerces.internal.jaxp.DocumentBuilderFactoryImpl");
        if (!command.isEmpty() && !WITHOUT_SOAP.contains(command)) {
            // First of all, before this thread parses options and reads the password: the SOAP
            // stack and the JAXB binding are most of a cold start, and they build in parallel.
            Thread prepare = new Thread(() -> {
                CxfLog.LOG.setLevel(Level.OFF); // before the SOAP stack is built
                HyperVHost.warmUp();
            }, "hvreplica-prepare");
            prepare.setDaemon(true);
            prepare.start();
        }
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    private static boolean isReadCommand(String name) {
        return name.equals(ReadCommand.STATUS) || name.equals(ReadCommand.RECOVERY_POINTS) || name.equals(ReadCommand.WAIT);
    }

    /** Runs one command line and returns its exit code; never calls System.exit. */
    static int run(String[] args, Environment env) {
        CxfLog.LOG.setLevel(Level.OFF);
        return execute(args, env);
    }

    static int execute(String[] args, Environment env) {
        if (args.length == 0) {
            env.err().print(usage());
            return ExitCodes.USAGE;
        }
        if (args[0].equals("-V") || args[0].equals("--version")) {
            // Before the command table, whose operations --version does not need to load.
            env.out().println("hvreplica " + io.hvreplica.transport.Version.VALUE);
            return ExitCodes.COMPLETED;
        }
        List<String> rest = List.of(args).subList(1, args.length);
        try {
            OperationCommand.Spec operation = Commands.BY_NAME.get(args[0]);
            if (operation != null) {
                return new OperationCommand(operation, env).run(rest);
            }
            if (isReadCommand(args[0])) {
                return new ReadCommand(args[0], env).run(rest);
            }
            switch (args[0]) {
                case DemoCommand.NAME:
                    return new DemoCommand(env).run(rest);
                case SimulateCommand.NAME:
                    return new SimulateCommand(env).run(rest);
                case "-h", "--help":
                    env.out().print(usage());
                    return ExitCodes.COMPLETED;
                case "help":
                    return help(rest, env);
                default:
                    throw new UsageException("unknown command '" + args[0] + "'");
            }
        } catch (UsageException e) {
            env.err().println("hvreplica: " + e.getMessage());
            env.err().println("Try 'hvreplica " + (isCommand(args[0]) ? args[0] + " " : "") + "--help'.");
            return ExitCodes.USAGE;
        } catch (RuntimeException e) {
            // The operation and read commands report their own failures; this is for demo and simulate.
            env.err().println("hvreplica: " + ExitCodes.message(e));
            return ExitCodes.of(e).code();
        }
    }

    private static boolean isCommand(String name) {
        return Commands.BY_NAME.containsKey(name) || isReadCommand(name) || name.equals(DemoCommand.NAME)
                || name.equals(SimulateCommand.NAME);
    }

    private static int help(List<String> rest, Environment env) {
        String topic = rest.isEmpty() ? "" : rest.get(0);
        OperationCommand.Spec operation = Commands.BY_NAME.get(topic);
        if (operation != null) {
            env.out().print(new OperationCommand(operation, env).help());
        } else if (isReadCommand(topic)) {
            env.out().print(new ReadCommand(topic, env).help());
        } else {
            env.out().print(switch (topic) {
                case DemoCommand.NAME -> DemoCommand.help();
                case SimulateCommand.NAME -> SimulateCommand.help();
                case "" -> usage();
                default -> throw new UsageException("unknown command '" + topic + "'");
            });
        }
        return ExitCodes.COMPLETED;
    }

    /** The real process: System streams, the terminal, the environment, real time. */
    enum SystemEnvironment implements Environment {
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
        public String krb5ccname() {
            return System.getenv("KRB5CCNAME");
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

        @Override
        public String readLine() {
            return System.console() == null ? null : System.console().readLine();
        }

        @Override
        public void onSignal(java.util.function.ToIntFunction<String> handler) {
            for (String name : List.of("INT", "TERM")) {
                // sun.misc.Signal (jdk.unsupported) is the one JDK way to tell SIGINT from SIGTERM
                // and to report before exiting; a shutdown hook cannot tell them apart.
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> {
                    int code = handler.applyAsInt("SIG" + signal.getName());
                    System.out.flush();
                    System.err.flush();
                    // The run's thread may be blocked on a socket; there is nothing left for it to do.
                    Runtime.getRuntime().halt(code);
                });
            }
        }
    }
}
