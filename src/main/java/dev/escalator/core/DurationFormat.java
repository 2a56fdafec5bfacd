package dev.escalator.core;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/** The duration notation users and the config file write: {@code 30s}, {@code 5m}, {@code 1h30m}, {@code 2d}, {@code 1w}. */
public final class DurationFormat {
    private static final Pattern PART = Pattern.compile("(\\d{1,9})([wdhms])");

    private DurationFormat() {}

    /**
     * The duration, or empty when the text is not of that notation (including zero-length text) or adds up to more
     * than a {@link Duration} can hold. Never throws, however long the text.
     */
    public static Optional<Duration> parse(String text) {
        String trimmed = text.strip().toLowerCase(java.util.Locale.ROOT);
        if (trimmed.isEmpty()) {
            return Optional.empty();
        }
        // part by part rather than one repeated group: a regex loop over thousands of parts overflows the stack
        var parts = PART.matcher(trimmed);
        Duration total = Duration.ZERO;
        int end = 0;
        while (end < trimmed.length()) {
            if (!parts.region(end, trimmed.length()).lookingAt()) {
                return Optional.empty();
            }
            long amount = Long.parseLong(parts.group(1));
            try {
                total = total.plus(
                        switch (parts.group(2)) {
                            case "w" -> Duration.ofDays(7 * amount);
                            case "d" -> Duration.ofDays(amount);
                            case "h" -> Duration.ofHours(amount);
                            case "m" -> Duration.ofMinutes(amount);
                            default -> Duration.ofSeconds(amount);
                        });
            } catch (ArithmeticException tooLong) {
                return Optional.empty();
            }
            end = parts.end();
        }
        return Optional.of(total);
    }

    /** Writes a duration back in the same notation, largest units first, whole seconds: {@code 1h30m}. */
    public static String format(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds == 0) {
            return "0s";
        }
        var text = new StringBuilder();
        long[] sizes = {7 * 86_400, 86_400, 3_600, 60, 1};
        String[] units = {"w", "d", "h", "m", "s"};
        for (int i = 0; i < sizes.length; i++) {
            if (seconds >= sizes[i]) {
                text.append(seconds / sizes[i]).append(units[i]);
                seconds %= sizes[i];
            }
        }
        return text.toString();
    }
}
