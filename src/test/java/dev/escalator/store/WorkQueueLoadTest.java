package dev.escalator.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.core.Command;
import dev.escalator.core.Escalation;
import dev.escalator.core.EscalationId;
import dev.escalator.core.Outcome;
import dev.escalator.core.Transitions;
import dev.escalator.schedule.DueStep;
import dev.escalator.testing.Fixtures;
import dev.escalator.testing.ScenarioData;
import dev.escalator.testing.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store's work queues loaded while the bot already serves: a load held after its first bucket (the scan
 * has read every bucket of this small store by then, so what it applies next is what the file held before) races the
 * process's own writes, which must win; steps that came due meanwhile are found when it ends; claims of the process
 * before are ended, this process's own are not.
 */
class WorkQueueLoadTest {
    private static final int COUNT = 250; // three buckets: 1-99, 100-199, 200-250
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;

    private final TestClock clock = new TestClock(Fixtures.T0);
    private final Transitions transitions = new Transitions(ScenarioData.twoLevels(TIMEOUT));
    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicLong heldBucket = new AtomicLong(-1);
    private final CountDownLatch loaded = new CountDownLatch(1);
    private StoreConnection connection;
    private Stores stores;
    private WorkQueueLoad load;

    @BeforeEach
    void seedAStoreWithItsEntriesKept() {
        var escalations = new ArrayList<Escalation>();
        for (long id = 1; id <= COUNT; id++) {
            escalations.add(ScenarioData.opened(transitions, new EscalationId(id), clock.instant()));
        }
        try (var seed = StoreConnection.open(Optional.empty(), dataDir)) {
            BulkSeed.insert(seed, escalations);
            BulkSeed.countFrom(seed, COUNT);
        }
    }

    @AfterEach
    void stop() {
        release.countDown();
        if (load != null) {
            load.close();
        }
        if (connection != null) {
            connection.close();
        }
    }

    @Test
    void aWriteDuringTheLoadWinsOverTheOlderEntryTheLoadBrings() throws Exception {
        startHeldLoad();
        EscalationId written = new EscalationId(heldBucket.get() == 2 ? 150 : 250);
        Escalation stored = stores.escalations().find(written).orElseThrow();

        // acknowledged: its next step is no longer level 2 in five minutes but the stale reminder in 30 days
        var ack = (Outcome.Applied) transitions.decide(stored, new Command.Acknowledge(ScenarioData.ALICE), now());
        assertThat(stores.escalations().save(ack.escalation(), ack.effects())).isTrue();
        release.countDown();
        assertThat(loaded.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        Instant due = Fixtures.T0.plus(TIMEOUT);
        List<EscalationId> dueIds = stores.steps().dueBy(due, due, COUNT + 1).stream()
                .map(DueStep::id)
                .toList();
        assertThat(dueIds).hasSize(COUNT - 1).doesNotContain(written);
        Instant stale = Fixtures.T0.plus(Duration.ofDays(31));
        assertThat(stores.steps().dueBy(stale, stale, COUNT + 1))
                .extracting(DueStep::id)
                .hasSize(COUNT)
                .contains(written);
    }

    @Test
    void aStepThatCameDueDuringTheLoadIsFoundWhenItEnds() throws Exception {
        startHeldLoad();
        clock.advance(TIMEOUT);

        List<DueStep> whileHeld = stores.steps().dueBy(now(), now(), COUNT + 1);
        assertThat(whileHeld)
                .as("only the bucket loaded so far")
                .isNotEmpty()
                .allMatch(step -> LocalWorkQueues.bucket(step.id().number()) == heldBucket.get());
        assertThat(loaded.getCount()).isEqualTo(1);

        release.countDown();
        assertThat(loaded.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        assertThat(stores.steps().dueBy(now(), now(), COUNT + 1))
                .extracting(DueStep::id)
                .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, COUNT)
                        .mapToObj(EscalationId::new)
                        .toList());
        assertThat(stores.escalations().countUnresolved()).isEqualTo(COUNT);
    }

    @Test
    void claimsOfTheProcessBeforeEndWhenTheLoadEndsButOneThisProcessTookMeanwhileStays() throws Exception {
        clock.advance(TIMEOUT);
        EscalationId heldLong = new EscalationId(1);
        EscalationId lapsed = new EscalationId(2);
        try (var before = StoreConnection.open(Optional.empty(), dataDir)) {
            var old = Stores.over(before, clock);
            assertThat(old.steps().claimStep(heldLong, "old", now(), Duration.ofHours(1)))
                    .isPresent();
            assertThat(old.steps().claimStep(lapsed, "old", now(), Duration.ofMinutes(1)))
                    .isPresent();
        }
        clock.advance(Duration.ofMinutes(2));

        startHeldLoad();
        // the old claim on ESC-2 lapsed: this process takes the step while the load is held
        assertThat(stores.steps().claimStep(lapsed, "this", now(), Duration.ofMinutes(1)))
                .isPresent();
        release.countDown();
        assertThat(loaded.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        List<EscalationId> dueIds = stores.steps().dueBy(now(), now(), COUNT + 1).stream()
                .map(DueStep::id)
                .toList();
        assertThat(dueIds)
                .as("the old process's hour-long claim is not waited for")
                .contains(heldLong);
        assertThat(dueIds).as("this process's claim is kept").doesNotContain(lapsed);
        assertThat(stores.steps().claimStep(lapsed, "someone else", now(), Duration.ofMinutes(1)))
                .isEmpty();
    }

    @Test
    void aStoreWithNothingKeptYetIsLoadedBeforeItsStoresAreReturned() {
        Path fresh = dataDir.resolve("fresh");
        connection = StoreConnection.open(Optional.empty(), fresh);
        stores = Stores.openedBeforeLoad(connection, clock);
        load = stores.workQueueLoad();

        load.start("this", loaded::countDown);

        assertThat(load.loaded()).isTrue();
        assertThat(loaded.getCount()).isZero();
    }

    /** Reopens the seeded store and starts its load, held after the first bucket it applies. */
    private void startHeldLoad() throws InterruptedException {
        connection = StoreConnection.open(Optional.empty(), dataDir);
        stores = Stores.openedBeforeLoad(connection, clock);
        assertThat(stores.steps().dueBy(now().plus(TIMEOUT), now(), 10))
                .as("nothing known before the load")
                .isEmpty();
        load = stores.workQueueLoad();
        load.start("this", loaded::countDown, bucket -> {
            if (heldBucket.compareAndSet(-1, bucket)) {
                held.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        assertThat(held.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }

    private Instant now() {
        return clock.instant();
    }
}
