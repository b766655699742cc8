package io.hvreplica.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks on a recording directory and on the JSON of a run and its replay. */
public final class Recordings {
    private Recordings() {
    }

    public static List<Path> files(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** No file holds any of {@code forbidden}, in any case. */
    public static void assertAbsent(Path dir, String... forbidden) {
        List<Path> files = files(dir);
        assertFalse(files.isEmpty(), "the recording in " + dir + " is empty");
        for (Path f : files) {
            String text;
            try {
                text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (String s : forbidden) {
                assertFalse(text.contains(s.toLowerCase(Locale.ROOT)), dir.relativize(f) + " holds '" + s + "'");
            }
        }
    }

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The run's JSON Lines as they must match its replay: sorted (many VMs end in any order), with
     * the host (the replay host has another address) and durations taken out.
     */
    public static List<String> comparable(String out, String... namesAndPlaceholders) {
        for (int i = 0; i + 1 < namesAndPlaceholders.length; i += 2) {
            out = out.replace(namesAndPlaceholders[i], namesAndPlaceholders[i + 1]);
        }
        return out.lines().filter(l -> l.startsWith("{"))
                .map(l -> l.replaceAll("\"host\":(\"[^\"]*\"|null)", "\"host\":\"H\"")
                        .replaceAll("\"seconds\":[0-9.]+", "\"seconds\":0"))
                .sorted().toList();
    }

    /**
     * Same exit code and the same JSON, and there was JSON to compare.
     *
     * @param namesAndPlaceholders pairs: a name in the recorded run's output, and the placeholder
     *                             the replay shows instead (the host's name in a fault, for one)
     */
    public static void assertSameRun(int recordedCode, String recordedOut, int replayedCode, String replayedOut,
                                     String... namesAndPlaceholders) {
        List<String> recorded = comparable(recordedOut, namesAndPlaceholders);
        assertTrue(!recorded.isEmpty(), "the recorded run printed no JSON: " + recordedOut);
        assertEquals(recorded, comparable(replayedOut), "the replay's JSON differs from the recorded run's");
        assertEquals(recordedCode, replayedCode, "the replay's exit code differs: " + replayedOut);
    }
}
