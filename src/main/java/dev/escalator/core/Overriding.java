package dev.escalator.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Whether someone may put a person on call in a rotation for a while (SPEC §5 {@code override}): admins and the
 * rotation's members may; the person must be in the configuration; the duration is above zero and at most {@link
 * #LONGEST}. Never throws for user input.
 */
public final class Overriding {
    /** Longer overrides are almost always typos (30w for 30h) and would hide a rotation's schedule for good. */
    public static final Duration LONGEST = Duration.ofDays(30);

    private Overriding() {}

    /** What an override request came to: the override to store, or why not. */
    public sealed interface Decision {
        record Granted(OnCallOverride override) implements Decision {
            public Granted {
                Objects.requireNonNull(override, "override");
            }
        }

        record Denied(Problem problem) implements Decision {
            public Denied {
                Objects.requireNonNull(problem, "problem");
            }
        }
    }

    public static Decision decide(
            Directory directory, Actor.User actor, RotationId rotation, PersonId person, Duration length, Instant now) {
        var found = directory.rotation(rotation);
        if (found.isEmpty()) {
            return denied(
                    Problem.Kind.UNKNOWN,
                    "There is no rotation `%s` (known: %s)."
                            .formatted(
                                    rotation,
                                    directory.rotations().keySet().stream()
                                            .map(RotationId::value)
                                            .sorted()
                                            .collect(Collectors.joining(", "))));
        }
        if (directory.person(person).isEmpty()) {
            return denied(Problem.Kind.UNKNOWN, "`%s` is not a person in Escalator's configuration.".formatted(person));
        }
        if (length.isZero() || length.isNegative() || length.compareTo(LONGEST) > 0) {
            return denied(
                    Problem.Kind.BAD_ARGUMENT,
                    "An override lasts more than nothing and at most %s, e.g. `8h` or `2d`."
                            .formatted(DurationFormat.format(LONGEST)));
        }
        boolean allowed = actor.person()
                .filter(by ->
                        directory.admins().contains(by) || found.get().members().contains(by))
                .isPresent();
        if (!allowed) {
            return denied(
                    Problem.Kind.BAD_ARGUMENT,
                    "Sorry, only admins and the members of `%s` (%s) can override who is on call in it."
                            .formatted(
                                    rotation,
                                    found.get().members().stream()
                                            .map(PersonId::value)
                                            .collect(Collectors.joining(", "))));
        }
        return new Decision.Granted(new OnCallOverride(
                rotation, person, now, now.plus(length), actor.person().orElseThrow()));
    }

    private static Decision denied(Problem.Kind kind, String message) {
        return new Decision.Denied(new Problem(kind, message));
    }
}
