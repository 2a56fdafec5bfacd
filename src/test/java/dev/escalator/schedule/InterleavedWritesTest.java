package dev.escalator.schedule;

import static dev.escalator.testing.Fixtures.T0;
import static dev.escalator.testing.ScenarioData.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.core.Command;
import dev.escalator.core.Effect;
import dev.escalator.core.Escalation;
import dev.escalator.core.EscalationId;
import dev.escalator.core.EscalationQuery;
import dev.escalator.core.EscalationStore;
import dev.escalator.core.EscalationTimes;
import dev.escalator.core.Event;
import dev.escalator.core.Outcome;
import dev.escalator.core.Platform;
import dev.escalator.core.Status;
import dev.escalator.core.ThreadRef;
import dev.escalator.core.TimelineEntry;
import dev.escalator.core.Transitions;
import dev.escalator.store.StoreConnection;
import dev.escalator.store.Stores;
import dev.escalator.testing.InMemoryMongo;
import dev.escalator.testing.ScenarioData;
import dev.escalator.testing.TestClock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store's guard against stale writes (the version, and the timeline's length when new entries are appended),
 * interleaved on purpose rather than by chance: replica A is held after it read and decided and before its write
 * reaches the store, replica B does its whole read-decide-write meanwhile, and then A is let go. A's write must then
 * store nothing and say so, every time. {@link ConcurrentReplicasTest} releases two replicas together, which seldom
 * puts one's write between the other's claim and save; this always does.
 */
class InterleavedWritesTest {
    static final Duration TIMEOUT = Duration.ofMinutes(5);

    final TestClock clock = new TestClock(T0);
    final Transitions transitions = new Transitions(ScenarioData.twoLevels(TIMEOUT));
    final ExecutorService replicaA = Executors.newSingleThreadExecutor();
    final List<StoredChange> stored = new CopyOnWriteArrayList<>();

    InMemoryMongo server;
    StoreConnection connectionA;
    StoreConnection connectionB;
    Stores storesA;
    Stores storesB;
    HeldWrites heldA;

    @BeforeEach
    void start() {
        server = new InMemoryMongo();
        connectionA = server.connect();
        connectionB = server.connect();
        storesA = Stores.over(connectionA, clock);
        storesB = Stores.over(connectionB, clock);
        heldA = new HeldWrites(storesA.escalations());
    }

    @AfterEach
    void stop() {
        heldA.release();
        replicaA.shutdownNow();
        connectionA.close();
        connectionB.close();
        server.close();
    }

    @Test
    void aWriteDecidedOnAVersionAnotherWriteReplacedStoresNothing() throws Exception {
        Escalation e = ScenarioData.open(storesA.escalations(), transitions, clock.instant(), ScenarioData.PAY);
        clock.advance(TIMEOUT);
        Escalation read = storesA.escalations().find(e.id()).orElseThrow();
        var step = (Outcome.Applied) transitions.decide(read, new Command.StepDue(), clock.instant());
        var ack = (Outcome.Applied) transitions.decide(read, new Command.Acknowledge(ALICE), clock.instant());

        Future<Boolean> a = replicaA.submit(() -> heldA.save(step.escalation(), step.effects()));
        heldA.awaitHeld();
        boolean b = storesB.escalations().save(ack.escalation(), ack.effects());
        heldA.release();

        assertThat(b).as("B wrote on the version it read").isTrue();
        assertThat(a.get(30, TimeUnit.SECONDS))
                .as("A's write, decided on the version B replaced")
                .isFalse();
        Escalation now = storesB.escalations().find(e.id()).orElseThrow();
        assertThat(now.version()).isEqualTo(read.version() + 1);
        assertThat(now.timeline()).isEqualTo(ack.escalation().timeline());
        assertThat(now.status()).isEqualTo(Status.ACKNOWLEDGED);
    }

    @Test
    void aStepWhoseClaimLapsedWhileItsWriteWasHeldLosesToTheReplicaThatTookItOver() throws Exception {
        Escalation e = ScenarioData.open(storesA.escalations(), transitions, clock.instant(), ScenarioData.PAY);
        clock.advance(TIMEOUT);
        try (var a = new FireDueSteps(storesA.steps(), heldA, transitions, clock, "replica-a", stored::add);
                var b = new FireDueSteps(
                        storesB.steps(), storesB.escalations(), transitions, clock, "replica-b", stored::add)) {
            Future<?> runA = replicaA.submit(a::runOnce);
            heldA.awaitHeld(); // A claimed the step, read level 1 and decided level 2
            clock.advance(FireDueSteps.LEASE.plusSeconds(1)); // A's claim lapses: B may take the step over
            b.runOnce();
            heldA.release();
            runA.get(30, TimeUnit.SECONDS);
        }

        Escalation now = storesB.escalations().find(e.id()).orElseThrow();
        assertThat(heldA.results()).as("A's held write").containsExactly(false);
        assertThat(now.level()).isEqualTo(2);
        assertThat(tagsAtLevel(now, 2)).as("level 2 tagged once").isEqualTo(1);
        assertThat(stored).as("one stored step, B's").hasSize(1);
    }

    @Test
    void aStepHeldWhileAPersonAcknowledgesStoresNothingAndTheAcknowledgementStands() throws Exception {
        Escalation e = ScenarioData.open(storesA.escalations(), transitions, clock.instant(), ScenarioData.PAY);
        clock.advance(TIMEOUT);
        var deskB = new EscalationDesk(storesB.escalations(), transitions, clock, stored::add);
        try (var a = new FireDueSteps(storesA.steps(), heldA, transitions, clock, "replica-a", stored::add)) {
            Future<?> runA = replicaA.submit(a::runOnce);
            heldA.awaitHeld(); // A claimed the step and decided level 2
            Reply acknowledged = deskB.act(e.id(), new Command.Acknowledge(ALICE));
            heldA.release();
            runA.get(30, TimeUnit.SECONDS);
            assertThat(acknowledged).isInstanceOf(Reply.Done.class);
        }

        Escalation now = storesB.escalations().find(e.id()).orElseThrow();
        assertThat(heldA.results()).as("A's held step").containsExactly(false);
        assertThat(now.status()).isEqualTo(Status.ACKNOWLEDGED);
        assertThat(now.level()).isEqualTo(1);
        assertThat(tagsAtLevel(now, 2)).as("level 2 never tagged").isZero();
    }

    @Test
    void anAcknowledgementHeldWhileTheStepFiresIsDecidedAgainOnTheNewLevel() throws Exception {
        Escalation e = ScenarioData.open(storesA.escalations(), transitions, clock.instant(), ScenarioData.PAY);
        clock.advance(TIMEOUT);
        var deskA = new EscalationDesk(heldA, transitions, clock, stored::add);
        try (var b = new FireDueSteps(
                storesB.steps(), storesB.escalations(), transitions, clock, "replica-b", stored::add)) {
            Future<Reply> ackA = replicaA.submit(() -> deskA.act(e.id(), new Command.Acknowledge(ALICE)));
            heldA.awaitHeld(); // A read level 1 and decided alice's acknowledgement on it
            b.runOnce();
            heldA.release();
            assertThat(ackA.get(30, TimeUnit.SECONDS)).isInstanceOf(Reply.Done.class);
        }

        Escalation now = storesB.escalations().find(e.id()).orElseThrow();
        assertThat(heldA.results())
                .as("A's first write lost to the step; decided again on level 2, its second was stored")
                .containsExactly(false, true);
        assertThat(now.status()).isEqualTo(Status.ACKNOWLEDGED);
        assertThat(now.level()).isEqualTo(2);
        assertThat(tagsAtLevel(now, 2)).as("level 2 tagged once").isEqualTo(1);
        assertThat(stored)
                .as("B's step, then A's acknowledgement, each heard once by the listener")
                .extracting(StoredChange::fromStep)
                .containsExactly(true, false);
        assertThat(now.timeline())
                .extracting(TimelineEntry::event)
                .filteredOn(event -> event instanceof Event.Acknowledged)
                .hasSize(1);
    }

    private static long tagsAtLevel(Escalation e, int level) {
        return e.timeline().stream()
                .map(TimelineEntry::event)
                .filter(event -> event instanceof Event.Tagged tagged && tagged.level() == level)
                .count();
    }

    /**
     * A replica's store whose first write waits, after the replica read and decided, until the test lets it go;
     * every write's answer is kept. Reads pass straight through.
     */
    static final class HeldWrites implements EscalationStore {
        private final EscalationStore store;
        private final CountDownLatch held = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);
        private final List<Boolean> results = new CopyOnWriteArrayList<>();

        HeldWrites(EscalationStore store) {
            this.store = store;
        }

        void awaitHeld() throws InterruptedException {
            assertThat(held.await(30, TimeUnit.SECONDS))
                    .as("replica A reached its write")
                    .isTrue();
        }

        void release() {
            released.countDown();
        }

        List<Boolean> results() {
            return List.copyOf(results);
        }

        private boolean write(java.util.function.BooleanSupplier write) {
            if (held.getCount() > 0) {
                held.countDown();
                try {
                    if (!released.await(30, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("replica A was never let go");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            boolean result = write.getAsBoolean();
            results.add(result);
            return result;
        }

        @Override
        public boolean save(Escalation next, List<Effect> effects, Optional<String> handled) {
            return write(() -> store.save(next, effects, handled));
        }

        @Override
        public boolean save(Escalation next, int earlierEntries, List<Effect> effects, Optional<String> handled) {
            return write(() -> store.save(next, earlierEntries, effects, handled));
        }

        @Override
        public EscalationId nextId() {
            return store.nextId();
        }

        @Override
        public boolean create(Escalation escalation, List<Effect> effects) {
            return store.create(escalation, effects);
        }

        @Override
        public Optional<Escalation> find(EscalationId id) {
            return store.find(id);
        }

        @Override
        public boolean handled(EscalationId id, String key) {
            return store.handled(id, key);
        }

        @Override
        public List<Escalation> find(EscalationQuery query) {
            return store.find(query);
        }

        @Override
        public List<EscalationTimes> times(EscalationQuery query) {
            return store.times(query);
        }

        @Override
        public Optional<ThreadRef> thread(EscalationId id) {
            return store.thread(id);
        }

        @Override
        public Optional<String> rootLink(EscalationId id) {
            return store.rootLink(id);
        }

        @Override
        public void keepRootLink(EscalationId id, String link) {
            store.keepRootLink(id, link);
        }

        @Override
        public Optional<EscalationId> findByMessage(Platform platform, String messageId) {
            return store.findByMessage(platform, messageId);
        }

        @Override
        public Optional<EscalationId> findByThread(Platform platform, String threadId) {
            return store.findByThread(platform, threadId);
        }
    }
}
