package dev.escalator.core;

import java.util.Objects;

/** A person's id in the configuration, e.g. {@code alice}. */
public record PersonId(String value) implements Comparable<PersonId> {
    public PersonId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public int compareTo(PersonId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
