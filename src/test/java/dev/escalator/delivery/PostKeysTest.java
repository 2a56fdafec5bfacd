package dev.escalator.delivery;

import static dev.escalator.testing.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.core.Command;
import dev.escalator.core.Effect;
import dev.escalator.core.Escalation;
import dev.escalator.core.EscalationId;
import dev.escalator.core.Event;
import dev.escalator.core.Outcome;
import dev.escalator.core.PersonId;
import dev.escalator.core.Platform;
import dev.escalator.core.TimelineEntry;
import dev.escalator.core.Transitions;
import dev.escalator.testing.ScenarioData;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A post's key says since when it can exist: what bounds the look for a post in doubt by time. */
class PostKeysTest {
    final Transitions transitions = new Transitions(ScenarioData.twoLevels(Duration.ofMinutes(5)));

    @Test
    void aPostIsDecidedWithTheEntryItTellsOfAndARootWhenTheEscalationOpened() {
        Escalation opened = ScenarioData.opened(transitions, new EscalationId(7), T0);
        Escalation e = ((Outcome.Applied)
                        transitions.decide(opened, new Command.StepDue(), T0.plus(Duration.ofMinutes(5))))
                .escalation();
        TimelineEntry levelTwo = e.timeline().stream()
                .filter(entry -> entry.event() instanceof Event.Tagged)
                .reduce((first, second) -> second)
                .orElseThrow();

        assertThat(DeliverEffects.rootKey(e, true).notBefore()).contains(T0);
        assertThat(DeliverEffects.runKey(e, pending(new Effect.Announce(levelTwo.seq())), true)
                        .notBefore())
                .contains(levelTwo.at());
        assertThat(DeliverEffects.runKey(
                                e,
                                pending(new Effect.DirectMessage(new PersonId("bob"), Platform.SLACK, levelTwo.seq())),
                                true)
                        .notBefore())
                .contains(T0.plus(Duration.ofMinutes(5)));
        assertThat(DeliverEffects.runKey(e, pending(new Effect.RefreshRoot()), true)
                        .notBefore())
                .as("an edit looks for nothing")
                .isEmpty();
    }

    private static PendingEffect pending(Effect effect) {
        return new PendingEffect("3.0", effect, 1, 3, true, false);
    }
}
