package dev.escalator.testing;

import dev.escalator.core.Actor;
import dev.escalator.core.Command;
import dev.escalator.core.PersonId;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/** The commands of SPEC §5 as a user would type them, without the optional parts unless asked for. */
public final class Commands {
    private Commands() {}

    /** {@code ack ESC-n} */
    public static Command.Acknowledge ack(Actor.User by) {
        return new Command.Acknowledge(by);
    }

    /** {@code resolve ESC-n} */
    public static Command.Resolve resolve(Actor.User by) {
        return new Command.Resolve(by, Optional.empty());
    }

    /** {@code resolve ESC-n note} */
    public static Command.Resolve resolve(Actor.User by, String note) {
        return new Command.Resolve(by, Optional.of(note));
    }

    /** {@code up ESC-n} */
    public static Command.Escalate up(Actor.User by) {
        return new Command.Escalate(by, OptionalInt.empty(), Optional.empty());
    }

    /** {@code up ESC-n to:level} */
    public static Command.Escalate upTo(Actor.User by, int level) {
        return new Command.Escalate(by, OptionalInt.of(level), Optional.empty());
    }

    /** {@code up ESC-n reason} */
    public static Command.Escalate up(Actor.User by, String reason) {
        return new Command.Escalate(by, OptionalInt.empty(), Optional.of(reason));
    }

    /** {@code decline ESC-n} */
    public static Command.Decline decline(Actor.User by) {
        return new Command.Decline(by, Optional.empty());
    }

    /** {@code decline ESC-n reason} */
    public static Command.Decline decline(Actor.User by, String reason) {
        return new Command.Decline(by, Optional.of(reason));
    }

    /** {@code reassign ESC-n @person} */
    public static Command.Reassign reassign(Actor.User by, PersonId to) {
        return new Command.Reassign(by, to);
    }

    /** {@code snooze ESC-n duration} */
    public static Command.Snooze snooze(Actor.User by, Duration duration) {
        return new Command.Snooze(by, duration);
    }

    /** {@code note ESC-n text} */
    public static Command.Note note(Actor.User by, String text) {
        return new Command.Note(by, text);
    }

    /** {@code reopen ESC-n} */
    public static Command.Reopen reopen(Actor.User by) {
        return new Command.Reopen(by);
    }

    /** The scheduler's "whatever is due now". */
    public static Command.StepDue stepDue() {
        return new Command.StepDue();
    }
}
