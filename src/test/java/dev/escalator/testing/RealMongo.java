package dev.escalator.testing;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClients;
import dev.escalator.store.StoreConnection;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * A real MongoDB replica set for the tests that also run on one: named by {@code ESCALATOR_TEST_MONGODB_URI} (for
 * example {@code mongodb://localhost:27017/?replicaSet=rs0}). Each test gets a database of its own, dropped after it.
 * Without the variable those tests are skipped, with one line that says how to run them.
 */
public final class RealMongo implements AutoCloseable {
    public static final String VARIABLE = "ESCALATOR_TEST_MONGODB_URI";

    private final String uri;
    private final String database;

    private RealMongo(String uri, String database) {
        this.uri = uri;
        this.database = database;
    }

    /** A fresh database on the real MongoDB; skips the calling test when no MongoDB is named. */
    public static RealMongo orSkip() {
        Optional<String> given = Optional.ofNullable(System.getenv(VARIABLE)).filter(uri -> !uri.isBlank());
        Assumptions.assumeTrue(
                given.isPresent(),
                VARIABLE + " is not set: skipped on a real MongoDB (set it to a replica set's URI to run; see"
                        + " docs/operations.md, 'A staging check on MongoDB')");
        String database = "escalator_test_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        return new RealMongo(withDatabase(given.orElseThrow(), database), database);
    }

    /** {@code uri} with its path set to {@code database}, its options kept. */
    public static String withDatabase(String uri, String database) {
        var parsed = new ConnectionString(uri);
        String hosts = String.join(",", parsed.getHosts());
        String scheme = uri.startsWith("mongodb+srv://") ? "mongodb+srv://" : "mongodb://";
        int credentialsEnd = uri.indexOf('@', scheme.length());
        String credentials = credentialsEnd < 0 ? "" : uri.substring(scheme.length(), credentialsEnd + 1);
        int query = uri.indexOf('?');
        String options = query < 0 ? "" : uri.substring(query);
        return scheme + credentials + hosts + "/" + database + options;
    }

    public String uri() {
        return uri;
    }

    public StoreConnection connect() {
        return StoreConnection.connect(uri);
    }

    /** Drops this test's database. */
    @Override
    public void close() {
        try (var client = MongoClients.create(uri)) {
            client.getDatabase(database).drop();
        }
    }
}
