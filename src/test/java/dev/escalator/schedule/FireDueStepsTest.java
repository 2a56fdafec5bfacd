package dev.escalator.schedule;

import static dev.escalator.testing.Fixtures.T0;
import static dev.escalator.testing.ScenarioData.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.core.Command;
import dev.escalator.core.Escalation;
import dev.escalator.core.EscalationId;
import dev.escalator.core.Event;
import dev.escalator.core.Outcome;
import dev.escalator.core.PersonId;
import dev.escalator.core.Status;
import dev.escalator.core.Transitions;
import dev.escalator.store.StoreConnection;
import dev.escalator.store.Stores;
import dev.escalator.testing.Eventually;
import dev.escalator.testing.InMemoryMongo;
import dev.escalator.testing.ScenarioData;
import dev.escalator.testing.SpinningWorkers;
import dev.escalator.testing.TestClock;
import dev.escalator.testing.Together;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The scheduler on a test clock: steps fire when due, once, and not before. */
class FireDueStepsTest {
    final TestClock clock = new TestClock(T0);
    final Transitions transitions = new Transitions(ScenarioData.twoLevels(Duration.ofMinutes(5)));
    final List<StoredChange> fired = new CopyOnWriteArrayList<>();
    InMemoryMongo server;
    StoreConnection connection;
    Stores stores;
    FireDueSteps scheduler;

    @BeforeEach
    void start() {
        server = new InMemoryMongo();
        connection = server.connect();
        stores = Stores.over(connection, clock);
        scheduler = new FireDueSteps(stores.steps(), stores.escalations(), transitions, clock, "replica-a", fired::add);
    }

    @AfterEach
    void stop() {
        scheduler.close();
        connection.close();
        server.close();
    }

    @Test
    void nothingFiresBeforeTheAckTimeout() {
        Escalation e = open();
        clock.advance(Duration.ofMinutes(5).minusMillis(1));

        scheduler.runOnce();

        assertThat(stores.escalations().find(e.id()).orElseThrow().level()).isEqualTo(1);
        assertThat(fired).isEmpty();
    }

    @Test
    void theNextLevelIsTaggedWhenTheAckTimeoutPasses() {
        Escalation e = open();
        clock.advance(Duration.ofMinutes(5));

        var next = scheduler.runOnce();

        Escalation stored = stores.escalations().find(e.id()).orElseThrow();
        assertThat(stored.level()).isEqualTo(2);
        assertThat(stored.timeline().getLast().event())
                .isEqualTo(new Event.Tagged(
                        2, 2, 0, List.of(new PersonId("bob")), clock.instant().plus(Duration.ofMinutes(5))));
        assertThat(fired).singleElement().satisfies(step -> {
            assertThat(step.lateness()).contains(Duration.ZERO);
            assertThat(step.fromStep()).isTrue();
        });
        assertThat(next)
                .as("nothing more due within the look-ahead: the loop sleeps, it does not run again at once")
                .isEmpty();
    }

    @Test
    void aRoundReportsWhenTheNextStepIsDueSoTheLoopSleepsUntilThen() {
        open();
        clock.advance(Duration.ofMinutes(5).minusSeconds(1));

        assertThat(scheduler.runOnce()).contains(T0.plus(Duration.ofMinutes(5)));
    }

    @Test
    void stepsThatCameDueWhileNoReplicaRanFireAtOnceAndOnlyOneLevelEach() {
        Escalation a = open();
        Escalation b = open();
        clock.advance(Duration.ofHours(3)); // the bot was down for three hours

        scheduler.runOnce();

        for (Escalation e : List.of(a, b)) {
            Escalation stored = stores.escalations().find(e.id()).orElseThrow();
            assertThat(stored.level())
                    .as("one level per step, no burst through the path")
                    .isEqualTo(2);
            assertThat(stored.timerAt()).contains(clock.instant().plus(Duration.ofMinutes(5)));
        }
        assertThat(fired)
                .hasSize(2)
                .allSatisfy(step -> assertThat(step.lateness()).contains(Duration.ofMinutes(175)));
    }

    @Test
    void aStepThatAUserBeatIsNotFired() {
        Escalation e = open();
        clock.advance(Duration.ofMinutes(5));
        var ack = (Outcome.Applied) transitions.decide(e, new Command.Acknowledge(ALICE), clock.instant());
        stores.escalations().save(ack.escalation(), ack.effects());

        scheduler.runOnce();

        Escalation stored = stores.escalations().find(e.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(Status.ACKNOWLEDGED);
        assertThat(stored.level()).isEqualTo(1);
        assertThat(fired).isEmpty();
    }

    @Test
    void twoReplicasRoundsReleasedTogetherOnTheSameDueStepFireItOnce() {
        Escalation e = open();
        clock.advance(Duration.ofMinutes(5));
        try (var other =
                new FireDueSteps(stores.steps(), stores.escalations(), transitions, clock, "replica-b", fired::add)) {
            Together.run(scheduler::runOnce, other::runOnce);
        }
        Escalation stored = stores.escalations().find(e.id()).orElseThrow();
        assertThat(stored.timeline())
                .filteredOn(entry -> entry.event() instanceof Event.Tagged)
                .hasSize(2);
        assertThat(fired).hasSize(1);
    }

    @Test
    void aStepTakenOverFromADeadReplicaFiresWithoutWaitingForTheRoundInProgress() throws Exception {
        Escalation e = open();
        clock.advance(Duration.ofMinutes(5));
        var roundStarted = new CountDownLatch(1);
        var roundMayGoOn = new CountDownLatch(1);
        // a round working through a backlog: held inside its query until the test lets it go
        StepQueue busy = new StepQueue() {
            @Override
            public List<DueStep> dueBy(Instant horizon, Instant now, int limit) {
                roundStarted.countDown();
                try {
                    roundMayGoOn.await();
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
                return List.of();
            }

            @Override
            public Optional<Escalation> claimStep(EscalationId id, String owner, Instant now, Duration lease) {
                return stores.steps().claimStep(id, owner, now, lease);
            }

            @Override
            public void releaseStep(EscalationId id, String owner) {
                stores.steps().releaseStep(id, owner);
            }
        };
        try (var steps = new FireDueSteps(busy, stores.escalations(), transitions, clock, "replica-b", fired::add);
                var round = Executors.newVirtualThreadPerTaskExecutor()) {
            try {
                round.submit(steps::runOnce);
                assertThat(roundStarted.await(30, TimeUnit.SECONDS)).isTrue();

                steps.fireTakenOver(List.of(new DueStep(e.id(), e.nextStepAt().orElseThrow())));

                // the listener hears of the step after its write is stored: wait for both before reading it
                Eventually.holds(
                        "the step taken over is stored and told while the round is still busy",
                        Duration.ofSeconds(30),
                        () -> stores.escalations().find(e.id()).orElseThrow().level() == 2 && !fired.isEmpty());
                assertThat(fired)
                        .singleElement()
                        .satisfies(step -> assertThat(step.fromStep()).isTrue());
            } finally {
                roundMayGoOn.countDown();
            }
        }
    }

    @Test
    void aStepTakenOverFromADeadReplicaFiresWhileTheWorkersHoldEveryCarrierThread() throws Exception {
        var backlog = new ArrayList<EscalationId>();
        for (int i = 0; i < FireDueSteps.CONCURRENCY; i++) {
            backlog.add(open().id());
        }
        Escalation e = open();
        clock.advance(Duration.ofMinutes(5));
        // this replica's own backlog, busy on the CPU: its workers, virtual threads, hold every carrier thread; the
        // dead replica's step is not in its round (its claim kept it out of the query until it was ended)
        var workers = new SpinningWorkers();
        StepQueue busy = new StepQueue() {
            @Override
            public List<DueStep> dueBy(Instant horizon, Instant now, int limit) {
                return stores.steps().dueBy(horizon, now, limit).stream()
                        .filter(step -> !step.id().equals(e.id()))
                        .toList();
            }

            @Override
            public Optional<Escalation> claimStep(EscalationId id, String owner, Instant now, Duration lease) {
                if (backlog.contains(id)) {
                    workers.spin();
                }
                return stores.steps().claimStep(id, owner, now, lease);
            }

            @Override
            public void releaseStep(EscalationId id, String owner) {
                stores.steps().releaseStep(id, owner);
            }
        };
        int carriers = Math.min(SpinningWorkers.carriers(), FireDueSteps.CONCURRENCY);
        try (var steps = new FireDueSteps(busy, stores.escalations(), transitions, clock, "replica-b", fired::add);
                var round = Executors.newSingleThreadExecutor()) {
            try {
                round.submit(steps::runOnce);
                Eventually.holds(
                        "every carrier thread held by a busy worker",
                        Duration.ofSeconds(30),
                        () -> workers.spinning() == carriers);

                steps.fireTakenOver(List.of(new DueStep(e.id(), e.nextStepAt().orElseThrow())));

                Eventually.holds(
                        "the step taken over is stored while the workers hold the carrier threads",
                        Duration.ofSeconds(30),
                        () -> stores.escalations().find(e.id()).orElseThrow().level() == 2);
                assertThat(workers.spinning()).isEqualTo(carriers);
            } finally {
                workers.release();
            }
        }
    }

    private Escalation open() {
        return ScenarioData.open(stores.escalations(), transitions, clock.instant(), ScenarioData.PAY);
    }
}
