package dev.escalator.delivery;

import static dev.escalator.testing.Fixtures.T0;
import static dev.escalator.testing.ScenarioData.ALICE;
import static dev.escalator.testing.ScenarioData.PAY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.chat.ChatFailure;
import dev.escalator.core.Command;
import dev.escalator.core.DirectMessageRef;
import dev.escalator.core.Directory;
import dev.escalator.core.Escalation;
import dev.escalator.core.Event;
import dev.escalator.core.Level;
import dev.escalator.core.Outcome;
import dev.escalator.core.Path;
import dev.escalator.core.PathId;
import dev.escalator.core.Person;
import dev.escalator.core.PersonId;
import dev.escalator.core.Platform;
import dev.escalator.core.Target;
import dev.escalator.core.TimelineEntry;
import dev.escalator.core.Transitions;
import dev.escalator.store.StoreConnection;
import dev.escalator.store.Stores;
import dev.escalator.testing.InMemoryMongo;
import dev.escalator.testing.RecordingChat;
import dev.escalator.testing.RecordingChat.Call;
import dev.escalator.testing.ScenarioData;
import dev.escalator.testing.TestClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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

    final TestClock clock = new TestClock(T0);
    final Transitions transitions = new Transitions(DIRECTORY);
    final RecordingChat slack = new RecordingChat(Platform.SLACK);
    final RecordingChat discord = new RecordingChat(Platform.DISCORD);
    InMemoryMongo server;
    StoreConnection connection;
    Stores stores;
    DeliverEffects delivery;

    @BeforeEach
    void start() {
        server = new InMemoryMongo();
        connection = server.connect();
        stores = Stores.over(connection, clock);
        delivery = new DeliverEffects(
                stores.outbox(), List.of(slack, discord), clock, "replica-a", new ChannelPacer(Duration.ZERO, 1));
    }

    @AfterEach
    void stop() {
        delivery.close();
        connection.close();
        server.close();
    }

    @Test
    void aTagOnSlackOfSomeoneOnlyOnDiscordIsADirectMessageOnDiscordAfterTheThreadPost() {
        Escalation e = open();
        delivery.deliver(e.id());
        e = apply(e, new Command.Escalate(ALICE, java.util.OptionalInt.empty(), Optional.empty()));

        delivery.deliver(e.id());

        assertThat(slack.directMessages())
                .extracting(RecordingChat.DirectMessage::person)
                .containsExactly(new PersonId("alice"));
        assertThat(discord.directMessages())
                .singleElement()
                .satisfies(dm -> assertThat(dm.person()).isEqualTo(BOB));
        assertThat(discord.calls()).as("nothing in a Discord channel").isEmpty();
        assertThat(stores.outbox().waiting(clock.instant().plus(Duration.ofDays(1)), 10))
                .isEmpty();
    }

    @Test
    void anAcknowledgementUpdatesEveryDirectMessageSentOnItsOwnPlatform() {
        Escalation e = open();
        delivery.deliver(e.id());
        e = apply(e, new Command.Escalate(ALICE, java.util.OptionalInt.empty(), Optional.empty()));
        delivery.deliver(e.id());
        assertThat(slack.refreshedDirectMessages())
                .as("moving on to level 2 updated alice's, which no longer asks for an answer")
                .extracting(DirectMessageRef::person)
                .containsExactly(new PersonId("alice"));

        apply(stores.escalations().find(e.id()).orElseThrow(), new Command.Acknowledge(ALICE));
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
        Escalation e = open();
        delivery.deliver(e.id());
        discord.failNextDirectMessages(ChatFailure.unreachable("they do not accept direct messages"));
        e = apply(e, new Command.Escalate(ALICE, java.util.OptionalInt.empty(), Optional.empty()));
        delivery.deliver(e.id());

        apply(
                stores.escalations().find(e.id()).orElseThrow(),
                new Command.Note(ALICE, "still there?", Optional.empty()));
        delivery.deliver(e.id());

        Escalation after = stores.escalations().find(e.id()).orElseThrow();
        assertThat(after.timeline())
                .extracting(TimelineEntry::event)
                .filteredOn(Event.NotReached.class::isInstance)
                .singleElement()
                .isEqualTo(new Event.NotReached(BOB, Platform.DISCORD, 4, "they do not accept direct messages"));
        assertThat(after.level()).as("the step counted").isEqualTo(2);
        assertThat(slack.calls())
                .as("the note after it went out")
                .extracting(Call::kind)
                .containsExactly("root", "thread", "thread", "refresh", "thread");
        assertThat(stores.outbox().waiting(clock.instant().plus(Duration.ofDays(1)), 10))
                .isEmpty();
    }

    @Test
    void aDirectMessageRefusedForTheBotsAccessIsRecordedWithWhatThePlatformSaid() {
        Escalation e = open();
        slack.failNextDirectMessages(ChatFailure.permanentFailure("conversations.open: missing_scope"));

        delivery.deliver(e.id());

        assertThat(stores.escalations().find(e.id()).orElseThrow().timeline())
                .extracting(TimelineEntry::event)
                .contains(new Event.NotReached(
                        new PersonId("alice"), Platform.SLACK, 2, "Slack says conversations.open: missing_scope"));
        assertThat(stores.outbox().waiting(clock.instant().plus(Duration.ofDays(1)), 10))
                .isEmpty();
    }

    @Test
    void aDirectMessageThatFailedForNowIsTriedAgainAndSentOnce() {
        Escalation e = open();
        slack.failNextDirectMessages(ChatFailure.rateLimited(Duration.ofSeconds(2)));
        delivery.deliver(e.id());
        assertThat(slack.directMessages()).isEmpty();

        clock.advance(Duration.ofSeconds(2));
        delivery.deliver(e.id());

        assertThat(slack.directMessages()).hasSize(1);
        assertThat(stores.escalations().find(e.id()).orElseThrow().timeline())
                .extracting(TimelineEntry::event)
                .noneMatch(Event.NotReached.class::isInstance);
    }

    @Test
    void aDirectMessageSentJustBeforeTheReplicaDiedIsFoundAgainNotSentTwice() {
        Escalation e = open();
        delivery.deliver(e.id()); // the root, the tag and alice's direct message
        e = apply(e, new Command.Escalate(ALICE, java.util.OptionalInt.empty(), Optional.empty()));
        var dying = new DeliverEffects(
                new DyingAfterDirectMessage(stores.outbox()),
                List.of(slack, discord),
                clock,
                "replica-a",
                new ChannelPacer(Duration.ZERO, 1));
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
        assertThat(stores.outbox().waiting(clock.instant().plus(Duration.ofDays(1)), 10))
                .isEmpty();
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

    private Escalation open() {
        return ScenarioData.open(stores.escalations(), transitions, clock.instant(), PAY);
    }

    private Escalation apply(Escalation e, Command command) {
        var applied = (Outcome.Applied) transitions.decide(e, command, clock.instant());
        assertThat(stores.escalations().save(applied.escalation(), applied.effects()))
                .isTrue();
        return applied.escalation();
    }
}
