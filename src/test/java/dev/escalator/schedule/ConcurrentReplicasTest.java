package dev.escalator.schedule;

import static dev.escalator.testing.Fixtures.T0;
import static dev.escalator.testing.ScenarioData.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.core.Command;
import dev.escalator.core.Escalation;
import dev.escalator.core.Event;
import dev.escalator.core.Outcome;
import dev.escalator.core.Transitions;
import dev.escalator.store.StoreConnection;
import dev.escalator.store.Stores;
import dev.escalator.testing.InMemoryMongo;
import dev.escalator.testing.ScenarioData;
import dev.escalator.testing.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SPEC §8 with several replicas: two replicas, each with its own connection to one store, do their work at the same
 * moment, released together by one latch, so their writes truly race. (Run one after the other, the second finds
 * the first's result and passes with the version guard removed.)
 */
class ConcurrentReplicasTest {
    static final int ROUNDS = 20;

    final TestClock clock = new TestClock(T0);
    final Transitions transitions = new Transitions(ScenarioData.twoLevels(Duration.ofMinutes(5)));
    final ExecutorService replicas = Executors.newFixedThreadPool(2);

    InMemoryMongo server;
    StoreConnection connectionA;
    StoreConnection connectionB;
    Stores storesA;
    Stores storesB;

    @BeforeEach
    void start() {
        server = new InMemoryMongo();
        connectionA = server.connect();
        connectionB = server.connect();
        storesA = Stores.over(connectionA, clock);
        storesB = Stores.over(connectionB, clock);
    }

    @AfterEach
    void stop() {
        replicas.shutdownNow();
        connectionA.close();
        connectionB.close();
        server.close();
    }

    @Test
    void ofTwoWritesFromTheSameVersionReleasedTogetherExactlyOneIsStored() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            Escalation e = ScenarioData.open(storesA.escalations(), transitions, clock.instant(), ScenarioData.PAY);
            clock.advance(Duration.ofMinutes(5));
            // both replicas read the same version and decide on it: one its timer, the other alice's acknowledgement
            Escalation read = storesB.escalations().find(e.id()).orElseThrow();
            var step = (Outcome.Applied) transitions.decide(read, new Command.StepDue(), clock.instant());
            var ack = (Outcome.Applied) transitions.decide(read, new Command.Acknowledge(ALICE), clock.instant());
            var go = new CountDownLatch(1);

            Future<Boolean> a = replicas.submit(() -> {
                go.await();
                return storesA.escalations().save(step.escalation(), step.effects());
            });
            Future<Boolean> b = replicas.submit(() -> {
                go.await();
                return storesB.escalations().save(ack.escalation(), ack.effects());
            });
            go.countDown();

            List<Boolean> saved = List.of(a.get(), b.get());
            assertThat(saved)
                    .as("round %d: one write wins, the other hears it lost", round)
                    .containsExactlyInAnyOrder(true, false);
            Escalation stored = storesA.escalations().find(e.id()).orElseThrow();
            Escalation winner = a.get() ? step.escalation() : ack.escalation();
            assertThat(stored.version()).isEqualTo(read.version() + 1);
            assertThat(stored.timeline()).isEqualTo(winner.timeline());
        }
    }

    @Test
    void twoSchedulersReleasedTogetherOnTheSameDueStepsFireEachOnce() throws Exception {
        var fired = new CopyOnWriteArrayList<StoredChange>();
        var opened = new ArrayList<Escalation>();
        for (int i = 0; i < ROUNDS; i++) {
            opened.add(ScenarioData.open(storesA.escalations(), transitions, clock.instant(), ScenarioData.PAY));
        }
        clock.advance(Duration.ofMinutes(5));
        try (var a = new FireDueSteps(
                        storesA.steps(), storesA.escalations(), transitions, clock, "replica-a", fired::add);
                var b = new FireDueSteps(
                        storesB.steps(), storesB.escalations(), transitions, clock, "replica-b", fired::add)) {
            var go = new CountDownLatch(1);
            Future<?> runA = replicas.submit(() -> {
                go.await();
                a.runOnce();
                return null;
            });
            Future<?> runB = replicas.submit(() -> {
                go.await();
                b.runOnce();
                return null;
            });
            go.countDown();
            runA.get();
            runB.get();
            a.runOnce();
            b.runOnce();
        }

        for (Escalation e : opened) {
            assertThat(storesA.escalations().find(e.id()).orElseThrow().timeline())
                    .as("%s: level 1 and level 2 tagged, once each", e.id())
                    .filteredOn(entry -> entry.event() instanceof Event.Tagged)
                    .hasSize(2);
        }
        assertThat(fired).hasSize(ROUNDS);
    }
}
