package dev.escalator.delivery;

import static dev.escalator.testing.ScenarioData.PAY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.chat.ChatPort;
import dev.escalator.chat.PostKey;
import dev.escalator.core.ChannelRef;
import dev.escalator.core.Command;
import dev.escalator.core.Effect;
import dev.escalator.core.Escalation;
import dev.escalator.core.EscalationId;
import dev.escalator.core.Platform;
import dev.escalator.core.StoreUnavailableException;
import dev.escalator.core.ThreadRef;
import dev.escalator.core.TimelineEntry;
import dev.escalator.store.Stores;
import dev.escalator.testing.Eventually;
import dev.escalator.testing.RecordingChat;
import dev.escalator.testing.RecordingChat.Call;
import dev.escalator.testing.ScenarioData;
import dev.escalator.testing.TestClock;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What delivery keeps track of besides the posts themselves: a claim lost to another replica, a platform not
 * connected, the messages that reactions must find, a record that waits out a short store outage, refreshes batched,
 * the pace per channel (which a refresh of direct messages does not take), and a close that lets the post under way finish. Each case kills a mutant that
 * survived the rest of the delivery tests (docs/benchmarks.md, "Mutation scores").
 */
class DeliveryBookkeepingTest {
    final DeliveryWorld world = new DeliveryWorld();
    final TestClock clock = world.clock;
    final RecordingChat slack = world.slack;
    final Stores stores = world.stores;

    @AfterEach
    void stop() {
        world.close();
    }

    @Test
    void aReplicaWhoseClaimWasTakenOverStopsAfterThePostItCouldNotRecord() {
        Escalation e = world.open();
        var outboxOfA = new ForwardingOutbox(stores.outbox()) {
            boolean stalled;

            @Override
            void beforeRecordingDelivered(EscalationId id) {
                if (!stalled) {
                    // replica-a stalls (a long GC pause) after its first post: its lease lapses and replica-b claims
                    stalled = true;
                    clock.advance(DeliverEffects.LEASE.plusSeconds(1));
                    assertThat(stores.outbox().claim(id, "replica-b", clock.instant(), DeliverEffects.LEASE))
                            .isPresent();
                }
            }
        };
        try (var replicaA = world.delivering(outboxOfA, "replica-a", slack);
                var replicaB = world.delivering(stores.outbox(), "replica-b", slack)) {
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
        Escalation e = world.open();
        try (var slackless = world.delivering(new RecordingChat(Platform.DISCORD))) {
            slackless.deliver(e.id());
        }

        clock.advance(DeliverEffects.LEASE.plusSeconds(1));
        assertThat(world.waitingNow())
                .as("put off for a minute, not left claimed for a lease")
                .isEmpty();
        clock.advance(DeliverEffects.NO_PLATFORM_RETRY);
        try (var delivery = world.delivering(slack)) {
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
        Escalation e = world.open();
        try (var delivery = world.delivering(remembering)) {
            delivery.deliver(e.id());
            clock.advance(Duration.ofMinutes(5));
            e = world.apply(e, new Command.StepDue());
            clock.advance(Duration.ofMinutes(5));
            world.apply(e, new Command.StepDue());
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
        Escalation e = world.open();
        var briefOutage = new ForwardingOutbox(stores.outbox()) {
            int failures;

            @Override
            void beforeRecordingDelivered(EscalationId id) {
                if (failures++ == 0) {
                    throw new StoreUnavailableException("store away for a moment", null);
                }
            }
        };

        try (var delivery = world.delivering(briefOutage, "replica-a", slack)) {
            delivery.deliver(e.id());
        }

        assertThat(briefOutage.failures)
                .as("the first record failed and was tried again")
                .isGreaterThan(1);
        assertThat(slack.calls()).extracting(Call::kind).containsExactly("root", "thread");
        assertThat(stores.escalations().thread(e.id())).isPresent();
        assertThat(world.waitingWithin(Duration.ofDays(1)))
                .as("all recorded: nothing left in doubt")
                .isEmpty();
    }

    @Test
    void refreshesQueuedOneAfterAnotherByDifferentWritesAreOneEditOfTheRoot() {
        Escalation e = world.open();
        try (var delivery = world.delivering(slack)) {
            delivery.deliver(e.id());
            // two writes that each queue a refresh alone (transitions follow one with the direct messages' refresh):
            // an edit shows the escalation as it is when made, so one does for both
            e = world.applyQueuing(e, new Command.Note(ScenarioData.ALICE, "one"), new Effect.RefreshRoot());
            world.applyQueuing(e, new Command.Note(ScenarioData.ALICE, "two"), new Effect.RefreshRoot());
            delivery.deliver(e.id());
        }

        assertThat(slack.calls()).extracting(Call::kind).containsExactly("root", "thread", "refresh");
    }

    @Test
    void aPostToAChannelWhosePaceIsUsedUpWaitsInThePacerBeforeGoingOut() throws InterruptedException {
        Escalation e = world.open();
        deliverWhilePaysPaceIsUsedUp(e, waits -> {
            assertThat(waits).as("the root waits for #pay's next slot").isTrue();
            assertThat(slack.calls()).isEmpty();
        });
    }

    @Test
    void aRefreshOfDirectMessagesTakesNoSlotOfTheChannelsPace() throws InterruptedException {
        Escalation e = world.open();
        world.delivering(slack).deliver(e.id()); // root, brief and tag, unpaced
        world.applyQueuing(e, new Command.Note(ScenarioData.ALICE, "one"), new Effect.RefreshDirectMessages());
        deliverWhilePaysPaceIsUsedUp(e, waits -> {
            assertThat(waits)
                    .as("the refresh edits direct messages, nothing in #pay: it does not wait for #pay's pace")
                    .isFalse();
            assertThat(world.waitingWithin(Duration.ofDays(1))).isEmpty();
        });
    }

    /**
     * Delivers {@code e} while #pay's one post is used up for ten minutes; once the delivery waits in the pacer or is
     * done, {@code check} is told whether it waits.
     */
    private void deliverWhilePaysPaceIsUsedUp(Escalation e, Consumer<Boolean> check) throws InterruptedException {
        var pacer = new ChannelPacer(Duration.ofMinutes(10), 1);
        pacer.reserve(PAY, System.nanoTime());
        try (var paced = new DeliverEffects(stores.outbox(), List.of(slack), clock, "replica-a", pacer)) {
            Thread delivering = new Thread(() -> paced.deliver(e.id()), "delivering");
            delivering.start();
            try {
                Eventually.holds(
                        "waiting in the pacer or done",
                        () -> inPacer(delivering) || delivering.getState() == Thread.State.TERMINATED);
                check.accept(inPacer(delivering));
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
        Escalation e = world.open();
        var delivery = world.delivering(slow);
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
        assertThat(world.waitingWithin(Duration.ofDays(1)))
                .as("recorded before close returned")
                .isEmpty();
    }
}
