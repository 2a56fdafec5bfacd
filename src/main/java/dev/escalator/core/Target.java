package dev.escalator.core;

import java.util.Objects;

/** What a level notifies: a named person, or whoever is on call in a rotation when the level is reached. */
public sealed interface Target {
    record Individual(PersonId person) implements Target {
        public Individual {
            Objects.requireNonNull(person, "person");
        }
    }

    record OnCall(RotationId rotation) implements Target {
        public OnCall {
            Objects.requireNonNull(rotation, "rotation");
        }
    }
}
