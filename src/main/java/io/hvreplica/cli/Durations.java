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

    /** @throws UsageException when {@code value} is not a positive duration */
    static Duration parse(String value) {
        Matcher m = FORM.matcher(value.trim());
        if (!m.matches()) {
            throw new UsageException("--timeout: '" + value + "' is not a duration; use e.g. 90s, 30m or 1h");
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
            throw new UsageException("--timeout must be positive");
        }
        if (d.compareTo(LONGEST) > 0) {
            throw new UsageException("--timeout must be at most 7 days (168h)");
        }
        return d;
    }
}
