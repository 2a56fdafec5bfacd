package dev.escalator.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalator.core.Escalation;
import java.nio.file.Path;
import java.util.Optional;
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
    void aSecondProcessOnTheSameDataDirectoryGetsAClearError() {
        var error =
                org.assertj.core.api.Assertions.catchThrowable(() -> StoreConnection.open(Optional.empty(), dataDir));
        assertThat(error).hasMessageContaining("another Escalator").hasMessageContaining("MONGODB_URI");
    }
}
