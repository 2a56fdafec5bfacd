package dev.escalator.store;

import dev.escalator.testing.RealMongo;
import java.util.Optional;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The store contract on a real MongoDB replica set, when {@code ESCALATOR_TEST_MONGODB_URI} names one: each test on a
 * database of its own, dropped after it. Skipped otherwise, with one line saying how to run it.
 */
@EnabledIfEnvironmentVariable(
        named = RealMongo.VARIABLE,
        matches = ".+",
        disabledReason = "ESCALATOR_TEST_MONGODB_URI is not set: skipped on a real MongoDB (see docs/operations.md,"
                + " 'A staging check on MongoDB')")
class RealMongoStoreTest extends EscalationStoreContract {
    private Optional<RealMongo> mongo = Optional.empty();
    private Optional<StoreConnection> connection = Optional.empty();

    @Override
    StoreConnection connect() {
        var real = RealMongo.orSkip();
        mongo = Optional.of(real);
        var connected = real.connect();
        connection = Optional.of(connected);
        return connected;
    }

    @Override
    void disconnect() {
        // after a skip there is nothing to close
        connection.ifPresent(StoreConnection::close);
        mongo.ifPresent(RealMongo::close);
    }
}
