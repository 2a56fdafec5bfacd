package dev.escalator.delivery;

import static dev.escalator.testing.ScenarioData.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.chat.ChatFailure;
import dev.escalator.core.Command;
import dev.escalator.core.DirectMessageRef;
import dev.escalator.core.Directory;
import dev.escalator.core.Escalation;
import dev.escalator.core.Event;
import dev.escalator.core.Level;
import dev.escalator.core.Path;
import dev.escalator.core.PathId;
import dev.escalator.core.Person;
import dev.escalator.core.PersonId;
import dev.escalator.core.Platform;
import dev.escalator.core.Target;
import dev.escalator.core.TimelineEntry;
import dev.escalator.testing.RecordingChat;
import dev.escalator.testing.RecordingChat.Call;
import dev.escalator.testing.TestClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SPEC §11 in delivery: direct messages go out through the chat port of their own platform, after the tag, once each;
 * those their recipient cannot get are recorded and hold up nothing; refreshes edit every one sent.
 */
class DirectMessageDeliveryTest {
    static final PersonId BOB = new PersonId("bob");
    /** alice on Slack; bob only on Discord; the escalation lives on Slack. */
    static final Directory DIRECTORY = Directory.of(
            List.of(
                    new Person(new PersonId("alice"), Map.of(Platform.SLACK, "U0ALICE"), Optional.empty()),
                    new Person(BOB, Map.of(Platform.DISCORD, "222222222222222222"), Optional.empty())),
            List.of(),
            List.of(new Path(
                    new PathId("payments"),
                    List.of(
                            new Level(List.of(new Target.Individual(new PersonId("alice"))), Duration.ofMinutes(5)),
                            new Level(List.of(new Target.Individual(BOB)), Duration.ofMinutes(5))),
                    0,
                    Map.of(),
                    Optional.empty(),
                    Path.DEFAULT_STALE_AFTER,
                    Optional.empty())),
            Set.of());

    final DeliveryWorld world = new DeliveryWorld(DIRECTORY);
    final TestClock clock = world.clock;
    final RecordingChat slack = world.slack;
    final RecordingChat discord = world.discord;
    final DeliverEffects delivery = world.delivering(slack, discord);

    @AfterEach
    void stop() {
        world.close();
    }

    @Test
    void aTagOnSlackOfSomeoneOnlyOnDiscordIsADirectMessageOnDiscordAfterTheThreadPost() {
        Escalation e = world.open();
        delivery.deliver(e.id());
        e = world.apply(e, new Command.Escalate(ALICE, java.util.OptionalInt.empty(), Optional.empty()));

        delivery.deliver(e.id());

        assertThat(slack.directMessages())
                .extracting(RecordingChat.DirectMessage::person)
                .containsExactly(new PersonId("alice"));
        assertThat(discord.directMessages())
                .singleElement()
                .satisfies(dm -> assertThat(dm.person()).isEqualTo(BOB));
        assertThat(discord.calls()).as("nothing in a Discord channel").isEmpty();
        assertThat(world.waitingWithin(Duration.ofDays(1))).isEmpty();
    }

    @Test
    void anAcknowledgementUpdatesEveryDirectMessageSentOnItsOwnPlatform() {
        Escalation e = world.open();
        delivery.deliver(e.id());
        e = world.apply(e, new Command.Escalate(ALICE, java.util.OptionalInt.empty(), Optional.empty()));
        delivery.deliver(e.id());
        assertThat(slack.refreshedDirectMessages())
                .as("moving on to level 2 updated alice's, which no longer asks for an answer")
                .extracting(DirectMessageRef::person)
                .containsExactly(new PersonId("alice"));

        world.applyToStored(e.id(), new Command.Acknowledge(ALICE));
        delivery.deliver(e.id());

        assertThat(slack.refreshedDirectMessages())
                .extracting(DirectMessageRef::person)
                .containsExactly(new PersonId("alice"), new PersonId("alice"));
        assertThat(discord.refreshedDirectMessages())
                .as("bob's, sent after the refresh of its own step, updated once, now")
                .extracting(DirectMessageRef::person)
                .containsExactly(BOB);
    }

    @Test
    void aDirectMessageItsRecipientCannotGetIsRecordedAndTheThreadCarriesOn() {
        discord.failNextDirectMessages(ChatFailure.unreachable("they do not accept direct messages"));

        Escalation after = escalatedToBobThenNoted(delivery);

        assertBobNotReachedAndTheThreadCarriedOn(after, "they do not accept direct messages");
    }

    @Test
    void aDirectMessageForAPlatformThisReplicaDoesNotConnectToIsRecordedAsNotReachedAndTheThreadCarriesOn() {
        // the transitions connect to both platforms, as the replica that decided the tag did; this one has Slack only
        var slackOnly = world.delivering(slack);

        Escalation after = escalatedToBobThenNoted(slackOnly);

        assertBobNotReachedAndTheThreadCarriedOn(
                after, "Discord is not connected on the replica that delivered the tag");
        assertThat(discord.directMessages()).isEmpty();
    }

    @Test
    void anUpdateOfADirectMessageOnAPlatformThisReplicaDoesNotConnectToIsRecordedOnceAndHoldsUpNothing() {
        Escalation e = world.open();
        delivery.deliver(e.id());
        e = world.apply(e, new Command.Escalate(ALICE, java.util.OptionalInt.empty(), Optional.empty()));
        delivery.deliver(e.id()); // bob's direct message on Discord, sent by a replica that connects to both
        var slackOnly = world.delivering(slack);

        world.applyToStored(e.id(), new Command.Acknowledge(ALICE));
        slackOnly.deliver(e.id());
        world.applyToStored(e.id(), new Command.Resolve(ALICE, Optional.empty()));
        slackOnly.deliver(e.id());

        assertThat(discord.refreshedDirectMessages()).isEmpty();
        assertThat(world.stored(e.id()).timeline())
                .extracting(TimelineEntry::event)
                .filteredOn(Event.NotUpdated.class::isInstance)
                .as("said once, not at every update")
                .containsExactly(new Event.NotUpdated(
                        BOB, Platform.DISCORD, 4, "Discord is not connected on the replica that delivered the update"));
        assertThat(slack.refreshedDirectMessages())
                .as("alice's updated on moving on, on the acknowledgement and on resolving")
                .extracting(DirectMessageRef::person)
                .containsExactly(new PersonId("alice"), new PersonId("alice"), new PersonId("alice"));
        assertThat(world.waitingWithin(Duration.ofDays(1))).isEmpty();

        world.applyToStored(e.id(), new Command.Reopen(ALICE));
        delivery.deliver(e.id());

        assertThat(discord.refreshedDirectMessages())
                .as("the next update by a replica that connects to Discord brings bob's up to date")
                .extracting(DirectMessageRef::person)
                .containsExactly(BOB);
    }

    /** An escalation opened, moved on to bob's level 2, then noted, each delivered by {@code delivery}; as stored. */
    private Escalation escalatedToBobThenNoted(DeliverEffects delivery) {
        Escalation e = world.open();
        delivery.deliver(e.id());
        e = world.apply(e, new Command.Escalate(ALICE, java.util.OptionalInt.empty(), Optional.empty()));
        delivery.deliver(e.id());
        world.applyToStored(e.id(), new Command.Note(ALICE, "still there?", Optional.empty()));
        delivery.deliver(e.id());
        return world.stored(e.id());
    }

    /** bob's direct message about level 2 (entry 4) recorded as not reached, and nothing held up after it. */
    private void assertBobNotReachedAndTheThreadCarriedOn(Escalation after, String reason) {
        assertThat(after.timeline())
                .extracting(TimelineEntry::event)
                .filteredOn(Event.NotReached.class::isInstance)
                .singleElement()
                .isEqualTo(new Event.NotReached(BOB, Platform.DISCORD, 4, reason));
        assertThat(after.level()).as("the step counted").isEqualTo(2);
        assertThat(slack.calls())
                .as("the note after it went out")
                .extracting(Call::kind)
                .containsExactly("root", "thread", "thread", "refresh", "thread");
        assertThat(world.waitingWithin(Duration.ofDays(1))).isEmpty();
    }

    @Test
    void aDirectMessageRefusedForTheBotsAccessIsRecordedWithWhatThePlatformSaid() {
        Escalation e = world.open();
        slack.failNextDirectMessages(ChatFailure.permanentFailure("conversations.open: missing_scope"));

        delivery.deliver(e.id());

        assertThat(world.stored(e.id()).timeline())
                .extracting(TimelineEntry::event)
                .contains(new Event.NotReached(
                        new PersonId("alice"), Platform.SLACK, 2, "Slack says conversations.open: missing_scope"));
        assertThat(world.waitingWithin(Duration.ofDays(1))).isEmpty();
    }

    @Test
    void aDirectMessageThatFailedForNowIsTriedAgainAndSentOnce() {
        Escalation e = world.open();
        slack.failNextDirectMessages(ChatFailure.rateLimited(Duration.ofSeconds(2)));
        delivery.deliver(e.id());
        assertThat(slack.directMessages()).isEmpty();

        clock.advance(Duration.ofSeconds(2));
        delivery.deliver(e.id());

        assertThat(slack.directMessages()).hasSize(1);
        assertThat(world.stored(e.id()).timeline())
                .extracting(TimelineEntry::event)
                .noneMatch(Event.NotReached.class::isInstance);
    }

    @Test
    void aDirectMessageSentJustBeforeTheReplicaDiedIsFoundAgainNotSentTwice() {
        Escalation e = world.open();
        delivery.deliver(e.id()); // the root, the tag and alice's direct message
        e = world.apply(e, new Command.Escalate(ALICE, java.util.OptionalInt.empty(), Optional.empty()));
        var dying = world.delivering(new DyingAfterDirectMessage(world.stores.outbox()), "replica-a", slack, discord);
        try (dying) {
            dying.deliver(e.id());
        }
        assertThat(discord.directMessages()).as("bob's went out, unrecorded").hasSize(1);

        clock.advance(DeliverEffects.LEASE);
        delivery.deliver(e.id());

        assertThat(discord.directMessages()).as("not sent again").hasSize(1);
        assertThat(discord.foundAgain())
                .singleElement()
                .satisfies(key -> assertThat(key.uncertain()).isTrue());
        assertThat(world.waitingWithin(Duration.ofDays(1))).isEmpty();
    }

    /** An outbox whose replica dies (as by kill -9) right after a direct message went out, before anything else. */
    private static final class DyingAfterDirectMessage extends ForwardingOutbox {
        DyingAfterDirectMessage(Outbox outbox) {
            super(outbox);
        }

        @Override
        public void keepDirectMessage(dev.escalator.core.EscalationId id, DirectMessageRef message) {
            throw new IllegalStateException("replica died (kill -9) after sending a direct message");
        }
    }
}
