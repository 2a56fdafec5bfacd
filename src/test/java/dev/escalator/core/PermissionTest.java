package dev.escalator.core;

import static dev.escalator.testing.Commands.ack;
import static dev.escalator.testing.Commands.note;
import static dev.escalator.testing.Commands.reopen;
import static dev.escalator.testing.Commands.resolve;
import static dev.escalator.testing.Commands.up;
import static dev.escalator.testing.Fixtures.ALICE;
import static dev.escalator.testing.Fixtures.DAVE;
import static dev.escalator.testing.Fixtures.T0;
import static dev.escalator.testing.Fixtures.aDirectory;
import static dev.escalator.testing.Fixtures.aPath;
import static dev.escalator.testing.Fixtures.actor;
import static dev.escalator.testing.Fixtures.alice;
import static dev.escalator.testing.Fixtures.anEscalation;
import static dev.escalator.testing.Fixtures.bob;
import static dev.escalator.testing.Fixtures.dave;
import static dev.escalator.testing.Fixtures.onCall;
import static dev.escalator.testing.Fixtures.payments;
import static dev.escalator.testing.Fixtures.reporter;
import static dev.escalator.testing.Fixtures.stranger;
import static dev.escalator.testing.Outcomes.applied;
import static dev.escalator.testing.Outcomes.newEvents;
import static dev.escalator.testing.Outcomes.refused;
import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.testing.CheckedTransitions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Who may act (SPEC §7); the table of refusals is in {@link TransitionTableTest}. */
class PermissionTest {
    private static final Instant NOW = T0.plus(ofMinutes(1));
    private final CheckedTransitions transitions = new CheckedTransitions(payments());

    @Test
    void reactionByStrangerIsRefusedAndRecorded() {
        Escalation open = anEscalation().build();

        var outcome = refused(transitions.decide(open, ack(stranger()), NOW));

        assertThat(outcome.action()).isEqualTo(Action.ACKNOWLEDGE);
        assertThat(outcome.escalation().status()).isEqualTo(Status.OPEN);
        assertThat(newEvents(open, outcome.escalation()))
                .containsExactly(new Event.Refused(Action.ACKNOWLEDGE, outcome.reason()));
        assertThat(outcome.reason())
                .contains(
                        "your Slack account is not in Escalator's configuration",
                        "cannot acknowledge ESC-1",
                        "`payments` path");
    }

    @Test
    void aConfiguredPersonOffThePathIsToldWhoMayAct() {
        Escalation open = anEscalation().build();

        var outcome = refused(transitions.decide(open, resolve(dave()), NOW));

        assertThat(outcome.reason())
                .isEqualTo("only people on the `payments` path (alice, bob, carol) or an admin can resolve ESC-1.");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"alice", "bob", "carol"})
    void everyoneOnThePathMayActAtAnyLevel(String person) {
        Escalation atLevelOne = anEscalation().atLevel(1).build();

        var outcome = transitions.decide(atLevelOne, ack(actor(new PersonId(person))), NOW);

        assertThat(applied(outcome).escalation().status()).isEqualTo(Status.ACKNOWLEDGED);
    }

    @Test
    void theReporterMayResolveTheirOwnEscalationEvenWhenUnconfigured() {
        Escalation open = anEscalation().reportedBy(reporter()).build();

        var outcome = transitions.decide(open, resolve(reporter(), "false alarm"), NOW);

        assertThat(applied(outcome).escalation().status()).isEqualTo(Status.RESOLVED);
    }

    @Test
    void theReporterMayNotAcknowledgeOrEscalateTheirOwnEscalation() {
        Escalation open = anEscalation().reportedBy(reporter()).build();

        assertThat(refused(transitions.decide(open, ack(reporter()), NOW)).action())
                .isEqualTo(Action.ACKNOWLEDGE);
        assertThat(refused(transitions.decide(open, up(reporter()), NOW)).action())
                .isEqualTo(Action.ESCALATE);
    }

    @Test
    void aConfiguredReporterIsRecognisedAsThePersonWhicheverAccountTheyUse() {
        var aliceOnDiscord = Actor.User.known(new ChatUser(Platform.DISCORD, "111111111111111111"), ALICE);
        var transitions = new CheckedTransitions(aDirectory().admins().build());
        Escalation onInfra = anEscalation().onPath("infra").reportedBy(alice()).build();

        var outcome = transitions.decide(onInfra, resolve(aliceOnDiscord), NOW);

        assertThat(applied(outcome).escalation().status()).isEqualTo(Status.RESOLVED);
    }

    @Test
    void adminsMayActOnAnyPath() {
        Escalation onInfra = anEscalation().onPath("infra").build();

        var byAdmin = transitions.decide(onInfra, ack(alice()), NOW);
        var byBob = transitions.decide(onInfra, ack(bob()), NOW);

        assertThat(applied(byAdmin).escalation().acknowledgedBy()).contains(alice());
        assertThat(refused(byBob).reason()).contains("`infra` path (dave)");
    }

    @Test
    void aRotationMemberWhoIsNotOnCallMayAct() {
        var transitions = new CheckedTransitions(aDirectory()
                .path(aPath("payments")
                        .level(ofMinutes(5), onCall("payments-primary"))
                        .build())
                .build());
        Escalation open = anEscalation().in(transitions.directory()).build();
        assertThat(open.tagged()).containsExactly(ALICE);

        var outcome = transitions.decide(open, ack(bob()), NOW);

        assertThat(applied(outcome).escalation().acknowledgedBy()).contains(bob());
    }

    @Test
    void theReassignedPersonMayAct() {
        Escalation reassigned = anEscalation().atLevel(2).tagged(DAVE).build();

        var outcome = transitions.decide(reassigned, ack(dave()), NOW);

        assertThat(applied(outcome).escalation().acknowledgedBy()).contains(dave());
    }

    @Test
    void anyoneMayAddANote() {
        Escalation open = anEscalation().build();

        var outcome = applied(transitions.decide(open, note(stranger(), "  saw the same on mobile "), NOW));

        assertThat(newEvents(open, outcome.escalation())).containsExactly(new Event.Noted("saw the same on mobile"));
        assertThat(outcome.escalation().timeline().getLast().actor()).isEqualTo(stranger());
    }

    @Test
    void aStrangerCannotReopenSomeoneElsesEscalation() {
        Escalation resolved = anEscalation().withStatus(Status.RESOLVED).build();

        var outcome = refused(transitions.decide(resolved, reopen(stranger()), NOW));

        assertThat(outcome.escalation().status()).isEqualTo(Status.RESOLVED);
    }

    @Test
    void aStrangersNoteTypedInAnotherChannelIsRefusedAndRecordedWithoutTheTitle() {
        Escalation open = anEscalation().titled("Secret merger talks leaked").build();
        var elsewhere = new ChannelRef(Platform.SLACK, "C0ELSEWHERE");

        var outcome = refused(
                transitions.decide(open, new Command.Note(stranger(), "hello", java.util.Optional.of(elsewhere)), NOW));

        assertThat(newEvents(open, outcome.escalation()))
                .singleElement()
                .isInstanceOfSatisfying(
                        Event.Refused.class,
                        refusal -> assertThat(refusal.action()).isEqualTo(Action.NOTE));
        assertThat(outcome.reason()).contains("ESC-1", "configuration").doesNotContain("Secret merger");
    }

    @Test
    void aStrangersNoteTypedInTheEscalationsOwnChannelIsAdded() {
        Escalation open = anEscalation().build();

        var outcome = applied(transitions.decide(
                open, new Command.Note(stranger(), "hello", java.util.Optional.of(open.home())), NOW));

        assertThat(newEvents(open, outcome.escalation())).containsExactly(new Event.Noted("hello"));
    }
}
