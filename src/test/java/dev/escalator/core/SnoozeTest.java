package dev.escalator.core;

import static dev.escalator.testing.Commands.snooze;
import static dev.escalator.testing.Fixtures.ALICE;
import static dev.escalator.testing.Fixtures.BOB;
import static dev.escalator.testing.Fixtures.NEXT_HANDOFF;
import static dev.escalator.testing.Fixtures.T0;
import static dev.escalator.testing.Fixtures.alice;
import static dev.escalator.testing.Fixtures.anEscalation;
import static dev.escalator.testing.Fixtures.payments;
import static dev.escalator.testing.Outcomes.announced;
import static dev.escalator.testing.Outcomes.applied;
import static dev.escalator.testing.Outcomes.rejected;
import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.testing.CheckedTransitions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SnoozeTest {
    private final CheckedTransitions transitions = new CheckedTransitions(payments());
    private final Escalation snoozedUntilHalfPast = anEscalation()
            .withStatus(Status.SNOOZED)
            .snoozedUntil(T0.plus(ofMinutes(30)))
            .build();

    @Test
    void snoozingAcknowledgesUntilThen() {
        Escalation open = anEscalation().atLevel(1).build();
        Instant snoozedAt = T0.plus(ofMinutes(1));

        var outcome = applied(transitions.decide(open, snooze(alice(), ofMinutes(30)), snoozedAt));

        Escalation snoozed = outcome.escalation();
        assertThat(snoozed.status()).isEqualTo(Status.SNOOZED);
        assertThat(snoozed.acknowledgedBy()).contains(alice());
        assertThat(snoozed.firstAcknowledgedAt()).contains(snoozedAt);
        assertThat(snoozed.timerAt()).contains(snoozedAt.plus(ofMinutes(30)));
        assertThat(snoozed.nextStepAt()).contains(snoozedAt.plus(ofMinutes(30)));
        assertThat(announced(outcome)).containsExactly(new Event.Snoozed(snoozedAt.plus(ofMinutes(30))));
    }

    @Test
    void beforeTheSnoozeEndsNothingIsDue() {
        transitions.assertNothingDueAt(
                snoozedUntilHalfPast, T0.plus(ofMinutes(30)).minusSeconds(1));
    }

    @Test
    void whenTheSnoozeEndsTheCurrentLevelIsTaggedAgainAsItIsThen() {
        // snoozed during alice's shift, wakes up after bob took over payments-primary
        Instant wakeUp = NEXT_HANDOFF.plus(ofMinutes(20));
        Escalation snoozed = anEscalation()
                .atLevel(1)
                .withStatus(Status.SNOOZED)
                .since(NEXT_HANDOFF.minus(ofMinutes(10)))
                .snoozedUntil(wakeUp)
                .build();
        assertThat(snoozed.tagged()).containsExactly(ALICE);

        var outcome = transitions.step(snoozed, wakeUp);

        Escalation awake = outcome.escalation();
        assertThat(awake.status()).isEqualTo(Status.OPEN);
        assertThat(awake.level()).isEqualTo(1);
        assertThat(awake.acknowledgedBy()).isEmpty();
        assertThat(awake.timerAt()).contains(wakeUp.plus(ofMinutes(5)));
        assertThat(announced(outcome))
                .containsExactly(
                        new Event.Escalated(1, 1, Cause.SNOOZE_ENDED, Optional.empty()),
                        new Event.Tagged(1, 3, 0, List.of(BOB), wakeUp.plus(ofMinutes(5))));
    }

    @Test
    void snoozingAgainMovesTheWakeUp() {
        Instant now = T0.plus(ofMinutes(20));

        var after = applied(transitions.decide(snoozedUntilHalfPast, snooze(alice(), Duration.ofHours(1)), now))
                .escalation();

        assertThat(after.timerAt()).contains(now.plus(Duration.ofHours(1)));
        assertThat(after.firstAcknowledgedAt()).isEqualTo(snoozedUntilHalfPast.firstAcknowledgedAt());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PT1S", "PT30M", "P30D"})
    void aSnoozeFromOneSecondToThirtyDaysIsAccepted(Duration duration) {
        Escalation open = anEscalation().build();

        var snoozed =
                applied(transitions.decide(open, snooze(alice(), duration), T0)).escalation();

        assertThat(snoozed.timerAt()).contains(T0.plus(duration));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PT0S", "PT-30M", "P31D", "P30DT1S"})
    void aSnoozeOutsideOneSecondToThirtyDaysIsRejectedWithAnExample(Duration duration) {
        Escalation open = anEscalation().build();

        var problem = rejected(transitions.decide(open, snooze(alice(), duration), T0));

        assertThat(problem.kind()).isEqualTo(Problem.Kind.BAD_ARGUMENT);
        assertThat(problem.message()).contains("between 1s and 30d", "`snooze ESC-1 30m`");
    }
}
