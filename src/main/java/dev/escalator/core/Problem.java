package dev.escalator.core;

import java.util.Objects;

/** Why a command changed nothing, in words for the person who typed it. */
public record Problem(Kind kind, String message) {
    public Problem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }

    public enum Kind {
        /** Harmless repeat: acknowledging an acknowledged escalation, resolving a resolved one. */
        ALREADY_DONE,
        /** The action does not apply in the escalation's status (e.g. acknowledging a resolved one). */
        WRONG_STATUS,
        /** An argument is out of range or malformed. */
        BAD_ARGUMENT,
        /** The path, person or level named does not exist. */
        UNKNOWN,
        /** A timer fired but nothing was due any more (another replica or a user got there first). */
        NOT_DUE
    }
}
