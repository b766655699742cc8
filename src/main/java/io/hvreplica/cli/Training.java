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
        String endpoint = args[0];
        String user = args[1];
        // The simulator's catalog: ready-vm-10 is a replica ready for a test failover, app-vm-01 is
        // failed over with a job to follow when reverted.
        List<List<String>> commands = List.of(
                List.of("status", "--vm", "app-vm-01"),
                List.of("recovery-points", "--vm", "ready-vm-10", "--output", "json"),
                List.of("test-failover", "--vm", "ready-vm-10"),
                List.of("revert-failover", "--vm", "app-vm-01"),
                List.of("status", "--vm", "app-vm-01", "--output", "json"));
        Main.prepare(commands.get(0).get(0));
        boolean ok = true;
        for (List<String> command : commands) {
            String[] line = new String[command.size() + 6];
            command.toArray(line);
            int n = command.size();
            line[n] = "--endpoint";
            line[n + 1] = endpoint;
            line[n + 2] = "--user";
            line[n + 3] = user;
            line[n + 4] = "--timeout";
            line[n + 5] = "30s";
            int code = Main.execute(line, Main.SystemEnvironment.INSTANCE);
            System.out.println("training: " + String.join(" ", command) + " -> exit " + code);
            ok &= code == ExitCodes.COMPLETED;
        }
        System.exit(ok ? 0 : 1);
    }
}
