package dev.escalator.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.core.Effect;
import dev.escalator.core.Escalation;
import dev.escalator.core.Event;
import dev.escalator.core.Outcome;
import dev.escalator.core.PersonId;
import dev.escalator.core.Problem;
import dev.escalator.core.TimelineEntry;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Unwraps outcomes (failing with what actually came back) and tells what a user would see of them: the timeline
 * entries a transition added, the entries posted in the thread, and a one-line story of each event and effect for
 * tables of cases.
 */
public final class Outcomes {
    private Outcomes() {}

    public static Outcome.Applied applied(Outcome outcome) {
        assertThat(outcome).as("outcome").isInstanceOf(Outcome.Applied.class);
        return (Outcome.Applied) outcome;
    }

    public static Outcome.Refused refused(Outcome outcome) {
        assertThat(outcome).as("outcome").isInstanceOf(Outcome.Refused.class);
        return (Outcome.Refused) outcome;
    }

    public static Problem rejected(Outcome outcome) {
        assertThat(outcome).as("outcome").isInstanceOf(Outcome.Rejected.class);
        return ((Outcome.Rejected) outcome).problem();
    }

    /** The problem of a rejection, checked to be of {@code kind}. */
    public static Problem rejected(Outcome outcome, Problem.Kind kind) {
        Problem problem = rejected(outcome);
        assertThat(problem.kind()).as("kind of %s", problem).isEqualTo(kind);
        return problem;
    }

    /** The timeline entries {@code after} has beyond {@code before}'s. */
    public static List<TimelineEntry> newEntries(Escalation before, Escalation after) {
        return after.timeline()
                .subList(before.timeline().size(), after.timeline().size());
    }

    /** The events of the timeline entries {@code after} has beyond {@code before}'s. */
    public static List<Event> newEvents(Escalation before, Escalation after) {
        return newEntries(before, after).stream().map(TimelineEntry::event).toList();
    }

    /** The events the effects post in the thread, in order. */
    public static List<Event> announced(Outcome.Applied applied) {
        return applied.effects().stream()
                .filter(Effect.Announce.class::isInstance)
                .map(effect -> applied.escalation()
                        .entry(((Effect.Announce) effect).seq())
                        .orElseThrow()
                        .event())
                .toList();
    }

    /** A short line for an event: {@code Escalated 1→2 TIMEOUT}, {@code Tagged 2 [bob, carol]}, {@code Noted}. */
    public static String story(Event event) {
        return switch (event) {
            case Event.Escalated e -> "Escalated %d→%d %s".formatted(e.fromLevel(), e.toLevel(), e.cause());
            case Event.Tagged t -> "Tagged %d %s".formatted(t.level(), names(t.people()));
            case Event.Reassigned r -> "Reassigned " + r.to();
            case Event.Refused r -> "Refused " + r.action().command();
            case Event.Exhausted x ->
                "Exhausted" + x.fallback().map(c -> " " + c.channelId()).orElse("");
            default -> event.getClass().getSimpleName();
        };
    }

    /**
     * A short line for an effect: {@code Announce}, {@code RefreshRoot}, {@code AlertFallback C0LEADS}, {@code DM
     * bob/Slack}, {@code RefreshDMs}.
     */
    public static String story(Effect effect) {
        return switch (effect) {
            case Effect.AlertFallback alert ->
                "AlertFallback " + alert.channel().channelId();
            case Effect.DirectMessage dm ->
                "DM %s/%s".formatted(dm.person(), dm.platform().displayName());
            case Effect.RefreshDirectMessages ignored -> "RefreshDMs";
            default -> effect.getClass().getSimpleName();
        };
    }

    /** The stories of the events, joined by {@code "; "}. */
    public static String eventStory(List<Event> events) {
        return events.stream().map(Outcomes::story).collect(Collectors.joining("; "));
    }

    /** The stories of the effects, joined by {@code ", "}. */
    public static String effectStory(List<Effect> effects) {
        return effects.stream().map(Outcomes::story).collect(Collectors.joining(", "));
    }

    private static String names(List<PersonId> people) {
        return people.stream().map(PersonId::value).collect(Collectors.joining(", ", "[", "]"));
    }
}
