package dev.escalator.core;

import static dev.escalator.testing.Commands.reassign;
import static dev.escalator.testing.Commands.up;
import static dev.escalator.testing.Commands.upTo;
import static dev.escalator.testing.Fixtures.ALICE;
import static dev.escalator.testing.Fixtures.BOB;
import static dev.escalator.testing.Fixtures.CAROL;
import static dev.escalator.testing.Fixtures.DAVE;
import static dev.escalator.testing.Fixtures.T0;
import static dev.escalator.testing.Fixtures.anEscalation;
import static dev.escalator.testing.Fixtures.bob;
import static dev.escalator.testing.Fixtures.carol;
import static dev.escalator.testing.Fixtures.payments;
import static dev.escalator.testing.Outcomes.announced;
import static dev.escalator.testing.Outcomes.applied;
import static dev.escalator.testing.Outcomes.rejected;
import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.testing.CheckedTransitions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Escalating by hand ({@code up}, {@code up to:N}) and reassigning. */
class ManualEscalationTest {
    private static final Instant NOW = T0.plus(ofMinutes(2));
    private final CheckedTransitions transitions = new CheckedTransitions(payments());

    @Test
    void upTagsTheNextLevelNowWithItsReason() {
        Escalation open = anEscalation().atLevel(1).build();

        var outcome = applied(transitions.decide(open, up(bob(), "customers are calling"), NOW));

        assertThat(outcome.escalation().level()).isEqualTo(2);
        assertThat(outcome.escalation().timerAt()).contains(NOW.plus(ofMinutes(10)));
        assertThat(announced(outcome))
                .containsExactly(
                        new Event.Escalated(1, 2, Cause.MANUAL, Optional.of("customers are calling")),
                        new Event.Tagged(2, 3, 0, List.of(BOB, CAROL), NOW.plus(ofMinutes(10))));
    }

    @Test
    void upFromAcknowledgedStartsEscalatingAgainAtTheNextLevel() {
        Escalation acknowledged =
                anEscalation().atLevel(2).withStatus(Status.ACKNOWLEDGED).build();

        var after = applied(transitions.decide(acknowledged, up(bob()), NOW)).escalation();

        assertThat(after.status()).isEqualTo(Status.OPEN);
        assertThat(after.level()).isEqualTo(3);
        assertThat(after.tagged()).containsExactly(ALICE);
        assertThat(after.acknowledgedBy()).isEmpty();
        assertThat(after.firstAcknowledgedAt()).isEqualTo(acknowledged.firstAcknowledgedAt());
        assertThat(after.timerAt()).contains(NOW.plus(ofMinutes(15)));
    }

    @Test
    void upToJumpsToThatLevel() {
        Escalation open = anEscalation().atLevel(1).build();

        var outcome = applied(transitions.decide(open, upTo(bob(), 3), NOW));

        assertThat(outcome.escalation().level()).isEqualTo(3);
        assertThat(outcome.escalation().tagged()).containsExactly(ALICE);
        assertThat(announced(outcome)).first().isEqualTo(new Event.Escalated(1, 3, Cause.MANUAL, Optional.empty()));
    }

    @Test
    void upToALevelThatDoesNotExistSaysWhichLevelsDo() {
        Escalation open = anEscalation().atLevel(1).build();

        var problem = rejected(transitions.decide(open, upTo(bob(), 9), NOW));

        assertThat(problem.kind()).isEqualTo(Problem.Kind.BAD_ARGUMENT);
        assertThat(problem.message()).contains("`payments` path has levels 1 to 3", "no level 9");
    }

    @Test
    void upFromExhaustedRestartsThePathWithAllItsRepeats() {
        Escalation exhausted = anEscalation()
                .atLevel(3)
                .inRound(1)
                .withStatus(Status.EXHAUSTED)
                .build();

        var restarted = applied(transitions.decide(exhausted, up(bob()), NOW)).escalation();

        assertThat(restarted.status()).isEqualTo(Status.OPEN);
        assertThat(restarted.level()).isEqualTo(1);
        assertThat(restarted.round()).isZero();
        assertThat(restarted.tagged()).containsExactly(ALICE);
    }

    @Test
    void upToFromExhaustedAlsoRestartsTheRepeats() {
        Escalation exhausted = anEscalation()
                .atLevel(3)
                .inRound(1)
                .withStatus(Status.EXHAUSTED)
                .build();
        Escalation atLevel2 =
                applied(transitions.decide(exhausted, upTo(bob(), 2), NOW)).escalation();
        Escalation atLevel3 =
                transitions.step(atLevel2, NOW.plus(ofMinutes(10))).escalation();

        var afterLastLevel = transitions.step(atLevel3, NOW.plus(ofMinutes(25))).escalation();

        assertThat(afterLastLevel.status())
                .as("the path repeats instead of exhausting again")
                .isEqualTo(Status.OPEN);
        assertThat(afterLastLevel.level()).isEqualTo(1);
        assertThat(afterLastLevel.round()).isEqualTo(1);
    }

    @Test
    void reassigningTagsThatPersonAtTheCurrentLevelWithAFreshTimer() {
        Escalation open = anEscalation().atLevel(2).build();
        Instant reassignedAt = T0.plus(ofMinutes(8));

        var outcome = applied(transitions.decide(open, reassign(carol(), DAVE), reassignedAt));

        Escalation after = outcome.escalation();
        assertThat(after.status()).isEqualTo(Status.OPEN);
        assertThat(after.level()).isEqualTo(2);
        assertThat(after.tagged()).containsExactly(DAVE);
        assertThat(after.timerAt()).contains(reassignedAt.plus(ofMinutes(10)));
        assertThat(announced(outcome))
                .containsExactly(
                        new Event.Reassigned(DAVE),
                        new Event.Tagged(2, 3, 0, List.of(DAVE), reassignedAt.plus(ofMinutes(10))));
    }

    @Test
    void whenTheReassignedPersonDoesNotAcknowledgeTheNextLevelFollows() {
        Escalation reassigned = anEscalation().atLevel(2).tagged(DAVE).build();

        var next = transitions.step(reassigned, T0.plus(ofMinutes(10))).escalation();

        assertThat(next.level()).isEqualTo(3);
        assertThat(next.tagged()).containsExactly(ALICE);
    }

    @Test
    void reassigningToSomeoneUnknownNamesThePeopleThereAre() {
        Escalation open = anEscalation().atLevel(2).build();

        var problem = rejected(transitions.decide(open, reassign(bob(), new PersonId("bobb")), NOW));

        assertThat(problem.kind()).isEqualTo(Problem.Kind.UNKNOWN);
        assertThat(problem.message()).contains("`bobb`", "alice, bob, carol, dave");
    }
}
