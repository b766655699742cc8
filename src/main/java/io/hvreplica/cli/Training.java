package io.hvreplica.cli;

import java.util.List;

/**
 * Runs the commands users run most, one after another in this one JVM, so that a class-data
 * archive or an AOT cache recorded from it (src/build/train-archives.sh, at package time) holds
 * what each of them needs. Not a user command.
 *
 * <pre>java -XX:ArchiveClassesAtExit=... -cp hvreplica-cli.jar io.hvreplica.cli.Training ENDPOINT USER</pre>
 *
 * The endpoint is the built-in simulator's Negotiate endpoint; the password comes from
 * HVREPLICA_PASSWORD. Exits 0 when every command ended as expected, 1 otherwise.
 */
public final class Training {
    private Training() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: Training ENDPOINT USER");
            System.exit(2);
        }
        List<String[]> lines = commandLines(args[0], args[1]);
        Main.prepare(lines.get(0)[0]);
        boolean ok = true;
        for (String[] line : lines) {
            int code = Main.execute(line, Main.SystemEnvironment.INSTANCE);
            System.out.println("training: " + String.join(" ", line) + " -> exit " + code);
            ok &= code == ExitCodes.COMPLETED;
        }
        System.exit(ok ? 0 : 1);
    }

    /**
     * The command lines, in order, against the simulator's catalog: app-vm-01 is failed over and
     * has a job to follow when reverted, ready-vm-10 is a replica ready for a test failover.
     */
    static List<String[]> commandLines(String endpoint, String user) {
        List<List<String>> commands = List.of(
                List.of("status", "--vm", "app-vm-01"),
                List.of("recovery-points", "--vm", "ready-vm-10", "--output", "json"),
                List.of("test-failover", "--vm", "ready-vm-10"),
                List.of("revert-failover", "--vm", "app-vm-01"),
                List.of("status", "--vm", "app-vm-01", "--output", "json"));
        List<String> common = List.of("--endpoint", endpoint, "--user", user, "--timeout", "30s");
        return commands.stream().map(c -> java.util.stream.Stream.concat(c.stream(), common.stream())
                .toArray(String[]::new)).toList();
    }
}
