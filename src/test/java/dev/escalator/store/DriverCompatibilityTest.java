package dev.escalator.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import java.nio.file.Path;
import java.util.Optional;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pinned MongoDB driver still speaks to the embedded server. A driver upgrade that raises its minimum wire version
 * past what mongo-java-server reports, or changes the handshake, fails here with a message naming both, instead of as
 * a puzzling time-out at start-up.
 */
class DriverCompatibilityTest {
    @TempDir
    Path dataDir;

    @Test
    void thePinnedDriverConnectsToTheEmbeddedServerAndDoesAGuardedUpdate() {
        String driver = com.mongodb.internal.build.MongoDriverVersion.VERSION;
        try (var connection = StoreConnection.open(Optional.empty(), dataDir)) {
            assertThat(connection.reachable())
                    .as(
                            "mongodb-driver-sync %s cannot talk to the embedded mongo-java-server; pin a driver version"
                                    + " it supports (see mongodb-driver.version in pom.xml)",
                            driver)
                    .isTrue();

            var counters = connection.database().getCollection("compatibility");
            Document after = counters.findOneAndUpdate(
                    Filters.eq("_id", "c"),
                    Updates.inc("n", 1L),
                    new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
            assertThat(after)
                    .as("findOneAndUpdate with upsert through driver %s", driver)
                    .isNotNull();
            assertThat(after.getLong("n")).isEqualTo(1L);
        }
    }
}
