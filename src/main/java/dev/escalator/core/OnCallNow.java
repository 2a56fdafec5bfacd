package dev.escalator.core;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Who is on call in a rotation now ({@code person}, by {@code override} when one is in force), and the next handoff:
 * at {@code handoffAt}, to {@code next}.
 */
public record OnCallNow(
        RotationId rotation, PersonId person, Optional<OnCallOverride> override, Instant handoffAt, PersonId next) {
    public OnCallNow {
        Objects.requireNonNull(rotation, "rotation");
        Objects.requireNonNull(person, "person");
        Objects.requireNonNull(override, "override");
        Objects.requireNonNull(handoffAt, "handoffAt");
        Objects.requireNonNull(next, "next");
    }
}
