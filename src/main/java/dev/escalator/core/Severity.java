package dev.escalator.core;

import java.util.Optional;

/** How bad it is: 1 is worst, 4 is least; 3 when nobody says. */
public record Severity(int value) implements Comparable<Severity> {
    public static final int WORST = 1;
    public static final int LEAST = 4;
    public static final Severity DEFAULT = new Severity(3);

    public Severity {
        if (value < WORST || value > LEAST) {
            throw new IllegalArgumentException("severity is 1 to 4, got " + value);
        }
    }

    /** The severity for a user's number, or empty when it is outside 1–4. */
    public static Optional<Severity> of(int value) {
        return value < WORST || value > LEAST ? Optional.empty() : Optional.of(new Severity(value));
    }

    @Override
    public int compareTo(Severity other) {
        return Integer.compare(value, other.value);
    }

    @Override
    public String toString() {
        return "sev" + value;
    }
}
