package dev.escalator.core;

import static dev.escalator.testing.Fixtures.ALICE;
import static dev.escalator.testing.Fixtures.BOB;
import static dev.escalator.testing.Fixtures.CAROL;
import static dev.escalator.testing.Fixtures.PAYMENTS;
import static dev.escalator.testing.Fixtures.T0;
import static dev.escalator.testing.Fixtures.anOpenRequest;
import static dev.escalator.testing.Fixtures.payments;
import static dev.escalator.testing.Fixtures.reporter;
import static dev.escalator.testing.Outcomes.announced;
import static dev.escalator.testing.Outcomes.applied;
import static dev.escalator.testing.Outcomes.rejected;
import static java.time.Duration.ofDays;
import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.testing.CheckedTransitions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OpeningTest {
    private static final EscalationId ESC_7 = new EscalationId(7);
    private final CheckedTransitions transitions = new CheckedTransitions(payments());

    @Test
    void openingTagsTheStartLevelAndStartsItsTimer() {
        var outcome = applied(transitions.open(ESC_7, anOpenRequest().build(), T0));

        Escalation opened = outcome.escalation();
        assertThat(opened.id()).isEqualTo(ESC_7);
        assertThat(opened.status()).isEqualTo(Status.OPEN);
        assertThat(opened.level()).isEqualTo(1);
        assertThat(opened.round()).isZero();
        assertThat(opened.tagged()).containsExactly(ALICE);
        assertThat(opened.timerAt()).contains(T0.plus(ofMinutes(5)));
        assertThat(opened.nextStepAt()).contains(T0.plus(ofMinutes(5)));
        assertThat(opened.openedAt()).isEqualTo(T0);
    }

    @Test
    void openingPostsTheRootMessageThenAnnouncesTheOpeningAndTheTagInItsThread() {
        var outcome = applied(transitions.open(ESC_7, anOpenRequest().build(), T0));

        assertThat(outcome.escalation().timeline())
                .extracting(TimelineEntry::event)
                .containsExactly(
                        new Event.Opened("Checkout is failing", Severity.DEFAULT, PAYMENTS),
                        new Event.Tagged(1, 3, 0, List.of(ALICE), T0.plus(ofMinutes(5))));
        assertThat(outcome.escalation().timeline())
                .allMatch(entry -> entry.actor().equals(reporter()));
        assertThat(outcome.effects()).first().isEqualTo(new Effect.PostRoot());
        assertThat(announced(outcome))
                .containsExactly(
                        new Event.Opened("Checkout is failing", Severity.DEFAULT, PAYMENTS),
                        new Event.Tagged(1, 3, 0, List.of(ALICE), T0.plus(ofMinutes(5))));
    }

    @ParameterizedTest(name = "opened at {0}: {1} is tagged")
    @CsvSource({
        "2024-06-03T10:00:00Z, alice", // T0
        "2024-06-10T06:59:59Z, alice", // a second before bob's shift
        "2024-06-10T07:00:00Z, bob", // Monday 09:00 Berlin: bob takes over
        "2024-06-12T15:00:00Z, bob"
    })
    void theRotationIsResolvedToWhoeverIsOnCallAtTheMomentOfOpening(Instant now, String onCall) {
        var opened =
                applied(transitions.open(ESC_7, anOpenRequest().build(), now)).escalation();

        assertThat(opened.tagged()).containsExactly(new PersonId(onCall));
        assertThat(opened.timerAt()).contains(now.plus(ofMinutes(5)));
    }

    @Test
    void severityOneStartsAtLevelTwo() {
        var opened = applied(transitions.open(ESC_7, anOpenRequest().severity(1).build(), T0))
                .escalation();

        assertThat(opened.level()).isEqualTo(2);
        assertThat(opened.tagged()).containsExactly(BOB, CAROL);
        assertThat(opened.timerAt()).contains(T0.plus(ofMinutes(10)));
    }

    @ParameterizedTest(name = "severity {0}")
    @ValueSource(ints = {2, 3, 4})
    void otherSeveritiesStartAtLevelOne(int severity) {
        var opened = applied(transitions.open(
                        ESC_7, anOpenRequest().severity(severity).build(), T0))
                .escalation();

        assertThat(opened.level()).isEqualTo(1);
        assertThat(opened.severity()).isEqualTo(new Severity(severity));
    }

    @Test
    void theFirstStaleReminderIsDueStaleAfterTheOpening() {
        var opened =
                applied(transitions.open(ESC_7, anOpenRequest().build(), T0)).escalation();

        assertThat(opened.nextReminderAt()).isEqualTo(T0.plus(ofDays(30)));
    }

    @Test
    void theTitleIsKeptWithoutSurroundingSpaces() {
        var opened = applied(transitions.open(
                        ESC_7,
                        anOpenRequest().titled("  Checkout is failing \n").build(),
                        T0))
                .escalation();

        assertThat(opened.title()).isEqualTo("Checkout is failing");
    }

    @ParameterizedTest(name = "title \"{0}\"")
    @ValueSource(strings = {"", "   ", "\n\t"})
    void anEscalationWithoutATitleIsRejected(String title) {
        var problem =
                rejected(transitions.open(ESC_7, anOpenRequest().titled(title).build(), T0));

        assertThat(problem.kind()).isEqualTo(Problem.Kind.BAD_ARGUMENT);
        assertThat(problem.message()).contains("needs a title");
    }

    @Test
    void anUnknownPathIsRejectedNamingTheKnownOnes() {
        var problem = rejected(
                transitions.open(ESC_7, anOpenRequest().onPath("billing").build(), T0));

        assertThat(problem.kind()).isEqualTo(Problem.Kind.UNKNOWN);
        assertThat(problem.message()).contains("no path `billing`", "known: infra, payments");
    }
}
