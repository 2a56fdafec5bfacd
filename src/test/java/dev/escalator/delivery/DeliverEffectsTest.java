package dev.escalator.delivery;

import static dev.escalator.testing.Fixtures.T0;
import static dev.escalator.testing.ScenarioData.ALICE;
import static dev.escalator.testing.ScenarioData.PAY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.chat.ChatFailure;
import dev.escalator.chat.ChatPort;
import dev.escalator.chat.PostKey;
import dev.escalator.core.ChannelRef;
import dev.escalator.core.Command;
import dev.escalator.core.Escalation;
import dev.escalator.core.EscalationId;
import dev.escalator.core.Event;
import dev.escalator.core.Outcome;
import dev.escalator.core.Platform;
import dev.escalator.core.ThreadRef;
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
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Delivery on a test clock against a recording chat: order, batching, rate limits, failures, and posts in doubt after
 * a lost answer or a replica's death.
 */
class DeliverEffectsTest {
    final TestClock clock = new TestClock(T0);
    final Transitions transitions = new Transitions(ScenarioData.twoLevels(Duration.ofMinutes(5)));
    final RecordingChat slack = new RecordingChat(Platform.SLACK);
    InMemoryMongo server;
    StoreConnection connection;
    Stores stores;
    DeliverEffects delivery;

    @BeforeEach
    void start() {
        server = new InMemoryMongo();
        connection = server.connect();
        stores = Stores.over(connection, clock);
        delivery = deliveryWith(List.of(slack));
    }

    @AfterEach
    void stop() {
        delivery.close();
        connection.close();
        server.close();
    }

    @Test
    void openingPostsTheRootThenTagsLevelOneInItsThread() {
        Escalation e = open();

        delivery.deliver(e.id());

        assertThat(slack.calls()).extracting(Call::kind).containsExactly("root", "thread");
        assertThat(slack.tags())
                .singleElement()
                .satisfies(tag -> assertThat(tag.level()).isEqualTo(1));
        assertThat(stores.escalations().thread(e.id())).isPresent();
        assertThat(stores.outbox().waiting(clock.instant(), 10)).isEmpty();
    }

    @Test
    void anActionStoredWhileItsOutboxIsClaimedIsPostedByTheSameDeliveryWithoutWaitingForAPoll() {
        Escalation e = open();
        var acted = new boolean[1];
        ChatPort actingMeanwhile = new ChatPort() {
            @Override
            public Platform platform() {
                return Platform.SLACK;
            }

            @Override
            public ThreadRef postRoot(Escalation escalation, PostKey key) {
                // alice acknowledges while the opening's posts are on their way: her write finds the outbox claimed
                if (!acted[0]) {
                    acted[0] = true;
                    apply(e, new Command.Acknowledge(ALICE));
                }
                return slack.postRoot(escalation, key);
            }

            @Override
            public String postInThread(
                    Escalation escalation, ThreadRef thread, List<TimelineEntry> entries, PostKey key) {
                return slack.postInThread(escalation, thread, entries, key);
            }

            @Override
            public void refreshRoot(Escalation escalation, ThreadRef thread) {
                slack.refreshRoot(escalation, thread);
            }

            @Override
            public String alertFallback(
                    Escalation escalation, ChannelRef fallback, TimelineEntry exhausted, PostKey key) {
                return slack.alertFallback(escalation, fallback, exhausted, key);
            }

            @Override
            public String postImage(ChannelRef channel, String text, dev.escalator.chat.ChatImage image) {
                return slack.postImage(channel, text, image);
            }
        };
        delivery.close();
        delivery = deliveryWith(List.of(actingMeanwhile));

        delivery.deliver(e.id());

        assertThat(slack.calls())
                .flatExtracting(Call::entries)
                .extracting(TimelineEntry::event)
                .hasAtLeastOneElementOfType(Event.Acknowledged.class);
        assertThat(stores.outbox().waiting(clock.instant(), 10)).isEmpty();
    }

    @Test
    void aTimeoutIsOneThreadPostSayingWhyAndWhoThenTheRootIsRefreshed() {
        Escalation e = open();
        delivery.deliver(e.id());
        clock.advance(Duration.ofMinutes(5));
        apply(e, new Command.StepDue());

        delivery.deliver(e.id());

        List<Call> calls = slack.calls().subList(2, slack.calls().size());
        assertThat(calls).extracting(Call::kind).containsExactly("thread", "refresh");
        assertThat(calls.getFirst().entries())
                .extracting(entry -> entry.event())
                .hasExactlyElementsOfTypes(Event.Escalated.class, Event.Tagged.class);
    }

    @Test
    void aRateLimitedPostWaitsForRetryAfterAndIsThenPostedOnce() {
        Escalation e = open();
        slack.failNext(ChatFailure.rateLimited(Duration.ofSeconds(30)));

        delivery.deliver(e.id());
        assertThat(slack.calls()).isEmpty();

        clock.advance(Duration.ofSeconds(29));
        assertThat(stores.outbox().waiting(clock.instant(), 10))
                .as("not before Retry-After")
                .isEmpty();
        clock.advance(Duration.ofSeconds(1));
        delivery.deliver(e.id());

        assertThat(slack.calls()).extracting(Call::kind).containsExactly("root", "thread");
    }

    @Test
    void aFailedPostHoldsBackLaterOnesSoNothingOvertakes() {
        Escalation e = open();
        delivery.deliver(e.id());
        apply(e, new Command.Note(ALICE, "first"));
        slack.failNext(ChatFailure.transientFailure("HTTP 500", null));
        delivery.deliver(e.id());
        apply(stores.escalations().find(e.id()).orElseThrow(), new Command.Note(ALICE, "second"));

        clock.advance(Duration.ofMinutes(1));
        delivery.deliver(e.id());

        var threadPosts = slack.calls().stream()
                .filter(call -> call.kind().equals("thread"))
                .map(call -> call.entries().stream().map(entry -> entry.event()).toList())
                .toList();
        assertThat(threadPosts.subList(1, threadPosts.size()))
                .as("after the brief: each note as it was queued, in order")
                .containsExactly(List.of(new Event.Noted("first")), List.of(new Event.Noted("second")));
    }

    @Test
    void aPostIntoAChannelSlackDoesNotFindIsNeverGivenUpAndGoesOutWithTheRestOnceItIsBack() {
        // channel_not_found is about the bot's access (the channel archived, the bot removed), not this post (#13)
        Escalation e = open();
        delivery.deliver(e.id());
        apply(e, new Command.Note(ALICE, "into a channel the bot cannot see"));
        for (int attempt = 0; attempt < 5; attempt++) {
            slack.failNext(ChatFailure.permanentFailure("channel_not_found"));
            delivery.deliver(e.id());
            clock.advance(Duration.ofMinutes(10));
        }
        apply(stores.escalations().find(e.id()).orElseThrow(), new Command.Resolve(ALICE, java.util.Optional.empty()));
        delivery.deliver(e.id());

        assertThat(slack.calls())
                .extracting(Call::kind)
                .as("the brief and tag, the note late, the resolution, the root refreshed")
                .containsExactly("root", "thread", "thread", "thread", "refresh");
        assertThat(slack.calls().get(2).entries().getFirst().event())
                .isEqualTo(new Event.Noted("into a channel the bot cannot see"));
        assertThat(stores.outbox().waiting(clock.instant().plus(Duration.ofDays(1)), 10))
                .isEmpty();
    }

    @Test
    void postsForAPlatformThatIsNotConnectedWaitInsteadOfVanishing() {
        try (var slackless = deliveryWith(List.of(new RecordingChat(Platform.DISCORD)))) {
            Escalation e = open();
            slackless.deliver(e.id());
            clock.advance(DeliverEffects.NO_PLATFORM_RETRY);

            delivery.deliver(e.id());

            assertThat(slack.calls()).extracting(Call::kind).containsExactly("root", "thread");
        }
    }

    @Test
    void anExhaustedEscalationAlertsTheFallbackChannel() {
        Escalation e = open();
        delivery.deliver(e.id());
        clock.advance(Duration.ofMinutes(5));
        e = apply(e, new Command.StepDue());
        clock.advance(Duration.ofMinutes(5));
        apply(e, new Command.StepDue());

        delivery.deliver(e.id());

        assertThat(slack.calls()).extracting(Call::kind).containsSubsequence("thread", "fallback", "refresh");
    }

    @Test
    void aPostWhoseAnswerWasLostIsFoundOnTheNextAttemptInsteadOfBeingPostedAgain() {
        Escalation e = open();
        delivery.deliver(e.id());
        apply(e, new Command.Note(ALICE, "looking at the logs"));
        slack.loseAnswerOfNext(ChatFailure.unanswered("chat.postMessage: timeout", null));
        delivery.deliver(e.id());

        clock.advance(Duration.ofMinutes(1));
        delivery.deliver(e.id());

        assertThat(slack.calls()).extracting(Call::kind).containsExactly("root", "thread", "thread");
        assertThat(slack.foundAgain())
                .singleElement()
                .satisfies(key -> assertThat(key.uncertain()).isTrue());
        assertThat(stores.outbox().waiting(clock.instant().plus(Duration.ofDays(1)), 10))
                .isEmpty();
    }

    @Test
    void aPostRefusedForSureIsRetriedWithoutLookingForIt() {
        Escalation e = open();
        slack.failNext(ChatFailure.rateLimited(Duration.ofSeconds(1)));
        delivery.deliver(e.id());

        clock.advance(Duration.ofSeconds(1));
        delivery.deliver(e.id());

        assertThat(slack.calls()).extracting(Call::key).noneMatch(PostKey::uncertain);
    }

    @Test
    void aReplicaThatDiedBetweenPostingAndRecordingIsNotRepeatedByTheReplicaTakingOver() {
        Escalation e = open();
        var dying = new DyingOutbox(stores.outbox());
        try (var replicaA = new DeliverEffects(dying, List.of(slack), clock, "replica-a", noPacing());
                var replicaB = new DeliverEffects(stores.outbox(), List.of(slack), clock, "replica-b", noPacing())) {
            dying.dieBeforeRecording();
            replicaA.deliver(e.id());
            assertThat(slack.calls())
                    .as("the root went out, unrecorded")
                    .extracting(Call::kind)
                    .containsExactly("root");

            replicaB.deliver(e.id());
            assertThat(slack.calls()).as("replica-a's claim still holds").hasSize(1);
            clock.advance(DeliverEffects.LEASE);
            replicaB.deliver(e.id());
        }

        assertThat(slack.calls()).extracting(Call::kind).containsExactly("root", "thread");
        assertThat(slack.foundAgain()).extracting(PostKey::id).containsExactly(e.id().number() + "/root");
        assertThat(stores.escalations().thread(e.id()))
                .as("the root found again is the thread")
                .isPresent();
    }

    @Test
    void whatWasQueuedAfterAPostInDoubtIsPostedOnItsOwnAfterIt() {
        Escalation e = open();
        delivery.deliver(e.id());
        e = apply(e, new Command.Note(ALICE, "first"));
        var dying = new DyingOutbox(stores.outbox());
        try (var replicaA = new DeliverEffects(dying, List.of(slack), clock, "replica-a", noPacing());
                var replicaB = new DeliverEffects(stores.outbox(), List.of(slack), clock, "replica-b", noPacing())) {
            dying.dieBeforeRecording();
            replicaA.deliver(e.id());
            apply(stores.escalations().find(e.id()).orElseThrow(), new Command.Note(ALICE, "second"));
            clock.advance(DeliverEffects.LEASE);

            replicaB.deliver(e.id());
        }

        var notes = slack.calls().stream()
                .flatMap(call -> call.entries().stream())
                .map(entry -> entry.event())
                .filter(Event.Noted.class::isInstance)
                .toList();
        assertThat(notes).containsExactly(new Event.Noted("first"), new Event.Noted("second"));
        assertThat(slack.foundAgain()).as("the post in doubt").hasSize(1);
    }

    @Test
    void aTagRefusedForTheBotsAccessForHoursIsParkedSaidToBeStuckAndGoesOutOnceAccessReturns() {
        var discord = new RecordingChat(Platform.DISCORD);
        var fallback = new ChannelRef(Platform.DISCORD, "999");
        delivery.close();
        delivery = deliveryWith(List.of(slack, discord))
                .tellingFallbacksOf(ScenarioData.twoLevels(Duration.ofMinutes(5), Optional.of(fallback)));
        Escalation e = open();
        delivery.deliver(e.id());
        clock.advance(Duration.ofMinutes(5));
        Escalation levelTwo = apply(e, new Command.StepDue());
        int tagSeq = levelTwo.timeline().size();
        slack.failUntilCleared(ChatFailure.permanentFailure("chat.postMessage: invalid_auth"));

        for (Duration waited = Duration.ZERO;
                waited.compareTo(Duration.ofHours(12)) < 0;
                waited = waited.plusMinutes(1)) {
            delivery.deliver(e.id());
            clock.advance(Duration.ofMinutes(1));
        }

        Escalation stuck = stores.escalations().find(e.id()).orElseThrow();
        var notDelivered = new Event.NotDelivered(tagSeq, "Slack says chat.postMessage: invalid_auth");
        assertThat(stuck.timeline()).extracting(TimelineEntry::event).containsOnlyOnce(notDelivered);
        assertThat(stuck.notDelivered()).contains(notDelivered);
        assertThat(slack.tags()).extracting(Event.Tagged::level).containsExactly(1);
        assertThat(slack.refusals())
                .as("tried all along, backing off to 10 minutes")
                .isBetween(12 * 6, 12 * 6 + 12);
        assertThat(delivery.stuckPosts()).isEqualTo(1);
        assertThat(discord.calls())
                .singleElement()
                .satisfies(call -> assertThat(call.kind()).isEqualTo("fallback"))
                .satisfies(call -> assertThat(call.entries().getFirst().event()).isEqualTo(notDelivered));

        slack.clearFailures();
        clock.advance(Duration.ofMinutes(10));
        delivery.deliver(e.id());

        assertThat(slack.tags()).extracting(Event.Tagged::level).containsExactly(1, 2);
        Escalation delivered = stores.escalations().find(e.id()).orElseThrow();
        assertThat(delivered.timeline().getLast().event()).isEqualTo(new Event.DeliveredLate(tagSeq));
        assertThat(delivered.notDelivered()).isEmpty();
        assertThat(delivery.stuckPosts()).isZero();
        assertThat(stores.outbox().waiting(clock.instant().plus(Duration.ofHours(1)), 10))
                .isEmpty();
    }

    @Test
    void aPostThePlatformRefusesAsSuchIsGivenUpWithATimelineEntryAndTheNextOneFollows() {
        Escalation e = open();
        delivery.deliver(e.id());
        Escalation noted = apply(e, new Command.Note(ALICE, "a note Slack finds too long"));
        int noteSeq = noted.timeline().size();
        slack.failNext(ChatFailure.messageRefused("chat.postMessage: msg_too_long"));
        apply(stores.escalations().find(e.id()).orElseThrow(), new Command.Note(ALICE, "short"));

        delivery.deliver(e.id());

        assertThat(slack.calls().getLast().entries())
                .extracting(TimelineEntry::event)
                .containsExactly(new Event.Noted("short"));
        assertThat(stores.escalations().find(e.id()).orElseThrow().timeline())
                .extracting(TimelineEntry::event)
                .contains(new Event.Dropped(noteSeq, "Slack says chat.postMessage: msg_too_long"));
        assertThat(delivery.stuckPosts()).isZero();
    }

    /** An outbox whose replica dies (as by kill -9) after a post went out and before it was recorded. */
    private static final class DyingOutbox extends ForwardingOutbox {
        private boolean dieBeforeRecording;

        DyingOutbox(Outbox outbox) {
            super(outbox);
        }

        void dieBeforeRecording() {
            dieBeforeRecording = true;
        }

        @Override
        public boolean delivered(
                EscalationId id,
                String owner,
                List<String> effectIds,
                Platform platform,
                Optional<ThreadRef> thread,
                Optional<String> messageId,
                Instant claimUntil) {
            if (dieBeforeRecording) {
                throw new IllegalStateException("replica died (kill -9) before recording the post");
            }
            return super.delivered(id, owner, effectIds, platform, thread, messageId, claimUntil);
        }

        @Override
        public void postpone(
                EscalationId id, String owner, String effectId, int attempts, boolean uncertain, Instant until) {
            if (dieBeforeRecording) {
                throw new IllegalStateException("dead");
            }
            super.postpone(id, owner, effectId, attempts, uncertain, until);
        }

        @Override
        public boolean release(EscalationId id, String owner) {
            if (dieBeforeRecording) {
                throw new IllegalStateException("dead");
            }
            return super.release(id, owner);
        }
    }

    private static ChannelPacer noPacing() {
        return new ChannelPacer(Duration.ZERO, 1);
    }

    private DeliverEffects deliveryWith(List<ChatPort> chats) {
        return new DeliverEffects(stores.outbox(), chats, clock, "replica-a", noPacing());
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
