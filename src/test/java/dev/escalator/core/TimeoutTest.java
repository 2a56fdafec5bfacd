package dev.escalator.core;

import static dev.escalator.testing.Fixtures.ALICE;
import static dev.escalator.testing.Fixtures.BOB;
import static dev.escalator.testing.Fixtures.CAROL;
import static dev.escalator.testing.Fixtures.LEADS_CHANNEL;
import static dev.escalator.testing.Fixtures.NEXT_HANDOFF;
import static dev.escalator.testing.Fixtures.T0;
import static dev.escalator.testing.Fixtures.aDirectory;
import static dev.escalator.testing.Fixtures.aPaymentsPath;
import static dev.escalator.testing.Fixtures.anEscalation;
import static dev.escalator.testing.Fixtures.anOpenRequest;
import static dev.escalator.testing.Fixtures.payments;
import static dev.escalator.testing.Outcomes.announced;
import static dev.escalator.testing.Outcomes.applied;
import static dev.escalator.testing.Outcomes.newEvents;
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

/** Level timers (SPEC §8): the scheduler's StepDue while an escalation is open. */
class TimeoutTest {
    private final CheckedTransitions transitions = new CheckedTransitions(payments());

    @Test
    void whenTheAckTimeoutPassesTheNextLevelIsTagged() {
        Escalation open = anEscalation().atLevel(1).build();
        Instant deadline = T0.plus(ofMinutes(5));

        var outcome = transitions.step(open, deadline);

        Escalation next = outcome.escalation();
        assertThat(next.status()).isEqualTo(Status.OPEN);
        assertThat(next.level()).isEqualTo(2);
        assertThat(next.tagged()).containsExactly(BOB, CAROL);
        assertThat(next.timerAt()).contains(deadline.plus(ofMinutes(10)));
        assertThat(newEvents(open, next))
                .containsExactly(
                        new Event.Escalated(1, 2, Cause.TIMEOUT, Optional.empty()),
                        new Event.Tagged(2, 3, 0, List.of(BOB, CAROL), deadline.plus(ofMinutes(10))));
        assertThat(announced(outcome)).isEqualTo(newEvents(open, next));
        assertThat(outcome.effects()).contains(new Effect.RefreshRoot());
    }

    @Test
    void aSecondBeforeTheDeadlineNothingIsDue() {
        Escalation open = anEscalation().atLevel(1).build();

        transitions.assertNothingDueAt(open, T0.plus(ofMinutes(5)).minusSeconds(1));
    }

    @Test
    void aRotationAtTheNextLevelIsResolvedWhenThatLevelIsReached() {
        // opened by alice's shift, level 3 times out after bob took over: the repeat starts with bob
        Escalation atLastLevel = anEscalation()
                .atLevel(3)
                .since(NEXT_HANDOFF.minus(ofMinutes(10)))
                .build();

        var next =
                transitions.step(atLastLevel, NEXT_HANDOFF.plus(ofMinutes(5))).escalation();

        assertThat(next.level()).isEqualTo(1);
        assertThat(next.tagged()).containsExactly(BOB);
    }

    @Test
    void pastTheLastLevelThePathStartsAgainWhileRepeatAllows() {
        Escalation atLastLevel = anEscalation().atLevel(3).build();
        Instant deadline = T0.plus(ofMinutes(15));

        var next = transitions.step(atLastLevel, deadline).escalation();

        assertThat(next.status()).isEqualTo(Status.OPEN);
        assertThat(next.level()).isEqualTo(1);
        assertThat(next.round()).isEqualTo(1);
        assertThat(newEvents(atLastLevel, next))
                .containsExactly(
                        new Event.Escalated(3, 1, Cause.TIMEOUT, Optional.empty()),
                        new Event.Tagged(1, 3, 1, List.of(ALICE), deadline.plus(ofMinutes(5))));
    }

    @Test
    void aRepeatStartsAgainAtTheSeveritysStartLevel() {
        Escalation severityOne = anEscalation().severity(1).atLevel(3).build();

        var next = transitions.step(severityOne, T0.plus(ofMinutes(15))).escalation();

        assertThat(next.level()).isEqualTo(2);
        assertThat(next.round()).isEqualTo(1);
        assertThat(next.tagged()).containsExactly(BOB, CAROL);
    }

    @Test
    void whenTheRepeatsRunOutTheEscalationIsExhaustedAndTheFallbackIsTold() {
        Escalation lastRound = anEscalation().atLevel(3).inRound(1).build();

        var outcome = transitions.step(lastRound, T0.plus(ofMinutes(15)));

        Escalation exhausted = outcome.escalation();
        assertThat(exhausted.status()).isEqualTo(Status.EXHAUSTED);
        assertThat(exhausted.timerAt()).isEmpty();
        assertThat(exhausted.nextStepAt()).contains(exhausted.nextReminderAt());
        assertThat(newEvents(lastRound, exhausted)).containsExactly(new Event.Exhausted(Optional.of(LEADS_CHANNEL)));
        assertThat(outcome.effects())
                .contains(new Effect.AlertFallback(
                        LEADS_CHANNEL, exhausted.timeline().size()));
    }

    @Test
    void withoutRepeatTheLastLevelExhaustsAndWithoutFallbackNobodyElseIsTold() {
        var transitions = new CheckedTransitions(aDirectory()
                .path(aPaymentsPath().repeat(0).noFallback().build())
                .build());
        Escalation atLastLevel = anEscalation().atLevel(3).build();

        var outcome = transitions.step(atLastLevel, T0.plus(ofMinutes(15)));

        assertThat(outcome.escalation().status()).isEqualTo(Status.EXHAUSTED);
        assertThat(newEvents(atLastLevel, outcome.escalation())).containsExactly(new Event.Exhausted(Optional.empty()));
        assertThat(outcome.effects()).noneMatch(Effect.AlertFallback.class::isInstance);
    }

    @Test
    void nobodyAcknowledgingRunsEveryLevelRepeatThenExhausts() {
        Escalation escalation = applied(
                        transitions.open(new EscalationId(1), anOpenRequest().build(), T0))
                .escalation();
        List<String> steps = new ArrayList<>();

        while (escalation.status() == Status.OPEN) {
            Instant due = escalation.nextStepAt().orElseThrow();
            escalation = transitions.step(escalation, due).escalation();
            steps.add("+%dm %s level %d %s"
                    .formatted(
                            Duration.between(T0, due).toMinutes(),
                            escalation.status(),
                            escalation.level(),
                            escalation.tagged()));
        }

        assertThat(steps)
                .containsExactly(
                        "+5m OPEN level 2 [bob, carol]",
                        "+15m OPEN level 3 [alice]",
                        "+30m OPEN level 1 [alice]",
                        "+35m OPEN level 2 [bob, carol]",
                        "+45m OPEN level 3 [alice]",
                        "+60m EXHAUSTED level 3 [alice]");
    }

    @Test
    void afterALongOutageOneStepClimbsOneLevelAndTheNewTimerStartsNow() {
        Escalation open = anEscalation().atLevel(1).build();
        Instant backUp = T0.plus(ofHours(3));

        var next = transitions.step(open, backUp).escalation();

        assertThat(next.level()).isEqualTo(2);
        assertThat(newEvents(open, next)).hasSize(2);
        assertThat(next.timerAt()).contains(backUp.plus(ofMinutes(10)));
        transitions.assertNothingDueAt(next, backUp);
    }

    @Test
    void theNextStepIsTheEarlierOfTheTimerAndTheStaleReminder() {
        var soonStale = new CheckedTransitions(aDirectory()
                .path(aPaymentsPath().staleAfter(ofMinutes(2)).build())
                .build());

        Escalation open = applied(
                        transitions.open(new EscalationId(1), anOpenRequest().build(), T0))
                .escalation();
        Escalation staleSoon = applied(
                        soonStale.open(new EscalationId(2), anOpenRequest().build(), T0))
                .escalation();

        assertThat(open.nextStepAt()).contains(T0.plus(ofMinutes(5)));
        assertThat(staleSoon.nextStepAt()).contains(T0.plus(ofMinutes(2)));
    }
}
