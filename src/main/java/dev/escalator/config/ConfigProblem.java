package dev.escalator.config;

import java.util.Objects;

/**
 * One error or warning about the configuration file, pointing at the place: {@code escalator.yml:14:
 * paths.payments.levels[1].notify[0]: unknown person 'bobb' (known: alice, bob, carol)}.
 */
public record ConfigProblem(String file, int line, String field, String message) {
    public ConfigProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return field.isEmpty()
                ? "%s:%d: %s".formatted(file, line, message)
                : "%s:%d: %s: %s".formatted(file, line, field, message);
    }
}
