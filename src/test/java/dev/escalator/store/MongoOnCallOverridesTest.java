package dev.escalator.store;

import static dev.escalator.testing.Fixtures.ALICE;
import static dev.escalator.testing.Fixtures.CAROL;
import static dev.escalator.testing.Fixtures.PAYMENTS_PRIMARY;
import static dev.escalator.testing.Fixtures.T0;
import static java.time.Duration.ofHours;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.core.OnCallOverride;
import dev.escalator.core.OnCallOverrideStore;
import dev.escalator.testing.InMemoryMongo;
import org.junit.jupiter.api.Test;

/** The override store on mongo-java-server through the real driver, as a second replica sees it too. */
class MongoOnCallOverridesTest extends OnCallOverrideStoreContract {
    private InMemoryMongo server;
    private StoreConnection connection;

    @Override
    OnCallOverrideStore create() {
        server = new InMemoryMongo();
        connection = StoreConnection.connect(server.uri());
        return new MongoOnCallOverrides(connection.database(), connection.calls(), clock, false);
    }

    @Override
    void close() {
        connection.close();
        server.close();
    }

    @Test
    void anotherReplicaSeesAnOverrideOnceItsViewIsNoLongerFresh() {
        var other = new MongoOnCallOverrides(connection.database(), connection.calls(), clock, false);
        assertThat(other.notOverAt(T0).all()).isEmpty();
        var override = new OnCallOverride(PAYMENTS_PRIMARY, CAROL, T0, T0.plus(ofHours(8)), ALICE);

        store.add(override);
        clock.advance(MongoOnCallOverrides.FRESH_FOR.plusMillis(1));

        assertThat(other.notOverAt(clock.instant()).all()).containsExactly(override);
    }

    @Test
    void overridesAreKeptInTheStoreAcrossARestart() {
        var override = new OnCallOverride(PAYMENTS_PRIMARY, CAROL, T0, T0.plus(ofHours(8)), ALICE);
        store.add(override);

        var restarted = new MongoOnCallOverrides(connection.database(), connection.calls(), clock, true);

        assertThat(restarted.notOverAt(T0).all()).containsExactly(override);
    }

    @Test
    void addingDropsTheRotationsOverridesThatAreOver() {
        store.add(new OnCallOverride(PAYMENTS_PRIMARY, CAROL, T0, T0.plus(ofHours(1)), ALICE));
        var later = new OnCallOverride(PAYMENTS_PRIMARY, ALICE, T0.plus(ofHours(2)), T0.plus(ofHours(3)), ALICE);

        store.add(later);

        var stored =
                connection.database().getCollection("oncall_overrides").find().first();
        assertThat(stored.getList("overrides", org.bson.Document.class)).hasSize(1);
    }
}
