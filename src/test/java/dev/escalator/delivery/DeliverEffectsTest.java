package dev.escalator.delivery;

import static dev.escalator.testing.ScenarioData.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.chat.ChatFailure;
import dev.escalator.chat.ChatPort;
import dev.escalator.chat.PostKey;
import dev.escalator.core.ChannelRef;
import dev.escalator.core.Command;
import dev.escalator.core.Escalation;
import dev.escalator.core.EscalationId;
import dev.escalator.core.Event;
import dev.escalator.core.Platform;
import dev.escalator.core.ThreadRef;
import dev.escalator.core.TimelineEntry;
import dev.escalator.testing.Eventually;
import dev.escalator.testing.RecordingChat;
import dev.escalator.testing.RecordingChat.Call;
import dev.escalator.testing.ScenarioData;
import dev.escalator.testing.SpinningWorkers;
import dev.escalator.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Delivery on a test clock against a recording chat: order, batching, rate limits, failures, and posts in doubt after
 * a lost answer or a replica's death.
 */
class DeliverEffectsTest {
    final DeliveryWorld world = new DeliveryWorld();
    final TestClock clock = world.clock;
    final RecordingChat slack = world.slack;
    DeliverEffects delivery = world.delivering(slack);

    @AfterEach
    void stop() {
        world.close();
    }

    @Test
    void openingPostsTheRootThenTagsLevelOneInItsThread() {
        Escalation e = world.open();

        delivery.deliver(e.id());

        assertThat(slack.calls()).extracting(Call::kind).containsExactly("root", "thread");
        assertThat(slack.tags())
                .singleElement()
                .satisfies(tag -> assertThat(tag.level()).isEqualTo(1));
        assertThat(world.stores.escalations().thread(e.id())).isPresent();
        assertThat(world.waitingNow()).isEmpty();
    }

    @Test
    void anActionStoredWhileItsOutboxIsClaimedIsPostedByTheSameDeliveryWithoutWaitingForAPoll() {
        Escalation e = world.open();
        var acted = new boolean[1];
        ChatPort actingMeanwhile = new ForwardingChat(slack) {
            @Override
            public ThreadRef postRoot(Escalation escalation, PostKey key) {
                // alice acknowledges while the opening's posts are on their way: her write finds the outbox claimed
                if (!acted[0]) {
                    acted[0] = true;
                    world.apply(e, new Command.Acknowledge(ALICE));
                }
                return super.postRoot(escalation, key);
            }
        };
        delivery = world.delivering(actingMeanwhile);

        delivery.deliver(e.id());

        assertThat(slack.calls())
                .flatExtracting(Call::entries)
                .extracting(TimelineEntry::event)
                .hasAtLeastOneElementOfType(Event.Acknowledged.class);
        assertThat(world.waitingNow()).isEmpty();
    }

    @Test
    void aTimeoutIsOneThreadPostSayingWhyAndWhoThenTheRootIsRefreshed() {
        Escalation e = world.open();
        delivery.deliver(e.id());
        clock.advance(Duration.ofMinutes(5));
        world.apply(e, new Command.StepDue());

        delivery.deliver(e.id());

        List<Call> calls = slack.calls().subList(2, slack.calls().size());
        assertThat(calls).extracting(Call::kind).containsExactly("thread", "refresh");
        assertThat(calls.getFirst().entries())
                .extracting(entry -> entry.event())
                .hasExactlyElementsOfTypes(Event.Escalated.class, Event.Tagged.class);
    }

    @Test
    void aRateLimitedPostWaitsForRetryAfterAndIsThenPostedOnce() {
        Escalation e = world.open();
        slack.failNext(ChatFailure.rateLimited(Duration.ofSeconds(30)));

        delivery.deliver(e.id());
        assertThat(slack.calls()).isEmpty();

        clock.advance(Duration.ofSeconds(29));
        assertThat(world.waitingNow()).as("not before Retry-After").isEmpty();
        clock.advance(Duration.ofSeconds(1));
        delivery.deliver(e.id());

        assertThat(slack.calls()).extracting(Call::kind).containsExactly("root", "thread");
    }

    @Test
    void aFailedPostHoldsBackLaterOnesSoNothingOvertakes() {
        Escalation e = world.open();
        delivery.deliver(e.id());
        world.apply(e, new Command.Note(ALICE, "first"));
        slack.failNext(ChatFailure.transientFailure("HTTP 500", null));
        delivery.deliver(e.id());
        world.applyToStored(e.id(), new Command.Note(ALICE, "second"));

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
        Escalation e = world.open();
        delivery.deliver(e.id());
        world.apply(e, new Command.Note(ALICE, "into a channel the bot cannot see"));
        for (int attempt = 0; attempt < 5; attempt++) {
            slack.failNext(ChatFailure.permanentFailure("channel_not_found"));
            delivery.deliver(e.id());
            clock.advance(Duration.ofMinutes(10));
        }
        world.applyToStored(e.id(), new Command.Resolve(ALICE, java.util.Optional.empty()));
        delivery.deliver(e.id());

        assertThat(slack.calls())
                .extracting(Call::kind)
                .as("the brief and tag, the note late, the resolution, the root refreshed")
                .containsExactly("root", "thread", "thread", "thread", "refresh");
        assertThat(slack.calls().get(2).entries().getFirst().event())
                .isEqualTo(new Event.Noted("into a channel the bot cannot see"));
        assertThat(world.waitingWithin(Duration.ofDays(1))).isEmpty();
    }

    @Test
    void postsForAPlatformThatIsNotConnectedWaitInsteadOfVanishing() {
        try (var slackless = world.delivering(new RecordingChat(Platform.DISCORD))) {
            Escalation e = world.open();
            slackless.deliver(e.id());
            clock.advance(DeliverEffects.NO_PLATFORM_RETRY);

            delivery.deliver(e.id());

            assertThat(slack.calls()).extracting(Call::kind).containsExactly("root", "thread");
        }
    }

    @Test
    void anExhaustedEscalationAlertsTheFallbackChannel() {
        Escalation e = world.open();
        delivery.deliver(e.id());
        clock.advance(Duration.ofMinutes(5));
        e = world.apply(e, new Command.StepDue());
        clock.advance(Duration.ofMinutes(5));
        world.apply(e, new Command.StepDue());

        delivery.deliver(e.id());

        assertThat(slack.calls()).extracting(Call::kind).containsSubsequence("thread", "fallback", "refresh");
    }

    @Test
    void aPostWhoseAnswerWasLostIsFoundOnTheNextAttemptInsteadOfBeingPostedAgain() {
        Escalation e = world.open();
        delivery.deliver(e.id());
        world.apply(e, new Command.Note(ALICE, "looking at the logs"));
        slack.loseAnswerOfNext(ChatFailure.unanswered("chat.postMessage: timeout", null));
        delivery.deliver(e.id());

        clock.advance(Duration.ofMinutes(1));
        delivery.deliver(e.id());

        assertThat(slack.calls()).extracting(Call::kind).containsExactly("root", "thread", "thread");
        assertThat(slack.foundAgain())
                .singleElement()
                .satisfies(key -> assertThat(key.uncertain()).isTrue());
        assertThat(world.waitingWithin(Duration.ofDays(1))).isEmpty();
    }

    @Test
    void aPostRefusedForSureIsRetriedWithoutLookingForIt() {
        Escalation e = world.open();
        slack.failNext(ChatFailure.rateLimited(Duration.ofSeconds(1)));
        delivery.deliver(e.id());

        clock.advance(Duration.ofSeconds(1));
        delivery.deliver(e.id());

        assertThat(slack.calls()).extracting(Call::key).noneMatch(PostKey::uncertain);
    }

    @Test
    void aReplicaThatDiedBetweenPostingAndRecordingIsNotRepeatedByTheReplicaTakingOver() {
        Escalation e = world.open();
        var dying = new DyingOutbox(world.stores.outbox());
        try (var replicaA = world.delivering(dying, "replica-a", slack);
                var replicaB = world.delivering(world.stores.outbox(), "replica-b", slack)) {
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
        assertThat(world.stores.escalations().thread(e.id()))
                .as("the root found again is the thread")
                .isPresent();
    }

    @Test
    void whatWasQueuedAfterAPostInDoubtIsPostedOnItsOwnAfterIt() {
        Escalation e = world.open();
        delivery.deliver(e.id());
        e = world.apply(e, new Command.Note(ALICE, "first"));
        var dying = new DyingOutbox(world.stores.outbox());
        try (var replicaA = world.delivering(dying, "replica-a", slack);
                var replicaB = world.delivering(world.stores.outbox(), "replica-b", slack)) {
            dying.dieBeforeRecording();
            replicaA.deliver(e.id());
            world.applyToStored(e.id(), new Command.Note(ALICE, "second"));
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
        var discord = world.discord;
        var fallback = new ChannelRef(Platform.DISCORD, "999");
        delivery = world.delivering(slack, discord)
                .tellingFallbacksOf(ScenarioData.twoLevels(Duration.ofMinutes(5), Optional.of(fallback)));
        Escalation e = world.open();
        delivery.deliver(e.id());
        clock.advance(Duration.ofMinutes(5));
        Escalation levelTwo = world.apply(e, new Command.StepDue());
        int tagSeq = levelTwo.timeline().size();
        slack.failUntilCleared(ChatFailure.permanentFailure("chat.postMessage: invalid_auth"));

        for (Duration waited = Duration.ZERO;
                waited.compareTo(Duration.ofHours(12)) < 0;
                waited = waited.plusMinutes(1)) {
            delivery.deliver(e.id());
            clock.advance(Duration.ofMinutes(1));
        }

        Escalation stuck = world.stored(e.id());
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
        Escalation delivered = world.stored(e.id());
        assertThat(delivered.timeline().getLast().event()).isEqualTo(new Event.DeliveredLate(tagSeq));
        assertThat(delivered.notDelivered()).isEmpty();
        assertThat(delivery.stuckPosts()).isZero();
        assertThat(world.waitingWithin(Duration.ofHours(1))).isEmpty();
    }

    @Test
    void aPostThePlatformRefusesAsSuchIsGivenUpWithATimelineEntryAndTheNextOneFollows() {
        Escalation e = world.open();
        delivery.deliver(e.id());
        Escalation noted = world.apply(e, new Command.Note(ALICE, "a note Slack finds too long"));
        int noteSeq = noted.timeline().size();
        slack.failNext(ChatFailure.messageRefused("chat.postMessage: msg_too_long"));
        world.applyToStored(e.id(), new Command.Note(ALICE, "short"));

        delivery.deliver(e.id());

        assertThat(slack.calls().getLast().entries())
                .extracting(TimelineEntry::event)
                .containsExactly(new Event.Noted("short"));
        assertThat(world.stored(e.id()).timeline())
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
        void beforeRecordingDelivered(EscalationId id) {
            if (dieBeforeRecording) {
                throw new IllegalStateException("replica died (kill -9) before recording the post");
            }
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

    @Test
    void anOutboxTakenOverFromADeadReplicaIsDeliveredWhileEveryWorkerIsBusy() throws Exception {
        int busy = 33;
        var blocked = new AtomicInteger();
        var mayGoOn = new CountDownLatch(1);
        var backlog = new ArrayList<EscalationId>();
        for (int i = 0; i < busy; i++) {
            backlog.add(world.open().id());
        }
        // this replica's own backlog: every worker held in its post, and the round waiting for a worker
        ChatPort slow = new ForwardingChat(slack) {
            @Override
            public ThreadRef postRoot(Escalation escalation, PostKey key) {
                if (backlog.contains(escalation.id())) {
                    blocked.incrementAndGet();
                    try {
                        mayGoOn.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return super.postRoot(escalation, key);
            }
        };
        delivery = world.delivering(slow);
        try (var round = Executors.newVirtualThreadPerTaskExecutor()) {
            try {
                round.submit(delivery::runOnce);
                Eventually.holds("every worker busy", Duration.ofSeconds(30), () -> blocked.get() == 32);
                Escalation takenOver = world.open();

                delivery.deliverTakenOver(List.of(takenOver.id()));

                Eventually.holds(
                        "the outbox taken over is posted while the workers are busy",
                        Duration.ofSeconds(30),
                        () -> !slack.callsFor(takenOver.id()).isEmpty());
                assertThat(blocked).hasValue(32);
            } finally {
                mayGoOn.countDown();
            }
        }
    }

    @Test
    void anOutboxTakenOverFromADeadReplicaIsDeliveredWhileTheWorkersHoldEveryCarrierThread() {
        int carriers = Math.min(SpinningWorkers.carriers(), DeliverEffects.CONCURRENCY);
        // one worker a carrier: a worker more would wait for a carrier holding what it had (a store connection)
        var backlog = new ArrayList<EscalationId>();
        for (int i = 0; i < carriers; i++) {
            backlog.add(world.open().id());
        }
        // this replica's own backlog, busy on the CPU: its workers, virtual threads, hold every carrier thread
        var workers = new SpinningWorkers();
        ChatPort busy = new ForwardingChat(slack) {
            @Override
            public ThreadRef postRoot(Escalation escalation, PostKey key) {
                if (backlog.contains(escalation.id())) {
                    workers.spin();
                }
                return super.postRoot(escalation, key);
            }
        };
        delivery = world.delivering(busy);
        try {
            delivery.runOnce();
            Eventually.holds(
                    "every carrier thread held by a busy worker",
                    Duration.ofSeconds(30),
                    () -> workers.spinning() == carriers);
            Escalation takenOver = world.open();

            delivery.deliverTakenOver(List.of(takenOver.id()));

            Eventually.holds(
                    "the outbox taken over is posted while the workers hold the carrier threads",
                    Duration.ofSeconds(30),
                    () -> !slack.callsFor(takenOver.id()).isEmpty());
            assertThat(workers.spinning()).isEqualTo(carriers);
        } finally {
            workers.release();
        }
    }
}
