package io.hvreplica.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code bin/hvreplica} on the packaged jar, as cron or a CI runner starts it: LANG=C and no
 * LC_ALL. Runs after {@code package} (Failsafe), against the demo's built-in simulated host.
 */
class LauncherIT {
    private static final Path LAUNCHER = Path.of("bin", "hvreplica").toAbsolutePath();
    private static final String CAFE = "caf\u00e9-vm-08";

    @TempDir
    Path dir;

    private record Result(int exitCode, String out, String err) {
    }

    private Result launch(String... args) throws IOException, InterruptedException {
        return launch(Map.of(), args);
    }

    private Result launch(Map<String, String> extraEnv, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("LC_") || k.equals("LANGUAGE") || k.startsWith("HVREPLICA_JAVA"));
        env.put("LANG", "C");
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.putAll(extraEnv);
        Path out = dir.resolve("out");
        Path err = dir.resolve("err");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        p.getOutputStream().close();
        // A safety net against a hung child, not a measure of anything.
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("bin/hvreplica " + String.join(" ", args) + " did not end");
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void aNonAsciiVmNameIsFoundAndPrintedUnderLangC() throws Exception {
        Result r = launch("demo", "--vm", CAFE);
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("VM '" + CAFE + "' (8B1F4C2A-6D3E-4A59-9C70-E4D2B6F8A108)"), r.out());
        assertFalse(r.out().contains("?") || r.out().contains("\uFFFD"), r.out());
    }

    @Test
    void jsonOutputCarriesTheNameUnderLangC() throws Exception {
        Result r = launch("demo", "--vm", CAFE, "--output", "json");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("\"name\":\"" + CAFE + "\""), r.out());
    }

    /** SOAP faults and failed jobs: CXF logs those at WARNING, which must not reach the user. */
    @Test
    void failuresPrintOurSentenceAndNoLibraryLogging() throws Exception {
        for (String vm : List.of("app-vm-02", "db-vm-03", "locked-vm-06", "no-such-vm")) {
            Result r = launch("demo", "--vm", vm);
            assertTrue(r.exitCode() != 0, vm + ": " + r.out() + r.err());
            String all = r.out() + r.err();
            for (String leak : List.of("org.apache.cxf", "WARNING", "SEVERE", "\tat ", "Exception:", "SLF4J")) {
                assertFalse(all.contains(leak), vm + " leaked '" + leak + "':\n" + all);
            }
        }
    }

    /** The JDK is HVREPLICA_JAVA (a JDK home or a java executable) before JAVA_HOME. */
    @Test
    void hvreplicaJavaComesBeforeJavaHome() throws Exception {
        String home = System.getProperty("java.home");
        for (String java : List.of(home, home + "/bin/java")) {
            Result r = launch(Map.of("HVREPLICA_JAVA", java, "JAVA_HOME", dir.resolve("no-jdk").toString()), "--version");
            assertEquals(0, r.exitCode(), r.out() + r.err());
            assertTrue(r.out().startsWith("hvreplica "), r.out());
            assertEquals("", r.err());
        }
    }

    @Test
    void aMissingJavaIsOneSentence() throws Exception {
        Path missing = dir.resolve("no-jdk");
        Result r = launch(Map.of("HVREPLICA_JAVA", missing.toString()), "--version");
        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertEquals("hvreplica: no Java at " + missing + " (from HVREPLICA_JAVA)\n", r.err());
    }
}
