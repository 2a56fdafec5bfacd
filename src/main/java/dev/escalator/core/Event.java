package dev.escalator.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One kind of change in an escalation's timeline (SPEC §1). */
public sealed interface Event {

    /** The people this event tags in the thread: mentioned so that they are notified. */
    default List<PersonId> tags() {
        return List.of();
    }

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

        @Override
        public List<PersonId> tags() {
            return people;
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

    /**
     * The brief's "decision needed by" is near or here (SPEC §6): the people tagged at the current level are reminded
     * of {@code decideBy}.
     */
    record DecisionReminder(Instant decideBy, List<PersonId> people) implements Event {
        public DecisionReminder {
            Objects.requireNonNull(decideBy, "decideBy");
            people = List.copyOf(people);
        }

        @Override
        public List<PersonId> tags() {
            return people;
        }
    }

    /** Every level and repeat ran without an acknowledgement; {@code fallback} was told, if there is one. */
    record Exhausted(Optional<ChannelRef> fallback) implements Event {
        public Exhausted {
            Objects.requireNonNull(fallback, "fallback");
        }
    }

    /**
     * A post (timeline entry {@code seq}, or 0 for the root message) that the platform refused for a reason not about
     * the post itself (the bot's token or access, the channel): it has not gone out, and delivery keeps trying.
     */
    record NotDelivered(int seq, String reason) implements Event {
        public NotDelivered {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The direct message about tag {@code seq} could not reach {@code person} on {@code platform} ({@code reason}: they
     * do not accept direct messages, their account is gone, the bot lacks the scope): given up, not retried; the tag
     * in the thread still counts. Also recorded with the tag itself for someone it reaches nowhere: no account on the
     * escalation's platform, and {@code platform}, where they have one, is not connected to this bot.
     */
    record NotReached(PersonId person, Platform platform, int seq, String reason) implements Event {
        public NotReached {
            Objects.requireNonNull(person, "person");
            Objects.requireNonNull(platform, "platform");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The direct message about tag {@code seq} that reached {@code person} on {@code platform} could not be updated, so
     * it may still show an earlier status and its buttons. {@code reason}: the replica that delivered the update does
     * not connect to that platform (a later update by one that does brings it up to date), or the platform refused the
     * edit for good (the person blocked the bot, their direct-message conversation or the message is gone). Recorded
     * once per message.
     */
    record NotUpdated(PersonId person, Platform platform, int seq, String reason) implements Event {
        public NotUpdated {
            Objects.requireNonNull(person, "person");
            Objects.requireNonNull(platform, "platform");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** A post that was {@link NotDelivered} went out after all, late. */
    record DeliveredLate(int seq) implements Event {}

    /** A post the platform refused for a reason about the post itself (too long, its message deleted): given up. */
    record Dropped(int seq, String reason) implements Event {
        public Dropped {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
