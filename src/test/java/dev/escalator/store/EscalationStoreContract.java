package dev.escalator.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import dev.escalator.core.Actor;
import dev.escalator.core.Brief;
import dev.escalator.core.ChannelRef;
import dev.escalator.core.ChatUser;
import dev.escalator.core.Command;
import dev.escalator.core.Directory;
import dev.escalator.core.Effect;
import dev.escalator.core.Escalation;
import dev.escalator.core.EscalationId;
import dev.escalator.core.EscalationQuery;
import dev.escalator.core.EscalationTimes;
import dev.escalator.core.Event;
import dev.escalator.core.Inbox;
import dev.escalator.core.InboxEntry;
import dev.escalator.core.Level;
import dev.escalator.core.OpenRequest;
import dev.escalator.core.Outcome;
import dev.escalator.core.Path;
import dev.escalator.core.PathId;
import dev.escalator.core.Person;
import dev.escalator.core.PersonId;
import dev.escalator.core.Platform;
import dev.escalator.core.Severity;
import dev.escalator.core.Status;
import dev.escalator.core.Target;
import dev.escalator.core.ThreadRef;
import dev.escalator.core.TimelineEntry;
import dev.escalator.core.Transitions;
import dev.escalator.delivery.Parcel;
import dev.escalator.delivery.PendingEffect;
import dev.escalator.schedule.DueStep;
import dev.escalator.testing.Fixtures;
import dev.escalator.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every store behind the ports must do. Each way of running MongoDB (in-memory server, the embedded file store)
 * extends this class, so the guarantees the scheduler and the chat adapters rely on are proven on each.
 */
abstract class EscalationStoreContract {
    static final Instant T0 = Fixtures.T0;
    static final ChannelRef PAY = new ChannelRef(Platform.SLACK, "C0PAY");
    static final Actor.User ALICE = Actor.User.known(new ChatUser(Platform.SLACK, "U0ALICE"), new PersonId("alice"));
    static final Actor.User BOB = Actor.User.known(new ChatUser(Platform.SLACK, "U0BOB"), new PersonId("bob"));
    static final Actor.User STRANGER = Actor.User.stranger(new ChatUser(Platform.SLACK, "U0EVE"));

    static final Directory DIRECTORY = Directory.of(
            List.of(
                    new Person(new PersonId("alice"), Map.of(Platform.SLACK, "U0ALICE"), Optional.empty()),
                    new Person(new PersonId("bob"), Map.of(Platform.SLACK, "U0BOB"), Optional.empty())),
            List.of(),
            List.of(new Path(
                    new PathId("payments"),
                    List.of(
                            new Level(List.of(new Target.Individual(new PersonId("alice"))), Duration.ofMinutes(5)),
                            new Level(List.of(new Target.Individual(new PersonId("bob"))), Duration.ofMinutes(10))),
                    0,
                    Map.of(),
                    Optional.empty(),
                    Path.DEFAULT_STALE_AFTER,
                    Optional.of(new ChannelRef(Platform.SLACK, "C0LEADS")))),
            Set.of());

    final TestClock clock = new TestClock(T0);
    final Transitions transitions = new Transitions(DIRECTORY);
    Stores stores;
    StoreCalls calls;
    MongoDatabase database;
    /** The connection {@link #stores} is over: another {@link Stores} over it is a process with empty memory. */
    StoreConnection underTest;

    /** A connection to a fresh, empty store of the kind under test. */
    abstract StoreConnection connect() throws Exception;

    /** Closes the connection and whatever server it needed. */
    abstract void disconnect() throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        underTest = connect();
        calls = underTest.calls();
        database = underTest.database();
        stores = Stores.over(underTest, clock);
    }

    @AfterEach
    void closeStore() throws Exception {
        disconnect();
    }

    @Test
    void idsCountUpFromOneAndNeverRepeatUnderConcurrency() throws Exception {
        assertThat(stores.escalations().nextId()).isEqualTo(new EscalationId(1));
        Set<EscalationId> ids = ConcurrentHashMap.newKeySet();
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 200; i++) {
                pool.submit(() -> ids.add(stores.escalations().nextId()));
            }
        }
        assertThat(ids).hasSize(200).doesNotContain(new EscalationId(1)).contains(new EscalationId(201));
    }

    @Test
    void theUnresolvedCountLeavesOutResolvedEscalations() {
        open("Checkout is failing");
        Escalation resolving = open("Search is slow");
        open("Login is down");
        var resolved = (Outcome.Applied)
                transitions.decide(resolving, new Command.Resolve(ALICE, Optional.empty()), clock.instant());

        stores.escalations().save(resolved.escalation(), resolved.effects());

        assertThat(stores.escalations().countUnresolved()).isEqualTo(2);
    }

    @Test
    void everyTransitionIsStoredAndReadBackUnchanged() {
        Escalation e = open("Checkout is failing");
        var commands = List.<Command>of(
                new Command.Note(STRANGER, "seeing 502s"),
                new Command.Acknowledge(STRANGER), // refused, and recorded
                new Command.StepDue(), // level 2
                new Command.Decline(BOB, Optional.of("on holiday")), // exhausted, fallback told
                new Command.Acknowledge(ALICE),
                new Command.Snooze(ALICE, Duration.ofMinutes(30)),
                new Command.StepDue(), // snooze over: level 2 again
                new Command.Reassign(BOB, new PersonId("alice")),
                new Command.Escalate(ALICE, OptionalInt.of(1), Optional.of("wrong team")),
                new Command.Resolve(ALICE, Optional.of("rolled back")),
                new Command.Reopen(ALICE));
        for (Command command : commands) {
            clock.advance(Duration.ofMinutes(31));
            e = applyAndSave(e, command);
            assertThat(stores.escalations().find(e.id())).contains(e);
        }
        assertThat(e.timeline())
                .extracting(entry -> entry.event().getClass().getSimpleName())
                .contains(
                        "Opened",
                        "Tagged",
                        "Noted",
                        "Refused",
                        "Escalated",
                        "Declined",
                        "Exhausted",
                        "Acknowledged",
                        "Snoozed",
                        "Reassigned",
                        "Resolved",
                        "Reopened");
    }

    @Test
    void entriesAboutPostsKeepTheirOwnNumberAndTheNumberOfTheEntryTheyAreAbout() {
        Escalation e = open("Checkout is failing");
        int tag = e.timeline().getLast().seq();
        var aboutTheTag = List.<Event>of(
                new Event.NotDelivered(tag, "channel_not_found"),
                new Event.NotReached(new PersonId("bob"), Platform.DISCORD, tag, "they do not accept direct messages"),
                new Event.NotUpdated(new PersonId("bob"), Platform.DISCORD, tag, "Discord is not connected"),
                new Event.DeliveredLate(tag),
                new Event.Dropped(tag, "the channel was archived"));
        for (Event event : aboutTheTag) {
            clock.advance(Duration.ofSeconds(1));
            assertThat(stores.outbox().record(e.id(), event, clock.instant())).isTrue();
        }

        List<TimelineEntry> timeline =
                stores.escalations().find(e.id()).orElseThrow().timeline();
        assertThat(timeline)
                .extracting(TimelineEntry::seq)
                .doesNotHaveDuplicates()
                .isSorted();
        assertThat(timeline.subList(timeline.size() - aboutTheTag.size(), timeline.size()))
                .extracting(TimelineEntry::event)
                .containsExactlyElementsOf(aboutTheTag);
    }

    @Test
    void aBriefWithEveryPartSurvivesTheRoundTrip() {
        var brief = new Brief(
                Optional.of("502s"),
                Optional.of("no checkouts"),
                Optional.of("restart"),
                Optional.of("a DBA"),
                Optional.of(T0.plusSeconds(3600)));
        var request = new OpenRequest("DB down", brief, new Severity(1), new PathId("payments"), ALICE, PAY);
        var applied = (Outcome.Applied) transitions.open(stores.escalations().nextId(), request, clock.instant());
        stores.escalations().create(applied.escalation(), applied.effects());

        assertThat(stores.escalations().find(applied.escalation().id())).contains(applied.escalation());
    }

    @Test
    void anActionsEffectAndItsKeyAreOneWriteSoTheSameActionCannotActTwice() {
        Escalation opened = open("Checkout is failing");
        var ack = (Outcome.Applied) transitions.decide(opened, new Command.Acknowledge(ALICE), clock.instant());

        assertThat(stores.escalations().save(ack.escalation(), ack.effects(), Optional.of("slack:Ev1")))
                .isTrue();
        assertThat(stores.escalations().handled(opened.id(), "slack:Ev1")).isTrue();
        assertThat(stores.escalations().handled(opened.id(), "slack:Ev2")).isFalse();

        Escalation now = stores.escalations().find(opened.id()).orElseThrow();
        var again = (Outcome.Applied)
                transitions.decide(now, new Command.Resolve(ALICE, Optional.empty()), clock.instant());
        assertThat(stores.escalations().save(again.escalation(), again.effects(), Optional.of("slack:Ev1")))
                .as("the same action key, even on the current version")
                .isFalse();
        assertThat(stores.escalations().find(opened.id())).contains(now);
    }

    @Test
    void creatingAnEscalationWhoseIdIsTakenChangesNothingAndSaysSo() {
        Escalation opened = open("Checkout is failing");
        var request = new OpenRequest("Another", Brief.EMPTY, Severity.DEFAULT, new PathId("payments"), BOB, PAY);
        var applied = (Outcome.Applied) transitions.open(opened.id(), request, clock.instant());

        assertThat(stores.escalations().create(applied.escalation(), applied.effects()))
                .isFalse();
        assertThat(stores.escalations().find(opened.id())).contains(opened);
    }

    @Test
    void anActionIsRecordedOnceClaimedByOneHolderAndRememberedWhenDone() {
        Inbox inbox = stores.inbox();
        var entry = new InboxEntry(
                "slack:Ev9", new ChatUser(Platform.SLACK, "U0BOB"), "reaction", Map.of("emoji", "eyes"), T0);
        Instant lease = T0.plusSeconds(30);

        assertThat(inbox.record(entry, "a", lease)).isEqualTo(Inbox.Recorded.NEW);
        assertThat(inbox.record(entry, "b", lease)).isEqualTo(Inbox.Recorded.PENDING);
        assertThat(inbox.claim("slack:Ev9", "b", T0, lease)).as("held by a").isEmpty();
        assertThat(inbox.unclaimed(T0, 10)).isEmpty();
        assertThat(inbox.unclaimed(lease, 10)).containsExactly("slack:Ev9");
        assertThat(inbox.claim("slack:Ev9", "b", lease, lease.plusSeconds(30)))
                .as("a lapsed lease is taken over, with what was recorded")
                .contains(entry);

        EscalationId first = inbox.escalationFor("slack:Ev9", () -> new EscalationId(7));
        assertThat(inbox.escalationFor("slack:Ev9", () -> new EscalationId(8))).isEqualTo(first);

        inbox.done("slack:Ev9", Duration.ofHours(1));
        assertThat(inbox.unclaimed(lease.plusSeconds(3600), 10)).isEmpty();
        assertThat(inbox.record(entry, "c", lease)).isEqualTo(Inbox.Recorded.DONE);
        assertThat(inbox.unclaimed(lease.plusSeconds(3600), 10))
                .as("a late record of a done action is taken back")
                .isEmpty();
    }

    @Test
    void anActionDoneHereIsKnownDoneWithoutARoundTripAndElsewhereFromTheStore() {
        var entry = new InboxEntry(
                "slack:command:U0ALICE:C0PAY:1f:7",
                new ChatUser(Platform.SLACK, "U0ALICE"),
                "command",
                Map.of("text", "ack ESC-1"),
                T0);
        Instant lease = T0.plusSeconds(30);
        assertThat(stores.inbox().record(entry, "a", lease)).isEqualTo(Inbox.Recorded.NEW);
        stores.inbox().done(entry.key(), Duration.ofHours(1));
        long reads = calls.reads();
        long writes = calls.writes();

        assertThat(stores.inbox().record(entry, "a", lease)).isEqualTo(Inbox.Recorded.DONE);
        assertThat(calls.reads()).as("reads").isEqualTo(reads);
        assertThat(calls.writes()).as("writes").isEqualTo(writes);

        // another replica, or this one after a restart: its memory is empty and the store says done
        Stores elsewhere = Stores.over(underTest, clock);
        long writesElsewhere = calls.writes();
        assertThat(elsewhere.inbox().record(entry, "b", lease)).isEqualTo(Inbox.Recorded.DONE);
        assertThat(elsewhere.inbox().unclaimed(lease.plusSeconds(3600), 10))
                .as("the late record taken back")
                .isEmpty();
        assertThat(calls.writes()).as("its record is one write").isEqualTo(writesElsewhere + 1);
    }

    @Test
    void anActionDoneHereIsNewAgainOnceTheStoreHasForgottenIt() {
        var entry = new InboxEntry(
                "slack:Ev10", new ChatUser(Platform.SLACK, "U0BOB"), "reaction", Map.of("emoji", "eyes"), T0);
        assertThat(stores.inbox().record(entry, "a", T0.plusSeconds(30))).isEqualTo(Inbox.Recorded.NEW);
        stores.inbox().done(entry.key(), Duration.ofMinutes(1));

        clock.advance(Duration.ofMinutes(2));
        assertThat(stores.inbound().expire()).isEqualTo(1);

        assertThat(stores.inbox().record(entry, "a", clock.instant().plusSeconds(30)))
                .isEqualTo(Inbox.Recorded.NEW);
    }

    @Test
    void aRootMessageThisProcessPostedOrLookedUpFindsItsEscalationWithoutARoundTrip() {
        Escalation e = open("Checkout is failing");
        var parcel = claimOutbox(e, "replica-a");
        var thread = new ThreadRef(PAY, "1700000000.000100", "1700000000.000100");
        deliverAll(e, "replica-a", parcel, Optional.of(thread), Optional.empty());
        long reads = calls.reads();

        assertThat(stores.escalations().findByMessage(Platform.SLACK, "1700000000.000100"))
                .contains(e.id());
        assertThat(calls.reads()).as("posted by this process").isEqualTo(reads);

        Stores elsewhere = Stores.over(underTest, clock);
        assertThat(elsewhere.escalations().findByMessage(Platform.SLACK, "1700000000.000100"))
                .contains(e.id());
        long readsElsewhere = calls.reads();
        assertThat(elsewhere.escalations().findByMessage(Platform.SLACK, "1700000000.000100"))
                .contains(e.id());
        assertThat(calls.reads()).as("looked up once before").isEqualTo(readsElsewhere);
        assertThat(elsewhere.escalations().findByMessage(Platform.SLACK, "1700000000.000999"))
                .as("a message the bot did not post")
                .isEmpty();
    }

    @Test
    void aRootLinkKeptOrReadOnceIsAnsweredWithoutARoundTrip() {
        Escalation e = open("Checkout is failing");
        String link = "https://example.slack.com/archives/C0PAY/p1700000000000100";
        stores.escalations().keepRootLink(e.id(), link);
        long reads = calls.reads();

        assertThat(stores.escalations().rootLink(e.id())).contains(link);
        assertThat(calls.reads()).isEqualTo(reads);

        Stores elsewhere = Stores.over(underTest, clock);
        assertThat(elsewhere.escalations().rootLink(e.id())).contains(link);
        long readsElsewhere = calls.reads();
        assertThat(elsewhere.escalations().rootLink(e.id())).contains(link);
        assertThat(calls.reads()).isEqualTo(readsElsewhere);
    }

    @Test
    void aReadAfterEachKindOfWriteSeesWhatTheWriteLeft() {
        Escalation e = open("Checkout is failing");
        assertThat(stores.escalations().find(e.id())).contains(e);

        e = applyAndSave(e, new Command.Note(ALICE, "seeing 502s"));
        assertThat(stores.escalations().find(e.id())).contains(e);

        e = appendAndSave(e, new Command.Acknowledge(ALICE));
        assertThat(stores.escalations().find(e.id())).contains(e);

        // delivery's own timeline entry is a write of the outbox's, not a save
        int tag = e.timeline().getLast().seq();
        assertThat(stores.outbox().record(e.id(), new Event.NotDelivered(tag, "channel_not_found"), clock.instant()))
                .isTrue();
        Escalation recorded = stores.escalations().find(e.id()).orElseThrow();
        assertThat(recorded.version()).isEqualTo(e.version() + 1);
        assertThat(recorded.timeline().getLast().event()).isEqualTo(new Event.NotDelivered(tag, "channel_not_found"));

        // a save that lost its race leaves the winner's escalation to be read, not the loser's
        var stale =
                (Outcome.Applied) transitions.decide(e, new Command.Resolve(ALICE, Optional.empty()), clock.instant());
        assertThat(stores.escalations().save(stale.escalation(), stale.effects()))
                .isFalse();
        assertThat(stores.escalations().find(e.id())).contains(recorded);
    }

    @Test
    void anEscalationReadAgainUnchangedGoesToTheStoreUnlessThisProcessIsItsOnlyWriter() {
        Escalation e = open("Checkout is failing");
        Escalation other = open("Search is slow");
        assertThat(stores.escalations().find(e.id())).contains(e);
        // a write to another escalation leaves this one as it was read
        applyAndSave(other, new Command.Note(ALICE, "seeing 502s"));
        long reads = calls.reads();

        assertThat(stores.escalations().find(e.id())).contains(e);

        assertThat(calls.reads() - reads)
                .as(underTest.isEmbedded() ? "the embedded store: this process is its one writer" : "a MongoDB server")
                .isEqualTo(underTest.isEmbedded() ? 0 : 1);
    }

    @Test
    void aChangeByAnotherReplicaIsSeenByTheNextReadOnAMongoDbServer() {
        org.junit.jupiter.api.Assumptions.assumeFalse(
                underTest.isEmbedded(), "the embedded store has one writer, this process: no other replica");
        Escalation e = open("Checkout is failing");
        assertThat(stores.escalations().find(e.id())).contains(e);

        Stores otherReplica = Stores.over(underTest, clock);
        var acknowledged = (Outcome.Applied) transitions.decide(e, new Command.Acknowledge(ALICE), clock.instant());
        assertThat(otherReplica.escalations().save(acknowledged.escalation(), acknowledged.effects()))
                .isTrue();

        assertThat(stores.escalations().find(e.id())).contains(acknowledged.escalation());
    }

    @Test
    void aStaleWriterChangesNothingAndLearnsSo() {
        Escalation opened = open("Checkout is failing");
        var byAlice = (Outcome.Applied) transitions.decide(opened, new Command.Acknowledge(ALICE), clock.instant());
        var byBob = (Outcome.Applied)
                transitions.decide(opened, new Command.Resolve(BOB, Optional.empty()), clock.instant());

        assertThat(stores.escalations().save(byAlice.escalation(), byAlice.effects()))
                .isTrue();
        assertThat(stores.escalations().save(byBob.escalation(), byBob.effects()))
                .isFalse();

        Escalation stored = stores.escalations().find(opened.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(Status.ACKNOWLEDGED);
        assertThat(stored.version()).isEqualTo(2);
    }

    @Test
    void listsUnresolvedEscalationsOfAChannelNewestFirst() {
        Escalation first = open("first");
        Escalation second = open("second");
        Escalation elsewhere = open("elsewhere", new ChannelRef(Platform.SLACK, "C0OTHER"));
        applyAndSave(second, new Command.Resolve(ALICE, Optional.empty()));
        Escalation third = open("third");

        List<Escalation> listed =
                stores.escalations().find(EscalationQuery.unresolved(10).inChannel(PAY));

        assertThat(listed).extracting(Escalation::id).containsExactly(third.id(), first.id());
        assertThat(stores.escalations().find(EscalationQuery.unresolved(10)))
                .hasSize(3)
                .extracting(Escalation::id)
                .contains(elsewhere.id());
    }

    @Test
    void listsWhatAUserReportedOrIsTaggedOnAndNothingElse() {
        Escalation atLevelOne = open("alice reported, alice tagged");
        Escalation atLevelTwo = applyAndSave(
                open("alice reported, bob tagged"),
                new Command.Escalate(ALICE, java.util.OptionalInt.empty(), Optional.empty()));

        assertThat(stores.escalations().find(EscalationQuery.unresolved(10).involving(BOB)))
                .extracting(Escalation::id)
                .containsExactly(atLevelTwo.id());
        assertThat(stores.escalations().find(EscalationQuery.unresolved(10).involving(ALICE)))
                .extracting(Escalation::id)
                .containsExactly(atLevelTwo.id(), atLevelOne.id());
        assertThat(stores.escalations().find(EscalationQuery.unresolved(10).involving(STRANGER)))
                .isEmpty();
        var sameIdOnDiscord = Actor.User.stranger(new ChatUser(Platform.DISCORD, "U0ALICE"));
        assertThat(stores.escalations().find(EscalationQuery.unresolved(10).involving(sameIdOnDiscord)))
                .as("a reporter is matched on their platform too")
                .isEmpty();
    }

    @Test
    void listsEscalationsOpenedInATimeWindow() {
        Escalation early = open("early");
        clock.advance(Duration.ofDays(10));
        Escalation late = open("late");

        var window = EscalationQuery.openedBetween(
                T0.plus(Duration.ofDays(1)), clock.instant().plusSeconds(1), 10);
        assertThat(stores.escalations().find(window)).extracting(Escalation::id).containsExactly(late.id());
        assertThat(stores.escalations().find(window.onPath(new PathId("other"))))
                .isEmpty();
        assertThat(early.id()).isNotEqualTo(late.id());
    }

    @Test
    void timesAnswerTheQueryThatListingAnswersWithTheTimesOfEachEscalation() {
        Escalation early = open("early");
        clock.advance(Duration.ofMinutes(3));
        applyAndSave(early, new Command.Acknowledge(ALICE));
        clock.advance(Duration.ofDays(2));
        Escalation late = open("late");
        var window = EscalationQuery.openedBetween(T0, clock.instant().plusSeconds(1), 10);

        var times = stores.escalations().times(window);

        assertThat(times)
                .containsExactlyElementsOf(stores.escalations().find(window).stream()
                        .map(EscalationTimes::of)
                        .toList());
        assertThat(times.getLast().firstAcknowledgedAt()).contains(T0.plus(Duration.ofMinutes(3)));
        assertThat(times.getFirst().openedAt()).isEqualTo(late.openedAt());
        assertThat(stores.escalations().times(window.onPath(new PathId("other"))))
                .isEmpty();
    }

    @Test
    void effectsWaitInOrderUntilDeliveredAndTheThreadIsRemembered() {
        Escalation e = open("Checkout is failing");
        assertThat(stores.outbox().waiting(clock.instant(), 10)).containsExactly(e.id());

        var parcel = claimOutbox(e, "replica-a");
        assertThat(parcel.effects())
                .extracting(PendingEffect::effect)
                .containsExactly(
                        new Effect.PostRoot(),
                        new Effect.Announce(1),
                        new Effect.Announce(2),
                        new Effect.DirectMessage(new PersonId("alice"), Platform.SLACK, 2));
        assertThat(stores.outbox().claim(e.id(), "replica-b", clock.instant(), Duration.ofMinutes(1)))
                .as("a second replica while the first holds the claim")
                .isEmpty();

        var thread = new ThreadRef(PAY, "1700000000.000100", "1700000000.000100");
        List<String> ids = parcel.effects().stream().map(PendingEffect::id).toList();
        assertThat(stores.outbox()
                        .delivered(
                                e.id(),
                                "replica-a",
                                ids,
                                Platform.SLACK,
                                Optional.of(thread),
                                Optional.of("1700000000.000200"),
                                clock.instant().plusSeconds(60)))
                .isTrue();
        assertThat(stores.outbox().release(e.id(), "replica-a"))
                .as("released with nothing queued meanwhile")
                .isFalse();

        assertThat(stores.outbox().waiting(clock.instant(), 10)).isEmpty();
        assertThat(stores.escalations().thread(e.id())).contains(thread);
        assertThat(stores.escalations().findByMessage(Platform.SLACK, "1700000000.000100"))
                .contains(e.id());
        assertThat(stores.escalations().findByMessage(Platform.SLACK, "1700000000.000200"))
                .contains(e.id());
        assertThat(stores.escalations().findByMessage(Platform.DISCORD, "1700000000.000200"))
                .isEmpty();
    }

    @Test
    void aKeptRootLinkIsReadBackAndOutlivesLaterSavesOfTheEscalation() {
        Escalation e = open("Checkout is failing");
        assertThat(stores.escalations().rootLink(e.id())).isEmpty();

        stores.escalations().keepRootLink(e.id(), "https://example.slack.com/archives/C0PAY/p1700000000000100");
        applyAndSave(e, new Command.Acknowledge(ALICE));

        assertThat(stores.escalations().rootLink(e.id()))
                .contains("https://example.slack.com/archives/C0PAY/p1700000000000100");
        assertThat(stores.escalations().find(e.id()).orElseThrow().status()).isEqualTo(Status.ACKNOWLEDGED);
    }

    @Test
    void theThreadDeliveryRecordedLeadsBackToItsEscalationOnItsPlatformOnly() {
        Escalation e = open("Checkout is failing");
        open("Refunds are slow"); // no thread yet: must not match
        var parcel = claimOutbox(e, "replica-a");
        var thread = new ThreadRef(PAY, "1300000000000000001", "1300000000000000002");
        deliverAll(e, "replica-a", parcel, Optional.of(thread), Optional.empty());

        assertThat(stores.escalations().findByThread(Platform.SLACK, "1300000000000000002"))
                .contains(e.id());
        assertThat(stores.escalations().findByThread(Platform.DISCORD, "1300000000000000002"))
                .as("the same id on another platform")
                .isEmpty();
        assertThat(stores.escalations().findByThread(Platform.SLACK, "1300000000000000009"))
                .as("an unrelated channel")
                .isEmpty();
    }

    @Test
    void aMessagePostedUnderALostClaimStillLeadsReactionsToItsEscalation() {
        Escalation e = open("Checkout is failing");
        var parcel = claimOutbox(e, "replica-a");
        clock.advance(Duration.ofMinutes(2)); // replica-a stalls past its lease; replica-b takes over
        stores.outbox().claim(e.id(), "replica-b", clock.instant(), Duration.ofMinutes(1));

        var thread = new ThreadRef(PAY, "1700000000.000100", "1700000000.000100");
        boolean recorded = deliverAll(e, "replica-a", parcel, Optional.of(thread), Optional.of("1700000000.000200"));

        assertThat(recorded).isFalse();
        assertThat(stores.escalations().findByMessage(Platform.SLACK, "1700000000.000100"))
                .contains(e.id());
        assertThat(stores.escalations().findByMessage(Platform.SLACK, "1700000000.000200"))
                .contains(e.id());
    }

    @Test
    void reactionsOnMessagesTheBotDidNotPostFindNothing() {
        open("Checkout is failing");

        assertThat(stores.escalations().findByMessage(Platform.SLACK, "1700000000.999999"))
                .isEmpty();
        assertThat(stores.escalations().findByMessage(Platform.DISCORD, "1234567890"))
                .isEmpty();
    }

    @Test
    void aPostponedOutboxWaitsUntilItsTimeAndAnAbandonedClaimLapses() {
        Escalation e = open("Checkout is failing");
        var parcel = claimOutbox(e, "replica-a");
        String first = parcel.effects().getFirst().id();
        stores.outbox()
                .postpone(e.id(), "replica-a", first, 1, false, clock.instant().plusSeconds(30));

        assertThat(stores.outbox().waiting(clock.instant(), 10)).isEmpty();
        clock.advance(Duration.ofSeconds(29));
        assertThat(stores.outbox().waiting(clock.instant(), 10))
                .as("before its time")
                .isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(stores.outbox().waiting(clock.instant(), 10)).containsExactly(e.id());
        var again = claimOutbox(e, "replica-b");
        assertThat(again.effects().getFirst().attempts()).isEqualTo(1);
        assertThat(again.tookOver()).as("replica-a let go of its claim").isFalse();

        // replica-b crashes holding the claim: after the lease, replica-c takes over
        assertThat(stores.outbox().claim(e.id(), "replica-c", clock.instant(), Duration.ofMinutes(1)))
                .isEmpty();
        assertThat(stores.outbox().waiting(clock.instant(), 10)).as("claimed").isEmpty();
        clock.advance(Duration.ofMinutes(1));
        assertThat(stores.outbox().waiting(clock.instant(), 10))
                .as("lease lapsed")
                .containsExactly(e.id());
        assertThat(stores.outbox().claim(e.id(), "replica-c", clock.instant(), Duration.ofMinutes(1)))
                .hasValueSatisfying(taken -> assertThat(taken.tookOver())
                        .as("replica-b may have posted before it died")
                        .isTrue());
    }

    @Test
    void recordingAPostExtendsTheClaimOfAReplicaStillAtWork() {
        Escalation e = open("Checkout is failing");
        var parcel = stores.outbox()
                .claim(e.id(), "replica-a", clock.instant(), Duration.ofSeconds(20))
                .orElseThrow();
        clock.advance(Duration.ofSeconds(15));
        assertThat(stores.outbox()
                        .delivered(
                                e.id(),
                                "replica-a",
                                List.of(parcel.effects().getFirst().id()),
                                Platform.SLACK,
                                Optional.empty(),
                                Optional.empty(),
                                clock.instant().plusSeconds(20)))
                .isTrue();

        clock.advance(Duration.ofSeconds(10)); // past the first lease, within the extended one
        assertThat(stores.outbox().waiting(clock.instant(), 10)).isEmpty();
        assertThat(stores.outbox().claim(e.id(), "replica-b", clock.instant(), Duration.ofSeconds(20)))
                .isEmpty();

        clock.advance(Duration.ofSeconds(10));
        assertThat(stores.outbox().claim(e.id(), "replica-b", clock.instant(), Duration.ofSeconds(20)))
                .hasValueSatisfying(taken -> assertThat(taken.tookOver()).isTrue());
    }

    @Test
    void aPostponedEffectWhoseAttemptHadNoClearAnswerIsUncertainOnItsNextClaim() {
        Escalation e = open("Checkout is failing");
        var parcel = claimOutbox(e, "replica-a");
        String first = parcel.effects().getFirst().id();
        assertThat(parcel.effects()).noneMatch(PendingEffect::uncertain);

        stores.outbox().postpone(e.id(), "replica-a", first, 1, true, clock.instant());

        var again = claimOutbox(e, "replica-a");
        assertThat(again.effects().getFirst().uncertain()).isTrue();
        assertThat(again.effects().subList(1, again.effects().size())).noneMatch(PendingEffect::uncertain);
    }

    @Test
    void effectsQueuedByOneWriteShareItsVersionAndLaterOnesHaveTheirOwn() {
        Escalation e = open("Checkout is failing");
        applyAndSave(e, new Command.Note(ALICE, "meanwhile"));

        var parcel = claimOutbox(e, "replica-a");

        var opening = parcel.effects().stream()
                .filter(effect -> !(effect.effect() instanceof Effect.Announce announce && announce.seq() == 3))
                .map(PendingEffect::queuedBy)
                .distinct()
                .toList();
        var note = parcel.effects().stream()
                .filter(effect -> effect.effect() instanceof Effect.Announce announce && announce.seq() == 3)
                .map(PendingEffect::queuedBy)
                .toList();
        assertThat(opening).hasSize(1);
        assertThat(note).singleElement().isNotEqualTo(opening.getFirst());
    }

    @Test
    void effectsQueuedWhileAClaimIsHeldAreNotLost() {
        Escalation e = open("Checkout is failing");
        var parcel = claimOutbox(e, "replica-a");
        applyAndSave(e, new Command.Note(ALICE, "meanwhile"));
        deliverAll(e, "replica-a", parcel, Optional.empty(), Optional.empty());
        assertThat(stores.outbox().release(e.id(), "replica-a"))
                .as("the releaser hears that effects were queued meanwhile")
                .isTrue();
        assertThat(stores.outbox().waiting(clock.instant(), 10)).containsExactly(e.id());

        var next = claimOutbox(e, "replica-a");
        assertThat(next.effects()).extracting(PendingEffect::effect).containsExactly(new Effect.Announce(3));
    }

    @Test
    void aDecisionReminderIsADueStepAndIsStoredAndReadBackUnchanged() {
        var brief = new Brief(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(clock.instant().plus(Duration.ofMinutes(6))));
        var request = new OpenRequest("DB down", brief, Severity.DEFAULT, new PathId("payments"), ALICE, PAY);
        var applied = (Outcome.Applied) transitions.open(stores.escalations().nextId(), request, clock.instant());
        stores.escalations().create(applied.escalation(), applied.effects());
        clock.advance(Duration.ofMinutes(3)); // halfway to the decision, before level 1's 5 minutes are up

        assertThat(stores.steps().dueBy(clock.instant(), clock.instant(), 10))
                .extracting(step -> step.id())
                .containsExactly(applied.escalation().id());
        Escalation reminded = applyAndSave(applied.escalation(), new Command.StepDue());

        assertThat(reminded.timeline().getLast().event()).isInstanceOf(Event.DecisionReminder.class);
        assertThat(stores.escalations().find(reminded.id())).contains(reminded);
        assertThat(stores.steps().dueBy(clock.instant(), clock.instant(), 10)).isEmpty();
    }

    @Test
    void dueStepsAreFoundEarliestFirstAndClaimedByOneReplica() {
        Escalation early = open("early");
        clock.advance(Duration.ofMinutes(1));
        Escalation later = open("later");
        clock.advance(Duration.ofSeconds(4 * 60 + 30)); // early due at +5m, later at +6m

        assertThat(stores.steps().dueBy(clock.instant(), clock.instant(), 10))
                .extracting(step -> step.id())
                .containsExactly(early.id());
        assertThat(stores.steps().dueBy(clock.instant().plusSeconds(60), clock.instant(), 10))
                .extracting(step -> step.id())
                .containsExactly(early.id(), later.id());

        Optional<Escalation> a =
                stores.steps().claimStep(early.id(), "replica-a", clock.instant(), Duration.ofSeconds(30));
        Optional<Escalation> b =
                stores.steps().claimStep(early.id(), "replica-b", clock.instant(), Duration.ofSeconds(30));
        assertThat(a).isPresent();
        assertThat(b).isEmpty();
        assertThat(stores.steps().dueBy(clock.instant(), clock.instant(), 10))
                .as("claimed steps are not due again")
                .isEmpty();
        assertThat(stores.steps().claimStep(later.id(), "replica-a", clock.instant(), Duration.ofSeconds(30)))
                .as("not due yet")
                .isEmpty();
    }

    @Test
    void aStepMadeDueSoonerByASavedTransitionIsDueAtOnce() {
        Escalation e = open("Checkout is failing"); // level 1 times out at +5m
        applyAndSave(e, new Command.Snooze(ALICE, Duration.ofMinutes(1)));

        assertThat(stores.steps().dueBy(clock.instant().plusSeconds(60), clock.instant(), 10))
                .containsExactly(new DueStep(e.id(), T0.plusSeconds(60)));
        assertThat(stores.steps().dueBy(clock.instant().plusSeconds(59), clock.instant(), 10))
                .isEmpty();
    }

    @Test
    void aClaimedStepIsDueAgainWhenReleasedOrWhenItsLeaseLapses() {
        Escalation released = open("released");
        Escalation abandoned = open("abandoned");
        clock.advance(Duration.ofMinutes(5));
        Instant now = clock.instant();
        stores.steps().claimStep(released.id(), "replica-a", now, Duration.ofSeconds(30));
        stores.steps().claimStep(abandoned.id(), "replica-a", now, Duration.ofSeconds(30));
        assertThat(stores.steps().dueBy(now, now, 10)).isEmpty();

        stores.steps().releaseStep(released.id(), "replica-a");
        assertThat(stores.steps().dueBy(now, now, 10)).extracting(DueStep::id).containsExactly(released.id());

        clock.advance(Duration.ofSeconds(30));
        assertThat(stores.steps().dueBy(clock.instant(), clock.instant(), 10))
                .extracting(DueStep::id)
                .containsExactly(released.id(), abandoned.id());
    }

    @Test
    void dueStepsComeEarliestFirstUpToTheLimit() {
        var opened = new ArrayList<EscalationId>();
        for (int i = 0; i < 5; i++) {
            opened.add(open("escalation " + i).id());
            clock.advance(Duration.ofSeconds(1));
        }
        clock.advance(Duration.ofMinutes(5));

        assertThat(stores.steps().dueBy(clock.instant(), clock.instant(), 3))
                .extracting(DueStep::id)
                .containsExactlyElementsOf(opened.subList(0, 3));
    }

    @Test
    void savingATransitionEndsTheStepClaim() {
        Escalation e = open("Checkout is failing");
        clock.advance(Duration.ofMinutes(5));
        Escalation claimed = stores.steps()
                .claimStep(e.id(), "replica-a", clock.instant(), Duration.ofSeconds(30))
                .orElseThrow();
        Escalation climbed = applyAndSave(claimed, new Command.StepDue());

        clock.advance(Duration.ofMinutes(10));
        assertThat(stores.steps().claimStep(e.id(), "replica-b", clock.instant(), Duration.ofSeconds(30)))
                .as("level 2 times out while the old claim would still run")
                .isPresent();
        assertThat(climbed.level()).isEqualTo(2);
    }

    @Test
    void aResolvedEscalationHasNoStepToFire() {
        Escalation e = applyAndSave(open("Checkout is failing"), new Command.Resolve(ALICE, Optional.empty()));
        clock.advance(Duration.ofDays(365));
        assertThat(stores.steps().dueBy(clock.instant(), clock.instant(), 10)).isEmpty();
        assertThat(e.nextStepAt()).isEmpty();
    }

    @Test
    void everyReadAndWriteIsCounted() {
        Escalation e = open("Checkout is failing");
        long reads = calls.reads();
        long writes = calls.writes();

        stores.escalations().find(e.id());
        applyAndSave(e, new Command.Note(ALICE, "seeing 502s"));

        assertThat(calls.reads()).isEqualTo(reads + 1);
        assertThat(calls.writes()).isEqualTo(writes + 1);
    }

    @Test
    void theSameInboundEventFromEightThreadsHasOneFirstTime() throws Exception {
        var firsts = new ArrayList<Boolean>();
        var start = new CountDownLatch(1);
        try (var pool = Executors.newFixedThreadPool(8)) {
            var results = new ArrayList<java.util.concurrent.Future<Boolean>>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return stores.inbound().firstTime("slack:Ev123", Duration.ofHours(1));
                }));
            }
            start.countDown();
            for (var result : results) {
                firsts.add(result.get());
            }
        }
        assertThat(firsts).containsOnlyOnce(true);
    }

    @Test
    void inboundKeysAreForgottenAfterTheirTime() {
        assertThat(stores.inbound().firstTime("slack:Ev1", Duration.ofMinutes(5)))
                .isTrue();
        clock.advance(Duration.ofMinutes(6));
        assertThat(stores.inbound().expire()).isEqualTo(1);
        assertThat(stores.inbound().firstTime("slack:Ev1", Duration.ofMinutes(5)))
                .as("the key is usable again once forgotten")
                .isTrue();
        assertThat(stores.inbound().firstTime("slack:Ev1", Duration.ofMinutes(5)))
                .as("and remembered again")
                .isFalse();
    }

    @Test
    void anInboundKeyHeldByOneEventIsFirstAgainForThatEventAndForNoOther() {
        var remember = Duration.ofDays(30);

        assertThat(stores.inbound().firstTimeFor("discord:reaction:m:u:👀", "event-1", remember))
                .isTrue();
        assertThat(stores.inbound().firstTimeFor("discord:reaction:m:u:👀", "event-1", remember))
                .as("the same event tried again, after a crash")
                .isTrue();
        assertThat(stores.inbound().firstTimeFor("discord:reaction:m:u:👀", "event-2", remember))
                .as("a second delivery, or another replica's")
                .isFalse();
        stores.inbound().forget("discord:reaction:m:u:👀");
        assertThat(stores.inbound().firstTimeFor("discord:reaction:m:u:👀", "event-3", remember))
                .as("taken off and added again")
                .isTrue();
    }

    @Test
    void aSaveThatAppendsItsNewEntriesStoresTheSameEscalationAsAFullOne() {
        Escalation e = open("Checkout is failing");
        var commands = List.<Command>of(
                new Command.Note(STRANGER, "seeing 502s"),
                new Command.Acknowledge(STRANGER), // refused, and recorded
                new Command.StepDue(),
                new Command.Acknowledge(ALICE),
                new Command.Resolve(ALICE, Optional.of("rolled back")));
        for (Command command : commands) {
            clock.advance(Duration.ofMinutes(6));
            e = appendAndSave(e, command);

            assertThat(stores.escalations().find(e.id())).contains(e);
        }
    }

    @Test
    void anAppendingSaveFromAWrongTimelineLengthChangesNothing() {
        Escalation e = open("Checkout is failing");
        var noted = (Outcome.Applied) transitions.decide(e, new Command.Note(ALICE, "looking"), clock.instant());

        boolean saved =
                stores.escalations().save(noted.escalation(), e.timeline().size() - 1, noted.effects());

        assertThat(saved).isFalse();
        assertThat(stores.escalations().find(e.id())).contains(e);
    }

    @Test
    void refusalsPastTheCapAreCountedInTheStoredEscalation() {
        Escalation e = open("Checkout is failing");
        for (int i = 0; i <= Transitions.MOST_REFUSALS; i++) {
            e = appendAndSave(e, new Command.Acknowledge(STRANGER));
        }

        Escalation stored = stores.escalations().find(e.id()).orElseThrow();
        assertThat(stored.refusalsNotKept()).isEqualTo(1);
        assertThat(stored).isEqualTo(e);
    }

    @Test
    void growingADocumentTowardMongoDbsSixteenMegabytesIsRefusedPolitely() {
        Escalation e = open("Checkout is failing");
        String huge = "x".repeat(20_000);
        // all but the last note decided at once and stored in one write: 500 writes of a growing document are slow
        Escalation before = e;
        for (int i = 1; i < Transitions.MOST_NOTES; i++) {
            e = ((Outcome.Applied) transitions.decide(e, new Command.Note(ALICE, huge), clock.instant())).escalation();
        }
        Escalation batched = e.toBuilder().version(before.version() + 1).build();
        assertThat(stores.escalations().save(batched, List.of())).isTrue();
        e = appendAndSave(batched, new Command.Note(ALICE, huge));
        Optional<String> refusal = Optional.empty();
        for (int i = 0; i < 100 && refusal.isEmpty(); i++) {
            Outcome outcome = transitions.decide(e, new Command.Note(ALICE, huge), clock.instant());
            if (outcome instanceof Outcome.Rejected rejected) {
                refusal = Optional.of(rejected.problem().message());
            } else {
                e = appendAndSave(e, new Command.Note(ALICE, huge));
            }
        }

        assertThat(refusal)
                .hasValueSatisfying(message ->
                        assertThat(message).contains("already has 500 notes").contains("was not added"));
        int bytes = database.getCollection(MongoEscalationStore.COLLECTION, org.bson.RawBsonDocument.class)
                .find(com.mongodb.client.model.Filters.eq("_id", e.id().number()))
                .first()
                .getByteBuffer()
                .remaining();
        assertThat(bytes).as("document size").isLessThan(2 * 1024 * 1024);
        assertThat(stores.escalations().find(e.id())).contains(e);
    }

    /** Decides {@code command} and saves it appending only the new timeline entries, as the desk and scheduler do. */
    Escalation appendAndSave(Escalation e, Command command) {
        int earlier = e.timeline().size();
        return switch (transitions.decide(e, command, clock.instant())) {
            case Outcome.Applied applied -> {
                assertThat(stores.escalations().save(applied.escalation(), earlier, applied.effects()))
                        .isTrue();
                yield applied.escalation();
            }
            case Outcome.Refused refused -> {
                assertThat(stores.escalations().save(refused.escalation(), earlier, List.of()))
                        .isTrue();
                yield refused.escalation();
            }
            case Outcome.Rejected rejected -> throw new AssertionError(command + " rejected: " + rejected.problem());
        };
    }

    Escalation open(String title) {
        return open(title, PAY);
    }

    Escalation open(String title, ChannelRef channel) {
        var request = new OpenRequest(title, Brief.EMPTY, Severity.DEFAULT, new PathId("payments"), ALICE, channel);
        var applied = (Outcome.Applied) transitions.open(stores.escalations().nextId(), request, clock.instant());
        stores.escalations().create(applied.escalation(), applied.effects());
        return applied.escalation();
    }

    Escalation applyAndSave(Escalation e, Command command) {
        Outcome outcome = transitions.decide(e, command, clock.instant());
        Escalation next = switch (outcome) {
            case Outcome.Applied applied -> {
                assertThat(stores.escalations().save(applied.escalation(), applied.effects()))
                        .isTrue();
                yield applied.escalation();
            }
            case Outcome.Refused refused -> {
                assertThat(stores.escalations().save(refused.escalation(), List.of()))
                        .isTrue();
                yield refused.escalation();
            }
            case Outcome.Rejected rejected -> throw new AssertionError(command + " rejected: " + rejected.problem());
        };
        return next;
    }

    /** Claims the outbox of {@code e} for {@code owner} for a minute; it must be claimable. */
    Parcel claimOutbox(Escalation e, String owner) {
        return stores.outbox()
                .claim(e.id(), owner, clock.instant(), Duration.ofMinutes(1))
                .orElseThrow();
    }

    /** Records every effect of {@code parcel} as delivered on Slack by {@code owner}; false if the claim was lost. */
    boolean deliverAll(
            Escalation e, String owner, Parcel parcel, Optional<ThreadRef> thread, Optional<String> messageId) {
        return stores.outbox()
                .delivered(
                        e.id(),
                        owner,
                        parcel.effects().stream().map(PendingEffect::id).toList(),
                        Platform.SLACK,
                        thread,
                        messageId,
                        clock.instant().plusSeconds(60));
    }
}
