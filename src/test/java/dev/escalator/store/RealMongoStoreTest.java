package dev.escalator.store;

import dev.escalator.testing.RealMongo;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The store contract on a real MongoDB replica set ({@link RealMongo}: the one {@code ESCALATOR_TEST_MONGODB_URI} names,
 * else MongoDB 8 in Docker through Testcontainers): each test on a database of its own, dropped after it. Skipped with
 * neither, with one line saying how to run it.
 */
@ExtendWith(RealMongo.Available.class)
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
