package dev.escalator.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One kind of change in an escalation's timeline (SPEC §1). */
public sealed interface Event {

    record Opened(String title, Severity severity, PathId path) implements Event {
        public Opened {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(severity, "severity");
            Objects.requireNonNull(path, "path");
        }
    }

    /** People tagged at a level; {@code escalatesAt} is when the next level follows if nobody acknowledges. */
    record Tagged(int level, int levelCount, int round, List<PersonId> people, Instant escalatesAt) implements Event {
        public Tagged {
            people = List.copyOf(people);
            Objects.requireNonNull(escalatesAt, "escalatesAt");
        }
    }

    record Acknowledged() implements Event {}

    record Escalated(int fromLevel, int toLevel, Cause cause, Optional<String> reason) implements Event {
        public Escalated {
            Objects.requireNonNull(cause, "cause");
            Objects.requireNonNull(reason, "reason");
        }
    }

    record Declined(Optional<String> reason) implements Event {
        public Declined {
            Objects.requireNonNull(reason, "reason");
        }
    }

    record Reassigned(PersonId to) implements Event {
        public Reassigned {
            Objects.requireNonNull(to, "to");
        }
    }

    record Snoozed(Instant until) implements Event {
        public Snoozed {
            Objects.requireNonNull(until, "until");
        }
    }

    record Noted(String text) implements Event {
        public Noted {
            Objects.requireNonNull(text, "text");
        }
    }

    record Resolved(Optional<String> note) implements Event {
        public Resolved {
            Objects.requireNonNull(note, "note");
        }
    }

    record Reopened() implements Event {}

    /**
     * The alert behind the escalation fired again. {@code told}: the thread heard of it (at most once per {@link
     * #TELL_AT_MOST_EVERY}); then {@code newAlerts} names every alert new in the group since it last heard.
     */
    record AlertFired(List<String> newAlerts, boolean told) implements Event {
        public static final Duration TELL_AT_MOST_EVERY = Duration.ofMinutes(10);

        public AlertFired {
            newAlerts = List.copyOf(newAlerts);
        }
    }

    /** An action by someone not allowed to do it; nothing else changed. */
    record Refused(Action action, String reason) implements Event {
        public Refused {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Still unresolved this long after opening. */
    record Reminder(Duration age) implements Event {
        public Reminder {
            Objects.requireNonNull(age, "age");
        }
    }

    /** Every level and repeat ran without an acknowledgement; {@code fallback} was told, if there is one. */
    record Exhausted(Optional<ChannelRef> fallback) implements Event {
        public Exhausted {
            Objects.requireNonNull(fallback, "fallback");
        }
    }
}
