package dev.escalator.core;

import static dev.escalator.testing.Fixtures.ALICE;
import static dev.escalator.testing.Fixtures.BOB;
import static dev.escalator.testing.Fixtures.CAROL;
import static dev.escalator.testing.Fixtures.T0;
import static dev.escalator.testing.Fixtures.aDirectory;
import static dev.escalator.testing.Fixtures.aPaymentsPath;
import static dev.escalator.testing.Fixtures.alice;
import static dev.escalator.testing.Fixtures.anOpenRequest;
import static dev.escalator.testing.Fixtures.bob;
import static dev.escalator.testing.Outcomes.announced;
import static dev.escalator.testing.Outcomes.applied;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.testing.CheckedTransitions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SPEC §6: a brief's "decision needed by" reminds the thread, tagging the current level, halfway to the deadline, an
 * hour before it and at it (those still ahead when it was opened), and never once resolved.
 */
class DecideByReminderTest {
    private static final EscalationId ESC_7 = new EscalationId(7);
    /** Payments without re-escalation after an acknowledgement, so an acknowledged escalation has no timer. */
    private final CheckedTransitions transitions = new CheckedTransitions(
            aDirectory().path(aPaymentsPath().noReescalation().build()).build());

    @ParameterizedTest(name = "a decision needed {0} after opening is reminded at {1}")
    @CsvSource({
        "PT4H,   'PT2H, PT3H, PT4H'",
        "PT90M,  'PT30M, PT45M, PT1H30M'",
        "PT30M,  'PT15M, PT30M'",
        "PT2H,   'PT1H, PT2H'",
    })
    void remindersComeHalfwayAnHourBeforeAndAtTheDeadline(Duration deadline, String expected) {
        Escalation e = openedWithDecisionIn(deadline);

        assertThat(reminderOffsets(e, T0.plus(deadline).plus(ofHours(1))))
                .containsExactly(List.of(expected.split(",\\s*")).stream()
                        .map(Duration::parse)
                        .toArray(Duration[]::new));
    }

    @Test
    void aReminderTagsWhoeverIsTaggedAtTheCurrentLevel() {
        Escalation e = openedWithDecisionIn(ofHours(4));
        // nobody acknowledged level 1 (alice) in 5 minutes: level 2 (bob, carol) is tagged, and bob takes it
        e = stepsUntil(e, T0.plus(ofMinutes(6)));
        e = applied(transitions.decide(e, new Command.Acknowledge(bob()), T0.plus(ofMinutes(7))))
                .escalation();
        assertThat(e.tagged()).containsExactly(BOB, CAROL);

        var outcome = transitions.step(e, T0.plus(ofHours(2)));

        assertThat(announced(outcome))
                .containsExactly(new Event.DecisionReminder(T0.plus(ofHours(4)), List.of(BOB, CAROL)));
        assertThat(outcome.escalation().status()).isEqualTo(e.status());
        assertThat(outcome.escalation().level()).isEqualTo(e.level());
        assertThat(outcome.escalation().nextDecisionReminderAt()).contains(T0.plus(ofHours(3)));
    }

    @Test
    void anAcknowledgedEscalationIsStillRemindedOfTheDecision() {
        Escalation e = openedWithDecisionIn(ofHours(4));
        e = applied(transitions.decide(e, new Command.Acknowledge(alice()), T0.plus(ofMinutes(1))))
                .escalation();

        var outcome = transitions.step(e, T0.plus(ofHours(2)));

        assertThat(announced(outcome)).hasOnlyElementsOfType(Event.DecisionReminder.class);
    }

    @Test
    void aResolvedEscalationIsNeverReminded() {
        Escalation e = openedWithDecisionIn(ofHours(4));
        e = applied(transitions.decide(e, new Command.Resolve(alice(), Optional.empty()), T0.plus(ofMinutes(1))))
                .escalation();

        assertThat(e.nextDecisionReminderAt()).isEmpty();
        assertThat(e.nextStepAt()).isEmpty();
        transitions.assertNothingDueAt(e, T0.plus(ofHours(4)));
    }

    @Test
    void afterAnOutageOneReminderIsGivenAndThePassedOnesAreNotMadeUp() {
        Escalation e = applied(transitions.decide(
                        openedWithDecisionIn(ofHours(4)), new Command.Acknowledge(alice()), T0.plus(ofMinutes(1))))
                .escalation();
        Instant backUp = T0.plus(ofHours(3)).plus(ofMinutes(10));

        var after = transitions.step(e, backUp).escalation();

        assertThat(after.timeline().getLast().event()).isInstanceOf(Event.DecisionReminder.class);
        assertThat(after.nextDecisionReminderAt()).contains(T0.plus(ofHours(4)));
        transitions.assertNothingDueAt(after, backUp);
    }

    @Test
    void aBriefWithoutADeadlineHasNoDecisionReminder() {
        Escalation e =
                applied(transitions.open(ESC_7, anOpenRequest().build(), T0)).escalation();

        assertThat(e.nextDecisionReminderAt()).isEmpty();
    }

    @Test
    void aDeadlineInThePastAtOpeningGivesNoReminder() {
        var brief = new Brief(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(T0.minusSeconds(60)));
        Escalation e = applied(
                        transitions.open(ESC_7, anOpenRequest().brief(brief).build(), T0))
                .escalation();

        assertThat(e.nextDecisionReminderAt()).isEmpty();
    }

    @Test
    void theNextStepIsTheEarliestOfTheLevelTimerAndTheDecisionReminder() {
        Escalation e = openedWithDecisionIn(ofMinutes(6));

        assertThat(e.timerAt()).contains(T0.plus(ofMinutes(5)));
        assertThat(e.nextDecisionReminderAt()).contains(T0.plus(ofMinutes(3)));
        assertThat(e.nextStepAt()).contains(T0.plus(ofMinutes(3)));
        assertThat(e.tagged()).containsExactly(ALICE);
    }

    private Escalation openedWithDecisionIn(Duration deadline) {
        var brief = new Brief(
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(T0.plus(deadline)));
        return applied(transitions.open(ESC_7, anOpenRequest().brief(brief).build(), T0))
                .escalation();
    }

    /** Fires every step due up to {@code until}, as the scheduler would, at its due time. */
    private Escalation stepsUntil(Escalation e, Instant until) {
        while (e.nextStepAt().filter(at -> !at.isAfter(until)).isPresent()) {
            e = transitions.step(e, e.nextStepAt().get()).escalation();
        }
        return e;
    }

    private List<Duration> reminderOffsets(Escalation e, Instant until) {
        var offsets = new ArrayList<Duration>();
        for (var entry : stepsUntil(e, until).timeline()) {
            if (entry.event() instanceof Event.DecisionReminder) {
                offsets.add(Duration.between(T0, entry.at()));
            }
        }
        return offsets;
    }
}
