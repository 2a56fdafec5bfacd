package dev.escalator.schedule;

import dev.escalator.store.StoreConnection;
import dev.escalator.testing.RealMongo;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The replicas test on a real MongoDB replica set, when {@code ESCALATOR_TEST_MONGODB_URI} names one: two and three
 * bots on one database of its own, every step exactly once. Skipped otherwise, with one line saying how to run it.
 */
@EnabledIfEnvironmentVariable(
        named = RealMongo.VARIABLE,
        matches = ".+",
        disabledReason = "ESCALATOR_TEST_MONGODB_URI is not set: skipped on a real MongoDB (see docs/operations.md,"
                + " 'A staging check on MongoDB')")
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
