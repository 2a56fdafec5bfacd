package dev.escalator.core;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/** Something a user (or the bot's timer) asks of an existing escalation. */
public sealed interface Command {

    /** Who asks; the bot itself for {@link StepDue}. */
    Actor actor();

    record Acknowledge(Actor.User actor) implements Command {
        public Acknowledge {
            Objects.requireNonNull(actor, "actor");
        }
    }

    record Resolve(Actor.User actor, Optional<String> note) implements Command {
        public Resolve {
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(note, "note");
        }
    }

    /** Escalate now: to the next level, or to level {@code toLevel} (1-based). */
    record Escalate(Actor.User actor, OptionalInt toLevel, Optional<String> reason) implements Command {
        public Escalate {
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(toLevel, "toLevel");
            Objects.requireNonNull(reason, "reason");
        }
    }

    record Decline(Actor.User actor, Optional<String> reason) implements Command {
        public Decline {
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(reason, "reason");
        }
    }

    record Reassign(Actor.User actor, PersonId to) implements Command {
        public Reassign {
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(to, "to");
        }
    }

    record Snooze(Actor.User actor, Duration duration) implements Command {
        public Snooze {
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(duration, "duration");
        }
    }

    /**
     * A note; {@code typedIn} is where a person typed it, so that someone outside the configuration typing in another
     * channel is refused ({@link Audience}); empty where the place does not matter (typed in its own channel).
     */
    record Note(Actor.User actor, String text, Optional<ChannelRef> typedIn) implements Command {
        public Note {
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(typedIn, "typedIn");
        }

        public Note(Actor.User actor, String text) {
            this(actor, text, Optional.empty());
        }
    }

    record Reopen(Actor.User actor) implements Command {
        public Reopen {
            Objects.requireNonNull(actor, "actor");
        }
    }

    /**
     * A monitoring integration says the alert behind the escalation it opened fires again; {@code newAlerts} names
     * the alerts of the group it had not reported before (SPEC §10). Only that integration may send it.
     */
    record AlertFired(Actor.Integration actor, List<String> newAlerts) implements Command {
        public AlertFired {
            Objects.requireNonNull(actor, "actor");
            newAlerts = List.copyOf(newAlerts);
        }
    }

    /**
     * The integration says the alert is resolved at its source: the escalation resolves when {@code resolves}
     * ({@code auto_resolve}), and only hears of it otherwise.
     */
    record AlertResolved(Actor.Integration actor, boolean resolves) implements Command {
        public AlertResolved {
            Objects.requireNonNull(actor, "actor");
        }
    }

    /** The integration says someone acknowledged the alert at its source (PagerDuty {@code acknowledge}). */
    record AlertAcknowledged(Actor.Integration actor) implements Command {
        public AlertAcknowledged {
            Objects.requireNonNull(actor, "actor");
        }
    }

    /** The bot's timer: do whatever is due at this moment (next level, snooze end, re-escalation, reminder). */
    record StepDue() implements Command {
        @Override
        public Actor actor() {
            return Actor.BOT;
        }
    }
}
