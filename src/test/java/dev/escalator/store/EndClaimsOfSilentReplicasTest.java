package dev.escalator.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.core.Escalation;
import dev.escalator.core.EscalationId;
import dev.escalator.core.Event;
import dev.escalator.core.Transitions;
import dev.escalator.delivery.Parcel;
import dev.escalator.schedule.DueStep;
import dev.escalator.schedule.FireDueSteps;
import dev.escalator.schedule.StepQueue;
import dev.escalator.schedule.StoredChange;
import dev.escalator.testing.Eventually;
import dev.escalator.testing.Fixtures;
import dev.escalator.testing.InMemoryMongo;
import dev.escalator.testing.ScenarioData;
import dev.escalator.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Several replicas on one MongoDB: a replica killed with its claims held (an hour long here, so waiting for them
 * would show) has its work taken over once its heartbeat is silent, not when the claims lapse (SPEC §8: within 5 s);
 * its delivery claims a little later than its steps, once a post it may have started has landed.
 */
class EndClaimsOfSilentReplicasTest {
    /**
     * How long after the silence the survivor's round runs: a heartbeat is silent once strictly older than {@link
     * EndClaimsOfSilentReplicas#SILENT}; and less than the time between the step and the delivery take-overs ({@link
     * EndClaimsOfSilentReplicas#DELIVERY_SILENT} minus {@code SILENT}), so that a round sees only the steps'.
     */
    static final Duration A_MOMENT = Duration.ofMillis(100);

    final TestClock clock = new TestClock(Fixtures.T0);
    final Transitions transitions = new Transitions(ScenarioData.twoLevels(Duration.ofSeconds(1)));
    final InMemoryMongo server = new InMemoryMongo();
    final AtomicInteger wakeUps = new AtomicInteger();
    StoreConnection connection;
    Stores stores;
    EndClaimsOfSilentReplicas survivor;

    @BeforeEach
    void start() {
        connection = server.connect();
        stores = Stores.over(connection, clock);
        survivor = new EndClaimsOfSilentReplicas(connection, clock, "survivor", wakeUps::incrementAndGet);
    }

    @AfterEach
    void stop() {
        connection.close();
        server.close();
    }

    @Test
    void aKilledReplicasStepAndPostClaimsAreTakenOverOnceItsHeartbeatIsSilent() {
        Escalation stepClaimed = openedASecondAgo();
        Escalation postsClaimed = openedASecondAgo();
        KilledReplica.leavesClaimsOn(connection, stores, clock, stepClaimed, postsClaimed);

        clock.advance(EndClaimsOfSilentReplicas.SILENT.plus(A_MOMENT));
        survivor.runOnce();

        Instant now = clock.instant();
        assertThat(stores.steps().dueBy(now, now, 10)).extracting(DueStep::id).contains(stepClaimed.id());
        assertThat(stores.steps().claimStep(stepClaimed.id(), "survivor", now, Duration.ofSeconds(5)))
                .isPresent();
        assertThat(stores.outbox().waiting(now, 10))
                .as("a post the dead replica started may still be in flight")
                .doesNotContain(postsClaimed.id());

        clock.advance(EndClaimsOfSilentReplicas.DELIVERY_SILENT.minus(EndClaimsOfSilentReplicas.SILENT));
        survivor.runOnce();

        now = clock.instant();
        assertThat(stores.outbox().waiting(now, 10)).contains(postsClaimed.id());
        assertThat(stores.outbox().claim(postsClaimed.id(), "survivor", now, Duration.ofSeconds(20)))
                .as("the dead replica's post may be out unrecorded: the survivor looks for it first")
                .get()
                .extracting(Parcel::tookOver)
                .isEqualTo(true);
        assertThat(wakeUps)
                .as("the step and delivery loops were woken, for the steps and for the posts")
                .hasValue(2);
    }

    @Test
    void theWorkOfTheClaimsEndedIsHandedToThisReplicaToTakeOverAtOnce() {
        Escalation stepClaimed = openedASecondAgo();
        Escalation postsClaimed = openedASecondAgo();
        Instant due = stores.escalations()
                .find(stepClaimed.id())
                .orElseThrow()
                .nextStepAt()
                .orElseThrow();
        KilledReplica.leavesClaimsOn(connection, stores, clock, stepClaimed, postsClaimed);
        var handed = new ArrayList<EndClaimsOfSilentReplicas.Ended>();
        var takingOver = new EndClaimsOfSilentReplicas(connection, clock, "survivor", handed::add);

        clock.advance(EndClaimsOfSilentReplicas.SILENT.plus(A_MOMENT));
        takingOver.runOnce();
        clock.advance(EndClaimsOfSilentReplicas.DELIVERY_SILENT.minus(EndClaimsOfSilentReplicas.SILENT));
        takingOver.runOnce();
        takingOver.runOnce();

        assertThat(handed)
                .as("the step with its due time, then the posts; nothing again for claims already ended")
                .containsExactly(
                        new EndClaimsOfSilentReplicas.Ended(List.of(new DueStep(stepClaimed.id(), due)), List.of()),
                        new EndClaimsOfSilentReplicas.Ended(List.of(), List.of(postsClaimed.id())));
    }

    /** With level 1's timeout of a second, its step due now. */
    private Escalation openedASecondAgo() {
        return ScenarioData.open(
                stores.escalations(), transitions, clock.instant().minusSeconds(1), ScenarioData.PAY);
    }

    @Test
    void aReplicaPausedPastTheSilenceInTheMiddleOfAStepHasTheStepDoneOnce() throws Exception {
        Escalation e = ScenarioData.open(stores.escalations(), transitions, clock.instant(), ScenarioData.PAY);
        var paused = new WriteHeartbeat(connection, clock, "paused", () -> {});
        paused.runOnce();
        clock.advance(Duration.ofSeconds(1));
        var stored = new CopyOnWriteArrayList<StoredChange>();
        try (var survivorSteps = new FireDueSteps(
                        stores.steps(), stores.escalations(), transitions, clock, "survivor", stored::add);
                var pausedSteps = new FireDueSteps(
                        pausedAfterClaiming(() -> {
                            // a GC pause (or a CPU starved at load 30) longer than SILENT, right after the claim: the
                            // survivor takes the paused replica for dead and does the step it was handed
                            clock.advance(EndClaimsOfSilentReplicas.SILENT.plusSeconds(1));
                            new EndClaimsOfSilentReplicas(
                                            connection,
                                            clock,
                                            "survivor",
                                            ended -> survivorSteps.fireTakenOver(ended.steps()))
                                    .runOnce();
                            Eventually.holds(
                                    "the survivor did the step", Duration.ofSeconds(30), () -> !stored.isEmpty());
                        }),
                        stores.escalations(),
                        transitions,
                        clock,
                        "paused",
                        stored::add)) {

            pausedSteps.runOnce();
        }

        Escalation after = stores.escalations().find(e.id()).orElseThrow();
        assertThat(after.level()).isEqualTo(2);
        assertThat(after.timeline())
                .as("level 2 tagged once: the paused replica's save lost to the survivor's")
                .filteredOn(entry -> entry.event() instanceof Event.Tagged tagged && tagged.level() == 2)
                .hasSize(1);
        assertThat(stored).hasSize(1);
    }

    /** The store's step queue, as a replica that pauses right after it claims a step, for as long as {@code pause}. */
    private StepQueue pausedAfterClaiming(Runnable pause) {
        StepQueue queue = stores.steps();
        return new StepQueue() {
            @Override
            public List<DueStep> dueBy(Instant horizon, Instant now, int limit) {
                return queue.dueBy(horizon, now, limit);
            }

            @Override
            public Optional<Escalation> claimStep(EscalationId id, String owner, Instant now, Duration lease) {
                Optional<Escalation> claimed = queue.claimStep(id, owner, now, lease);
                claimed.ifPresent(escalation -> pause.run());
                return claimed;
            }

            @Override
            public void releaseStep(EscalationId id, String owner) {
                queue.releaseStep(id, owner);
            }
        };
    }

    @Test
    void aStallOfEveryHeartbeatHasNobodyTakenForDeadUntilThisReplicasOwnIsOnTimeAgain() {
        Escalation stepClaimed = openedASecondAgo();
        Escalation postsClaimed = openedASecondAgo();
        var own = new WriteHeartbeat(connection, clock, "survivor", () -> {});
        own.runOnce();
        KilledReplica.leavesClaimsOn(connection, stores, clock, stepClaimed, postsClaimed);

        // no heartbeat lands for a while, the survivor's own neither: the store or the machine stalled
        clock.advance(EndClaimsOfSilentReplicas.DELIVERY_SILENT.plusSeconds(1));
        survivor.runOnce();

        assertThat(wakeUps)
                .as("the other replica silent no longer than this one: nothing ended")
                .hasValue(0);
        assertThat(stores.outbox().waiting(clock.instant(), 10)).doesNotContain(postsClaimed.id());

        own.runOnce();
        survivor.runOnce();

        assertThat(wakeUps)
                .as("this replica's heartbeat on time again: the other's silence counts, its claims are ended")
                .hasValue(1);
        assertThat(stores.outbox().waiting(clock.instant(), 10)).contains(postsClaimed.id());
    }

    @Test
    void aRoundComesAsSoonAsAHeartbeatItReadWouldFallSilent() {
        new WriteHeartbeat(connection, clock, "other", () -> {}).runOnce();
        Instant silentFrom =
                clock.instant().plus(EndClaimsOfSilentReplicas.SILENT).plusMillis(1);

        clock.advance(EndClaimsOfSilentReplicas.SILENT.minusMillis(100));

        assertThat(survivor.runOnce())
                .as("sooner than a round's interval from now")
                .contains(silentFrom);
    }

    @Test
    void aLiveReplicasClaimsAndARecentHeartbeatAreLeftAlone() {
        Escalation e = ScenarioData.open(stores.escalations(), transitions, clock.instant(), ScenarioData.PAY);
        var alive = new WriteHeartbeat(connection, clock, "alive", () -> {});
        alive.runOnce();
        assertThat(stores.outbox().claim(e.id(), alive.owner(), clock.instant(), Duration.ofHours(1)))
                .isPresent();

        clock.advance(WriteHeartbeat.EVERY);
        alive.runOnce();
        clock.advance(WriteHeartbeat.EVERY);
        survivor.runOnce();

        assertThat(stores.outbox().waiting(clock.instant(), 10)).doesNotContain(e.id());
        assertThat(wakeUps).hasValue(0);
    }

    @Test
    void aSilentReplicaIsHandledOnceUntilItsHeartbeatComesBack() {
        Escalation e = ScenarioData.open(stores.escalations(), transitions, clock.instant(), ScenarioData.PAY);
        var paused = new WriteHeartbeat(connection, clock, "paused", () -> {});
        paused.runOnce();
        clock.advance(EndClaimsOfSilentReplicas.DELIVERY_SILENT.plusSeconds(1));
        survivor.runOnce();

        paused.runOnce();
        assertThat(stores.outbox().claim(e.id(), paused.owner(), clock.instant(), Duration.ofHours(1)))
                .isPresent();
        survivor.runOnce();

        assertThat(stores.outbox().waiting(clock.instant(), 10))
                .as("back: its new claim holds")
                .doesNotContain(e.id());
    }

    @Test
    void aReplicaSeenSilentPostsNothingMoreForTheClaimsItHeldThen() {
        var slow = new WriteHeartbeat(connection, clock, "slow", () -> {});
        slow.runOnce();
        String claimedAs = slow.owner();
        assertThat(slow.mayPost(claimedAs, clock.instant())).isTrue();

        clock.advance(EndClaimsOfSilentReplicas.DELIVERY_SILENT.plusSeconds(1));
        survivor.runOnce();

        assertThat(slow.mayPost(claimedAs, clock.instant()))
                .as("its claims were ended, and may have been taken over")
                .isFalse();
        assertThat(slow.owner())
                .as("claims taken from now on are another life's")
                .isNotEqualTo(claimedAs);
        assertThat(slow.mayPost(slow.owner(), clock.instant())).isTrue();
    }

    @Test
    void aReplicaLateButNotSeenSilentKeepsItsClaims() {
        var late = new WriteHeartbeat(connection, clock, "late", () -> {});
        late.runOnce();
        String claimedAs = late.owner();

        clock.advance(WriteHeartbeat.POST_WINDOW.plusSeconds(1));

        assertThat(late.mayPost(claimedAs, clock.instant()))
                .as("its heartbeat written again before posting, in the same life")
                .isTrue();
    }
}
