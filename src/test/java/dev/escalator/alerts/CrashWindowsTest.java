package dev.escalator.alerts;

import static dev.escalator.alerts.AlertWorld.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.core.Status;
import dev.escalator.store.MongoAlertKeys;
import java.time.Duration;
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
}
