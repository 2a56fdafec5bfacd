package dev.escalator.alerts;

import static dev.escalator.alerts.AlertWorld.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.config.Integration;
import dev.escalator.core.Actor;
import dev.escalator.core.EscalationId;
import dev.escalator.core.OpenRequest;
import dev.escalator.core.Status;
import dev.escalator.store.MongoAlertKeys;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
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
        deadReplica.claim("prom", KEY, "dead", world.clock.instant());
        var id = world.replica.stores.escalations().nextId();
        deadReplica.assign("prom", KEY, "dead", id, false);
        world.clock.advance(Duration.ofSeconds(30));

        var retried = world.alert("prom", fixture("alertmanager-firing.json"));

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
        deadReplica.claim("prom", KEY, "stalled", world.clock.instant());
        var id = world.replica.stores.escalations().nextId();
        deadReplica.assign("prom", KEY, "stalled", id, false);
        world.clock.advance(Duration.ofSeconds(30));
        Integration prom = prom();
        AlertEvent alert = firing(prom);
        // ... and finishes its opening (the escalation, then the group's alerts) as another replica takes over its
        // claim
        AlertKeys keys = new TakenOverJustAfterTheOpenerFinished(deadReplica, () -> {
            world.replica.desk.open(id, opening(prom, alert));
            deadReplica.remember("prom", KEY, AlertmanagerFormat.names(alert.alerts()));
        });
        var registry = new SimpleMeterRegistry();
        var taker = new AlertIntake(
                world.config,
                keys,
                world.replica.desk,
                world.replica.stores.escalations(),
                world.clock,
                registry,
                "replica-b");

        Receipt receipt = taker.receive(prom, alert);

        assertThat(receipt.outcome()).isEqualTo(Receipt.Outcome.REFIRED);
        assertThat(receipt.escalation()).contains(id);
        assertThat(registry.find("escalator.alerts.received")
                        .tag("outcome", "opened")
                        .counter())
                .as("the stalled opener counted it opened; the taker does not count it again")
                .isNull();
        assertThat(world.unresolved()).isEqualTo(1);
    }

    @Test
    void aClaimIsTakenOverOnlyAfterFourTimesTheSlowestOpeningThisReplicaSaw() throws BadAlert {
        deadReplica.claim("prom", KEY, "slow", world.clock.instant());
        Integration prom = prom();
        AlertEvent alert = firing(prom);
        var intake = new AlertIntake(
                world.config,
                deadReplica,
                world.replica.desk,
                world.replica.stores.escalations(),
                world.clock,
                new SimpleMeterRegistry(),
                "replica-b");
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

    private Integration prom() {
        return world.config.integrations().stream()
                .filter(integration -> integration.name().equals("prom"))
                .findFirst()
                .orElseThrow();
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

    /** The store's keys, where the stalled opener's escalation is created just before its claim is taken over. */
    private record TakenOverJustAfterTheOpenerFinished(AlertKeys keys, Runnable openerFinishes) implements AlertKeys {
        @Override
        public Optional<Group> find(String integration, String key) {
            return keys.find(integration, key);
        }

        @Override
        public boolean claim(String integration, String key, String claimant, Instant now) {
            return keys.claim(integration, key, claimant, now);
        }

        @Override
        public boolean takeOver(String integration, String key, String from, String claimant, Instant now) {
            openerFinishes.run();
            return keys.takeOver(integration, key, from, claimant, now);
        }

        @Override
        public boolean assign(String integration, String key, String claimant, EscalationId escalation, boolean storm) {
            return keys.assign(integration, key, claimant, escalation, storm);
        }

        @Override
        public void remember(String integration, String key, Collection<String> alerts) {
            keys.remember(integration, key, alerts);
        }

        @Override
        public void release(String integration, String key, EscalationId escalation) {
            keys.release(integration, key, escalation);
        }

        @Override
        public long countNewGroup(String integration, long minute) {
            return keys.countNewGroup(integration, minute);
        }
    }
}
