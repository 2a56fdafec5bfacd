package dev.escalator.chat;

import dev.escalator.core.EscalationId;
import dev.escalator.core.PathId;
import dev.escalator.core.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What someone asked the bot for (SPEC §5), decoded from Slack's text or Discord's options but not yet checked
 * against any escalation. An id is empty where the platform can supply it from context (a Discord thread).
 */
public sealed interface ChatRequest {

    record Open(String title, Optional<Severity> severity, Optional<PathId> path, Optional<DecisionBy> by)
            implements ChatRequest {
        public Open {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(severity, "severity");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(by, "by");
        }
    }

    /** The empty command: show the form for a title and a brief. */
    record OpenForm() implements ChatRequest {}

    record Acknowledge(Optional<EscalationId> id) implements ChatRequest {}

    record Resolve(Optional<EscalationId> id, Optional<String> note) implements ChatRequest {}

    record Escalate(Optional<EscalationId> id, OptionalInt toLevel, Optional<String> reason) implements ChatRequest {}

    record Decline(Optional<EscalationId> id, Optional<String> reason) implements ChatRequest {}

    /** Reassign to {@code who}: a chat mention ({@code <@U123>}) or a configured person's id. */
    record Reassign(Optional<EscalationId> id, String who) implements ChatRequest {}

    record Snooze(Optional<EscalationId> id, Duration duration) implements ChatRequest {}

    record Note(Optional<EscalationId> id, String text) implements ChatRequest {}

    record Reopen(Optional<EscalationId> id) implements ChatRequest {}

    record Status(Optional<EscalationId> id) implements ChatRequest {}

    record Timeline(Optional<EscalationId> id) implements ChatRequest {}

    record ListEscalations(Scope scope) implements ChatRequest {}

    record Stats(Optional<PathId> path, Duration window) implements ChatRequest {}

    record Help() implements ChatRequest {}

    /** Who is on call: in every rotation, or those of the path or the rotation {@code name}. */
    record OnCall(Optional<String> name) implements ChatRequest {
        public OnCall {
            Objects.requireNonNull(name, "name");
        }
    }

    /** Put {@code who} (a chat mention or a configured person's id) on call in {@code rotation} for {@code length}. */
    record OverrideRotation(String rotation, String who, Duration length) implements ChatRequest {
        public OverrideRotation {
            Objects.requireNonNull(rotation, "rotation");
            Objects.requireNonNull(who, "who");
            Objects.requireNonNull(length, "length");
        }
    }

    /** The text could not be understood; {@code message} says what was wrong and how to write it. */
    record Invalid(String message) implements ChatRequest {}

    /** Which escalations {@code list} shows; named as in {@link SubCommand#LIST}'s choices. */
    enum Scope {
        CHANNEL,
        MINE,
        ALL,
        STALE;

        /** The scope a choice of the table names ({@code channel}, {@code mine}, {@code all}, {@code stale}). */
        public static Scope named(String choice) {
            return valueOf(choice.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** When a decision is needed: a time from now ({@code 4h}) or an instant. */
    sealed interface DecisionBy {
        Instant at(Instant now);

        record In(Duration duration) implements DecisionBy {
            @Override
            public Instant at(Instant now) {
                try {
                    return now.plus(duration);
                } catch (java.time.DateTimeException | ArithmeticException e) {
                    // beyond the calendar: the opening refuses it as too far ahead, like any far-future time
                    return Instant.MAX;
                }
            }
        }

        record At(Instant instant) implements DecisionBy {
            @Override
            public Instant at(Instant now) {
                return instant;
            }
        }
    }
}
