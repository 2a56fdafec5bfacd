package dev.escalator.schedule;

import dev.escalator.store.StoreConnection;
import dev.escalator.testing.RealMongo;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The replicas test on a real MongoDB replica set ({@link RealMongo}: the one {@code ESCALATOR_TEST_MONGODB_URI} names,
 * else MongoDB 8 in Docker through Testcontainers): two and three bots on one database of its own, every step exactly
 * once. Skipped with neither, with one line saying how to run it.
 */
@ExtendWith(RealMongo.Available.class)
class RealMongoReplicasTest extends ReplicasTest {
    private Optional<RealMongo> mongo = Optional.empty();

    @BeforeEach
    void findRealMongo() {
        mongo = Optional.of(RealMongo.orSkip());
    }

    @AfterEach
    void dropItsDatabase() {
        mongo.ifPresent(RealMongo::close);
    }

    @Override
    StoreConnection newConnection() {
        return mongo.orElseThrow().connect();
    }
}
