package dev.escalator.core;

import static dev.escalator.testing.Commands.ack;
import static dev.escalator.testing.Commands.note;
import static dev.escalator.testing.Commands.reassign;
import static dev.escalator.testing.Commands.reopen;
import static dev.escalator.testing.Commands.resolve;
import static dev.escalator.testing.Commands.snooze;
import static dev.escalator.testing.Fixtures.T0;
import static dev.escalator.testing.Fixtures.alice;
import static dev.escalator.testing.Fixtures.anEscalation;
import static dev.escalator.testing.Fixtures.payments;
import static dev.escalator.testing.Fixtures.stranger;
import static dev.escalator.testing.Outcomes.applied;
import static dev.escalator.testing.Outcomes.newEvents;
import static dev.escalator.testing.Outcomes.refused;
import static dev.escalator.testing.Outcomes.rejected;
import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.testing.CheckedTransitions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An escalation's timeline cannot grow without limit (SPEC §7): notes are cut and capped, refusals counted. */
class BoundedTimelineTest {
    private static final Instant NOW = T0.plus(ofMinutes(1));
    private final CheckedTransitions transitions = new CheckedTransitions(payments());

    @Test
    void aLongNoteIsCutToTwoThousandCharactersWithAVisibleEllipsis() {
        Escalation open = anEscalation().build();

        var outcome = applied(transitions.decide(open, note(alice(), "x".repeat(20_000)), NOW));

        var noted = (Event.Noted) outcome.escalation().timeline().getLast().event();
        assertThat(noted.text()).hasSize(Transitions.LONGEST_NOTE).endsWith("x…");
    }

    @Test
    void aResolveNoteIsCutLikeANote() {
        Escalation open = anEscalation().build();

        var outcome = applied(transitions.decide(open, resolve(alice(), "y".repeat(5_000)), NOW));

        var resolved =
                (Event.Resolved) outcome.escalation().timeline().getLast().event();
        assertThat(resolved.note().orElseThrow()).hasSize(Transitions.LONGEST_NOTE);
    }

    @Test
    void cuttingNeverSplitsASurrogatePair() {
        String text = "a".repeat(Transitions.LONGEST_NOTE - 2) + "😀".repeat(10);

        String cut = Transitions.cut(text);

        assertThat(cut).endsWith("…");
        assertThat(Character.isHighSurrogate(cut.charAt(cut.length() - 2))).isFalse();
    }

    @Test
    void pastTheNoteCapANoteIsRefusedPolitelyAndNothingChanges() {
        Escalation e = anEscalation().build();
        for (int i = 0; i < Transitions.MOST_NOTES; i++) {
            e = applied(transitions.decide(e, note(alice(), "update " + i), NOW))
                    .escalation();
        }

        var problem = rejected(transitions.decide(e, note(alice(), "one more"), NOW), Problem.Kind.BAD_ARGUMENT);

        assertThat(problem.message()).contains("ESC-1 already has 500 notes").contains("was not added");
    }

    @Test
    void pastTheRefusalCapRefusalsAreCountedNotKept() {
        Escalation e = anEscalation().build();
        for (int i = 0; i < Transitions.MOST_REFUSALS; i++) {
            e = refused(transitions.decide(e, ack(stranger()), NOW)).escalation();
        }
        Escalation atCap = e;

        var outcome = refused(transitions.decide(atCap, ack(stranger()), NOW));

        assertThat(newEvents(atCap, outcome.escalation())).isEmpty();
        assertThat(outcome.escalation().refusalsNotKept()).isEqualTo(1);
        assertThat(outcome.escalation().version()).isEqualTo(atCap.version() + 1);
        assertThat(outcome.reason()).contains("cannot acknowledge ESC-1");
    }

    @Test
    void pastTheReassignCapAReassignmentIsRefusedPolitelyAndNothingChanges() {
        Escalation e = anEscalation().build();
        for (int i = 0; i < Transitions.MOST_CHANGES; i++) {
            e = applied(transitions.decide(e, reassign(alice(), new PersonId(i % 2 == 0 ? "bob" : "alice")), NOW))
                    .escalation();
        }

        var problem =
                rejected(transitions.decide(e, reassign(alice(), new PersonId("bob")), NOW), Problem.Kind.BAD_ARGUMENT);

        assertThat(problem.message())
                .contains("ESC-1 has been reassigned 100 times")
                .contains("nothing was changed");
    }

    @Test
    void pastTheSnoozeCapASnoozeIsRefusedPolitelyAndNothingChanges() {
        Escalation e = anEscalation().build();
        for (int i = 0; i < Transitions.MOST_CHANGES; i++) {
            e = applied(transitions.decide(e, snooze(alice(), ofMinutes(30)), NOW))
                    .escalation();
        }

        var problem = rejected(transitions.decide(e, snooze(alice(), ofMinutes(30)), NOW), Problem.Kind.BAD_ARGUMENT);

        assertThat(problem.message())
                .contains("ESC-1 has been snoozed 100 times")
                .contains("nothing was changed");
    }

    @Test
    void pastTheReopenCapAReopeningIsRefusedPolitelyAndNothingChanges() {
        Escalation e = anEscalation().build();
        for (int i = 0; i < Transitions.MOST_CHANGES; i++) {
            e = applied(transitions.decide(e, resolve(alice()), NOW)).escalation();
            e = applied(transitions.decide(e, reopen(alice()), NOW)).escalation();
        }
        Escalation resolved =
                applied(transitions.decide(e, resolve(alice()), NOW)).escalation();

        var problem = rejected(transitions.decide(resolved, reopen(alice()), NOW), Problem.Kind.BAD_ARGUMENT);

        assertThat(problem.message())
                .contains("ESC-1 has been reopened 100 times")
                .contains("nothing was changed");
    }

    @Test
    void pastTheRefireCapReFiresAreCountedNotKept() {
        var prometheus = new Actor.Integration("prometheus");
        Escalation e = anEscalation().reportedBy(prometheus).build();
        for (int i = 0; i < Transitions.MOST_REFIRES; i++) {
            e = applied(transitions.decide(e, new Command.AlertFired(prometheus, List.of("pod=" + i)), NOW))
                    .escalation();
        }
        Escalation atCap = e;

        var outcome = applied(transitions.decide(atCap, new Command.AlertFired(prometheus, List.of("pod=x")), NOW));

        assertThat(newEvents(atCap, outcome.escalation())).isEmpty();
        assertThat(outcome.effects()).as("the thread hears no more").isEmpty();
        assertThat(outcome.escalation().refiresNotKept()).isEqualTo(1);
        assertThat(outcome.escalation().version()).isEqualTo(atCap.version() + 1);
    }
}
