package dev.escalator.store;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import dev.escalator.core.Escalation;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Optional;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on the embedded default: mongo-java-server with its H2 file under the data directory. */
class EmbeddedFileStoreTest extends EscalationStoreContract {
    @TempDir
    Path dataDir;

    private StoreConnection connection;

    @Override
    StoreConnection connect() {
        connection = StoreConnection.open(Optional.empty(), dataDir);
        return connection;
    }

    @Override
    void disconnect() {
        connection.close();
    }

    @Test
    void dataSurvivesClosingAndReopeningTheStore() {
        Escalation e = open("Checkout is failing");
        connection.close();

        connection = StoreConnection.open(Optional.empty(), dataDir);
        var reopened = Stores.over(connection, clock);

        assertThat(reopened.escalations().find(e.id())).contains(e);
        assertThat(reopened.escalations().nextId().number()).isEqualTo(e.id().number() + 1);
    }

    @Test
    void aFileWrittenByMongoJavaServersOwnH2BackendOpensWithItsData() {
        Escalation e = open("Checkout is failing");
        connection.close();
        var plain = new MongoServer(
                new H2Backend(dataDir.resolve(EmbeddedMongo.FILE_NAME).toString()));
        plain.bind(new InetSocketAddress("127.0.0.1", 0), 1, EmbeddedMongo.SERIAL);
        try (var viaPlain = StoreConnection.connect(
                "mongodb://127.0.0.1:" + plain.getLocalAddress().getPort() + "/escalator")) {
            assertThat(Stores.over(viaPlain, clock).escalations().find(e.id())).contains(e);
            viaPlain.database().getCollection("notes").insertOne(new Document("_id", "written by the plain backend"));
        } finally {
            plain.shutdown();
        }

        connection = StoreConnection.open(Optional.empty(), dataDir);

        assertThat(Stores.over(connection, clock).escalations().find(e.id())).contains(e);
        assertThat(connection.database().getCollection("notes").find().first())
                .isEqualTo(new Document("_id", "written by the plain backend"));
    }

    @Test
    void aSecondProcessOnTheSameDataDirectoryGetsAClearError() {
        var error =
                org.assertj.core.api.Assertions.catchThrowable(() -> StoreConnection.open(Optional.empty(), dataDir));
        assertThat(error).hasMessageContaining("another Escalator").hasMessageContaining("MONGODB_URI");
    }
}
