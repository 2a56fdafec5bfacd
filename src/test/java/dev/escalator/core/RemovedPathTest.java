package dev.escalator.core;

import static dev.escalator.testing.Commands.ack;
import static dev.escalator.testing.Commands.reassign;
import static dev.escalator.testing.Commands.reopen;
import static dev.escalator.testing.Commands.up;
import static dev.escalator.testing.Fixtures.DAVE;
import static dev.escalator.testing.Fixtures.T0;
import static dev.escalator.testing.Fixtures.aDirectory;
import static dev.escalator.testing.Fixtures.alice;
import static dev.escalator.testing.Fixtures.anEscalation;
import static dev.escalator.testing.Fixtures.bob;
import static dev.escalator.testing.Fixtures.carol;
import static dev.escalator.testing.Outcomes.applied;
import static dev.escalator.testing.Outcomes.effectStory;
import static dev.escalator.testing.Outcomes.newEvents;
import static dev.escalator.testing.Outcomes.refused;
import static dev.escalator.testing.Outcomes.rejected;
import static java.time.Duration.ofDays;
import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.testing.CheckedTransitions;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Escalations opened on the payments path, after the configuration lost it. */
class RemovedPathTest {
    private static final Instant NOW = T0.plus(ofMinutes(5));
    private final CheckedTransitions transitions =
            new CheckedTransitions(aDirectory().withoutPath("payments").build());

    @ParameterizedTest(name = "{0}")
    @EnumSource(
            value = Status.class,
            names = {"OPEN", "SNOOZED", "ACKNOWLEDGED"})
    void aDueTimerStopsTheEscalationOnceInsteadOfFiringForever(Status status) {
        Escalation escalation =
                anEscalation().atLevel(1).withStatus(status).snoozedUntil(NOW).build();
        Instant due = escalation.timerAt().orElseThrow();

        var outcome = transitions.step(escalation, due);

        Escalation stopped = outcome.escalation();
        assertThat(stopped.status()).isEqualTo(Status.EXHAUSTED);
        assertThat(stopped.timerAt()).isEmpty();
        assertThat(newEvents(escalation, stopped)).containsExactly(new Event.Exhausted(Optional.empty()));
        assertThat(effectStory(outcome.effects())).isEqualTo("Announce, RefreshRoot, RefreshDMs");
        transitions.assertNothingDueAt(stopped, due);
    }

    @Test
    void remindersGoOnAtTheDefaultPeriod() {
        Escalation exhausted = anEscalation().withStatus(Status.EXHAUSTED).build();
        Instant stale = T0.plus(ofDays(30));

        var after = transitions.step(exhausted, stale).escalation();

        assertThat(after.timeline().getLast().event()).isEqualTo(new Event.Reminder(ofDays(30)));
        assertThat(after.nextReminderAt()).isEqualTo(stale.plus(ofDays(30)));
    }

    static Stream<Arguments> commandsThatNeedThePath() {
        return Stream.of(
                Arguments.of(Status.OPEN, up(alice())),
                Arguments.of(Status.OPEN, reassign(alice(), DAVE)),
                Arguments.of(Status.RESOLVED, reopen(alice())));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("commandsThatNeedThePath")
    void commandsThatNeedThePathSayItIsGone(Status status, Command command) {
        Escalation escalation = anEscalation().withStatus(status).build();

        var problem = rejected(transitions.decide(escalation, command, NOW));

        assertThat(problem.kind()).isEqualTo(Problem.Kind.UNKNOWN);
        assertThat(problem.message()).contains("no path `payments` in the configuration (known: infra)");
    }

    @Test
    void someoneWhoWasOnThePathIsToldItIsGone() {
        Escalation open = anEscalation().atLevel(1).build();

        var outcome = refused(transitions.decide(open, ack(bob()), NOW));

        assertThat(outcome.reason())
                .isEqualTo(
                        "the `payments` path is no longer in the configuration: only an admin or someone tagged on it can acknowledge ESC-1.");
    }

    @Test
    void whoeverIsTaggedMayStillAcknowledge() {
        Escalation open = anEscalation().atLevel(2).build();

        var outcome = transitions.decide(open, ack(carol()), NOW);

        assertThat(applied(outcome).escalation().status()).isEqualTo(Status.ACKNOWLEDGED);
    }
}
