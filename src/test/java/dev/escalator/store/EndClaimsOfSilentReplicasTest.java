package dev.escalator.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.core.Escalation;
import dev.escalator.core.Transitions;
import dev.escalator.delivery.Parcel;
import dev.escalator.schedule.DueStep;
import dev.escalator.testing.Fixtures;
import dev.escalator.testing.InMemoryMongo;
import dev.escalator.testing.ScenarioData;
import dev.escalator.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
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
        Escalation stepClaimed =
                ScenarioData.open(stores.escalations(), transitions, clock.instant(), ScenarioData.PAY);
        Escalation postsClaimed =
                ScenarioData.open(stores.escalations(), transitions, clock.instant(), ScenarioData.PAY);
        var dead = new WriteHeartbeat(connection, clock, "dead", () -> {});
        dead.runOnce();
        clock.advance(Duration.ofSeconds(1));
        assertThat(stores.steps().claimStep(stepClaimed.id(), "dead", clock.instant(), Duration.ofHours(1)))
                .isPresent();
        assertThat(stores.outbox().claim(postsClaimed.id(), dead.owner(), clock.instant(), Duration.ofHours(1)))
                .isPresent();

        clock.advance(EndClaimsOfSilentReplicas.SILENT);
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
