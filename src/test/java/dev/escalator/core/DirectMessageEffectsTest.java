package dev.escalator.core;

import static dev.escalator.testing.Commands.ack;
import static dev.escalator.testing.Commands.note;
import static dev.escalator.testing.Commands.up;
import static dev.escalator.testing.Fixtures.ALICE;
import static dev.escalator.testing.Fixtures.BOB;
import static dev.escalator.testing.Fixtures.CAROL;
import static dev.escalator.testing.Fixtures.T0;
import static dev.escalator.testing.Fixtures.aDirectory;
import static dev.escalator.testing.Fixtures.anEscalation;
import static dev.escalator.testing.Fixtures.anOpenRequest;
import static dev.escalator.testing.Fixtures.bob;
import static dev.escalator.testing.Fixtures.payments;
import static dev.escalator.testing.Outcomes.applied;
import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.chat.Narrator;
import dev.escalator.testing.CheckedTransitions;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** SPEC §11: who gets a direct message when tagged, on which platforms, and when the messages are refreshed. */
class DirectMessageEffectsTest {
    private final CheckedTransitions transitions = new CheckedTransitions(payments());

    @Test
    void eachPersonTaggedIsMessagedOnEveryPlatformWhereTheyHaveAnAccountAfterTheTagAndTheRefreshes() {
        Escalation atLevelOne = anEscalation().atLevel(1).build();

        var outcome = applied(transitions.decide(atLevelOne, up(bob()), T0.plus(ofMinutes(1))));

        int tag = outcome.escalation().timeline().getLast().seq();
        assertThat(outcome.effects())
                .containsSubsequence(
                        new Effect.Announce(tag),
                        new Effect.RefreshRoot(),
                        new Effect.RefreshDirectMessages(),
                        new Effect.DirectMessage(BOB, Platform.SLACK, tag),
                        new Effect.DirectMessage(CAROL, Platform.DISCORD, tag));
    }

    @Test
    void someoneWithAccountsOnBothPlatformsIsMessagedOnBoth() {
        var outcome =
                applied(transitions.open(new EscalationId(1), anOpenRequest().build(), T0));

        int tag = outcome.escalation().timeline().getLast().seq();
        assertThat(outcome.effects())
                .contains(
                        new Effect.DirectMessage(ALICE, Platform.SLACK, tag),
                        new Effect.DirectMessage(ALICE, Platform.DISCORD, tag));
    }

    @Test
    void someoneWhoSaysDmFalseIsOnlyTaggedInTheThread() {
        Directory quietCarol = aDirectory()
                .person(new Person(CAROL, Map.of(Platform.DISCORD, "333333333333333333"), Optional.empty(), false))
                .build();
        var quiet = new CheckedTransitions(quietCarol);
        Escalation atLevelOne = anEscalation().atLevel(1).build();

        var outcome = applied(quiet.decide(atLevelOne, up(bob()), T0.plus(ofMinutes(1))));

        assertThat(outcome.effects())
                .filteredOn(Effect.DirectMessage.class::isInstance)
                .extracting(effect -> ((Effect.DirectMessage) effect).person())
                .containsExactly(BOB);
    }

    @Test
    void onABotNotConnectedToDiscordSomeoneOnlyThereIsRecordedAsNotReachedAndTheStepStillCounts() {
        var slackOnly = new CheckedTransitions(payments().connectedTo(Set.of(Platform.SLACK)));
        Escalation atLevelOne = anEscalation().atLevel(1).build();
        Instant now = T0.plus(ofMinutes(1));

        var outcome = applied(slackOnly.decide(atLevelOne, up(bob()), now));

        var escalation = outcome.escalation();
        int tag = escalation.timeline().stream()
                .filter(entry -> entry.event() instanceof Event.Tagged)
                .reduce((first, second) -> second)
                .orElseThrow()
                .seq();
        assertThat(escalation.level()).as("the step counts").isEqualTo(2);
        assertThat(escalation.tagged()).containsExactly(BOB, CAROL);
        assertThat(escalation.timeline().getLast())
                .isEqualTo(new TimelineEntry(
                        tag + 1,
                        now,
                        Actor.BOT,
                        new Event.NotReached(
                                CAROL, Platform.DISCORD, tag, "no Slack account and Discord is not connected")));
        assertThat(outcome.effects())
                .filteredOn(Effect.DirectMessage.class::isInstance)
                .containsExactly(new Effect.DirectMessage(BOB, Platform.SLACK, tag));
    }

    @Test
    void onABotNotConnectedToDiscordSomeoneWithBothAccountsIsMessagedOnSlackOnlyAndCountsAsReached() {
        var slackOnly = new CheckedTransitions(payments().connectedTo(Set.of(Platform.SLACK)));

        var outcome =
                applied(slackOnly.open(new EscalationId(1), anOpenRequest().build(), T0));

        int tag = outcome.escalation().timeline().getLast().seq();
        assertThat(outcome.escalation().timeline().getLast().event()).isInstanceOf(Event.Tagged.class);
        assertThat(outcome.effects())
                .filteredOn(Effect.DirectMessage.class::isInstance)
                .containsExactly(new Effect.DirectMessage(ALICE, Platform.SLACK, tag));
    }

    @Test
    void someoneWhoSaysDmFalseIsNotRecordedAsNotReachedOnABotNotConnectedToTheirPlatform() {
        Directory quietCarol = aDirectory()
                .person(new Person(CAROL, Map.of(Platform.DISCORD, "333333333333333333"), Optional.empty(), false))
                .build()
                .connectedTo(Set.of(Platform.SLACK));
        var quiet = new CheckedTransitions(quietCarol);
        Escalation atLevelOne = anEscalation().atLevel(1).build();

        var outcome = applied(quiet.decide(atLevelOne, up(bob()), T0.plus(ofMinutes(1))));

        assertThat(outcome.escalation().timeline())
                .extracting(TimelineEntry::event)
                .noneMatch(Event.NotReached.class::isInstance);
    }

    @Test
    void anAcknowledgementRefreshesTheDirectMessagesAndANoteDoesNot() {
        Escalation open = anEscalation().atLevel(2).build();

        var acknowledged = applied(transitions.decide(open, ack(bob()), T0.plus(ofMinutes(1))));
        var noted = applied(transitions.decide(open, note(bob(), "rolled back"), T0.plus(ofMinutes(1))));

        assertThat(acknowledged.effects()).contains(new Effect.RefreshDirectMessages());
        assertThat(acknowledged.effects()).noneMatch(Effect.DirectMessage.class::isInstance);
        assertThat(noted.effects()).noneMatch(Effect.RefreshDirectMessages.class::isInstance);
    }

    @Test
    void aDirectMessageAsksForAnAnswerOnlyWhileItsTagIsTheLatestAndNobodyAcknowledged() {
        Escalation atLevelOne = anEscalation().atLevel(1).build();
        Escalation atLevelTwo = applied(transitions.decide(atLevelOne, up(bob()), T0.plus(ofMinutes(1))))
                .escalation();
        int firstTag = atLevelOne.timeline().reversed().stream()
                .filter(entry -> entry.event() instanceof Event.Tagged)
                .findFirst()
                .orElseThrow()
                .seq();
        int secondTag = atLevelTwo.timeline().getLast().seq();
        Escalation acknowledged = applied(transitions.decide(atLevelTwo, ack(bob()), T0.plus(ofMinutes(2))))
                .escalation();

        assertThat(Narrator.asksForAnswer(atLevelTwo, secondTag)).isTrue();
        assertThat(Narrator.asksForAnswer(atLevelTwo, firstTag)).as("moved on").isFalse();
        assertThat(Narrator.asksForAnswer(acknowledged, secondTag))
                .as("acknowledged")
                .isFalse();
    }
}
