package dev.escalator.core;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * When an escalation was opened, first acknowledged and resolved, on which path: all that {@code stats} needs, read
 * without the timeline, so a window of tens of thousands of escalations stays cheap to answer.
 */
public record EscalationTimes(
        PathId path, Instant openedAt, Optional<Instant> firstAcknowledgedAt, Optional<Instant> resolvedAt) {
    public EscalationTimes {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(firstAcknowledgedAt, "firstAcknowledgedAt");
        Objects.requireNonNull(resolvedAt, "resolvedAt");
    }

    public static EscalationTimes of(Escalation escalation) {
        return new EscalationTimes(
                escalation.path(), escalation.openedAt(), escalation.firstAcknowledgedAt(), escalation.resolvedAt());
    }
}
