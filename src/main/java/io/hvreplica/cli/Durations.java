package io.hvreplica.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations the way people type them: 90s, 30m, 1h, 500ms, or a bare number of seconds. */
final class Durations {
    private static final Pattern FORM = Pattern.compile("(\\d{1,9})(ms|s|m|h)?");
    // A revert that has not finished in a week is not coming back; anything longer is a typo.
    private static final Duration LONGEST = Duration.ofDays(7);

    private Durations() {
    }

    /** {@code --timeout}: positive, at most a week. */
    static Duration parse(String value) {
        return parse("--timeout", value, LONGEST);
    }

    /**
     * @param option the option the value came from, for the message
     * @param most   the largest value that makes sense for it
     * @throws UsageException when {@code value} is not a positive duration of at most {@code most}
     */
    static Duration parse(String option, String value, Duration most) {
        Matcher m = FORM.matcher(value.trim());
        if (!m.matches()) {
            throw new UsageException(option + ": '" + value + "' is not a duration; use e.g. 90s, 30m or 1h");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        Duration d = switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
        if (d.isZero()) {
            throw new UsageException(option + " must be positive");
        }
        if (d.compareTo(most) > 0) {
            throw new UsageException(option + " must be at most " + (most.equals(LONGEST) ? "7 days (168h)"
                    : format(most)));
        }
        return d;
    }

    /** The shortest way to type {@code d} back: 1h, 5m, 90s, 500ms. */
    static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }
}
