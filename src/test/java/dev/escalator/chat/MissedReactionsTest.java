package dev.escalator.chat;

import static dev.escalator.testing.Fixtures.T0;
import static dev.escalator.testing.ScenarioData.ALICE;
import static dev.escalator.testing.ScenarioData.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.core.Action;
import dev.escalator.core.Actor;
import dev.escalator.core.ChatUser;
import dev.escalator.core.Command;
import dev.escalator.core.Escalation;
import dev.escalator.core.EscalationId;
import dev.escalator.core.Outcome;
import dev.escalator.core.Platform;
import dev.escalator.core.Transitions;
import dev.escalator.testing.ScenarioData;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MissedReactionsTest {
    final Transitions transitions = new Transitions(ScenarioData.twoLevels(Duration.ofMinutes(5)));
    final ChatUser alice = ALICE.account();
    final ChatUser bob = BOB.account();

    @Test
    void aReactionNobodyActedOnIsMissed() {
        Escalation e = opened();

        assertThat(MissedReactions.alreadyRecorded(e, alice, Action.ACKNOWLEDGE))
                .isFalse();
    }

    @Test
    void anOldResolveReactionDoesNotResolveAgainAfterAReopen() {
        Escalation e = apply(opened(), new Command.Resolve(ALICE, Optional.empty()));
        e = apply(e, new Command.Reopen(ALICE));

        assertThat(MissedReactions.alreadyRecorded(e, alice, Action.RESOLVE)).isTrue();
        assertThat(MissedReactions.alreadyRecorded(e, bob, Action.RESOLVE))
                .as("someone else's")
                .isFalse();
        assertThat(MissedReactions.alreadyRecorded(e, alice, Action.ACKNOWLEDGE))
                .as("another action")
                .isFalse();
    }

    @Test
    void aRefusedReactionIsNotAppliedAgain() {
        var eve = new ChatUser(Platform.SLACK, "U0EVE");
        Escalation e = apply(opened(), new Command.Acknowledge(Actor.User.stranger(eve)));

        assertThat(MissedReactions.alreadyRecorded(e, eve, Action.ACKNOWLEDGE)).isTrue();
    }

    private Escalation opened() {
        return ScenarioData.opened(transitions, new EscalationId(1), T0);
    }

    private Escalation apply(Escalation e, Command command) {
        return switch (transitions.decide(e, command, T0.plusSeconds(60))) {
            case Outcome.Applied applied -> applied.escalation();
            case Outcome.Refused refused -> refused.escalation();
            default -> throw new AssertionError("unexpected outcome");
        };
    }
}
