package dev.escalator.core;

import java.time.Instant;
import java.util.Objects;

/**
 * SPEC §5 {@code override}: {@code person} is on call in {@code rotation} from {@code from} until {@code until}
 * (exclusive), in place of whoever the rotation's schedule names; {@code setBy} asked for it.
 */
public record OnCallOverride(RotationId rotation, PersonId person, Instant from, Instant until, PersonId setBy) {
    public OnCallOverride {
        Objects.requireNonNull(rotation, "rotation");
        Objects.requireNonNull(person, "person");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(setBy, "setBy");
        if (!until.isAfter(from)) {
            throw new IllegalArgumentException("an override ends after it starts");
        }
    }

    /** Whether it is in force at {@code instant}: from its start, up to but not including its end. */
    public boolean inForceAt(Instant instant) {
        return !instant.isBefore(from) && instant.isBefore(until);
    }
}
