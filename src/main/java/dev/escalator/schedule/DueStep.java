package dev.escalator.schedule;

import dev.escalator.core.EscalationId;
import java.time.Instant;
import java.util.Objects;

/** An escalation whose next step (a level timeout, a snooze end, a reminder) is due at {@code dueAt}. */
public record DueStep(EscalationId id, Instant dueAt) {
    public DueStep {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(dueAt, "dueAt");
    }
}
