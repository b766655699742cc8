package io.hvreplica.cli;

import io.hvreplica.simulator.SimulatedHost;
import io.hvreplica.testing.CapturingEnvironment;
import io.hvreplica.testing.MiniJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGINT and SIGTERM (Ctrl-C, or a Jenkins or Ansible task timeout) during a wait: one final
 * report with the job and how to resume it, and the exit codes 130 and 143. In-process through
 * the handler the command installs, and for real in a child JVM that receives the signal.
 */
class SignalTest {
    private static final String SLOW_VM_05_JOB = "3D9C7B1A-6E45-4F82-B0D3-9A5E1C7F2B85";
    private static SimulatedHost host;

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
        host.resetJobs();
    }

    private static Cli.Run revertInterruptedBy(String signal, String... extra) {
        CapturingEnvironment env = new CapturingEnvironment();
        env.signalAtFirstSleep(signal);
        List<String> args = new ArrayList<>(List.of("revert-failover", "--endpoint", host.endpoint(),
                "--user", SimulatedHost.NTLM_USER, "--vm", "slow-vm-05"));
        args.addAll(List.of(extra));
        return Cli.run(env, true, (f, u) -> SimulatedHost.NTLM_PASSWORD.toCharArray(), args.toArray(String[]::new));
    }

    @Test
    void sigtermDuringTheWaitPrintsTheOneJsonObjectWithTheJob() {
        Cli.Run run = revertInterruptedBy("SIGTERM", "--output", "json");

        assertEquals(143, run.env().signalExit(), run.out() + run.err());
        String[] lines = run.out().strip().split("\\R");
        assertEquals(1, lines.length, "exactly one JSON object: " + run.out());
        Map<String, Object> o = MiniJson.object(lines[0]);
        assertEquals("interrupted", MiniJson.path(o, "outcome"));
        assertEquals("interrupted", MiniJson.path(o, "error.kind"));
        assertEquals(SLOW_VM_05_JOB, MiniJson.path(o, "job.instanceId"));
        assertEquals(4L, ((Number) MiniJson.path(o, "job.jobState")).longValue(), "the last state seen");
        String message = (String) MiniJson.path(o, "error.message");
        assertTrue(message.contains("SIGTERM") && message.contains("--resume " + SLOW_VM_05_JOB), message);
    }

    @Test
    void aSignalDuringARunOverManyVmsPrintsOneObjectForEveryVmNotDone() {
        CapturingEnvironment env = new CapturingEnvironment();
        env.signalAtFirstSleep("SIGTERM");
        Cli.Run run = Cli.run(env, true, (f, u) -> SimulatedHost.NTLM_PASSWORD.toCharArray(), "revert-failover",
                "--endpoint", host.endpoint(), "--user", SimulatedHost.NTLM_USER, "--vm", "slow-vm-05",
                "--vm", "app-vm-01", "--vm", "sync-vm-04", "--yes", "--output", "json");

        assertEquals(143, run.env().signalExit(), run.out() + run.err());
        List<Map<String, Object>> lines = run.out().strip().lines().map(MiniJson::object).toList();
        assertEquals(3, lines.size(), "one object per VM: " + run.out());
        Map<String, Object> sync = lines.stream().filter(o -> "sync-vm-04".equals(MiniJson.path(o, "vm.name")))
                .findFirst().orElseThrow();
        assertEquals("completed", MiniJson.path(sync, "outcome"), "it ended before the signal");
        for (String vm : List.of("slow-vm-05", "app-vm-01")) {
            Map<String, Object> o = lines.stream().filter(l -> vm.equals(MiniJson.path(l, "vm.name"))).findFirst()
                    .orElseThrow();
            assertEquals("interrupted", MiniJson.path(o, "outcome"), o.toString());
            assertTrue(((String) MiniJson.path(o, "error.message")).contains("--resume "
                    + MiniJson.path(o, "job.instanceId")), o.toString());
        }
    }

    @Test
    void sigintInTextModePrintsTheJobAndTheResumeCommand() {
        Cli.Run run = revertInterruptedBy("SIGINT");

        assertEquals(130, run.env().signalExit(), run.out() + run.err());
        assertTrue(run.out().contains("RevertFailover started job " + SLOW_VM_05_JOB), run.out());
        assertTrue(run.err().contains("interrupted by SIGINT"), run.err());
        assertTrue(run.err().contains("--resume " + SLOW_VM_05_JOB), run.err());
        assertEquals(1, run.err().lines().filter(l -> l.startsWith("hvreplica:")).count(), run.err());
    }

    @Test
    void aRealSigtermAndSigintEndTheProcessWithTheirCodesAndTheReport() throws Exception {
        for (String signal : List.of("TERM", "INT")) {
            host.resetJobs();
            Process p = childRevert("slow-vm-05");
            try {
                BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
                CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(p));
                String line = awaitLine(err, "job " + SLOW_VM_05_JOB + " started");
                assertNotNull(line, "the job id comes before any wait");
                new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).inheritIO().start().waitFor();
                assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the process ends after the signal");
                assertEquals(signal.equals("TERM") ? 143 : 130, p.exitValue());
                String json = out.get(60, TimeUnit.SECONDS).strip();
                assertEquals(1, json.lines().count(), json);
                Map<String, Object> o = MiniJson.object(json);
                assertEquals("interrupted", MiniJson.path(o, "outcome"));
                assertEquals(SLOW_VM_05_JOB, MiniJson.path(o, "job.instanceId"));
                assertTrue(((String) MiniJson.path(o, "error.message")).contains("SIG" + signal), json);
                assertFalse(json.contains("\tat "), json);
            } finally {
                p.destroyForcibly();
            }
        }
    }

    private static Process childRevert(String vm) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, Main.class.getName(), "revert-failover", "--endpoint", host.endpoint(),
                "--user", SimulatedHost.NTLM_USER, "--vm", vm, "--output", "json");
        pb.environment().put("HVREPLICA_PASSWORD", SimulatedHost.NTLM_PASSWORD);
        return pb.start();
    }

    /** Reads stderr until a line containing {@code marker}; null if the stream ends first. */
    private static String awaitLine(BufferedReader err, String marker) throws IOException {
        for (String line; (line = err.readLine()) != null; ) {
            if (line.contains(marker)) {
                return line;
            }
        }
        return null;
    }

    private static String readAll(Process p) {
        try {
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
