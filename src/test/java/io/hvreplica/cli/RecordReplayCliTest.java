package io.hvreplica.cli;

import io.hvreplica.simulator.ReplayHost;
import io.hvreplica.simulator.SimulatedHost;
import io.hvreplica.testing.MiniJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * --record against the built-in simulated host (Negotiate/NTLM with message encryption, as a
 * default Windows host), then the same command against a replay of the recording: same outcome,
 * same JSON, same exit code; and nothing secret or identifying in the files.
 */
class RecordReplayCliTest {
    private static SimulatedHost host;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        host = SimulatedHost.startNegotiate(0);
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    @BeforeEach
    void reset() {
        host.reset();
    }

    private static Cli.Run run(String endpoint, String user, String password, String command, String... extra) {
        List<String> args = new ArrayList<>(List.of(command, "--endpoint", endpoint, "--user", user));
        args.addAll(Arrays.asList(extra));
        Cli.Run run = Cli.run(password, args.toArray(String[]::new));
        assertFalse((run.out() + run.err()).contains("\tat "), run.out() + run.err());
        return run;
    }

    @Test
    void smoke() throws IOException {
        Path dir = tmp.resolve("rec");
        Cli.Run rec = run(host.endpoint(), SimulatedHost.NTLM_USER, SimulatedHost.NTLM_PASSWORD, "revert-failover",
                "--vm", "app-vm-01", "--output", "json", "--record", dir.toString());
        System.out.println(rec.exitCode() + rec.out() + rec.err());
        try (Stream<Path> w = Files.walk(dir)) {
            w.forEach(System.out::println);
        }
        try (ReplayHost replay = ReplayHost.start(dir)) {
            Cli.Run again = run(replay.endpoint(), replay.user(), replay.password(), "revert-failover",
                    "--vm", "app-vm-01", "--output", "json");
            System.out.println(again.exitCode() + again.out() + again.err());
        }
    }
}
