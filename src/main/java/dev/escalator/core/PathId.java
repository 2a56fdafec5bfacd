package dev.escalator.core;

import java.util.Objects;

/** An escalation path's name in the configuration, e.g. {@code payments}. */
public record PathId(String value) {
    public PathId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value;
    }
}
