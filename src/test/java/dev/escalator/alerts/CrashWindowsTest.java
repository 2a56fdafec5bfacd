package dev.escalator.alerts;

import static dev.escalator.alerts.AlertWorld.fixture;
import static dev.escalator.alerts.AlertWorld.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.config.Integration;
import dev.escalator.core.Actor;
import dev.escalator.core.EscalationId;
import dev.escalator.core.Event;
import dev.escalator.core.OpenRequest;
import dev.escalator.core.Status;
import dev.escalator.core.TimelineEntry;
import dev.escalator.store.MongoAlertKeys;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A replica killed at each step of an opening: the next alert for the key still opens exactly one escalation. The
 * dead replica's steps are replayed here on the store as it would have left them.
 */
class CrashWindowsTest {
    private static final String KEY = "{}/{team=\"payments\"}:{alertname=\"CheckoutLatencyHigh\"}";

    private AlertWorld world;
    private MongoAlertKeys deadReplica;

    @BeforeEach
    void start() throws Exception {
        world = new AlertWorld();
        deadReplica = new MongoAlertKeys(world.replica.store.database(), world.replica.store.calls());
    }

    @AfterEach
    void stop() throws Exception {
        world.close();
    }

    @Test
    void killedAfterClaimingTheKeyTheNextAlertOpensOnceTheClaimIsStale() {
        deadReplica.claim("prom", KEY, "dead", world.clock.instant());

        var tooSoon = world.alert("prom", fixture("alertmanager-firing.json"));
        world.clock.advance(AlertIntake.STALE_CLAIM);
        var retried = world.alert("prom", fixture("alertmanager-firing.json"));

        assertThat(tooSoon.statusCode()).isEqualTo(503);
        assertThat(world.escalationOf(retried).status()).isEqualTo(Status.OPEN);
        assertThat(world.unresolved()).isEqualTo(1);
    }

    @Test
    void killedAfterTyingAnIdToTheKeyTheNextAlertOpensUnderThatId() {
        var id = claimedAndTiedThirtySecondsAgo("dead");

        var retried = world.alert("prom", fixture("alertmanager-firing.json"));

        assertThat(json(retried).get("outcome").getAsString()).isEqualTo("opened");
        assertThat(world.escalationOf(retried).id()).isEqualTo(id);
        assertThat(world.unresolved()).isEqualTo(1);
    }

    @Test
    void killedAfterCreatingTheEscalationTheNextAlertRefiresIt() {
        var opened = world.escalationOf(world.alert("prom", fixture("alertmanager-firing.json")));
        world.clock.advance(Duration.ofSeconds(30));

        var again = world.alert("prom", fixture("alertmanager-firing.json"));

        assertThat(world.escalationOf(again).id()).isEqualTo(opened.id());
        assertThat(world.unresolved()).isEqualTo(1);
    }

    @Test
    void aTakeOverThatFindsTheEscalationCreatedAfterAllCountsARefireNotASecondOpening() throws BadAlert {
        // a replica claimed the key and tied an id to it, then stalled past the stale-claim time
        var id = claimedAndTiedThirtySecondsAgo("stalled");
        Integration prom = prom();
        AlertEvent alert = firing(prom);
        // ... and finishes its opening (the escalation, then the group's alerts) as another replica takes over its
        // claim
        AlertKeys keys = InterposedKeys.beforeTakeOver(deadReplica, () -> {
            world.replica.desk.open(id, opening(prom, alert));
            deadReplica.remember("prom", KEY, AlertmanagerFormat.names(alert.alerts()));
        });
        var registry = new SimpleMeterRegistry();
        var taker = replicaB(keys, registry);

        Receipt receipt = taker.receive(prom, alert);

        assertThat(receipt.outcome()).isEqualTo(Receipt.Outcome.REFIRED);
        assertThat(receipt.escalation()).contains(id);
        assertThat(registry.find("escalator.alerts.received")
                        .tag("outcome", "opened")
                        .counter())
                .as("the stalled opener counted it opened; the taker does not count it again")
                .isNull();
        assertThat(world.escalation(id).timeline())
                .extracting(TimelineEntry::event)
                .as("the taker's alert is recorded as a re-fire of the escalation it found")
                .anyMatch(Event.AlertFired.class::isInstance);
        assertThat(world.unresolved()).isEqualTo(1);
    }

    @Test
    void aClaimIsTakenOverOnlyAfterFourTimesTheSlowestOpeningThisReplicaSaw() throws BadAlert {
        deadReplica.claim("prom", KEY, "slow", world.clock.instant());
        Integration prom = prom();
        AlertEvent alert = firing(prom);
        var intake = replicaB(deadReplica, new SimpleMeterRegistry());
        intake.observeOpening(Duration.ofSeconds(10));

        world.clock.advance(AlertIntake.STALE_CLAIM.plusSeconds(5));
        Receipt tooSoon = intake.receive(prom, alert);
        world.clock.advance(Duration.ofSeconds(20));
        Receipt later = intake.receive(prom, alert);

        assertThat(tooSoon.outcome())
                .as("20 s: past the least stale time, not past 4 x 10 s")
                .isEqualTo(Receipt.Outcome.UNAVAILABLE);
        assertThat(later.outcome()).isEqualTo(Receipt.Outcome.OPENED);
        assertThat(world.unresolved()).isEqualTo(1);
    }

    @Test
    void aTakeOverLostToAnotherReplicaLeavesTheOpeningToThatReplica() throws BadAlert {
        var id = claimedAndTiedThirtySecondsAgo("dead");
        var otherReplica = new MongoAlertKeys(world.replica.store.database(), world.replica.store.calls());
        // replica-c takes the stale claim over in the instant before this replica tries to
        AlertKeys keys = InterposedKeys.beforeTakeOver(
                deadReplica, () -> otherReplica.takeOver("prom", KEY, "dead", "replica-c", world.clock.instant()));
        var loser = replicaB(keys, new SimpleMeterRegistry());

        Receipt receipt = loser.receive(prom(), firing(prom()));

        assertThat(receipt.outcome()).as("retry: replica-c is opening it").isEqualTo(Receipt.Outcome.UNAVAILABLE);
        assertThat(world.replica.stores.escalations().find(id))
                .as("left to replica-c, which holds the claim")
                .isEmpty();
        assertThat(deadReplica.find("prom", KEY).orElseThrow().claimant()).isEqualTo("replica-c");
    }

    @Test
    void theIntakeKeepsItsSlowestOpeningWhichATenthFadesFromWithEachFasterOne() throws BadAlert {
        Duration slow = Duration.ofSeconds(5);
        var firstAssign = new AtomicBoolean(true);
        AlertKeys keys = InterposedKeys.beforeAssign(deadReplica, () -> {
            if (firstAssign.getAndSet(false)) {
                storeTakes(slow);
            }
        });
        var intake = replicaB(keys, new SimpleMeterRegistry());
        Integration hook = integration("hook");
        Duration before = intake.staleAfter();

        long started = System.nanoTime();
        Receipt slowOpening = intake.receive(hook, genericFiring(hook, "slow"));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        Duration afterSlow = intake.staleAfter();
        Receipt fastOpening = intake.receive(hook, genericFiring(hook, "fast"));
        Duration afterFast = intake.staleAfter();

        assertThat(slowOpening.outcome()).isEqualTo(Receipt.Outcome.OPENED);
        assertThat(fastOpening.outcome()).isEqualTo(Receipt.Outcome.OPENED);
        assertThat(before).isEqualTo(AlertIntake.STALE_CLAIM);
        assertThat(afterSlow)
                .as("four times the slow opening, which took 5 s or more")
                .isBetween(
                        slow.multipliedBy(AlertIntake.STALE_TIMES_SLOWEST),
                        took.multipliedBy(AlertIntake.STALE_TIMES_SLOWEST));
        long slowest = afterSlow.toNanos() / AlertIntake.STALE_TIMES_SLOWEST;
        assertThat(afterFast)
                .as("a faster opening takes a tenth off the slowest")
                .isEqualTo(Duration.ofNanos(slowest - slowest / 10).multipliedBy(AlertIntake.STALE_TIMES_SLOWEST));
    }

    /** The key claimed by {@code claimant}, which tied an id to it and went quiet 30 s ago: the id. */
    private EscalationId claimedAndTiedThirtySecondsAgo(String claimant) {
        deadReplica.claim("prom", KEY, claimant, world.clock.instant());
        var id = world.replica.stores.escalations().nextId();
        deadReplica.assign("prom", KEY, claimant, id, false);
        world.clock.advance(Duration.ofSeconds(30));
        return id;
    }

    /** Another replica's intake, on {@code keys}, with the first replica's desk and store. */
    private AlertIntake replicaB(AlertKeys keys, MeterRegistry registry) {
        return new AlertIntake(
                world.config,
                keys,
                world.replica.desk,
                world.replica.stores.escalations(),
                world.clock,
                registry,
                "replica-b");
    }

    /** A store slow to answer: the slowness is what is measured, so it is spent, not waited out on a condition. */
    private static void storeTakes(Duration time) {
        try {
            Thread.sleep(time);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Integration prom() {
        return integration("prom");
    }

    private Integration integration(String name) {
        return world.config.integrations().stream()
                .filter(integration -> integration.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static AlertEvent genericFiring(Integration integration, String key) throws BadAlert {
        return AlertFormat.of(integration).read(Json.object(AlertWorld.generic(key, "firing")));
    }

    private static AlertEvent firing(Integration integration) throws BadAlert {
        return AlertFormat.of(integration).read(Json.object(fixture("alertmanager-firing.json")));
    }

    private OpenRequest opening(Integration integration, AlertEvent alert) {
        var destination = Routing.route(integration, alert);
        return new OpenRequest(
                AlertBrief.title(alert),
                AlertBrief.of(integration.name(), alert),
                destination.severity(),
                destination.path(),
                new Actor.Integration(integration.name()),
                world.config.channelFor(destination.path()).orElseThrow());
    }
}
