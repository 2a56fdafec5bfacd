package dev.escalator.core;

import java.util.List;
import java.util.Objects;

/**
 * What a transition decided. {@link Applied} and {@link Refused} carry the next escalation, to be stored with a write
 * guarded by the previous version; {@link Rejected} changes nothing and stores nothing.
 */
public sealed interface Outcome {

    /** The change happened: store {@code escalation}, then carry out {@code effects} in order. */
    record Applied(Escalation escalation, List<Effect> effects) implements Outcome {
        public Applied {
            Objects.requireNonNull(escalation, "escalation");
            effects = List.copyOf(effects);
        }
    }

    /** Someone not allowed tried an action: only a {@code refused} timeline entry was added. */
    record Refused(Escalation escalation, Action action, String reason) implements Outcome {
        public Refused {
            Objects.requireNonNull(escalation, "escalation");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Nothing changed; {@code problem} says why, for the person who asked. */
    record Rejected(Problem problem) implements Outcome {
        public Rejected {
            Objects.requireNonNull(problem, "problem");
        }
    }
}
