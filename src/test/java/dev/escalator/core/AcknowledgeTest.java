package dev.escalator.core;

import static dev.escalator.testing.Commands.ack;
import static dev.escalator.testing.Commands.decline;
import static dev.escalator.testing.Fixtures.ALICE;
import static dev.escalator.testing.Fixtures.BOB;
import static dev.escalator.testing.Fixtures.CAROL;
import static dev.escalator.testing.Fixtures.T0;
import static dev.escalator.testing.Fixtures.aDirectory;
import static dev.escalator.testing.Fixtures.aPaymentsPath;
import static dev.escalator.testing.Fixtures.anEscalation;
import static dev.escalator.testing.Fixtures.bob;
import static dev.escalator.testing.Fixtures.carol;
import static dev.escalator.testing.Fixtures.payments;
import static dev.escalator.testing.Outcomes.announced;
import static dev.escalator.testing.Outcomes.applied;
import static dev.escalator.testing.Outcomes.newEvents;
import static dev.escalator.testing.Outcomes.rejected;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.testing.CheckedTransitions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Acknowledging, re-escalation of acknowledgements left too long, and declining. */
class AcknowledgeTest {
    private final CheckedTransitions transitions = new CheckedTransitions(payments());
    private final Escalation acknowledgedByBob = anEscalation()
            .atLevel(2)
            .withStatus(Status.ACKNOWLEDGED)
            .acknowledgedBy(bob())
            .build();

    @Test
    void acknowledgingStopsEscalation() {
        Escalation open = anEscalation().atLevel(2).build();
        Instant ackAt = T0.plus(ofMinutes(3));

        var outcome = applied(transitions.decide(open, ack(carol()), ackAt));

        Escalation acknowledged = outcome.escalation();
        assertThat(acknowledged.status()).isEqualTo(Status.ACKNOWLEDGED);
        assertThat(acknowledged.acknowledgedBy()).contains(carol());
        assertThat(acknowledged.firstAcknowledgedAt()).contains(ackAt);
        assertThat(acknowledged.level()).isEqualTo(2);
        assertThat(announced(outcome)).containsExactly(new Event.Acknowledged());
        assertThat(outcome.effects()).contains(new Effect.RefreshRoot());
        transitions.assertNothingDueAt(acknowledged, T0.plus(ofMinutes(10)));
    }

    @ParameterizedTest(name = "from {0}")
    @EnumSource(
            value = Status.class,
            names = {"OPEN", "SNOOZED", "EXHAUSTED"})
    void anUnacknowledgedOrSnoozedOrExhaustedEscalationCanBeAcknowledged(Status status) {
        Escalation before = anEscalation().atLevel(2).withStatus(status).build();

        var after = applied(transitions.decide(before, ack(carol()), T0.plus(ofMinutes(3))))
                .escalation();

        assertThat(after.status()).isEqualTo(Status.ACKNOWLEDGED);
        assertThat(after.acknowledgedBy()).contains(carol());
        assertThat(after.timerAt())
                .as("re-escalation, not the snooze end")
                .contains(T0.plus(ofMinutes(3)).plus(ofHours(2)));
    }

    @Test
    void acknowledgingTwiceIsAHarmlessNoOpThatSaysWhoHasIt() {
        var problem = rejected(transitions.decide(acknowledgedByBob, ack(carol()), T0.plus(ofMinutes(3))));

        assertThat(problem.kind()).isEqualTo(Problem.Kind.ALREADY_DONE);
        assertThat(problem.message()).contains("already acknowledged by bob");
    }

    @Test
    void anAcknowledgementLeftUnresolvedTooLongEscalatesAgainFromTheCurrentLevel() {
        Escalation open = anEscalation().atLevel(2).build();
        Instant ackAt = T0.plus(ofMinutes(3));
        Escalation acknowledged =
                applied(transitions.decide(open, ack(carol()), ackAt)).escalation();
        assertThat(acknowledged.timerAt()).contains(ackAt.plus(ofHours(2)));

        var outcome = transitions.step(acknowledged, ackAt.plus(ofHours(2)));

        Escalation reopened = outcome.escalation();
        assertThat(reopened.status()).isEqualTo(Status.OPEN);
        assertThat(reopened.level()).isEqualTo(2);
        assertThat(reopened.acknowledgedBy()).isEmpty();
        assertThat(reopened.timerAt()).contains(ackAt.plus(ofHours(2)).plus(ofMinutes(10)));
        assertThat(announced(outcome))
                .containsExactly(
                        new Event.Escalated(2, 2, Cause.ACK_EXPIRED, Optional.empty()),
                        new Event.Tagged(
                                2,
                                3,
                                0,
                                List.of(BOB, CAROL),
                                ackAt.plus(ofHours(2)).plus(ofMinutes(10))));
    }

    @Test
    void theFirstAcknowledgementTimeIsKeptAcrossLaterAcknowledgements() {
        Instant firstAck = T0.plus(ofMinutes(3));
        Escalation acknowledged = applied(
                        transitions.decide(anEscalation().atLevel(2).build(), ack(carol()), firstAck))
                .escalation();
        Escalation reescalated =
                transitions.step(acknowledged, firstAck.plus(ofHours(2))).escalation();

        var again = applied(transitions.decide(reescalated, ack(bob()), firstAck.plus(ofHours(3))))
                .escalation();

        assertThat(again.acknowledgedBy()).contains(bob());
        assertThat(again.firstAcknowledgedAt()).contains(firstAck);
    }

    @Test
    void withoutReescalateAfterAckAnAcknowledgementWaitsOnlyForTheStaleReminder() {
        var transitions = new CheckedTransitions(
                aDirectory().path(aPaymentsPath().noReescalation().build()).build());
        Escalation open = anEscalation().atLevel(2).build();

        var acknowledged = applied(transitions.decide(open, ack(carol()), T0.plus(ofMinutes(3))))
                .escalation();

        assertThat(acknowledged.timerAt()).isEmpty();
        assertThat(acknowledged.nextStepAt()).contains(acknowledged.nextReminderAt());
    }

    @Test
    void decliningWhileOpenEscalatesToTheNextLevelNow() {
        Escalation open = anEscalation().atLevel(2).build();
        Instant declinedAt = T0.plus(ofMinutes(1));

        var outcome = applied(transitions.decide(open, decline(carol(), " on a plane "), declinedAt));

        Escalation next = outcome.escalation();
        assertThat(next.status()).isEqualTo(Status.OPEN);
        assertThat(next.level()).isEqualTo(3);
        assertThat(announced(outcome))
                .containsExactly(
                        new Event.Declined(Optional.of("on a plane")),
                        new Event.Escalated(2, 3, Cause.DECLINED, Optional.of("on a plane")),
                        new Event.Tagged(3, 3, 0, List.of(ALICE), declinedAt.plus(ofMinutes(15))));
    }

    @Test
    void decliningAfterSomeoneAcknowledgedIsOnlyRecorded() {
        var outcome = applied(transitions.decide(acknowledgedByBob, decline(carol()), T0.plus(ofMinutes(1))));

        Escalation after = outcome.escalation();
        assertThat(after.status()).isEqualTo(Status.ACKNOWLEDGED);
        assertThat(after.level()).isEqualTo(2);
        assertThat(after.acknowledgedBy()).contains(bob());
        assertThat(after.timerAt()).isEqualTo(acknowledgedByBob.timerAt());
        assertThat(newEvents(acknowledgedByBob, after)).containsExactly(new Event.Declined(Optional.empty()));
        assertThat(outcome.effects()).doesNotContain(new Effect.RefreshRoot());
    }
}
