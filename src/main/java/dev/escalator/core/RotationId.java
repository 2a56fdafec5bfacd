package dev.escalator.core;

import java.util.Objects;

/** A rotation's name in the configuration, e.g. {@code payments-primary}. */
public record RotationId(String value) {
    public RotationId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value;
    }
}
