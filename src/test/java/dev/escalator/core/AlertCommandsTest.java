package dev.escalator.core;

import static dev.escalator.testing.Fixtures.T0;
import static dev.escalator.testing.Fixtures.anEscalation;
import static dev.escalator.testing.Fixtures.anOpenRequest;
import static dev.escalator.testing.Fixtures.bob;
import static dev.escalator.testing.Fixtures.payments;
import static dev.escalator.testing.Outcomes.announced;
import static dev.escalator.testing.Outcomes.applied;
import static dev.escalator.testing.Outcomes.newEvents;
import static dev.escalator.testing.Outcomes.rejected;
import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.testing.CheckedTransitions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What an integration's alerts do to the escalation it opened (SPEC §10). */
class AlertCommandsTest {
    private static final Actor.Integration PROMETHEUS = new Actor.Integration("prometheus");

    private final CheckedTransitions transitions = new CheckedTransitions(payments());
    private final Escalation opened = anEscalation().reportedBy(PROMETHEUS).build();

    @Test
    void anIntegrationCanReportAnEscalation() {
        var outcome = applied(transitions.open(
                new EscalationId(7), anOpenRequest().by(PROMETHEUS).build(), T0));

        assertThat(outcome.escalation().reporter()).isEqualTo(PROMETHEUS);
        assertThat(outcome.escalation().timeline().getFirst().actor()).isEqualTo(PROMETHEUS);
    }

    @Test
    void aRefireIsRecordedAndToldAtMostOnceInTenMinutes() {
        var first = applied(transitions.decide(
                opened, new Command.AlertFired(PROMETHEUS, List.of("HighLatency pod=a")), T0.plus(ofMinutes(1))));
        var second = applied(transitions.decide(
                first.escalation(),
                new Command.AlertFired(PROMETHEUS, List.of("HighLatency pod=b")),
                T0.plus(ofMinutes(9))));
        var third = applied(transitions.decide(
                second.escalation(), new Command.AlertFired(PROMETHEUS, List.of()), T0.plus(ofMinutes(10))));
        var fourth = applied(transitions.decide(
                third.escalation(), new Command.AlertFired(PROMETHEUS, List.of()), T0.plus(ofMinutes(15))));

        assertThat(newEvents(opened, first.escalation()))
                .containsExactly(new Event.AlertFired(List.of("HighLatency pod=a"), false));
        assertThat(announced(first)).isEmpty();
        assertThat(announced(second)).isEmpty();
        assertThat(announced(third))
                .containsExactly(new Event.AlertFired(List.of("HighLatency pod=a", "HighLatency pod=b"), true));
        assertThat(announced(fourth)).isEmpty();
        assertThat(fourth.escalation().status()).isEqualTo(Status.OPEN);
    }

    @Test
    void aResolvedAlertResolvesOrOnlyNotes() {
        var resolved = applied(transitions.decide(opened, new Command.AlertResolved(PROMETHEUS, true), T0));
        var noted = applied(transitions.decide(opened, new Command.AlertResolved(PROMETHEUS, false), T0));

        assertThat(resolved.escalation().status()).isEqualTo(Status.RESOLVED);
        assertThat(announced(resolved)).containsExactly(new Event.Resolved(Optional.of("resolved at the source")));
        assertThat(noted.escalation().status()).isEqualTo(Status.OPEN);
        assertThat(announced(noted)).singleElement().isInstanceOf(Event.Noted.class);
    }

    @Test
    void theIntegrationAcknowledges() {
        var acknowledged = applied(transitions.decide(opened, new Command.AlertAcknowledged(PROMETHEUS), T0));

        assertThat(acknowledged.escalation().status()).isEqualTo(Status.ACKNOWLEDGED);
        assertThat(acknowledged.escalation().acknowledgedBy()).contains(PROMETHEUS);
    }

    @Test
    void aRefireOfAResolvedEscalationIsRejectedSoThatANewOneOpens() {
        var resolved = applied(transitions.decide(opened, new Command.AlertResolved(PROMETHEUS, true), T0))
                .escalation();

        var problem = rejected(
                transitions.decide(resolved, new Command.AlertFired(PROMETHEUS, List.of()), T0.plus(ofMinutes(1))));

        assertThat(problem.kind()).isEqualTo(Problem.Kind.WRONG_STATUS);
    }

    @Test
    void anotherIntegrationHasNoSayOnIt() {
        var problem = rejected(
                transitions.decide(opened, new Command.AlertResolved(new Actor.Integration("other"), true), T0));

        assertThat(problem.kind()).isEqualTo(Problem.Kind.BAD_ARGUMENT);
    }

    @Test
    void peopleStillActOnAnAlertEscalation() {
        var acknowledged = applied(transitions.decide(opened, new Command.Acknowledge(bob()), T0));

        assertThat(acknowledged.escalation().status()).isEqualTo(Status.ACKNOWLEDGED);
    }
}
