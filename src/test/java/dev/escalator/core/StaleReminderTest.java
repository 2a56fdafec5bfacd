package dev.escalator.core;

import static dev.escalator.testing.Fixtures.T0;
import static dev.escalator.testing.Fixtures.aDirectory;
import static dev.escalator.testing.Fixtures.aPaymentsPath;
import static dev.escalator.testing.Fixtures.anEscalation;
import static dev.escalator.testing.Outcomes.announced;
import static java.time.Duration.ofDays;
import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.testing.CheckedTransitions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Reminders on escalations left unresolved for the path's {@code stale_after} (30 days here). */
class StaleReminderTest {
    private final CheckedTransitions transitions = new CheckedTransitions(
            aDirectory().path(aPaymentsPath().noReescalation().build()).build());
    private final Escalation acknowledged = anEscalation()
            .in(transitions.directory())
            .atLevel(2)
            .withStatus(Status.ACKNOWLEDGED)
            .build();

    @Test
    void anUnresolvedEscalationIsRemindedStaleAfterItWasOpened() {
        Instant stale = T0.plus(ofDays(30));

        var outcome = transitions.step(acknowledged, stale);

        Escalation after = outcome.escalation();
        assertThat(announced(outcome)).containsExactly(new Event.Reminder(ofDays(30)));
        assertThat(outcome.effects()).doesNotContain(new Effect.RefreshRoot());
        assertThat(after.status()).isEqualTo(Status.ACKNOWLEDGED);
        assertThat(after.level()).isEqualTo(2);
        assertThat(after.nextReminderAt()).isEqualTo(stale.plus(ofDays(30)));
    }

    @Test
    void aSecondBeforeItIsStaleNothingIsDue() {
        transitions.assertNothingDueAt(acknowledged, T0.plus(ofDays(30)).minusSeconds(1));
    }

    @Test
    void afterAnOutageOneReminderIsSentAndTheNextComesAFullPeriodLater() {
        Instant backUp = T0.plus(ofDays(45));

        var after = transitions.step(acknowledged, backUp).escalation();

        assertThat(after.timeline().getLast().event()).isEqualTo(new Event.Reminder(ofDays(45)));
        assertThat(after.nextReminderAt()).isEqualTo(backUp.plus(ofDays(30)));
        transitions.assertNothingDueAt(after, backUp);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(
            value = Status.class,
            names = {"SNOOZED", "EXHAUSTED"})
    void everyUnresolvedStatusIsReminded(Status status) {
        Escalation escalation = anEscalation()
                .in(transitions.directory())
                .withStatus(status)
                .snoozedUntil(T0.plus(ofDays(31)))
                .build();

        var after = transitions.step(escalation, T0.plus(ofDays(30))).escalation();

        assertThat(after.status()).isEqualTo(status);
        assertThat(after.timeline().getLast().event()).isEqualTo(new Event.Reminder(ofDays(30)));
    }

    @Test
    void thePathsStaleAfterIsUsed() {
        var weekly = new CheckedTransitions(
                aDirectory().path(aPaymentsPath().staleAfter(ofDays(7)).build()).build());
        Escalation exhausted = anEscalation()
                .in(weekly.directory())
                .withStatus(Status.EXHAUSTED)
                .build();

        var after = weekly.step(exhausted, T0.plus(ofDays(7))).escalation();

        assertThat(after.nextReminderAt()).isEqualTo(T0.plus(ofDays(14)));
    }

    @Test
    void whenATimerAndTheReminderAreDueTogetherEachStepDoesOneOfThem() {
        var soonStale = new CheckedTransitions(aDirectory()
                .path(aPaymentsPath().staleAfter(ofMinutes(5)).build())
                .build());
        Escalation open = anEscalation().in(soonStale.directory()).atLevel(1).build();
        Instant bothDue = T0.plus(ofMinutes(5));

        Escalation climbed = soonStale.step(open, bothDue).escalation();
        Escalation reminded = soonStale.step(climbed, bothDue).escalation();

        assertThat(climbed.level()).isEqualTo(2);
        assertThat(reminded.timeline().getLast().event()).isEqualTo(new Event.Reminder(ofMinutes(5)));
        soonStale.assertNothingDueAt(reminded, bothDue);
    }
}
