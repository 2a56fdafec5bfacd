package dev.escalator.cli;

import dev.escalator.core.Actor;
import dev.escalator.core.Brief;
import dev.escalator.core.ChannelRef;
import dev.escalator.core.ChatUser;
import dev.escalator.core.Command;
import dev.escalator.core.Directory;
import dev.escalator.core.Escalation;
import dev.escalator.core.EscalationId;
import dev.escalator.core.OnCallOverrides;
import dev.escalator.core.OpenRequest;
import dev.escalator.core.Outcome;
import dev.escalator.core.PathId;
import dev.escalator.core.Severity;
import dev.escalator.core.Status;
import dev.escalator.core.Transitions;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One escalation of a path run through the real state machine with nobody acknowledging: opened at {@code start},
 * then each timer fired the moment it is due, until the path is exhausted (and the last decide-by reminder given). What it returns is what the bot would
 * store, timeline included, so the simulation cannot drift from the bot's behaviour.
 */
final class Simulation {
    /** Far more steps than any sane path has (levels times passes); reaching it means the path never ends. */
    static final int MOST_STEPS = 10_000;

    private Simulation() {}

    static Escalation run(Directory directory, PathId path, Severity severity, ChannelRef home, Instant start) {
        return run(directory, path, severity, home, start, Optional.empty());
    }

    /**
     * As above, with the brief's "decision needed by" {@code decideBy} after opening, when given: its reminders are
     * steps too, given until the last of them even after the path is exhausted.
     */
    static Escalation run(
            Directory directory,
            PathId path,
            Severity severity,
            ChannelRef home,
            Instant start,
            Optional<Duration> decideBy) {
        return run(directory, path, severity, home, start, decideBy, OnCallOverrides.NONE);
    }

    /** As above, each rotation resolved with {@code overrides} when its level is reached (SPEC §4 {@code simulate}). */
    static Escalation run(
            Directory directory,
            PathId path,
            Severity severity,
            ChannelRef home,
            Instant start,
            Optional<Duration> decideBy,
            OnCallOverrides overrides) {
        var transitions = new Transitions(directory).withOverrides(overrides);
        var reporter = Actor.User.stranger(new ChatUser(home.platform(), "simulation"));
        var brief = decideBy.map(after -> new Brief(
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of(start.plus(after))))
                .orElse(Brief.EMPTY);
        var request = new OpenRequest("Simulation", brief, severity, path, reporter, home);
        Escalation escalation = stored(transitions.open(new EscalationId(1), request, start));
        for (int steps = 0; ; steps++) {
            Optional<Instant> timer = escalation.status() == Status.EXHAUSTED ? Optional.empty() : escalation.timerAt();
            Optional<Instant> due = Stream.of(timer, escalation.nextDecisionReminderAt())
                    .flatMap(Optional::stream)
                    .min(Comparator.naturalOrder());
            if (due.isEmpty()) {
                if (escalation.status() != Status.EXHAUSTED) {
                    throw new IllegalStateException("an open escalation has no timer");
                }
                return escalation;
            }
            if (steps == MOST_STEPS) {
                throw new IllegalStateException(
                        "path %s takes more than %d steps; lower its repeat".formatted(path, MOST_STEPS));
            }
            escalation = stored(transitions.decide(escalation, new Command.StepDue(), due.get()));
        }
    }

    private static Escalation stored(Outcome outcome) {
        return switch (outcome) {
            case Outcome.Applied applied -> applied.escalation();
            case Outcome.Refused refused ->
                throw new IllegalStateException("the state machine refused its own timer: " + refused.reason());
            case Outcome.Rejected rejected ->
                throw new IllegalStateException("the state machine rejected the simulation: "
                        + rejected.problem().message());
        };
    }
}
