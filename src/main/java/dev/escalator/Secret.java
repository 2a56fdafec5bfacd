package dev.escalator;

import java.util.Objects;

/** A token or password from the environment. Its {@code toString} never shows it, so it cannot end up in a log. */
record Secret(String value) {
    public Secret {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return "****";
    }
}
