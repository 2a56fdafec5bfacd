package dev.escalator.config;

import java.util.Objects;

/**
 * One error or warning about the configuration file, pointing at the place: {@code escalator.yml:14:
 * paths.payments.levels[1].notify[0]: unknown person 'bobb' (known: alice, bob, carol)}.
 *
 * <p>{@code line} is 1-based; {@link #WHOLE_FILE} (0) marks a problem with the file as a whole (missing, unreadable,
 * empty), which is written without a line number.
 */
public record ConfigProblem(String file, int line, String field, String message) {
    public static final int WHOLE_FILE = 0;

    public ConfigProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        String place = line == WHOLE_FILE ? file : file + ":" + line;
        return field.isEmpty() ? "%s: %s".formatted(place, message) : "%s: %s: %s".formatted(place, field, message);
    }
}
