package io.hvreplica.cli;

import io.hvreplica.simulator.SimulatedHost;
import io.hvreplica.testing.Recordings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CI story with the packaged {@code bin/hvreplica}: record a run against a host, serve the
 * recording with {@code simulate --mappings}, and run the same command against it.
 */
class RecordReplayIT {
    private static final Path LAUNCHER = Path.of("bin", "hvreplica").toAbsolutePath();
    private static final Pattern ENDPOINT = Pattern.compile("^\\s+\\S+: (http://127\\.0\\.0\\.1:\\d+/wsman)$");

    @TempDir
    Path tmp;

    private ProcessBuilder launcher(String password, String... args) {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.remove("HVREPLICA_JAVA_OPTS");
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("HVREPLICA_PASSWORD", password);
        return pb;
    }

    private record Result(int exitCode, String out, String err) {
    }

    private Result run(String password, String... args) throws Exception {
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        Process p = launcher(password, args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        p.getOutputStream().close();
        // A safety net against a hung child, not a measure of anything.
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("bin/hvreplica " + String.join(" ", args) + " did not end");
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void aRecordedRevertReplaysThroughSimulateMappings() throws Exception {
        Path dir = tmp.resolve("recording");
        Result recorded;
        try (SimulatedHost host = SimulatedHost.startNegotiate(0)) {
            recorded = run(SimulatedHost.NTLM_PASSWORD, "revert-failover", "--endpoint", host.endpoint(), "--user",
                    SimulatedHost.NTLM_USER, "--vm", "app-vm-01", "--output", "json", "--record", dir.toString());
        }
        assertEquals(0, recorded.exitCode(), recorded.out() + recorded.err());
        Recordings.assertAbsent(dir, RecordReplayCliTest.SECRETS_AND_NAMES);

        Process simulate = launcher("unused", "simulate", "--mappings", dir.toString(), "--port", "0")
                .redirectErrorStream(true).start();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(simulate.getInputStream(), StandardCharsets.UTF_8));
            String endpoint = null;
            StringBuilder printed = new StringBuilder();
            for (String line = lines.readLine(); line != null && endpoint == null; line = lines.readLine()) {
                printed.append(line).append('\n');
                Matcher m = ENDPOINT.matcher(line);
                if (m.matches()) {
                    endpoint = m.group(1);
                }
            }
            assertNotNull(endpoint, "simulate --mappings printed no endpoint: " + printed);
            assertTrue(printed.toString().contains("user " + SimulatedHost.NTLM_USER + ", password "
                    + SimulatedHost.NTLM_PASSWORD), printed.toString());
            Result replayed = run(SimulatedHost.NTLM_PASSWORD, "revert-failover", "--endpoint", endpoint, "--user",
                    SimulatedHost.NTLM_USER, "--vm", "app-vm-01", "--output", "json");
            Recordings.assertSameRun(recorded.exitCode(), recorded.out(), replayed.exitCode(), replayed.out());
        } finally {
            simulate.destroy();
            simulate.waitFor(1, TimeUnit.MINUTES);
        }
    }
}
