package dev.escalator.delivery;

import static dev.escalator.testing.Fixtures.T0;
import static dev.escalator.testing.ScenarioData.PAY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.chat.ChatImage;
import dev.escalator.chat.ChatPort;
import dev.escalator.chat.PostKey;
import dev.escalator.core.ChannelRef;
import dev.escalator.core.Command;
import dev.escalator.core.DirectMessageRef;
import dev.escalator.core.Effect;
import dev.escalator.core.Escalation;
import dev.escalator.core.EscalationId;
import dev.escalator.core.Outcome;
import dev.escalator.core.PersonId;
import dev.escalator.core.Platform;
import dev.escalator.core.StoreUnavailableException;
import dev.escalator.core.ThreadRef;
import dev.escalator.core.TimelineEntry;
import dev.escalator.core.Transitions;
import dev.escalator.store.StoreConnection;
import dev.escalator.store.Stores;
import dev.escalator.testing.Eventually;
import dev.escalator.testing.InMemoryMongo;
import dev.escalator.testing.RecordingChat;
import dev.escalator.testing.RecordingChat.Call;
import dev.escalator.testing.ScenarioData;
import dev.escalator.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What delivery keeps track of besides the posts themselves: a claim lost to another replica, a platform not
 * connected, the messages that reactions must find, a record that waits out a short store outage, refreshes batched,
 * the pace per channel, and a close that lets the post under way finish. Each case kills a mutant that
 * survived the rest of the delivery tests (docs/benchmarks.md, "Mutation scores").
 */
class DeliveryBookkeepingTest {
    final TestClock clock = new TestClock(T0);
    final Transitions transitions = new Transitions(ScenarioData.twoLevels(Duration.ofMinutes(5)));
    final RecordingChat slack = new RecordingChat(Platform.SLACK);
    InMemoryMongo server;
    StoreConnection connection;
    Stores stores;

    @BeforeEach
    void start() {
        server = new InMemoryMongo();
        connection = server.connect();
        stores = Stores.over(connection, clock);
    }

    @AfterEach
    void stop() {
        connection.close();
        server.close();
    }

    @Test
    void aReplicaWhoseClaimWasTakenOverStopsAfterThePostItCouldNotRecord() {
        Escalation e = open();
        var outboxOfA = new ForwardingOutbox(stores.outbox()) {
            boolean stalled;

            @Override
            public boolean delivered(
                    EscalationId id,
                    String owner,
                    List<String> effectIds,
                    Platform platform,
                    Optional<ThreadRef> thread,
                    Optional<String> messageId,
                    Instant claimUntil) {
                if (!stalled) {
                    // replica-a stalls (a long GC pause) after its first post: its lease lapses and replica-b claims
                    stalled = true;
                    clock.advance(DeliverEffects.LEASE.plusSeconds(1));
                    assertThat(stores.outbox().claim(id, "replica-b", clock.instant(), DeliverEffects.LEASE))
                            .isPresent();
                }
                return super.delivered(id, owner, effectIds, platform, thread, messageId, claimUntil);
            }
        };
        try (var replicaA = new DeliverEffects(outboxOfA, List.of(slack), clock, "replica-a", noPacing());
                var replicaB = new DeliverEffects(stores.outbox(), List.of(slack), clock, "replica-b", noPacing())) {
            replicaA.deliver(e.id());
            assertThat(slack.calls())
                    .as("replica-a posts nothing after the post it could not record")
                    .extracting(Call::kind)
                    .containsExactly("root");

            clock.advance(DeliverEffects.LEASE.plusSeconds(1));
            replicaB.deliver(e.id());
        }

        assertThat(slack.calls()).extracting(Call::kind).containsExactly("root", "thread");
        assertThat(slack.foundAgain()).extracting(PostKey::id).containsExactly(e.id().number() + "/root");
    }

    @Test
    void postsForAPlatformNotConnectedWaitAMinuteUnclaimedAndAreThenPostedWithoutLookingForThem() {
        Escalation e = open();
        try (var slackless = deliveryWith(List.of(new RecordingChat(Platform.DISCORD)))) {
            slackless.deliver(e.id());
        }

        clock.advance(DeliverEffects.LEASE.plusSeconds(1));
        assertThat(stores.outbox().waiting(clock.instant(), 10))
                .as("put off for a minute, not left claimed for a lease")
                .isEmpty();
        clock.advance(DeliverEffects.NO_PLATFORM_RETRY);
        try (var delivery = deliveryWith(List.of(slack))) {
            delivery.deliver(e.id());
        }

        assertThat(slack.calls()).extracting(Call::kind).containsExactly("root", "thread");
        assertThat(slack.calls())
                .as("nothing went out before: nothing to look for")
                .extracting(Call::key)
                .noneMatch(PostKey::uncertain);
    }

    @Test
    void everyMessageDeliveryPostsIsFoundAgainByItsIdSoThatReactionsOnItReachTheEscalation() {
        var posted = new CopyOnWriteArrayList<String>();
        ChatPort remembering = new ForwardingChat(slack) {
            @Override
            public ThreadRef postRoot(Escalation escalation, PostKey key) {
                ThreadRef root = super.postRoot(escalation, key);
                posted.add(root.rootMessageId());
                return root;
            }

            @Override
            public String postInThread(
                    Escalation escalation, ThreadRef thread, List<TimelineEntry> entries, PostKey key) {
                return remember(super.postInThread(escalation, thread, entries, key));
            }

            @Override
            public String alertFallback(
                    Escalation escalation, ChannelRef fallback, TimelineEntry exhausted, PostKey key) {
                return remember(super.alertFallback(escalation, fallback, exhausted, key));
            }

            private String remember(String messageId) {
                posted.add(messageId);
                return messageId;
            }
        };
        Escalation e = open();
        try (var delivery = deliveryWith(List.of(remembering))) {
            delivery.deliver(e.id());
            clock.advance(Duration.ofMinutes(5));
            e = apply(e, new Command.StepDue());
            clock.advance(Duration.ofMinutes(5));
            apply(e, new Command.StepDue());
            delivery.deliver(e.id());
        }

        assertThat(slack.calls()).extracting(Call::kind).contains("root", "thread", "fallback");
        assertThat(posted)
                .hasSameSizeAs(slack.calls().stream()
                        .filter(call -> !call.kind().equals("refresh"))
                        .toList());
        EscalationId id = e.id();
        assertThat(posted)
                .as("the root, each thread post and the fallback alert")
                .allSatisfy(message -> assertThat(stores.escalations().findByMessage(Platform.SLACK, message))
                        .contains(id));
    }

    @Test
    void aPostIsRecordedWhenTheStoreComesBackWithinTheRecordsPatience() {
        Escalation e = open();
        var briefOutage = new ForwardingOutbox(stores.outbox()) {
            int failures;

            @Override
            public boolean delivered(
                    EscalationId id,
                    String owner,
                    List<String> effectIds,
                    Platform platform,
                    Optional<ThreadRef> thread,
                    Optional<String> messageId,
                    Instant claimUntil) {
                if (failures++ == 0) {
                    throw new StoreUnavailableException("store away for a moment", null);
                }
                return super.delivered(id, owner, effectIds, platform, thread, messageId, claimUntil);
            }
        };

        try (var delivery = new DeliverEffects(briefOutage, List.of(slack), clock, "replica-a", noPacing())) {
            delivery.deliver(e.id());
        }

        assertThat(briefOutage.failures)
                .as("the first record failed and was tried again")
                .isGreaterThan(1);
        assertThat(slack.calls()).extracting(Call::kind).containsExactly("root", "thread");
        assertThat(stores.escalations().thread(e.id())).isPresent();
        assertThat(stores.outbox().waiting(clock.instant().plus(Duration.ofDays(1)), 10))
                .as("all recorded: nothing left in doubt")
                .isEmpty();
    }

    @Test
    void refreshesQueuedOneAfterAnotherByDifferentWritesAreOneEditOfTheRoot() {
        Escalation e = open();
        try (var delivery = deliveryWith(List.of(slack))) {
            delivery.deliver(e.id());
            // two writes that each queue a refresh alone (transitions follow one with the direct messages' refresh):
            // an edit shows the escalation as it is when made, so one does for both
            e = saveQueuing(e, new Command.Note(ScenarioData.ALICE, "one"), new Effect.RefreshRoot());
            saveQueuing(e, new Command.Note(ScenarioData.ALICE, "two"), new Effect.RefreshRoot());
            delivery.deliver(e.id());
        }

        assertThat(slack.calls()).extracting(Call::kind).containsExactly("root", "thread", "refresh");
    }

    @Test
    void aPostToAChannelWhosePaceIsUsedUpWaitsInThePacerBeforeGoingOut() throws InterruptedException {
        var pacer = new ChannelPacer(Duration.ofMinutes(10), 1);
        pacer.reserve(PAY, System.nanoTime()); // #pay's one post for the next ten minutes
        Escalation e = open();
        try (var paced = new DeliverEffects(stores.outbox(), List.of(slack), clock, "replica-a", pacer)) {
            Thread delivering = new Thread(() -> paced.deliver(e.id()), "delivering");
            delivering.start();
            try {
                Eventually.holds(
                        "waiting in the pacer or done",
                        () -> inPacer(delivering) || delivering.getState() == Thread.State.TERMINATED);
                assertThat(inPacer(delivering))
                        .as("the root waits for #pay's next slot")
                        .isTrue();
                assertThat(slack.calls()).isEmpty();
            } finally {
                delivering.interrupt(); // the park ends; what follows does not matter here
                delivering.join(Eventually.BOUND.toMillis());
            }
        }
    }

    private static boolean inPacer(Thread thread) {
        return Arrays.stream(thread.getStackTrace())
                .anyMatch(frame -> frame.getClassName().equals(ChannelPacer.class.getName())
                        && frame.getMethodName().equals("await"));
    }

    @Test
    void closingWaitsForTheDeliveryUnderWayToBeRecorded() throws InterruptedException {
        var posting = new CountDownLatch(1);
        var letGo = new CountDownLatch(1);
        ChatPort slow = new ForwardingChat(slack) {
            @Override
            public ThreadRef postRoot(Escalation escalation, PostKey key) {
                posting.countDown();
                try {
                    letGo.await(Eventually.BOUND.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
                return super.postRoot(escalation, key);
            }
        };
        Escalation e = open();
        var delivery = deliveryWith(List.of(slow));
        Thread closer = new Thread(delivery::close, "closer");
        try {
            delivery.runOnce();
            assertThat(posting.await(Eventually.BOUND.toMillis(), TimeUnit.MILLISECONDS))
                    .as("a worker is posting")
                    .isTrue();

            closer.start();
            var waitingOrDone = EnumSet.of(Thread.State.WAITING, Thread.State.TIMED_WAITING, Thread.State.TERMINATED);
            Eventually.holds("close waits or has returned", () -> waitingOrDone.contains(closer.getState()));
            assertThat(closer.isAlive())
                    .as("close waits while a post is under way")
                    .isTrue();
        } finally {
            letGo.countDown();
            closer.join(Eventually.BOUND.toMillis());
        }

        assertThat(closer.isAlive()).isFalse();
        assertThat(slack.calls()).extracting(Call::kind).containsExactly("root", "thread");
        assertThat(stores.outbox().waiting(clock.instant().plus(Duration.ofDays(1)), 10))
                .as("recorded before close returned")
                .isEmpty();
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

    private Escalation saveQueuing(Escalation e, Command command, Effect effect) {
        var applied = (Outcome.Applied) transitions.decide(e, command, clock.instant());
        assertThat(stores.escalations().save(applied.escalation(), List.of(effect)))
                .isTrue();
        return applied.escalation();
    }

    /** A chat port that does what another does; cases override the call they watch or slow down. */
    private static class ForwardingChat implements ChatPort {
        private final ChatPort chat;

        ForwardingChat(ChatPort chat) {
            this.chat = chat;
        }

        @Override
        public Platform platform() {
            return chat.platform();
        }

        @Override
        public ThreadRef postRoot(Escalation escalation, PostKey key) {
            return chat.postRoot(escalation, key);
        }

        @Override
        public String postInThread(Escalation escalation, ThreadRef thread, List<TimelineEntry> entries, PostKey key) {
            return chat.postInThread(escalation, thread, entries, key);
        }

        @Override
        public void refreshRoot(Escalation escalation, ThreadRef thread) {
            chat.refreshRoot(escalation, thread);
        }

        @Override
        public String alertFallback(Escalation escalation, ChannelRef fallback, TimelineEntry exhausted, PostKey key) {
            return chat.alertFallback(escalation, fallback, exhausted, key);
        }

        @Override
        public String postImage(ChannelRef channel, String text, ChatImage image) {
            return chat.postImage(channel, text, image);
        }

        @Override
        public DirectMessageRef sendDirectMessage(
                Escalation escalation, TimelineEntry tag, PersonId person, Optional<String> threadLink, PostKey key) {
            return chat.sendDirectMessage(escalation, tag, person, threadLink, key);
        }

        @Override
        public void refreshDirectMessage(Escalation escalation, DirectMessageRef message, Optional<String> threadLink) {
            chat.refreshDirectMessage(escalation, message, threadLink);
        }
    }
}
